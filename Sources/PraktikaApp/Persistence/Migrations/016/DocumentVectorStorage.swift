import Fluent
import SQLKit

/// 016 (PostgreSQL only): each document's `tsvector` kept in its row. A search walks the newest
/// documents and tests each one's vector; with the analysed text beside it the row passed
/// PostgreSQL's two-kilobyte threshold, the vector (the largest column, and one that barely
/// compresses) went to the TOAST table, and every document tested cost a lookup in the TOAST
/// index and a read of its chunk: about four pages instead of a fraction of one. `MAIN` storage
/// moves the other wide columns out first and the vector only when nothing else makes the row fit.
/// Rows already written are rewritten with the vector they have, so that the new storage applies.
enum Migrations016 {
    static func register(in migrations: Migrations) {
        migrations.add(InlineVectors())
    }

    struct InlineVectors: AsyncMigration {
        var name: String { "016_inline_vectors" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            guard sql.dialect.name == "postgresql" else { return }
            try await sql.raw("ALTER TABLE search_documents ALTER COLUMN document SET STORAGE MAIN").run()
            // A vector concatenated with an empty one is a new value of the same content, which
            // the row then stores by the column's new rule (an unchanged value keeps its place).
            try await sql.raw("UPDATE search_documents SET document = document || ''::tsvector").run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            guard sql.dialect.name == "postgresql" else { return }
            try await sql.raw("ALTER TABLE search_documents ALTER COLUMN document SET STORAGE EXTENDED").run()
        }
    }
}
