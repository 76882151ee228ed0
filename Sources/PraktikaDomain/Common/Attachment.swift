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
