import Foundation

/// What the index keeps of a design: the keys of its words in three fields, weighted in that
/// order when results are ranked (title above target group above the rest).
public struct SearchDocument: Sendable, Equatable {
    public var title: String
    public var target: String
    public var body: String

    public init(_ d: ServiceDesign, analyzer: BulgarianAnalyzer) {
        func keys(_ texts: [String?]) -> String {
            texts.compactMap { $0 }.flatMap { analyzer.document($0).flatMap(\.keys) }.joined(separator: " ")
        }
        title = keys([d.title])
        target = keys([d.targetGroup.description, d.targetGroup.category.label(.bg)])
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

    public static func make(_ text: String, matching keys: Set<String>, analyzer: BulgarianAnalyzer, words: Int = 24) -> [Part]? {
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
        let matches = pieces.indices.filter { i in
            pieces[i].1 && !Set(analyzer.document(pieces[i].0).flatMap(\.keys)).isDisjoint(with: keys)
        }
        guard let first = matches.first else { return nil }
        let wordIndices = pieces.indices.filter { pieces[$0].1 }
        let position = wordIndices.firstIndex(of: first) ?? 0
        var start = wordIndices[max(0, position - words / 3)]
        var end = wordIndices[min(wordIndices.count - 1, position + words * 2 / 3)]
        // The whole text when it fits, punctuation included.
        if start == wordIndices.first { start = 0 }
        if end == wordIndices.last { end = pieces.count - 1 }
        let matched = Set(matches)
        var parts: [Part] = []
        if start > 0 { parts.append(Part(text: "… ", isMatch: false)) }
        for i in start...end { parts.append(Part(text: pieces[i].0, isMatch: matched.contains(i))) }
        if end < pieces.count - 1 { parts.append(Part(text: " …", isMatch: false)) }
        return parts
    }
}
