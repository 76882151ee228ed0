import Foundation
import PraktikaDomain
import SQLKit

/// Writes many designs at once for load tests: multi-row statements, explicit identifiers, the
/// search index and facets filled as one save would fill them, word and key counts summed in memory
/// and written at the end. Generated designs have no revision history (they were never edited).
struct BulkDesignWriter: Sendable {
    struct Entry: Sendable {
        let design: ServiceDesign
        let created: Date
        let districts: Set<String>
    }

    let analyzer: BulgarianAnalyzer
    private(set) var nextDesignID: Int64 = 0
    private(set) var nextDocumentID: Int64 = 0
    private(set) var words: [String: Int] = [:]
    private(set) var terms: [String: Int] = [:]
    var calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = Formatting.timeZone
        return c
    }()

    init(analyzer: BulgarianAnalyzer) {
        self.analyzer = analyzer
    }

    /// Reads where the identifiers stand; call once before the first batch.
    mutating func start(_ db: any SQLDatabase) async throws {
        func max(_ table: String) async throws -> Int64 {
            try await db.raw("SELECT COALESCE(MAX(id), 0) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int64.self) ?? 0
        }
        nextDesignID = try await max("service_designs") + 1
        nextDocumentID = try await max("search_documents") + 1
    }

    /// One batch, inside the caller's transaction.
    mutating func write(_ batch: [Entry], _ db: any SQLDatabase) async throws {
        guard !batch.isEmpty else { return }
        let sqlite = db.dialect.name == "sqlite"
        var designs = db.insert(into: "service_designs").columns(
            "id", "title", "title_key", "status", "visibility", "target_category", "budget_total_eur_minor", "content", "version",
            "created_at",
            "updated_at", "updated_by_name", "published_on", "adopted_from")
        var links = db.insert(into: "design_libraries").columns("design_id", "library_id")
        var facets = db.insert(into: "design_facets").columns("design_id", "facet", "value")
        var documents: [SQLQueryString] = []
        var fts: [SQLQueryString] = []
        let values = batch.map {
            DesignFacet.values(of: $0.design, districts: $0.districts, year: calendar.component(.year, from: $0.created))
        }
        let codes = try await FacetDictionary.codes(forEach: values, db)
        for (index, entry) in batch.enumerated() {
            let id = nextDesignID
            let docID = nextDocumentID
            nextDesignID += 1
            nextDocumentID += 1
            let d = entry.design
            designs = designs.values(
                SQLBind(id), SQLBind(d.title), SQLBind(SortKey.fold(d.title)), SQLBind(d.status.rawValue), SQLBind(d.visibility.rawValue),
                SQLBind(d.targetGroup.category.rawValue), SQLBind(d.totals.total(in: .EUR).minorUnits), SQLBind(try DesignStore.encode(d)),
                SQLBind(1), SQLBind(entry.created), SQLBind(entry.created), SQLBind("генератор"), SQLBind(d.practice?.publishedOn.iso),
                SQLBind(d.adoptedFrom))
            for library in Set(d.libraryIDs) { links = links.values(SQLBind(id), SQLBind(library)) }
            for (facet, value) in values[index] {
                facets = facets.values(SQLBind(id), SQLBind(facet.rawValue), SQLBind(value))
            }
            let document = SearchDocument(d, analyzer: analyzer)
            for word in Set(document.words) { words[word, default: 0] += 1 }
            for term in SearchIndex.terms(document.title, document.target, document.body) { terms[term, default: 0] += 1 }
            let joined = document.words.joined(separator: " ")
            if sqlite {
                documents.append(
                    "(\(bind: docID), \(bind: id), \(bind: document.title), \(bind: document.target), \(bind: document.body), \(bind: joined), \(bind: codes[index]))"
                )
                fts.append("(\(bind: docID), \(bind: document.title), \(bind: document.target), \(bind: document.body))")
            } else {
                documents.append(
                    """
                    (\(bind: docID), \(bind: id), \(bind: document.title), \(bind: document.target), \(bind: document.body), \(bind: joined), \(bind: codes[index]), \
                    setweight(to_tsvector('simple', \(bind: document.title)), 'A') || setweight(to_tsvector('simple', \(bind: document.target)), 'B') \
                    || setweight(to_tsvector('simple', \(bind: document.body)), 'C'))
                    """)
            }
        }
        try await designs.run()
        try await links.run()
        try await facets.run()
        let columns: SQLQueryString =
            sqlite
            ? "(id, design_id, title, target, body, words, facet_codes)"
            : "(id, design_id, title, target, body, words, facet_codes, document)"
        try await db.raw("INSERT INTO search_documents " + columns + " VALUES " + documents.joined(separator: ", ")).run()
        if sqlite {
            try await db.raw("INSERT INTO search_fts(rowid, title, target, body) VALUES " + fts.joined(separator: ", ")).run()
            try await SearchRank.storeLengths(db, from: nextDocumentID - Int64(batch.count), through: nextDocumentID - 1)
        }
    }

    /// Word counts, and on PostgreSQL the sequences moved past the identifiers used.
    func finish(_ db: any SQLDatabase) async throws {
        for (table, column, counts) in [("search_words", "word", words), ("search_terms", "term", terms)] {
            let all = Array(counts)
            for start in stride(from: 0, to: all.count, by: 500) {
                let rows = all[start..<min(start + 500, all.count)].map { word, n -> SQLQueryString in "(\(bind: word), \(bind: n))" }
                try await db.raw(
                    "INSERT INTO \(ident: table)(\(ident: column), documents) VALUES " + rows.joined(separator: ", ")
                        + " ON CONFLICT(\(ident: column)) DO UPDATE SET documents = \(ident: table).documents + excluded.documents"
                ).run()
            }
        }
        if db.dialect.name != "sqlite" {
            for table in ["service_designs", "search_documents"] {
                try await db.raw("SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), (SELECT MAX(id) FROM \(ident: table)))").run()
            }
        }
    }
}
