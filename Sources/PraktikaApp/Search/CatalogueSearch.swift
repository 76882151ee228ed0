import Foundation
import PraktikaDomain
import SQLKit

/// The catalogue's search as calls from outside this module, for the benchmarks in
/// `Benchmarks/`: what `/practices?q=…` asks of the database for a reader who is not signed in,
/// without HTTP or HTML, and the raw statements to hold it against.
public enum CatalogueSearch {
    public struct Result: Sendable {
        public let ids: [Int64]
        public let total: Int
        /// How many facet values were counted.
        public let facetValues: Int
        public let capped: Bool
    }

    /// One page of the catalogue, ranked when there is text: `filters` uses the URL's names
    /// (`district`, `status`, `kind`, `innovation`, `partner_kind`, `budget`, `year`).
    /// `cap` overrides `SearchIndex.candidateCap` for this call, to weigh another cap. Nothing is
    /// kept between calls: this is the search as a query typed for the first time runs it.
    public static func page(_ db: any SQLDatabase, text: String?, filters: [String: String] = [:], cap: Int? = nil) async throws -> Result {
        let page = try await SearchIndex.$candidateCap.withValue(cap ?? SearchIndex.candidateCap) {
            try await DesignListQuery.page(db, query(text, filters), nil)
        }
        return Result(
            ids: page.rows.map(\.id), total: page.total, facetValues: page.facets.map(\.values.count).reduce(0, +), capped: page.capped)
    }

    /// The floor: the statements a search issues (the cutoff on SQLite, the key counts, the one
    /// statement of candidates and the dictionary of facet codes after it), run as they are and
    /// read the way the search reads them (`RowStream`), with the rows only counted.
    public static func rawStatements(_ db: any SQLDatabase, text: String, filters: [String: String] = [:]) async throws -> Int {
        let rows = RowCounter()
        let statements = try await floorStatements(db, text, filters).map { RowStream.Statement($0) { _ in rows.add() } }
        try await RowStream.each(db, statements)
        return rows.value
    }

    /// The same statements as `rawStatements`, through SQLKit's own raw query (`db.raw(…).run`),
    /// the way an application without `RowStream` reads them: the driver builds each row with its
    /// values copied, and the rows are only counted. A second, looser floor beside the first.
    public static func rawThroughSQLKit(_ db: any SQLDatabase, text: String, filters: [String: String] = [:]) async throws -> Int {
        let rows = RowCounter()
        for statement in try await floorStatements(db, text, filters) { try await db.raw(statement).run { _ in rows.add() } }
        return rows.value
    }

    /// The candidates' statement (its prelude run to build it) and the facet dictionary's.
    private static func floorStatements(_ db: any SQLDatabase, _ text: String, _ filters: [String: String]) async throws -> [SQLQueryString]
    {
        let parsed = SearchQuery(text, analyzer: SearchSettings.analyzer)
        let statement = try await SearchIndex(db: db).candidateStatement(parsed, where: DesignListQuery.access(query(text, filters), nil))
        return [statement.sql, FacetDictionary.reading().statement.query]
    }

    /// What the database offers by itself, for comparison: the top 25 by FTS5's `bm25()` (or
    /// `ts_rank_cd` on PostgreSQL) with the column weights, and the count, over every match.
    public static func textbook(_ db: any SQLDatabase, text: String) async throws -> Int {
        let parsed = SearchQuery(text, analyzer: SearchSettings.analyzer)
        let from: SQLQueryString
        let rank: SQLQueryString
        if db.dialect.name == "sqlite" {
            from = "FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid WHERE search_fts MATCH \(bind: parsed.fts5)"
            rank = "-bm25(search_fts, 10.0, 5.0, 1.0)"
        } else {
            from = "FROM search_documents sd WHERE sd.document @@ to_tsquery('simple', \(bind: parsed.tsquery))"
            rank = "ts_rank_cd(sd.document, to_tsquery('simple', \(bind: parsed.tsquery)))"
        }
        let rows = RowCounter()
        try await db.raw("SELECT sd.design_id, " + rank + " AS rank " + from + " ORDER BY rank DESC LIMIT 25").run { _ in rows.add() }
        return try await db.raw("SELECT COUNT(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? rows.value
    }

    /// Counts rows handed to a callback that may run on another thread.
    private final class RowCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    private static func query(_ text: String?, _ filters: [String: String]) -> ListQuery {
        var query = ListQuery()
        query.practicesOnly = true
        query.q = text
        query.district = filters["district"]
        query.status = filters["status"]
        query.kind = filters["kind"]
        query.innovation = filters["innovation"]
        query.partnerKind = filters["partner_kind"]
        query.budget = filters["budget"]
        query.year = filters["year"]
        return query
    }
}
