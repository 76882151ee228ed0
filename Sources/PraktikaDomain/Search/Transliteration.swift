import Foundation

/// The official Bulgarian transliteration (Закон за транслитерацията, 2009) and its reverse for
/// search queries typed in Latin letters.
public enum Transliteration {
    static let toLatin: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
        "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ѝ": "i",
    ]

    /// The act's one exception: the country's name keeps its established spelling.
    static let exceptions: [String: String] = ["българия": "bulgaria"]

    /// Bulgarian text in Latin letters by the 2009 act: "щ" → "sht", a final "-ия" → "-ia".
    /// Works on lower-case text; other characters pass unchanged.
    public static func latin(_ text: String) -> String {
        if let exception = exceptions[text] { return exception }
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            // "ия" at the end of a word is "ia", not "iya".
            if c == "и", i + 1 < chars.count, chars[i + 1] == "я", i + 2 == chars.count || !chars[i + 2].isLetter {
                out += "ia"
                i += 2
                continue
            }
            out += toLatin[c] ?? String(c)
            i += 1
        }
        return out
    }

    /// Latin letters back to Cyrillic, longest sequence first. The act maps both "а" and "ъ" to "a",
    /// and "й" and "ь" to "y", so a Latin word can stand for several Cyrillic ones: all of them are
    /// returned (at most `limit`), the most likely first ("а" before "ъ", "й" before "ь").
    public static func cyrillicCandidates(_ word: String, limit: Int = 16) -> [String] {
        let chars = Array(word)
        var results: [String] = [""]
        var i = 0
        let sequences: [(String, [String])] = [
            ("sht", ["щ"]), ("zh", ["ж"]), ("ts", ["ц"]), ("ch", ["ч"]), ("sh", ["ш"]), ("yu", ["ю"]), ("ya", ["я"]),
        ]
        let single: [Character: [String]] = [
            "a": ["а", "ъ"], "b": ["б"], "v": ["в"], "g": ["г"], "d": ["д"], "e": ["е"], "z": ["з"], "i": ["и"], "y": ["й", "ь"],
            "k": ["к"], "l": ["л"], "m": ["м"], "n": ["н"], "o": ["о"], "p": ["п"], "r": ["р"], "s": ["с"], "t": ["т"], "u": ["у"],
            "f": ["ф"], "h": ["х"], "c": ["ц", "к"], "w": ["в"], "x": ["кс"], "q": ["к"], "j": ["дж", "й"],
        ]
        func extend(_ options: [String]) {
            var next: [String] = []
            for r in results { for o in options { next.append(r + o) } }
            results = Array(next.prefix(limit))
        }
        while i < chars.count {
            // A final "ia" is "ия".
            if chars[i] == "i", i + 1 == chars.count - 1, chars[i + 1] == "a" {
                extend(["ия"])
                i += 2
                continue
            }
            var matched = false
            for (latin, cyrillic) in sequences {
                let length = latin.count
                if i + length <= chars.count, String(chars[i..<(i + length)]) == latin {
                    extend(cyrillic)
                    i += length
                    matched = true
                    break
                }
            }
            if matched { continue }
            extend(single[chars[i]] ?? [String(chars[i])])
            i += 1
        }
        return results
    }

    /// Whether a word is written in Latin letters only.
    public static func isLatin(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }
}
