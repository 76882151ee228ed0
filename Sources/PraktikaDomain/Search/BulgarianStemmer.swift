import Foundation

/// The built-in Bulgarian stemmer, used where no dictionary is installed and for words the
/// dictionary does not know. Two light steps, each removing at most one ending and always
/// leaving three letters: first the definite article (and the endings that fuse with it), then a
/// plural or gender ending; then the fleeting е of a final -ен goes (традиционен, традиционна and
/// традиционните share „традиционн“). Measured on the inflection families of hunspell-bg in
/// `tools/stemming/` (RESULTS.md, by compare.py, beside Lucene's stemmer and BulStem); it keeps to what it is
/// sure of rather than guessing at roots, and so keeps a verb's many forms apart (issue #27).
public enum BulgarianStemmer {
    static let articles = sortedLongestFirst([
        "ището", "ищата", "овете", "ията", "ието", "ът", "ят", "та", "то", "те", "ия", "ият", "ата", "ото", "ите",
    ])
    static let endings = sortedLongestFirst(["ове", "ища", "ище", "еве", "и", "а", "я", "о", "е", "ъ"])
    static let minimumStem = 3
    static let vowels: Set<Character> = ["а", "ъ", "о", "у", "е", "и", "ю", "я", "э", "ы"]
    /// Raised whenever a word may get another key, so that indexes made before are rebuilt.
    public static let version = 2

    static func sortedLongestFirst(_ list: [String]) -> [String] { list.sorted { $0.count > $1.count } }

    /// The stem of one lower-case word.
    public static func stem(_ word: String) -> String {
        var w = word
        for group in [articles, endings] {
            for suffix in group where w.hasSuffix(suffix) && w.count - suffix.count >= minimumStem {
                w.removeLast(suffix.count)
                break
            }
        }
        // -ен after a consonant loses its е when an ending follows (a masculine adjective or noun
        // keeps it): both are keyed without it.
        if w.count >= 5, w.hasSuffix("ен"), let before = w.dropLast(2).last, !vowels.contains(before) {
            w.removeLast(2)
            w.append("н")
        }
        return w
    }
}
