import Foundation

/// Splits Bulgarian text into the words the search index keeps, and gives each its key.
public enum BulgarianText {
    /// Lower case, "ѝ" as "и" (the accent only tells the pronoun from the conjunction), Latin
    /// look-alikes inside a Cyrillic word as Cyrillic.
    public static func normalize(_ word: String) -> String {
        let lower = foldingLookalikes(word).lowercased()
        // Most words have no "ѝ" (one scalar, or "и" with a combining grave): look for it before
        // paying for a replacement.
        guard lower.unicodeScalars.contains(where: { $0 == "\u{045D}" || $0 == "\u{0300}" }) else { return lower }
        return lower.replacingOccurrences(of: "ѝ", with: "и")
    }

    /// Raised whenever `normalize` may give a word another form, so that indexes are rebuilt.
    public static let normalizationVersion = 2

    /// Latin letters that look like Cyrillic ones, for words typed in both scripts at once.
    static let lookalikes: [Character: Character] = [
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х",
        "Y": "У", "a": "а", "c": "с", "e": "е", "k": "к", "o": "о", "p": "р", "x": "х", "y": "у",
    ]

    /// A word mixing Cyrillic and Latin letters („библиотекa“ with a Latin „a“, as a keyboard
    /// switched mid-word or a copied text leaves it) is read in Cyrillic: its Latin look-alikes
    /// become the Cyrillic letters they look like. A word in one script stays as it is.
    static func foldingLookalikes(_ word: String) -> String {
        var latin = false
        var cyrillic = false
        for byte in word.utf8 {
            if byte == 0xD0 || byte == 0xD1 {
                cyrillic = true
            } else if byte < 0x80, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A {
                latin = true
            }
        }
        guard latin, cyrillic else { return word }
        return String(word.map { lookalikes[$0] ?? $0 })
    }

    /// The same name or phrase however it was typed: case, "ѝ", spacing and punctuation aside
    /// ("НЧ  „Светлина“" and "нч светлина" agree). For matching names, not for the search index.
    public static func comparisonKey(_ text: String) -> String {
        tokens(normalize(text)).joined(separator: " ")
    }

    /// Words as they stand in the text: runs of letters and digits (an inner hyphen keeps a
    /// compound together: "Глоб@лни" becomes "глоб", "лни"; "е-услуги" stays one word).
    public static func tokens(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { utf8 in
            var scanner = WordScanner(utf8)
            var out: [String] = []
            while let word = scanner.next() { out.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[word]), as: UTF8.self)) }
            return out
        }
    }

    /// Finds the words of a text's UTF-8 bytes one after another, as byte ranges, reading no
    /// further than the word it returns: a snippet stops as soon as its passage is complete.
    /// Letters and digits make words; a combining mark stays with what it follows ("и" and a
    /// grave accent are one letter); a hyphen between a word and a letter joins them. ASCII and
    /// Cyrillic are told apart by range, other scripts by their Unicode category.
    public struct WordScanner {
        private let bytes: UnsafeBufferPointer<UInt8>
        private var position = 0

        /// `bytes` must stay valid while the scanner is used (a `withUTF8` closure).
        public init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        public mutating func next() -> Range<Int>? {
            // Skip to the first letter or digit; a combining mark there belongs to the gap.
            while position < bytes.count {
                let (scalar, length) = scalar(at: position)
                if Self.kind(scalar) == .wordStart { break }
                position += length
            }
            guard position < bytes.count else { return nil }
            let start = position
            position += scalar(at: position).length
            while position < bytes.count {
                let (scalar, length) = scalar(at: position)
                switch Self.kind(scalar) {
                case .wordStart, .mark: position += length
                case .other where scalar == 0x2D:  // "-"
                    let after = position + length
                    guard after < bytes.count, Self.isLetter(self.scalar(at: after).value) else { return start..<position }
                    position = after
                case .other: return start..<position
                }
            }
            return start..<position
        }

        /// The scalar that starts at byte `i` of valid UTF-8, and how many bytes it takes.
        private func scalar(at i: Int) -> (value: UInt32, length: Int) {
            let lead = UInt32(bytes[i])
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            guard length > 1, i + length <= bytes.count else { return (lead, 1) }
            var value = lead & (0xFF >> UInt32(length + 1))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            return (value, length)
        }

        private enum Kind { case wordStart, mark, other }

        private static func kind(_ value: UInt32) -> Kind {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x400...0x481, 0x48A...0x52F: return .wordStart
            case 0...0x7F, 0x2000...0x206F: return .other
            case 0x300...0x36F, 0x483...0x489: return .mark
            default:
                guard let s = Unicode.Scalar(value) else { return .other }
                if isLetter(value) || s.properties.numericType != nil { return .wordStart }
                return s.properties.isGraphemeExtend ? .mark : .other
            }
        }

        private static func isLetter(_ value: UInt32) -> Bool {
            switch value {
            case 0x41...0x5A, 0x61...0x7A, 0x400...0x481, 0x48A...0x52F: return true
            case 0...0x7F, 0x2000...0x206F, 0x300...0x36F, 0x482...0x489: return false
            default:
                switch Unicode.Scalar(value)?.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
                default: return false
                }
            }
        }
    }

    /// `stopWords` as UTF-8, for looking words up without making strings of them.
    static let stopWordTable: ByteStringTable = {
        var table = ByteStringTable(capacity: stopWords.count)
        for word in stopWords { _ = table.add(word) }
        return table
    }()

    /// Function words that say nothing about what a practice is about.
    public static let stopWords: Set<String> = [
        "а", "аз", "ако", "без", "би", "бил", "била", "били", "било", "бих", "бъде", "беше", "бяха", "в", "вас", "ве", "вече",
        "ви", "вие", "във", "го", "да", "дали", "до", "докато", "е", "едва", "един", "една", "едно", "за", "затова", "защо",
        "и", "из", "или", "им", "има", "как", "като", "какво", "какъв", "каква", "какви", "кога", "когато", "кое", "кои",
        "кой", "коя", "който", "която", "което", "които", "към", "къде", "където", "ли", "между", "ме", "мен", "ми", "му",
        "на", "над", "нас", "не", "него", "нея", "нещо", "ни", "ние", "нито", "нищо", "но", "някой", "няма", "о", "обаче",
        "около", "от", "още", "по", "под", "поради", "при", "пред", "през", "пък", "с", "са", "само", "се", "сега", "си",
        "след", "сме", "сте", "със", "също", "съм", "та", "така", "там", "те", "теб", "тези", "ти", "то", "това", "тогава",
        "този", "той", "тук", "тя", "у", "че", "ще", "щом", "я",
    ]
}

/// What the search index stores for each word: the dictionary entries it belongs to where a
/// dictionary is installed, the built-in stem otherwise. Words in Latin letters keep themselves
/// as their key in documents ("ONLINE" → "online"); in queries they also stand for the Bulgarian
/// words they may transliterate ("pensioneri" → "пенсионери").
public struct BulgarianAnalyzer: Sendable {
    public let dictionary: HunspellLemmatizer?

    public init(dictionary: HunspellLemmatizer?) {
        self.dictionary = dictionary
    }

    /// What decides the keys: the built-in stemmer's version, or the dictionary's size. An index
    /// made by another analyzer is rebuilt (`praktika reindex` does it by hand).
    public var identity: String {
        let text = "text:\(BulgarianText.normalizationVersion)"
        if let dictionary { return "hunspell-bg:\(dictionary.entryCount):\(dictionary.formCount);\(text)" }
        return "stemmer:\(BulgarianStemmer.version);\(text)"
    }

    /// Keys of one normalized Cyrillic word.
    public func keys(ofWord word: String) -> [String] {
        dictionary?.keys(for: word) ?? [BulgarianStemmer.stem(word)]
    }

    /// Each indexed word of a document with its keys; stop words are left out.
    public func document(_ text: String) -> [(token: String, keys: [String])] {
        BulgarianText.tokens(text).compactMap(documentWord)
    }

    /// One word of a document as the index keeps it (normalized, with its keys), or nil for a
    /// stop word.
    public func documentWord(_ raw: String) -> (token: String, keys: [String])? {
        let word = BulgarianText.normalize(raw)
        guard !BulgarianText.stopWords.contains(word) else { return nil }
        if Transliteration.isLatin(word) || word.allSatisfy(\.isNumber) { return (word, [word]) }
        return (word, keys(ofWord: word))
    }

    /// Tells whether words of a document have one of a set of keys, giving the answer of
    /// `documentWord` without building the word's keys: a word of Cyrillic letters only (most
    /// words) is lower-cased byte by byte and looked up in the dictionary as bytes, its entries
    /// compared as numbers. Any other word takes `documentWord`'s way.
    public struct KeyTest: Sendable {
        public let keys: Set<String>
        let analyzer: BulgarianAnalyzer
        /// The dictionary entries whose keys are among `keys`.
        private let entries: Set<Int32>

        public init(keys: Set<String>, analyzer: BulgarianAnalyzer) {
            self.keys = keys
            self.analyzer = analyzer
            entries = Set(keys.compactMap { analyzer.dictionary?.entry(key: $0) })
        }

        public func matches(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { buffer in
                guard let lowered = Self.lowerCyrillic(word, into: buffer) else { return slowMatches(word) }
                let lower = UnsafeBufferPointer(rebasing: buffer[..<lowered])
                if BulgarianText.stopWordTable.number(of: lower) != nil { return false }
                if let dictionary = analyzer.dictionary, let found = dictionary.entries(utf8: lower) {
                    return found.contains(where: entries.contains)
                }
                return keys.contains(BulgarianStemmer.stem(String(decoding: lower, as: UTF8.self)))
            }
        }

        private func slowMatches(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            analyzer.documentWord(String(decoding: word, as: UTF8.self)).map { !keys.isDisjoint(with: $0.keys) } ?? false
        }

        /// Writes the word in lower case, "ѝ" as "и", when it is made of Cyrillic letters
        /// (U+0400–U+045F) only, and returns its length; nil for any other word.
        static func lowerCyrillic(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
            guard !word.isEmpty, word.count % 2 == 0 else { return nil }
            var i = 0
            while i < word.count {
                let (lead, next) = (word[i], word[i + 1])
                guard next & 0xC0 == 0x80 else { return nil }
                // The scalar's offset from U+0400: 0x00–0x5F.
                let offset: UInt8
                switch lead {
                case 0xD0: offset = next - 0x80
                case 0xD1 where next <= 0x9F: offset = next - 0x80 + 0x40
                default: return nil
                }
                var lower = offset < 0x10 ? offset + 0x50 : (offset < 0x30 ? offset + 0x20 : offset)
                if lower == 0x5D { lower = 0x38 }  // ѝ → и
                out[i] = lower < 0x40 ? 0xD0 : 0xD1
                out[i + 1] = 0x80 + (lower & 0x3F)
                i += 2
            }
            return word.count
        }
    }

    /// Each word of a query with every key it may match: a Latin word also as the Bulgarian words
    /// it transliterates (the ones the dictionary knows, or the likeliest when there is none).
    public func query(_ text: String) -> [(token: String, keys: [String])] {
        BulgarianText.tokens(text).compactMap { raw in
            let word = BulgarianText.normalize(raw)
            guard !BulgarianText.stopWords.contains(word) else { return nil }
            guard Transliteration.isLatin(word) else {
                return word.allSatisfy(\.isNumber) ? (word, [word]) : (word, keys(ofWord: word))
            }
            var keys = [word]
            let candidates = Transliteration.cyrillicCandidates(word)
            // Read as a Bulgarian stop word ("na", "za", "i"), it is one: "korpus na mira" asks
            // what "корпус на мира" asks, and no document keeps "на" to match.
            if let likeliest = candidates.first, BulgarianText.stopWords.contains(likeliest) { return nil }
            let known = candidates.filter { dictionary?.keys(for: $0) != nil }
            for candidate in known.isEmpty ? Array(candidates.prefix(1)) : known {
                for key in self.keys(ofWord: candidate) where !keys.contains(key) { keys.append(key) }
            }
            return (word, keys)
        }
    }
}
