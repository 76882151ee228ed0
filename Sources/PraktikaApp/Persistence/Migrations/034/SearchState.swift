import Fluent
import FluentSQL
import SQLKit

/// 034: what made the search index (`search_state`, a row named `analyzer`), so that an index
/// made by another analyzer (an older built-in stemmer, or before the dictionary was installed or
/// removed) is rebuilt when the server starts, rather than left to `praktika reindex`.
enum Migrations034 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateSearchState())
    }

    struct CreateSearchState: AsyncMigration {
        var name: String { "034_create_search_state" }

        func prepare(on database: any Database) async throws {
            try await database.schema("search_state")
                .field("name", .string, .identifier(auto: false))
                .field("value", .string, .required)
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("search_state").delete()
        }
    }
}
