import Fluent
import SQLKit

/// 019, SQLite only: each document's length in index terms (`search_documents.length`), beside
/// its facet codes in the index a search reads its candidates through. BM25 divides by a
/// document's length; FTS5 keeps it in a table of its own (`search_fts_docsize`), and asking for
/// it row by row (`xColumnSize`) cost a search of two thousand candidates as much as everything
/// else its rank does. Read from the covering index instead, it comes with the row already read.
/// PostgreSQL's `ts_rank_cd` needs no such column.
enum Migrations019 {
    static func register(in migrations: Migrations) {
        migrations.add(DocumentLength())
    }

    static let documentRanking = "idx_search_documents_ranking"

    struct DocumentLength: AsyncMigration {
        var name: String { "019_document_length" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN length INTEGER").run()
            try await SearchRank.storeLengths(sql)
            try await sql.create(index: documentRanking).on("search_documents")
                .column("id").column("design_id").column("facet_codes").column("length").run()
            try await sql.drop(index: Migrations017.documentCodes).run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }
            try await sql.create(index: Migrations017.documentCodes).on("search_documents")
                .column("id").column("design_id").column("facet_codes").run()
            try await sql.drop(index: documentRanking).run()
            try await sql.raw("ALTER TABLE search_documents DROP COLUMN length").run()
        }
    }
}
