import Fluent
import SQLKit

/// 008: the words of the indexed designs with how many designs use each, for "did you mean".
enum Migrations008 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateSearchWords())
    }

    struct CreateSearchWords: AsyncMigration {
        var name: String { "008_create_search_words" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN words TEXT NOT NULL DEFAULT ''").run()
            try await database.schema("search_words")
                .field("word", .string, .identifier(auto: false))
                .field("documents", .int, .required)
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("search_words").delete()
        }
    }
}
