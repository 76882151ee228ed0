import Foundation

/// The kinds of file people may attach: slides, documents and photos. The kind is read from the
/// file's first bytes, never from what the browser claims, and must agree with the file's extension.
public enum AttachmentKind: String, Sendable, Codable, CaseIterable {
    case pdf, png, jpeg, webp, pptx, odp, docx, ppt

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .ppt: "application/vnd.ms-powerpoint"
        }
    }

    public var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        default: [rawValue]
        }
    }

    public var isImage: Bool { self == .png || self == .jpeg || self == .webp }

    /// The largest file accepted: photos are smaller than slides.
    public var maxBytes: Int { isImage ? 5 * 1024 * 1024 : 10 * 1024 * 1024 }

    public static let maxBytes = 10 * 1024 * 1024

    /// What the bytes are, or nil for anything not on the list. Office files are ZIP archives:
    /// they are told apart by the entries near the start.
    public static func sniff(_ bytes: [UInt8]) -> AttachmentKind? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ppt }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
            if head.contains("application/vnd.oasis.opendocument.presentation") { return .odp }
            if head.contains("ppt/") { return .pptx }
            if head.contains("word/") { return .docx }
            // The content-types entry comes first in files Office writes; its names tell the kind.
            if head.contains("[Content_Types].xml") {
                let all = String(decoding: bytes, as: UTF8.self)
                if all.contains("ppt/presentation.xml") { return .pptx }
                if all.contains("word/document.xml") { return .docx }
            }
        }
        return nil
    }

    /// Checks an upload: a name, a size within the limit, a known kind, and an extension that
    /// matches it. The problem, if any, is a catalogue key for the field.
    public static func check(filename: String, bytes: [UInt8]) -> (kind: AttachmentKind?, error: FieldError?) {
        let name = filename.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !bytes.isEmpty else { return (nil, FieldError(.validationRequired)) }
        guard bytes.count <= maxBytes else { return (nil, FieldError(.attachmentTooLarge, ["max": "10 MB"])) }
        guard let kind = sniff(bytes) else { return (nil, FieldError(.attachmentKind)) }
        let ext = (name.split(separator: ".").last.map(String.init) ?? "").lowercased()
        guard kind.extensions.contains(ext) else { return (nil, FieldError(.attachmentExtension, ["kind": kind.rawValue.uppercased()])) }
        guard bytes.count <= kind.maxBytes else {
            return (nil, FieldError(.attachmentTooLarge, ["max": "\(kind.maxBytes / 1024 / 1024) MB"]))
        }
        if let problem = FileStructure.problem(kind, bytes) { return (nil, FieldError(problem)) }
        return (kind, nil)
    }

    /// A file name safe to send back in a header: letters, digits and `._-` kept, the rest as `_`.
    public static func safeName(_ filename: String) -> String {
        let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        let cleaned = String(base.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }).prefix(120)
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "file" + cleaned : String(cleaned)
    }
}

/// A stored file's description (the bytes stay in the database).
public struct AttachmentInfo: Sendable, Hashable, Codable {
    public let id: Int64
    public let filename: String
    public let kind: AttachmentKind
    public let size: Int

    public init(id: Int64, filename: String, kind: AttachmentKind, size: Int) {
        self.id = id
        self.filename = filename
        self.kind = kind
        self.size = size
    }
}

/// Checks that a file is what its first bytes say and nothing else: no web page hidden in its
/// first kilobyte (where a browser that ignores the declared type looks), a picture whose
/// structure holds from its header to its end, and an archive (an Office file) whose declared
/// contents stay within what a document needs, so that nobody who opens it unpacks gigabytes.
public enum FileStructure {
    /// What an Office file may unpack to, and how many entries it may hold.
    public static let maxUnpackedBytes: UInt64 = 300 * 1024 * 1024
    public static let maxEntries = 5_000

    public static func problem(_ kind: AttachmentKind, _ bytes: [UInt8]) -> TextKey? {
        if containsMarkup(bytes) { return .attachmentBroken }
        switch kind {
        case .png: return pngHolds(bytes) ? nil : .attachmentBroken
        case .webp: return webpHolds(bytes) ? nil : .attachmentBroken
        // Phones append data after the end marker (motion photos), so the marker need not be last.
        case .jpeg: return containsEndOfImage(bytes) ? nil : .attachmentBroken
        case .pptx, .odp, .docx:
            guard let archive = zipContents(bytes) else { return .attachmentBroken }
            return archive.entries > maxEntries || archive.unpacked > maxUnpackedBytes ? .attachmentArchiveTooLarge : nil
        case .pdf, .ppt: return nil
        }
    }

    /// Tags that make a browser read bytes as a page.
    static let markup = ["<html", "<script", "<!doctype", "<body", "<head", "<iframe", "<svg", "<object", "<embed", "<meta"]

    static func containsMarkup(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        return markup.contains { head.contains($0) }
    }

    static func bigEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func littleEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
    }

    /// Chunk after chunk with correct checksums, IHDR first, IEND last, nothing after it.
    static func pngHolds(_ b: [UInt8]) -> Bool {
        var at = 8
        var first = true
        while at + 12 <= b.count {
            let length = Int(bigEndian32(b, at))
            guard length <= b.count - at - 12 else { return false }
            let type = Array(b[(at + 4)..<(at + 8)])
            if first, type != Array("IHDR".utf8) { return false }
            first = false
            let crc = bigEndian32(b, at + 8 + length)
            guard CRC32.checksum(b[(at + 4)..<(at + 8 + length)]) == crc else { return false }
            at += 12 + length
            if type == Array("IEND".utf8) { return at == b.count }
        }
        return false
    }

    static func containsEndOfImage(_ b: [UInt8]) -> Bool {
        b.count > 4 && (2..<(b.count - 1)).contains { b[$0] == 0xFF && b[$0 + 1] == 0xD9 }
    }

    /// The RIFF header's size is the file's.
    static func webpHolds(_ b: [UInt8]) -> Bool {
        b.count >= 12 && Int(littleEndian(b, 4, 4)) + 8 == b.count
    }

    /// The entries of a ZIP archive and the bytes they declare unpacked, read from its central
    /// directory; nil when there is none where the end record says.
    static func zipContents(_ b: [UInt8]) -> (entries: Int, unpacked: UInt64)? {
        guard b.count >= 22 else { return nil }
        // The end record is in the last 64 KiB (its comment is at most 65,535 bytes).
        var end = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while end >= lowest, !(b[end] == 0x50 && b[end + 1] == 0x4B && b[end + 2] == 0x05 && b[end + 3] == 0x06) { end -= 1 }
        guard end >= lowest else { return nil }
        let entries = Int(littleEndian(b, end + 10, 2))
        let size = Int(littleEndian(b, end + 12, 4))
        let offset = Int(littleEndian(b, end + 16, 4))
        // 0xFFFF / 0xFFFFFFFF mean ZIP64: far beyond what a document needs.
        if entries == 0xFFFF || offset == 0xFFFF_FFFF || size == 0xFFFF_FFFF { return (Int.max, UInt64.max) }
        guard offset + size <= end else { return nil }
        var at = offset
        var unpacked: UInt64 = 0
        for _ in 0..<entries {
            guard at + 46 <= offset + size, littleEndian(b, at, 4) == 0x0201_4B50 else { return nil }
            let entry = littleEndian(b, at + 24, 4)
            if entry == 0xFFFF_FFFF { return (entries, UInt64.max) }
            unpacked += entry
            at += 46 + Int(littleEndian(b, at + 28, 2)) + Int(littleEndian(b, at + 30, 2)) + Int(littleEndian(b, at + 32, 2))
        }
        return (entries, unpacked)
    }
}
