import Foundation

/// Splits Bulgarian text into the words the search index keeps, and gives each its key.
public enum BulgarianText {
    /// Lower case, "ѝ" as "и" (the accent only tells the pronoun from the conjunction).
    public static func normalize(_ word: String) -> String {
        let lower = word.lowercased()
        // Most words have no "ѝ" (one scalar, or "и" with a combining grave): look for it before
        // paying for a replacement.
        guard lower.unicodeScalars.contains(where: { $0 == "\u{045D}" || $0 == "\u{0300}" }) else { return lower }
        return lower.replacingOccurrences(of: "ѝ", with: "и")
    }

    /// The same name or phrase however it was typed: case, "ѝ", spacing and punctuation aside
    /// ("НЧ  „Светлина“" and "нч светлина" agree). For matching names, not for the search index.
    public static func comparisonKey(_ text: String) -> String {
        tokens(normalize(text)).joined(separator: " ")
    }

    /// Words as they stand in the text: runs of letters and digits (an inner hyphen keeps a
    /// compound together: "Глоб@лни" becomes "глоб", "лни"; "е-услуги" stays one word).
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if c.isLetter || c.isNumber {
                current.append(c)
            } else if c == "-", !current.isEmpty, i + 1 < chars.count, chars[i + 1].isLetter {
                current.append(c)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

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

    /// The analyzer of this installation, loaded once (the dictionary takes a moment to expand).
    public static let shared = BulgarianAnalyzer(dictionary: HunspellLemmatizer.installed())

    /// Keys of one normalized Cyrillic word.
    public func keys(ofWord word: String) -> [String] {
        dictionary?.keys(for: word) ?? [BulgarianStemmer.stem(word)]
    }

    /// Each indexed word of a document with its keys; stop words are left out.
    public func document(_ text: String) -> [(token: String, keys: [String])] {
        BulgarianText.tokens(text).compactMap { raw in
            let word = BulgarianText.normalize(raw)
            guard !BulgarianText.stopWords.contains(word) else { return nil }
            if Transliteration.isLatin(word) || word.allSatisfy(\.isNumber) { return (word, [word]) }
            return (word, keys(ofWord: word))
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
            let known = candidates.filter { dictionary?.keys(for: $0) != nil }
            for candidate in known.isEmpty ? Array(candidates.prefix(1)) : known {
                for key in self.keys(ofWord: candidate) where !keys.contains(key) { keys.append(key) }
            }
            return (word, keys)
        }
    }
}
