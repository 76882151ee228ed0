import Foundation
import PraktikaDomain
import SQLKit

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
    /// Where the matches of recent searches are kept between requests; none by default.
    var cache: SearchCache? = nil

    var isSQLite: Bool { db.dialect.name == "sqlite" }

    private struct Row: Decodable {
        let id: Int64
        let title: String
        let target: String
        let body: String
        let words: String
    }

    /// The distinct terms the index holds for a document's analysed texts: FTS5's `unicode61`
    /// tokenizer splits a key at anything that is not a letter or a digit (`по-голям` is two terms).
    static func terms(_ texts: String...) -> Set<String> {
        Set(texts.flatMap { $0.split { !($0.isLetter || $0.isNumber) }.map(String.init) })
    }

    func replace(_ designID: Int64, _ document: SearchDocument, facets: [(DesignFacet, String)]) async throws {
        let old = try await existing(designID)
        try await recount(
            "search_words", removed: Set(old.map { $0.words.split(separator: " ").map(String.init) } ?? []), added: Set(document.words))
        try await recount(
            "search_terms", removed: old.map { Self.terms($0.title, $0.target, $0.body) } ?? [],
            added: Self.terms(document.title, document.target, document.body))
        let words = document.words.joined(separator: " ")
        let facetCodes = try await FacetDictionary.codes(for: facets, db)
        if isSQLite {
            if let old {
                // An FTS5 external-content delete must repeat the values it indexed.
                try await db.raw(
                    "INSERT INTO search_fts(search_fts, rowid, title, target, body) VALUES('delete', \(bind: old.id), \(bind: old.title), \(bind: old.target), \(bind: old.body))"
                ).run()
                try await db.raw(
                    "UPDATE search_documents SET title = \(bind: document.title), target = \(bind: document.target), body = \(bind: document.body), words = \(bind: words), facet_codes = \(bind: facetCodes) WHERE id = \(bind: old.id)"
                ).run()
                try await db.raw(
                    "INSERT INTO search_fts(rowid, title, target, body) VALUES(\(bind: old.id), \(bind: document.title), \(bind: document.target), \(bind: document.body))"
                ).run()
                try await SearchRank.storeLengths(db, from: old.id, through: old.id)
            } else {
                let row = try await db.raw(
                    "INSERT INTO search_documents(design_id, title, target, body, words, facet_codes) VALUES(\(bind: designID), \(bind: document.title), \(bind: document.target), \(bind: document.body), \(bind: words), \(bind: facetCodes)) RETURNING id"
                ).first()
                let id = try row!.decode(column: "id", as: Int64.self)
                try await db.raw(
                    "INSERT INTO search_fts(rowid, title, target, body) VALUES(\(bind: id), \(bind: document.title), \(bind: document.target), \(bind: document.body))"
                ).run()
                try await SearchRank.storeLengths(db, from: id, through: id)
            }
        } else {
            try await db.raw(
                """
                INSERT INTO search_documents(design_id, title, target, body, words, facet_codes, document) VALUES(\(bind: designID), \(bind: document.title), \
                \(bind: document.target), \(bind: document.body), \(bind: words), \(bind: facetCodes), \
                setweight(to_tsvector('simple', \(bind: document.title)), 'A') || setweight(to_tsvector('simple', \(bind: document.target)), 'B') \
                || setweight(to_tsvector('simple', \(bind: document.body)), 'C')) \
                ON CONFLICT (design_id) DO UPDATE SET title = EXCLUDED.title, target = EXCLUDED.target, body = EXCLUDED.body, \
                words = EXCLUDED.words, facet_codes = EXCLUDED.facet_codes, document = EXCLUDED.document
                """
            ).run()
        }
    }

    func remove(_ designID: Int64) async throws {
        let old = try await existing(designID)
        if let old {
            try await recount("search_words", removed: Set(old.words.split(separator: " ").map(String.init)), added: [])
            try await recount("search_terms", removed: Self.terms(old.title, old.target, old.body), added: [])
        }
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

    /// How many of the index's keys a prefix ("библ*") may stand for: the most frequent ones, so
    /// that "б*" costs no more than a word with that many spellings.
    static let prefixKeys = 8

    /// The query with each prefix replaced by the keys of the index that begin with it (at most
    /// `prefixKeys`, the most frequent first) and the prefix word's own keys.
    func expanded(_ query: SearchQuery) async throws -> SearchQuery {
        guard !query.prefixes.isEmpty else { return query }
        // Compared byte by byte on both databases, whatever PostgreSQL's collation: every key that
        // begins with the form sorts between it and the form followed by the last code point.
        let column: SQLQueryString = isSQLite ? "term" : "term COLLATE \"C\""
        var found: [[String]] = []
        for prefix in query.prefixes {
            var keys: [(term: String, documents: Int)] = []
            for form in prefix.forms {
                let rows = try await db.raw(
                    "SELECT term, documents FROM search_terms WHERE " + column + " >= \(bind: form) AND " + column
                        + " < \(bind: form + "\u{10FFFF}") ORDER BY documents DESC, term LIMIT \(literal: Self.prefixKeys)"
                ).all()
                for row in rows {
                    keys.append((try row.decode(column: "term", as: String.self), try row.decode(column: "documents", as: Int.self)))
                }
            }
            keys.sort { $0.documents != $1.documents ? $0.documents > $1.documents : $0.term < $1.term }
            found.append(Array(keys.prefix(Self.prefixKeys).map(\.term)))
        }
        return query.expanded(found)
    }

    /// The one statement of a search, bounded so that it reads at most `candidateCap` matches.
    /// On SQLite a first statement finds the FTS5 row below which matches are left out (`cutoff`,
    /// nil when every match can be looked at), which FTS5 answers from its doclists alone. On
    /// PostgreSQL the statement itself takes the newest `candidateCap + 1` matches (`limit`): the
    /// planner then walks the newest documents or the GIN index, whichever is cheaper, and a
    /// separate cutoff would read the same documents twice.
    struct CandidateStatement {
        let sql: SQLQueryString
        let cutoff: Int64?
        /// How many rows to keep; one more came back when the search was capped.
        let limit: Int?
    }

    /// What a search reads before its candidates, in one visit to the database: the version of
    /// what searches may find (when `version`, for `SearchCache`) and, on SQLite, the document
    /// count of each of the query's keys, which the rank takes as arguments, and the cutoff,
    /// which FTS5 answers from its doclists alone.
    struct Prelude: Sendable {
        var version: Int64?
        var counts: [String: Int] = [:]
        var cutoff: Int64?
    }

    func prelude(_ query: SearchQuery, version: Bool) async throws -> Prelude {
        let read = RowStream.Collector(Prelude())
        let versionReading = version ? SearchCache.versionReading() : nil
        var statements = versionReading.map { [$0.statement] } ?? []
        if isSQLite {
            let keys = Array(Set(query.terms.flatMap { $0 }))
            if SearchRank.isAvailable && !keys.isEmpty {
                statements.append(
                    RowStream.Statement("SELECT term, documents FROM search_terms WHERE term IN (\(binds: keys))") { row in
                        let (term, documents) = (try row.string("term"), Int(try row.int64("documents")))
                        read.update { $0.counts[term] = documents }
                    })
            }
            statements.append(
                RowStream.Statement(
                    "SELECT rowid AS n FROM search_fts WHERE search_fts MATCH \(bind: query.fts5) ORDER BY rowid DESC LIMIT 1 OFFSET \(literal: Self.candidateCap)"
                ) { row in
                    let cutoff = try row.int64("n")
                    read.update { $0.cutoff = cutoff }
                })
        }
        if !statements.isEmpty { try await RowStream.each(db, statements) }
        var prelude = read.result
        prelude.version = versionReading?.read()
        return prelude
    }

    func candidateStatement(_ query: SearchQuery, where access: SQLQueryString) async throws -> CandidateStatement {
        candidateStatement(query, where: access, prelude: try await prelude(query, version: false))
    }

    func candidateStatement(_ query: SearchQuery, where access: SQLQueryString, prelude: Prelude) -> CandidateStatement {
        guard isSQLite else {
            let limit = Self.candidateCap
            return CandidateStatement(
                sql: candidates(query, where: access, prelude: prelude) + " ORDER BY sd.id DESC LIMIT \(literal: limit + 1)",
                cutoff: nil, limit: limit)
        }
        return CandidateStatement(sql: candidates(query, where: access, prelude: prelude), cutoff: prelude.cutoff, limit: nil)
    }

    /// What one search found: the requested page of hits, best first; how many matches pass every
    /// filter; for each facet, its values among the matches that pass the other facets' filters
    /// (so that the other values of a chosen facet stay reachable); and whether only the newest
    /// `candidateCap` matches were looked at; and the keys the query matched by, its prefixes
    /// expanded (what the listed rows' snippets mark).
    struct Outcome: Sendable {
        var hits: [SearchHit] = []
        var total = 0
        var facets: [(facet: DesignFacet, values: [(value: String, count: Int)])] = []
        var capped = false
        var keys: Set<String> = []
    }

    /// Designs matching the query among those `access` lets through, filtered by the chosen facet
    /// values. One statement fetches every match that may be looked at (at most `candidateCap`)
    /// with its rank and facet values; ordering, paging, filtering and counting happen here.
    func search(
        _ query: SearchQuery, where access: SQLQueryString, selected: [(DesignFacet, String)] = [], limit: Int, offset: Int
    ) async throws -> Outcome {
        let query = try await expanded(query)
        guard !query.isEmpty else { return Outcome() }
        let (matches, capped) = try await matches(query, where: access)
        var outcome = Self.outcome(matches, selected: selected, limit: limit, offset: offset)
        outcome.capped = capped
        outcome.keys = query.allKeys
        return outcome
    }

    /// Every match a search may look at, with whether there were more: from `cache` when it kept
    /// them under the version that holds now, otherwise read (and then kept).
    ///
    /// When the cache holds no entry for the search, of any version, the version is read in the
    /// same visit as the first statements that must come anyway (on SQLite the rest of the
    /// prelude, on PostgreSQL the candidates, on the same connection); when it holds one, the
    /// version is read alone first, so that a search found there reads nothing else.
    func matches(_ query: SearchQuery, where access: SQLQueryString) async throws -> (Matches, capped: Bool) {
        guard let cache else {
            let read = try await read(query, where: access, prelude: try await prelude(query, version: false))
            return (read.matches, read.capped)
        }
        let key = SearchCache.Key(
            query: isSQLite ? query.fts5 : query.tsquery, access: SearchCache.accessKey(access, db), cap: Self.candidateCap)
        var prelude: Prelude
        if cache.holds(key) {
            guard let version = try await SearchCache.version(db) else {
                let read = try await read(query, where: access, prelude: try await self.prelude(query, version: false))
                return (read.matches, read.capped)
            }
            if let kept = cache.entry(key, version: version) { return (kept.matches, kept.capped) }
            prelude = try await self.prelude(query, version: false)
            prelude.version = version
        } else {
            cache.missed()
            prelude = try await self.prelude(query, version: isSQLite)
        }
        let read = try await read(query, where: access, prelude: prelude, version: prelude.version == nil)
        if let version = prelude.version ?? read.version {
            cache.keep(SearchCache.Entry(matches: read.matches, capped: read.capped), key, version: version)
        }
        return (read.matches, read.capped)
    }

    /// Every match a search may look at, read from the index; with `version`, the version too,
    /// read first, in the same visit.
    private func read(
        _ query: SearchQuery, where access: SQLQueryString, prelude: Prelude, version: Bool = false
    ) async throws -> (matches: Matches, capped: Bool, version: Int64?) {
        let statement = candidateStatement(query, where: access, prelude: prelude)
        let keep = statement.limit ?? Int.max
        // The reading thread copies each row's id, rank and facet codes; the dictionary that names
        // the codes is read right after, on the same connection (and on SQLite in the same visit
        // to the thread that steps statements), so it holds every code the candidates hold.
        let read = RowStream.Collector(Matches())
        let versionReading = version ? SearchCache.versionReading() : nil
        let dictionary = FacetDictionary.reading()
        var statements = versionReading.map { [$0.statement] } ?? []
        statements.append(
            RowStream.Statement(statement.sql) { row in
                let (id, rank) = (try row.int64("design_id"), try row.double("rank"))
                try row.withUTF8("facet_codes") { codes in read.update { $0.append(id: id, rank: rank, codes: codes) } }
            })
        statements.append(dictionary.statement)
        try await RowStream.each(db, statements)
        var matches = read.result
        matches.facets.dictionary = dictionary.read()
        let overflow = matches.ids.count > keep
        if overflow { matches.removeLast(matches.ids.count - keep) }
        return (matches, statement.cutoff != nil || overflow, versionReading?.read())
    }

    /// The body of a search's statement: every match past the cutoff that `access` lets through,
    /// with its rank and facet values, in no order.
    func candidates(_ query: SearchQuery, where access: SQLQueryString, prelude: Prelude) -> SQLQueryString {
        if isSQLite {
            let bound: SQLQueryString = prelude.cutoff.map { "search_fts.rowid > \(literal: $0) AND " } ?? ""
            return "SELECT sd.design_id, " + rankSQLite(query, counts: prelude.counts) + " AS rank, sd.facet_codes "
                // SQLite looks rows up by rowid even where a covering index would read far fewer pages.
                + "FROM search_fts JOIN search_documents sd INDEXED BY \(ident: SearchSchema.documentRanking) ON sd.id = search_fts.rowid "
                + "JOIN service_designs d INDEXED BY \(ident: SearchSchema.designList) ON d.id = sd.design_id "
                + "WHERE search_fts MATCH \(bind: query.fts5) AND " + bound + access
        }
        return "SELECT sd.design_id, ts_rank_cd(sd.document, to_tsquery('simple', \(bind: query.tsquery)))::float8 AS rank, sd.facet_codes "
            + "FROM search_documents sd JOIN service_designs d ON d.id = sd.design_id "
            + "WHERE sd.document @@ to_tsquery('simple', \(bind: query.tsquery)) AND " + access
    }

    /// The matches one search statement returned, in its order.
    struct Matches: Sendable {
        var ids: [Int64] = []
        var ranks: [Double] = []
        var facets = FacetMatrix()

        /// Adds one match, with its facet codes as the index stores them.
        mutating func append(id: Int64, rank: Double, codes: UnsafeBufferPointer<UInt8>) {
            ids.append(id)
            ranks.append(rank)
            facets.append(stored: codes)
        }

        /// Drops the last `k` matches.
        mutating func removeLast(_ k: Int) {
            ids.removeLast(k)
            ranks.removeLast(k)
            facets.removeLast(k)
        }
    }

    /// The in-memory half of `search`: the matches that pass the chosen facet values, best first
    /// (ties by design id), the requested page of them, and the facet counts.
    static func outcome(_ matches: Matches, selected: [(DesignFacet, String)], limit: Int, offset: Int) -> Outcome {
        let failures = matches.facets.failures(selected)
        let passing = matches.ids.indices.filter { failures[$0] == 0 }
        let (ids, ranks) = (matches.ids, matches.ranks)
        let ordered = passing.sorted { a, b in ranks[a] != ranks[b] ? ranks[a] > ranks[b] : ids[a] < ids[b] }
        var outcome = Outcome()
        outcome.total = passing.count
        outcome.hits = ordered.dropFirst(offset).prefix(limit).map { SearchHit(designID: ids[$0], rank: ranks[$0]) }
        outcome.facets = matches.facets.facets(failures: failures, chosen: selected)
        return outcome
    }

    /// The rank expression on SQLite: `praktika_rank` with the document's stored length and the
    /// document count of every phrase in the order FTS5 numbers them (`counts`, from the prelude),
    /// or `bm25()` where the function could not be registered.
    private func rankSQLite(_ query: SearchQuery, counts: [String: Int]) -> SQLQueryString {
        guard SearchRank.isAvailable else { return "-bm25(search_fts, 10.0, 5.0, 1.0)" }
        let keys = query.terms.flatMap { $0 }
        return "\(unsafeRaw: SearchRank.name)(search_fts, 10.0, 5.0, 1.0, sd.length" + keys.map { ", \(literal: counts[$0] ?? 0)" }.joined()
            + ")"
    }

    /// Keeps the count of designs per word (or per index key): one upsert of every changed count,
    /// in the words' order, then the removal of counts that fell to zero. One statement in one
    /// order means that concurrent saves lock the rows they share in the same order, so they wait
    /// for each other instead of deadlocking.
    private func recount(_ table: String, removed: Set<String>, added: Set<String>) async throws {
        let column = table == "search_terms" ? "term" : "word"
        let gone = removed.subtracting(added)
        let changes = gone.union(added.subtracting(removed)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !changes.isEmpty else { return }
        let rows = changes.map { word -> SQLQueryString in "(\(bind: word), \(literal: gone.contains(word) ? -1 : 1))" }
        try await db.raw(
            "INSERT INTO \(ident: table)(\(ident: column), documents) VALUES " + rows.joined(separator: ", ")
                + " ON CONFLICT(\(ident: column)) DO UPDATE SET documents = \(ident: table).documents + EXCLUDED.documents"
        ).run()
        if !gone.isEmpty {
            try await db.raw(
                "DELETE FROM \(ident: table) WHERE \(ident: column) IN (\(binds: gone.sorted())) AND documents <= 0"
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

    private func existing(_ designID: Int64) async throws -> Row? {
        try await db.raw("SELECT id, title, target, body, words FROM search_documents WHERE design_id = \(bind: designID)").first(
            decoding: Row.self)
    }
}
