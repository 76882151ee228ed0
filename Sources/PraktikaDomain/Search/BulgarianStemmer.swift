import Foundation

/// The built-in Bulgarian stemmer, used where no dictionary is installed and for words the
/// dictionary does not know. A word is keyed by its dictionary word shortened by the light stemmer
/// (`light`: one article, one ending, the fleeting е of -ен), so that a verb's aorist, imperfect and
/// participles meet its present („организирахме“, „организираха“, „организираме“ →
/// „организирам“) and a noun's forms meet as before („градовете“, „града“ → „град“). A word of
/// more than `shortWord` letters takes the rule of the longest ending it has (remove so many
/// letters, add these); a shorter one takes `light` alone. The rules
/// (`BulgarianStemmerRules.swift`) are endings shared by at least ten entries of hunspell-bg,
/// learned and measured by `tools/stemming/learn_rules.py`; the dictionary's words are not
/// shipped. RESULTS.md there measures the stemmer beside Lucene's and BulStem (issue #27).
public enum BulgarianStemmer {
    /// Raised whenever a word may get another key, so that indexes made before are rebuilt.
    public static let version = 3

    struct Rule: Sendable, Equatable {
        let strip: Int
        let add: String
    }

    /// The rules as a trie over endings read backwards: from the last letter of a word towards its
    /// first, each step one letter. A node may hold the rule for the ending that leads to it.
    struct Endings: Sendable {
        /// Each node's children as (letter, node) pairs.
        var children: [[(letter: Unicode.Scalar, node: Int32)]] = [[]]
        var rules: [Rule?]

        /// `root` is the rule of the empty ending, for a word none of whose endings has one.
        init(_ text: String, root: Rule) {
            rules = [root]
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: false)
                guard fields.count >= 2, let strip = Int(fields[1]) else { continue }
                var node = 0
                for letter in fields[0].unicodeScalars.reversed() {
                    if let next = children[node].first(where: { $0.letter == letter }) {
                        node = Int(next.node)
                    } else {
                        children.append([])
                        rules.append(nil)
                        children[node].append((letter, Int32(children.count - 1)))
                        node = children.count - 1
                    }
                }
                rules[node] = Rule(strip: strip, add: fields.count > 2 ? String(fields[2]) : "")
            }
        }

        /// The rule of the longest ending of `word` that leaves `minimumStem` of its letters.
        func rule(for word: [Unicode.Scalar], minimumStem: Int) -> Rule? {
            var node = 0
            var found: Rule?
            var depth = 0
            while true {
                if let rule = rules[node], word.count - rule.strip >= minimumStem { found = rule }
                guard depth < word.count, depth < BulgarianStemmer.maximumEnding,
                    let next = children[node].first(where: { $0.letter == word[word.count - 1 - depth] })
                else { break }
                node = Int(next.node)
                depth += 1
            }
            return found
        }
    }

    static let endings = Endings(ruleText, root: defaultRule)

    /// The key of one lower-case word.
    public static func stem(_ word: String) -> String {
        let letters = Array(word.unicodeScalars)
        if letters.count <= shortWord { return light(word) }
        guard let rule = endings.rule(for: letters, minimumStem: minimumStem), rule.strip > 0 || !rule.add.isEmpty
        else { return word }
        var key = String.UnicodeScalarView(letters[..<(letters.count - rule.strip)])
        key.append(contentsOf: rule.add.unicodeScalars)
        return String(key)
    }

    static let articles = sortedLongestFirst([
        "ището", "ищата", "овете", "ията", "ието", "ът", "ят", "та", "то", "те", "ия", "ият", "ата", "ото", "ите",
    ])
    static let lightEndings = sortedLongestFirst(["ове", "ища", "ище", "еве", "и", "а", "я", "о", "е", "ъ"])
    static let vowels: Set<Character> = ["а", "ъ", "о", "у", "е", "и", "ю", "я", "э", "ы"]

    static func sortedLongestFirst(_ list: [String]) -> [String] { list.sorted { $0.count > $1.count } }

    /// The stemmer before the rules, and the shape of every key: at most one article (and the
    /// endings that fuse with it), then at most one plural or gender ending, each leaving three
    /// letters; then the fleeting е of a final -ен goes (традиционен, традиционна → „традиционн“).
    public static func light(_ word: String) -> String {
        var w = word
        for group in [articles, lightEndings] {
            for suffix in group where w.hasSuffix(suffix) && w.count - suffix.count >= 3 {
                w.removeLast(suffix.count)
                break
            }
        }
        if w.count >= 5, w.hasSuffix("ен"), let before = w.dropLast(2).last, !vowels.contains(before) {
            w.removeLast(2)
            w.append("н")
        }
        return w
    }
}
