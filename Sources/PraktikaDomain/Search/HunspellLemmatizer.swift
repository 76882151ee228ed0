import Foundation

/// Maps inflected forms to their dictionary entries, using a Hunspell dictionary (Debian's
/// `hunspell-bg`): every entry is expanded by its affix rules, and each form points to the entries
/// it belongs to. A form of several entries (a participle and its verb, a verbal noun and its verb)
/// gets all of their keys, so that each entry's forms share a key and no key mixes two entries.
public struct HunspellLemmatizer: Sendable {
    /// The entries' keys: the entry word in lower case.
    let keys: [String]
    /// The same keys, numbered as the entries, for finding an entry by its key.
    private let keyTable: ByteStringTable
    /// Form → the indices of its entries in `keys`.
    private let forms: FormTable

    public var formCount: Int { forms.count }
    public var entryCount: Int { keys.count }

    /// The keys of a lower-case word, or nil when the dictionary does not know it.
    public func keys(for word: String) -> [String]? {
        forms.entries(of: word).map { $0.map { keys[Int($0)] } }
    }

    /// The entries of a lower-case word given as UTF-8, or nil when the dictionary does not know it.
    func entries(utf8 word: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        forms.entries(utf8: word)
    }

    /// The entry whose key is `key`, if any.
    func entry(key: String) -> Int32? {
        keyTable.number(of: key).map { Int32($0) }
    }

    /// Reads `bg_BG.aff` and `bg_BG.dic` (or any pair) from text.
    public init(affix: String, dictionary: String) {
        let rules = AffixRules(affix)
        var keys: [String] = []
        var keyIndex: [String: Int32] = [:]
        var forms = FormTable()
        var first = true
        for line in dictionary.split(separator: "\n", omittingEmptySubsequences: true) {
            if first {
                first = false
                if Int(line.trimmingCharacters(in: .whitespaces)) != nil { continue }
            }
            let entry = line.split(separator: "/", maxSplits: 1)
            let word = String(entry[0]).trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            let flags = entry.count > 1 ? String(entry[1]).trimmingCharacters(in: .whitespaces) : ""
            let key = BulgarianText.normalize(word)
            let index: Int32
            if let existing = keyIndex[key] {
                index = existing
            } else {
                index = Int32(keys.count)
                keys.append(key)
                keyIndex[key] = index
            }
            for form in rules.expand(word, flags: flags) {
                forms.add(BulgarianText.normalize(form), entry: index)
            }
        }
        self.keys = keys
        self.forms = forms
        var keyTable = ByteStringTable(capacity: keys.count)
        for key in keys { _ = keyTable.add(key) }
        self.keyTable = keyTable
    }

    /// The installed Bulgarian dictionary, if there is one: `PRAKTIKA_HUNSPELL_DIR` or
    /// /usr/share/hunspell; `PRAKTIKA_DICTIONARY=none` turns it off. The caller passes the
    /// settings it was configured with: the domain reads no process state.
    public static func installed(environment: [String: String]) -> HunspellLemmatizer? {
        if environment["PRAKTIKA_DICTIONARY"] == "none" { return nil }
        let directory = environment["PRAKTIKA_HUNSPELL_DIR"] ?? "/usr/share/hunspell"
        guard let affix = try? String(contentsOfFile: directory + "/bg_BG.aff", encoding: .utf8),
            let dictionary = try? String(contentsOfFile: directory + "/bg_BG.dic", encoding: .utf8)
        else { return nil }
        return HunspellLemmatizer(affix: affix, dictionary: dictionary)
    }
}

/// The forms of a dictionary and the entries each belongs to: the forms in a `ByteStringTable`
/// and one entry number per form (or, for the few forms of several entries, a list). Close to a
/// million forms take about 35 MB this way, against about 140 MB as a `[String: Int32]`.
struct FormTable: Sendable {
    private var forms = ByteStringTable(capacity: 1 << 20)
    /// Each form's entry, or for a form of several entries `-1 - i` with `i` an index into `shared`.
    private var entry: [Int32] = []
    private var shared: [[Int32]] = []

    var count: Int { forms.count }

    /// The entries of a form, or nil when it is not in the table.
    func entries(of form: String) -> [Int32]? {
        var form = form
        return form.withUTF8 { entries(utf8: $0) }
    }

    func entries(utf8 form: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        guard let number = forms.number(of: form) else { return nil }
        let e = entry[number]
        return e >= 0 ? [e] : shared[Int(-1 - e)]
    }

    /// Records that `form` belongs to entry `index`.
    mutating func add(_ form: String, entry index: Int32) {
        let (number, added) = forms.add(form)
        if added {
            entry.append(index)
            return
        }
        let e = entry[number]
        if e >= 0 {
            if e != index {
                entry[number] = Int32(-1 - shared.count)
                shared.append([e, index])
            }
        } else if !shared[Int(-1 - e)].contains(index) {
            shared[Int(-1 - e)].append(index)
        }
    }
}

/// The suffix and prefix rules of a Hunspell affix file (what hunspell-bg uses: SFX and PFX with
/// strip, add and a condition; single-character flags; a prefix may combine with a suffix).
struct AffixRules {
    struct Rule {
        let strip: String
        let add: String
        /// The condition as character classes, matched against the end (SFX) or start (PFX).
        let condition: [Set<Character>?]
        let negated: [Bool]
    }

    var suffixes: [Character: [Rule]] = [:]
    var prefixes: [Character: [Rule]] = [:]

    init(_ text: String) {
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard parts.count >= 5, parts[0] == "SFX" || parts[0] == "PFX", let flag = parts[1].first else { continue }
            let strip = parts[2] == "0" ? "" : parts[2]
            let add = parts[3] == "0" ? "" : String(parts[3].split(separator: "/").first ?? "")
            let (condition, negated) = Self.parse(parts[4])
            let rule = Rule(strip: strip, add: add, condition: condition, negated: negated)
            if parts[0] == "SFX" { suffixes[flag, default: []].append(rule) } else { prefixes[flag, default: []].append(rule) }
        }
    }

    /// "[^аъ]ен" → [[^аъ], [е], [н]]; "." → any.
    static func parse(_ condition: String) -> ([Set<Character>?], [Bool]) {
        var classes: [Set<Character>?] = []
        var negated: [Bool] = []
        var chars = Array(condition)
        if condition == "." { return ([], []) }
        while !chars.isEmpty {
            let c = chars.removeFirst()
            if c == "[" {
                var set: Set<Character> = []
                var not = false
                if chars.first == "^" {
                    not = true
                    chars.removeFirst()
                }
                while let d = chars.first, d != "]" {
                    set.insert(d)
                    chars.removeFirst()
                }
                if !chars.isEmpty { chars.removeFirst() }
                classes.append(set)
                negated.append(not)
            } else if c == "." {
                classes.append(nil)
                negated.append(false)
            } else {
                classes.append([c])
                negated.append(false)
            }
        }
        return (classes, negated)
    }

    static func matches(_ rule: Rule, _ letters: ArraySlice<Character>) -> Bool {
        guard letters.count >= rule.condition.count else { return false }
        for (i, cls) in rule.condition.enumerated() {
            guard let cls else { continue }
            let c = letters[letters.startIndex + i]
            if cls.contains(c) == rule.negated[i] { return false }
        }
        return true
    }

    func expand(_ word: String, flags: String) -> [String] {
        var forms = [word]
        let letters = Array(word)
        for flag in flags {
            for rule in suffixes[flag] ?? [] where word.hasSuffix(rule.strip) {
                guard Self.matches(rule, letters.suffix(rule.condition.count)) else { continue }
                forms.append(String(word.dropLast(rule.strip.count)) + rule.add)
            }
        }
        let suffixed = forms
        for flag in flags {
            for rule in prefixes[flag] ?? [] {
                for base in suffixed where base.hasPrefix(rule.strip) {
                    guard Self.matches(rule, Array(base).prefix(rule.condition.count)) else { continue }
                    forms.append(rule.add + String(base.dropFirst(rule.strip.count)))
                }
            }
        }
        return forms
    }
}
