import Foundation
import PraktikaDomain
import SQLKit

/// Which analyzer the index uses in this process: the installed dictionary in production, the
/// built-in stemmer when the configuration says so (tests, or a machine without hunspell-bg).
/// Set once by `configure`; read by every write to the index.
enum SearchSettings {
    private static let lock = NSLock()
    // Guarded by `lock`; written at configuration time, read afterwards.
    nonisolated(unsafe) private static var useDictionary = true

    static func configure(useDictionary: Bool) {
        lock.withLock { self.useDictionary = useDictionary }
    }

    static var analyzer: BulgarianAnalyzer {
        lock.withLock { useDictionary } ? .shared : builtIn
    }

    static let builtIn = BulgarianAnalyzer(dictionary: nil)
}

/// One ranked hit.
struct SearchHit: Sendable, Decodable {
    let designID: Int64
    let rank: Double

    enum CodingKeys: String, CodingKey {
        case designID = "design_id"
        case rank
    }
}

/// The full-text index of designs, kept in the same transaction as the design: FTS5 over an
/// external content table on SQLite, a weighted tsvector on PostgreSQL. Both rank the title above
/// the target group above the rest.
struct SearchIndex {
    let db: any SQLDatabase

    var isSQLite: Bool { db.dialect.name == "sqlite" }

    private struct Row: Decodable {
        let id: Int64
        let title: String
        let target: String
        let body: String
        let words: String
    }

    func replace(_ designID: Int64, _ document: SearchDocument) async throws {
        let old = try await existing(designID)
        try await recount(removed: Set(old.map { $0.words.split(separator: " ").map(String.init) } ?? []), added: Set(document.words))
        let words = document.words.joined(separator: " ")
        if isSQLite {
            if let old {
                // An FTS5 external-content delete must repeat the values it indexed.
                try await db.raw(
                    "INSERT INTO search_fts(search_fts, rowid, title, target, body) VALUES('delete', \(bind: old.id), \(bind: old.title), \(bind: old.target), \(bind: old.body))"
                ).run()
                try await db.raw(
                    "UPDATE search_documents SET title = \(bind: document.title), target = \(bind: document.target), body = \(bind: document.body), words = \(bind: words) WHERE id = \(bind: old.id)"
                ).run()
                try await db.raw(
                    "INSERT INTO search_fts(rowid, title, target, body) VALUES(\(bind: old.id), \(bind: document.title), \(bind: document.target), \(bind: document.body))"
                ).run()
            } else {
                let row = try await db.raw(
                    "INSERT INTO search_documents(design_id, title, target, body, words) VALUES(\(bind: designID), \(bind: document.title), \(bind: document.target), \(bind: document.body), \(bind: words)) RETURNING id"
                ).first()
                let id = try row!.decode(column: "id", as: Int64.self)
                try await db.raw(
                    "INSERT INTO search_fts(rowid, title, target, body) VALUES(\(bind: id), \(bind: document.title), \(bind: document.target), \(bind: document.body))"
                ).run()
            }
        } else {
            try await db.raw(
                """
                INSERT INTO search_documents(design_id, title, target, body, words, document) VALUES(\(bind: designID), \(bind: document.title), \
                \(bind: document.target), \(bind: document.body), \(bind: words), \
                setweight(to_tsvector('simple', \(bind: document.title)), 'A') || setweight(to_tsvector('simple', \(bind: document.target)), 'B') \
                || setweight(to_tsvector('simple', \(bind: document.body)), 'C')) \
                ON CONFLICT (design_id) DO UPDATE SET title = EXCLUDED.title, target = EXCLUDED.target, body = EXCLUDED.body, \
                words = EXCLUDED.words, document = EXCLUDED.document
                """
            ).run()
        }
    }

    func remove(_ designID: Int64) async throws {
        let old = try await existing(designID)
        if let old { try await recount(removed: Set(old.words.split(separator: " ").map(String.init)), added: []) }
        if isSQLite, let old {
            try await db.raw(
                "INSERT INTO search_fts(search_fts, rowid, title, target, body) VALUES('delete', \(bind: old.id), \(bind: old.title), \(bind: old.target), \(bind: old.body))"
            ).run()
        }
        try await db.raw("DELETE FROM search_documents WHERE design_id = \(bind: designID)").run()
    }

    /// A search looks at no more matches than this: beyond it, the newest matches are the ones
    /// ranked and counted, so that a word every practice uses costs no more than a rare one.
    /// Task-local so that a test can lower it without touching other tests.
    @TaskLocal static var candidateCap = 2_000

    /// The index row below which matches are left out, when the query matches more than
    /// `candidateCap` documents; nil when every match can be looked at.
    func cutoff(_ query: SearchQuery) async throws -> Int64? {
        guard !query.isEmpty else { return nil }
        let sql: SQLQueryString =
            isSQLite
            ? "SELECT rowid AS n FROM search_fts WHERE search_fts MATCH \(bind: query.fts5) ORDER BY rowid DESC LIMIT 1 OFFSET \(literal: Self.candidateCap)"
            : "SELECT sd.id AS n FROM search_documents sd WHERE sd.document @@ to_tsquery('simple', \(bind: query.tsquery)) ORDER BY sd.id DESC LIMIT 1 OFFSET \(literal: Self.candidateCap)"
        return try await db.raw(sql).first()?.decode(column: "n", as: Int64.self)
    }

    /// Designs matching the query among those the filter lets through, best first, with the total
    /// (of the newest `candidateCap` matches when there are more).
    func search(_ query: SearchQuery, where filter: SQLQueryString, limit: Int, offset: Int) async throws -> (hits: [SearchHit], total: Int)
    {
        guard !query.isEmpty else { return ([], 0) }
        let cutoff = try await cutoff(query)
        if isSQLite {
            let bound: SQLQueryString = cutoff.map { "search_fts.rowid > \(literal: $0) AND " } ?? ""
            let from: SQLQueryString =
                "FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid JOIN service_designs d ON d.id = sd.design_id WHERE search_fts MATCH \(bind: query.fts5) AND "
                + bound + filter
            // bm25 is lower for better matches; the column weights rank title, then target group, then the rest.
            let hits = try await db.raw(
                "SELECT sd.design_id, -bm25(search_fts, 10.0, 5.0, 1.0) AS rank " + from
                    + " ORDER BY rank DESC, d.id LIMIT \(literal: limit) OFFSET \(literal: offset)"
            ).all(decoding: SearchHit.self)
            let total = try await db.raw("SELECT COUNT(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? 0
            return (hits, total)
        } else {
            let bound: SQLQueryString = cutoff.map { "sd.id > \(literal: $0) AND " } ?? ""
            let from: SQLQueryString =
                "FROM search_documents sd JOIN service_designs d ON d.id = sd.design_id WHERE sd.document @@ to_tsquery('simple', \(bind: query.tsquery)) AND "
                + bound + filter
            let hits = try await db.raw(
                "SELECT sd.design_id, ts_rank_cd(sd.document, to_tsquery('simple', \(bind: query.tsquery)))::float8 AS rank " + from
                    + " ORDER BY rank DESC, d.id LIMIT \(literal: limit) OFFSET \(literal: offset)"
            ).all(decoding: SearchHit.self)
            let total = try await db.raw("SELECT COUNT(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? 0
            return (hits, total)
        }
    }

    /// Keeps the count of designs per word: two statements per save, whatever the number of words.
    private func recount(removed: Set<String>, added: Set<String>) async throws {
        let gone = Array(removed.subtracting(added))
        let new = Array(added.subtracting(removed))
        if !gone.isEmpty {
            try await db.raw("UPDATE search_words SET documents = documents - 1 WHERE word IN (\(binds: gone))").run()
            try await db.raw("DELETE FROM search_words WHERE documents <= 0").run()
        }
        if !new.isEmpty {
            let rows = new.map { word -> SQLQueryString in "(\(bind: word), 1)" }.joined(separator: ", ")
            try await db.raw(
                "INSERT INTO search_words(word, documents) VALUES " + rows
                    + " ON CONFLICT(word) DO UPDATE SET documents = search_words.documents + 1"
            ).run()
        }
    }

    /// For a query that finds nothing: the query with each unknown word replaced by the nearest
    /// word the designs use, or nil when there is nothing better to offer.
    func suggestion(for text: String, analyzer: BulgarianAnalyzer) async throws -> String? {
        var changed = false
        var words: [String] = []
        for raw in BulgarianText.tokens(text) {
            var word = BulgarianText.normalize(raw)
            if Transliteration.isLatin(word), let cyrillic = Transliteration.cyrillicCandidates(word).first { word = cyrillic }
            guard word.count >= 3, !BulgarianText.stopWords.contains(word) else {
                words.append(word)
                continue
            }
            let known = try await db.raw("SELECT 1 AS n FROM search_words WHERE word = \(bind: word)").first() != nil
            if known {
                words.append(word)
                continue
            }
            let prefix = String(word.prefix(1)) + "%"
            let rows = try await db.raw(
                "SELECT word, documents FROM search_words WHERE word LIKE \(bind: prefix) AND LENGTH(word) BETWEEN \(literal: word.count - 2) AND \(literal: word.count + 2) LIMIT 5000"
            ).all()
            let candidates = try rows.map {
                (word: try $0.decode(column: "word", as: String.self), documents: try $0.decode(column: "documents", as: Int.self))
            }
            if let better = Spelling.closest(to: word, among: candidates) {
                words.append(better)
                changed = true
            } else {
                words.append(word)
            }
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// A subquery of the ids of the designs that match, for facet counts; `cutoff` as `search` uses it.
    func matchingIDs(_ query: SearchQuery, cutoff: Int64? = nil) -> SQLQueryString {
        guard !query.isEmpty else { return "SELECT NULL WHERE 1 = 0" }
        if isSQLite {
            return
                "SELECT sd.design_id FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid WHERE search_fts MATCH \(bind: query.fts5)"
                + (cutoff.map { " AND search_fts.rowid > \(literal: $0)" } ?? "")
        }
        return "SELECT sd.design_id FROM search_documents sd WHERE sd.document @@ to_tsquery('simple', \(bind: query.tsquery))"
            + (cutoff.map { " AND sd.id > \(literal: $0)" } ?? "")
    }

    private func existing(_ designID: Int64) async throws -> Row? {
        try await db.raw("SELECT id, title, target, body, words FROM search_documents WHERE design_id = \(bind: designID)").first(
            decoding: Row.self)
    }
}
