/// Reads the strings at chosen places of a JSON text without decoding the rest: values on other
/// paths are skipped over byte by byte, with no value built for them. A search page cuts its
/// snippets from a few texts of twenty stored designs; decoding those designs with
/// `JSONDecoder` cost more than reading them from the database.
public enum JSONStrings {
    /// One step of a path: an object's member, or every element of an array.
    public enum Step: Hashable, Sendable {
        case key(String)
        case each
    }

    /// The strings found at each of `paths`, in the order the text holds them (a path through
    /// `.each` can find several); a value of another type (a number, null, an object) at a path's
    /// end is left out. Nil when the text is not well-formed JSON.
    public static func strings(in utf8: UnsafeBufferPointer<UInt8>, at paths: [[Step]]) -> [[String]]? {
        var reader = Reader(bytes: utf8, paths: paths, found: Array(repeating: [], count: paths.count))
        reader.skipSpace()
        guard reader.value(depth: 0, live: Array(paths.indices)) else { return nil }
        reader.skipSpace()
        guard reader.at == utf8.count else { return nil }
        return reader.found
    }

    public static func strings(in text: String, at paths: [[Step]]) -> [[String]]? {
        var text = text
        return text.withUTF8 { strings(in: $0, at: paths) }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let paths: [[Step]]
        var found: [[String]]
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>, paths: [[Step]], found: [[String]]) {
            self.bytes = bytes
            self.paths = paths
            self.found = found
        }

        var current: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
        }

        /// Reads one value at `depth`, where the paths `live` still lead; false on malformed JSON.
        mutating func value(depth: Int, live: [Int]) -> Bool {
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth, live: live)
            case UInt8(ascii: "["): return array(depth: depth, live: live)
            case UInt8(ascii: "\""):
                let ending = live.filter { paths[$0].count == depth }
                guard !ending.isEmpty else { return skipString() }
                guard let text = string() else { return false }
                for path in ending { found[path].append(text) }
                return true
            default: return scalar()
            }
        }

        mutating func object(depth: Int, live: [Int]) -> Bool {
            var more: Bool? = open(closing: UInt8(ascii: "}"))
            while more == true {
                guard current == UInt8(ascii: "\"") else { return false }
                // Where no path leads, the keys need not be decoded either.
                var next: [Int] = []
                if live.isEmpty {
                    guard skipString() else { return false }
                } else {
                    guard let key = string() else { return false }
                    next = live.filter { paths[$0].count > depth && paths[$0][depth] == .key(key) }
                }
                skipSpace()
                guard current == UInt8(ascii: ":") else { return false }
                at += 1
                skipSpace()
                guard next.isEmpty ? skipValue() : value(depth: depth + 1, live: next) else { return false }
                more = separator(closing: UInt8(ascii: "}"))
            }
            return more != nil
        }

        mutating func array(depth: Int, live: [Int]) -> Bool {
            let next = live.filter { paths[$0].count > depth && paths[$0][depth] == .each }
            var more: Bool? = open(closing: UInt8(ascii: "]"))
            while more == true {
                guard next.isEmpty ? skipValue() : value(depth: depth + 1, live: next) else { return false }
                more = separator(closing: UInt8(ascii: "]"))
            }
            return more != nil
        }

        /// Past a container's opening bracket: whether a first member or element follows (false
        /// when the container is empty, and then past its closing bracket too).
        mutating func open(closing: UInt8) -> Bool {
            at += 1
            skipSpace()
            guard current == closing else { return true }
            at += 1
            return false
        }

        /// After a member or an element: true when another follows, false past the container's
        /// end, nil when the text is malformed there.
        mutating func separator(closing: UInt8) -> Bool? {
            skipSpace()
            switch current {
            case UInt8(ascii: ","):
                at += 1
                skipSpace()
                return true
            case closing:
                at += 1
                return false
            default: return nil
            }
        }

        /// Passes over a value no path leads into, checking only what it must to find its end.
        mutating func skipValue() -> Bool {
            switch current {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["): return value(depth: 0, live: [])
            default: return scalar()
            }
        }

        /// A number, true, false or null.
        mutating func scalar() -> Bool {
            let start = at
            while let byte = current, !Self.ends(byte) { at += 1 }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<at])
            if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8) { return true }
            return Self.isNumber(word)
        }

        static func ends(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20 || byte == 0x0A
                || byte == 0x0D || byte == 0x09
        }

        /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        static func isNumber(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            func digits() -> Int {
                let start = i
                while i < word.count, word[i] >= UInt8(ascii: "0"), word[i] <= UInt8(ascii: "9") { i += 1 }
                return i - start
            }
            if i < word.count, word[i] == UInt8(ascii: "-") { i += 1 }
            let whole = i
            let count = digits()
            guard count > 0, count == 1 || word[whole] != UInt8(ascii: "0") else { return false }
            if i < word.count, word[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return false }
            }
            if i < word.count, word[i] == UInt8(ascii: "e") || word[i] == UInt8(ascii: "E") {
                i += 1
                if i < word.count, word[i] == UInt8(ascii: "+") || word[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return false }
            }
            return i == word.count
        }

        mutating func skipString() -> Bool {
            at += 1
            while let byte = current {
                at += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case UInt8(ascii: "\\"):
                    guard current != nil else { return false }
                    at += 1
                case 0..<0x20: return false
                default: break
                }
            }
            return false
        }

        /// A string, decoded; the reader is on its opening quote.
        mutating func string() -> String? {
            at += 1
            let start = at
            // Most strings have no escape: they are their bytes.
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { at += 1 }
            guard let stop = current else { return nil }
            if stop == UInt8(ascii: "\"") {
                at += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(at - 1)]), as: UTF8.self)
            }
            guard stop == UInt8(ascii: "\\") else { return nil }
            var decoded = Array(bytes[start..<at])
            while let byte = current {
                at += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return nil }
                    at += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        // A character outside the basic plane comes as a surrogate pair.
                        if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"), at + 1 < bytes.count,
                            bytes[at + 1] == UInt8(ascii: "u")
                        {
                            let mark = at
                            at += 2
                            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                at = mark
                            }
                        }
                        decoded.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: decoded.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }
    }
}
