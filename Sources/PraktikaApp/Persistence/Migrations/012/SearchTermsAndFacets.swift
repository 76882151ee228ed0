import Fluent
import SQLKit

/// 012: what lets one statement rank, filter and count a search: the number of documents of
/// every index key (for the BM25 weight of a key, which FTS5 would otherwise count on each query)
/// and the facet values of each indexed design beside its document.
enum Migrations012 {
    static func register(in migrations: Migrations) {
        migrations.add(SearchTermsAndFacets())
    }

    struct SearchTermsAndFacets: AsyncMigration {
        var name: String { "012_search_terms_and_facets" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await database.schema("search_terms")
                .field("term", .string, .identifier(auto: false))
                .field("documents", .int, .required)
                .create()
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN facets TEXT NOT NULL DEFAULT ''").run()
            try await fillFacetTexts(sql)
            if sql.dialect.name == "sqlite" {
                // The index already knows each key's documents; read them once through fts5vocab.
                try await sql.raw("CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, search_fts, row)").run()
                try await sql.raw("INSERT INTO search_terms(term, documents) SELECT term, doc FROM temp.search_vocabulary").run()
                try await sql.raw("DROP TABLE temp.search_vocabulary").run()
            } else {
                // PostgreSQL's parser splits words differently from FTS5; count the terms as saves will.
                var counts: [String: Int] = [:]
                var last: Int64 = 0
                while true {
                    let rows = try await sql.raw(
                        "SELECT id, title, target, body FROM search_documents WHERE id > \(bind: last) ORDER BY id LIMIT 2000"
                    ).all()
                    guard !rows.isEmpty else { break }
                    for row in rows {
                        last = try row.decode(column: "id", as: Int64.self)
                        let texts = try ["title", "target", "body"].map { try row.decode(column: $0, as: String.self) }
                        for term in SearchIndex.terms(texts[0], texts[1], texts[2]) { counts[term, default: 0] += 1 }
                    }
                }
                let all = Array(counts)
                for start in stride(from: 0, to: all.count, by: 500) {
                    let values = all[start..<min(start + 500, all.count)].map { "(\(bind: $0.key), \(bind: $0.value))" as SQLQueryString }
                    try await sql.raw("INSERT INTO search_terms(term, documents) VALUES " + values.joined(separator: ", ")).run()
                }
            }
        }

        func revert(on database: any Database) async throws {
            try await database.schema("search_terms").delete()
            try await (database as! any SQLDatabase).raw("ALTER TABLE search_documents DROP COLUMN facets").run()
        }
    }

    /// Fills each document's facet text (one `facet=value` per line, sorted) from `design_facets`.
    static func fillFacetTexts(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            sql.dialect.name == "sqlite"
                ? """
                UPDATE search_documents SET facets = COALESCE((SELECT group_concat(line, char(10)) FROM \
                (SELECT f.facet || '=' || f.value AS line FROM design_facets f WHERE f.design_id = search_documents.design_id \
                ORDER BY line)), '')
                """
                : """
                UPDATE search_documents sd SET facets = COALESCE((SELECT string_agg(f.facet || '=' || f.value, chr(10) \
                ORDER BY f.facet || '=' || f.value) FROM design_facets f WHERE f.design_id = sd.design_id), '')
                """
        ).run()
    }
}
