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
    public let terms: [[String]]

    public init(_ text: String, analyzer: BulgarianAnalyzer) {
        terms = analyzer.query(text).map(\.keys).filter { !$0.isEmpty }
    }

    /// Any of these keys (for finding designs like another one).
    public init(anyOf keys: [String]) {
        terms = keys.isEmpty ? [] : [keys]
    }

    public var isEmpty: Bool { terms.isEmpty }
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
    public struct Matcher {
        let keys: Set<String>
        let analyzer: BulgarianAnalyzer
        private var known: [String: Bool] = [:]

        public init(keys: Set<String>, analyzer: BulgarianAnalyzer) {
            self.keys = keys
            self.analyzer = analyzer
        }

        public mutating func matches(_ word: String) -> Bool {
            if let answer = known[word] { return answer }
            let answer = analyzer.document(word).contains { !keys.isDisjoint(with: $0.keys) }
            known[word] = answer
            return answer
        }
    }

    public static func make(_ text: String, matching keys: Set<String>, analyzer: BulgarianAnalyzer, words: Int = 24) -> [Part]? {
        var matcher = Matcher(keys: keys, analyzer: analyzer)
        return make(text, matching: &matcher, words: words)
    }

    /// The passage around the first matched word: words are analysed up to that one, then only
    /// within the passage, to mark the other matches there.
    public static func make(_ text: String, matching matcher: inout Matcher, words: Int = 24) -> [Part]? {
        // Split into words and the gaps between them, keeping everything.
        var pieces: [(String, Bool)] = []
        var current = ""
        var inWord = false
        for c in text {
            let letter = c.isLetter || c.isNumber
            if letter != inWord, !current.isEmpty {
                pieces.append((current, inWord))
                current = ""
            }
            inWord = letter
            current.append(c)
        }
        if !current.isEmpty { pieces.append((current, inWord)) }
        guard let first = pieces.indices.first(where: { pieces[$0].1 && matcher.matches(pieces[$0].0) }) else { return nil }
        let wordIndices = pieces.indices.filter { pieces[$0].1 }
        let position = wordIndices.firstIndex(of: first) ?? 0
        var start = wordIndices[max(0, position - words / 3)]
        var end = wordIndices[min(wordIndices.count - 1, position + words * 2 / 3)]
        // The whole text when it fits, punctuation included.
        if start == wordIndices.first { start = 0 }
        if end == wordIndices.last { end = pieces.count - 1 }
        var parts: [Part] = []
        if start > 0 { parts.append(Part(text: "… ", isMatch: false)) }
        for i in start...end { parts.append(Part(text: pieces[i].0, isMatch: pieces[i].1 && matcher.matches(pieces[i].0))) }
        if end < pieces.count - 1 { parts.append(Part(text: " …", isMatch: false)) }
        return parts
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
