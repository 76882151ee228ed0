import Foundation

/// What the index keeps of a design: the keys of its words in three fields, weighted in that
/// order when results are ranked (title above target group above the rest).
public struct SearchDocument: Sendable, Equatable {
    public var title: String
    public var target: String
    public var body: String
    /// The distinct words of the design as written (normalized), for "did you mean".
    public var words: [String]

    public init(_ d: ServiceDesign, analyzer: BulgarianAnalyzer) {
        func keys(_ texts: [String?]) -> String {
            texts.compactMap { $0 }.flatMap { analyzer.document($0).flatMap(\.keys) }.joined(separator: " ")
        }
        title = keys([d.title])
        target = keys([d.targetGroup.description, d.targetGroup.category.label(.bg)])
        let texts: [String?] = [d.title, d.targetGroup.description, d.needs, d.service, d.goal, d.summary] + d.activities.map(\.title)
        words = Array(
            Set(
                texts.compactMap { $0 }.flatMap { analyzer.document($0).map(\.token) }
                    .filter { $0.count >= 3 && !Transliteration.isLatin($0) && !$0.allSatisfy(\.isNumber) })
        ).sorted()
        body = keys(
            [
                d.summary, d.needs, d.service, d.goal, d.resources.existingNotes, d.resources.needed, d.channelNotes, d.expectedResults,
                d.socialEffect, d.economicEffect,
            ]
                + d.activities.map(\.title) + d.partners.map(\.name) + d.partners.map(\.role) + d.indicators.map(\.name)
                + d.budget.map(\.item))
    }
}

/// A query as the index reads it: each word with the keys any of which may match.
public struct SearchQuery: Sendable, Equatable {
    public private(set) var terms: [[String]]
    /// The words typed with a closing "*" ("библ*"), each to match any word that begins with it.
    /// They match nothing until `expanded` has replaced them with the index's keys.
    public private(set) var prefixes: [Prefix] = []

    /// A word typed as a prefix: the forms its keys may begin with (normalized; a Latin one also
    /// as its likeliest Cyrillic spelling), and the word's own keys, which match as they are
    /// ("библиотеки*" finds "библиотека" by its key even though no key begins with it).
    public struct Prefix: Sendable, Equatable {
        public let forms: [String]
        public let keys: [String]
    }

    /// At most this many words of a query are prefixes: the first typed with a star, as the word
    /// still being typed is. A star on a later word is ignored, so that "а* б* в* …" costs no more
    /// than one prefix (on PostgreSQL, `ts_rank_cd` grows with every alternative).
    public static let maxPrefixes = 1

    public init(_ text: String, analyzer: BulgarianAnalyzer) {
        var words: [String] = []
        var prefixes: [Prefix] = []
        for chunk in text.split(whereSeparator: \.isWhitespace) {
            guard chunk.hasSuffix("*"), prefixes.count < Self.maxPrefixes else {
                words.append(String(chunk))
                continue
            }
            var tokens = BulgarianText.tokens(String(chunk))
            guard let last = tokens.popLast() else { continue }
            words += tokens
            let word = BulgarianText.normalize(last)
            let latin = Transliteration.isLatin(word)
            let forms = latin ? [word] + Transliteration.cyrillicCandidates(word, limit: 2) : [word]
            prefixes.append(Prefix(forms: forms, keys: analyzer.query(last).first?.keys ?? []))
        }
        terms = analyzer.query(words.joined(separator: " ")).map(\.keys).filter { !$0.isEmpty }
        self.prefixes = prefixes
    }

    /// Any of these keys (for finding designs like another one).
    public init(anyOf keys: [String]) {
        terms = keys.isEmpty ? [] : [keys]
    }

    /// The query with each prefix replaced by the keys it may match: the index's keys that begin
    /// with one of its forms (`found`, one list per prefix, in order), and its own keys.
    public func expanded(_ found: [[String]]) -> SearchQuery {
        var query = self
        for (prefix, keys) in zip(prefixes, found) {
            var any = prefix.keys
            for key in keys where !any.contains(key) { any.append(key) }
            // A prefix that begins no key still has to match: by itself, as the word typed.
            query.terms.append(any.isEmpty ? [prefix.forms[0]] : any)
        }
        query.prefixes = []
        return query
    }

    public var isEmpty: Bool { terms.isEmpty && prefixes.isEmpty }
    public var allKeys: Set<String> { Set(terms.flatMap { $0 }) }

    /// SQLite FTS5: every word must match, any of its keys will do; keys quoted as strings.
    public var fts5: String {
        terms.map { keys in "(" + keys.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " OR ") + ")"
        }
        .joined(separator: " AND ")
    }

    /// PostgreSQL `to_tsquery('simple', …)`: the same, with `&` and `|`.
    public var tsquery: String {
        terms.map { keys in "(" + keys.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: " | ") + ")" }
            .joined(separator: " & ")
    }
}

/// A short passage of a text around the first matched word, with the matched words marked.
public enum Snippet {
    public struct Part: Sendable, Equatable {
        public let text: String
        public let isMatch: Bool
    }

    /// Tells whether a word of a text has one of a query's keys, analysing each distinct word once:
    /// one matcher serves all the snippets of a page.
    public struct Matcher: Sendable {
        let test: BulgarianAnalyzer.KeyTest
        /// The words met so far, as they were written, and whether each matched.
        private var seen = ByteStringTable()
        private var answers: [Bool] = []

        public init(keys: Set<String>, analyzer: BulgarianAnalyzer) {
            test = BulgarianAnalyzer.KeyTest(keys: keys, analyzer: analyzer)
        }

        /// Whether a word, given as its UTF-8 bytes, has one of the keys.
        public mutating func matches(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
            let (number, added) = seen.add(word)
            if !added { return answers[number] }
            let answer = test.matches(utf8: word)
            answers.append(answer)
            return answer
        }
    }

    public static func make(_ text: String, matching keys: Set<String>, analyzer: BulgarianAnalyzer, words: Int = 24) -> [Part]? {
        var matcher = Matcher(keys: keys, analyzer: analyzer)
        return make(text, matching: &matcher, words: words)
    }

    /// The passage around the first matched word: about a third of `words` before it and two
    /// thirds after, the whole text when it fits. Words are read and analysed only up to the end
    /// of the passage; the text between marked words comes back as one part.
    public static func make(_ text: String, matching matcher: inout Matcher, words: Int = 24) -> [Part]? {
        var text = text
        return text.withUTF8 { utf8 in
            func piece(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self) }
            func word(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: utf8[range]) }
            var scanner = BulgarianText.WordScanner(utf8)
            // The last few words before a match, then every word of the passage.
            var recent: [Range<Int>] = []
            var first: Int?
            var (truncatedAtStart, truncatedAtEnd) = (false, false)
            while let next = scanner.next() {
                if let first {
                    guard recent.count - 1 - first < words * 2 / 3 else {
                        truncatedAtEnd = true
                        break
                    }
                    recent.append(next)
                } else {
                    recent.append(next)
                    if matcher.matches(utf8: word(next)) {
                        first = recent.count - 1
                    } else if recent.count > words / 3 {
                        recent.removeFirst(recent.count - words / 3)
                        truncatedAtStart = true
                    }
                }
            }
            guard first != nil, let firstWord = recent.first, let lastWord = recent.last else { return nil }
            // Leading and trailing punctuation belong to the passage when it reaches the text's ends.
            var cursor = truncatedAtStart ? firstWord.lowerBound : 0
            let end = truncatedAtEnd ? lastWord.upperBound : utf8.count
            var parts: [Part] = []
            var plain = truncatedAtStart ? "… " : ""
            for range in recent where matcher.matches(utf8: word(range)) {
                plain += piece(cursor..<range.lowerBound)
                if !plain.isEmpty { parts.append(Part(text: plain, isMatch: false)) }
                parts.append(Part(text: piece(range), isMatch: true))
                plain = ""
                cursor = range.upperBound
            }
            plain += piece(cursor..<end)
            if truncatedAtEnd { plain += " …" }
            if !plain.isEmpty { parts.append(Part(text: plain, isMatch: false)) }
            return parts
        }
    }
}

/// What designs are alike in: the words of their titles, target groups, needs and services, their
/// target group category, and the kinds of partners they work with.
public enum Similarity {
    /// The distinct keys that say what a design is about, most telling first, at most `limit`.
    public static func keys(of d: ServiceDesign, analyzer: BulgarianAnalyzer, limit: Int = 24) -> [String] {
        var seen: Set<String> = []
        var keys: [String] = []
        for text in [d.title, d.targetGroup.description, d.needs, d.service, d.goal].compactMap({ $0 }) {
            for key in analyzer.document(text).flatMap(\.keys) where key.count > 2 && seen.insert(key).inserted {
                keys.append(key)
            }
        }
        return Array(keys.prefix(limit))
    }

    /// A score for a candidate found by the index: its text rank, plus the same target group
    /// category, plus each kind of partner both work with.
    public static func score(_ d: ServiceDesign, _ candidate: ServiceDesign, textRank: Double, bestTextRank: Double) -> Double {
        let text = bestTextRank > 0 ? textRank / bestTextRank : 0
        let category = d.targetGroup.category == candidate.targetGroup.category ? 1.0 : 0
        let kinds = Set(d.partners.compactMap(\.kind)).intersection(candidate.partners.compactMap(\.kind))
        return 2 * text + 1.5 * category + 0.25 * Double(kinds.count)
    }
}

/// "Did you mean": the nearest known word to one that finds nothing.
public enum Spelling {
    /// Edit distance (insertions, deletions, substitutions) between two words.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate within reach (one edit for short words, two for longer), the most
    /// common among equally close ones; nil when none is close enough.
    public static func closest(to word: String, among candidates: [(word: String, documents: Int)]) -> String? {
        let reach = word.count <= 5 ? 1 : 2
        var best: (String, Int, Int)?
        for candidate in candidates where candidate.word != word {
            let d = distance(word, candidate.word)
            guard d <= reach else { continue }
            if best == nil || d < best!.1 || (d == best!.1 && candidate.documents > best!.2) {
                best = (candidate.word, d, candidate.documents)
            }
        }
        return best?.0
    }
}

extension Snippet {
    /// The texts of a stored design (its JSON, as `ServiceDesign` encodes itself) that a snippet
    /// may be cut from, in the order they are tried: the target group's description, the needs,
    /// the service, the goal, the summary, the expected results, the social and the economic
    /// effect, then each activity's title and each partner's name. Nil when the text is not JSON.
    public static func designTexts(json utf8: UnsafeBufferPointer<UInt8>) -> [String]? {
        JSONStrings.strings(in: utf8, at: designTextPaths).map { $0.flatMap { $0 }.filter { !$0.isEmpty } }
    }

    static let designTextPaths: [[JSONStrings.Step]] = [
        [.key("target_group"), .key("description")], [.key("needs")], [.key("service")], [.key("goal")], [.key("summary")],
        [.key("expected_results")], [.key("social_effect")], [.key("economic_effect")], [.key("activities"), .each, .key("title")],
        [.key("partners"), .each, .key("name")],
    ]
}
