import Fluent
import SQLKit

/// 006: the full-text index of service designs. The analysed keys of each design live in
/// `search_documents` (title, target group, everything else); SQLite indexes them with an FTS5
/// table over that content, PostgreSQL with a weighted `tsvector` and a GIN index.
enum Migrations006 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateSearchIndex())
    }

    struct CreateSearchIndex: AsyncMigration {
        var name: String { "006_create_search_index" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            if sql.dialect.name == "sqlite" {
                try await sql.raw(
                    """
                    CREATE TABLE search_documents (id INTEGER PRIMARY KEY, \
                    design_id INTEGER NOT NULL UNIQUE REFERENCES service_designs(id) ON DELETE CASCADE, \
                    title TEXT NOT NULL, target TEXT NOT NULL, body TEXT NOT NULL)
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE VIRTUAL TABLE search_fts USING fts5(title, target, body, content='search_documents', \
                    content_rowid='id', tokenize='unicode61 remove_diacritics 0')
                    """
                ).run()
            } else {
                try await sql.raw(
                    """
                    CREATE TABLE search_documents (id BIGSERIAL PRIMARY KEY, \
                    design_id BIGINT NOT NULL UNIQUE REFERENCES service_designs(id) ON DELETE CASCADE, \
                    title TEXT NOT NULL, target TEXT NOT NULL, body TEXT NOT NULL, document TSVECTOR NOT NULL)
                    """
                ).run()
                try await sql.raw("CREATE INDEX idx_search_documents_document ON search_documents USING GIN (document)").run()
            }
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE IF EXISTS search_fts").run() }
            try await sql.raw("DROP TABLE IF EXISTS search_documents").run()
        }
    }
}
