extension String {
    /// Escapes text for HTML or XML element content and attribute values alike: `& < > " '`.
    /// Most text holds none of them and comes back as it is; the rest is rebuilt byte by byte
    /// (the five are ASCII, so a multi-byte character is never split).
    public var markupEscaped: String {
        var text = self
        return text.withUTF8 { utf8 in
            guard let first = utf8.firstIndex(where: Self.needsEscaping) else { return self }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 32)
            out.append(contentsOf: utf8[..<first])
            for byte in utf8[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }
}
