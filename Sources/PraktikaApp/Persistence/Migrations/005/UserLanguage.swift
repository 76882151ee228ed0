import Fluent
import SQLKit

/// 005: each account remembers its interface language.
enum Migrations005 {
    static func register(in migrations: Migrations) {
        migrations.add(AddUserLanguage())
    }

    struct AddUserLanguage: AsyncMigration {
        var name: String { "005_add_user_language" }

        func prepare(on database: any Database) async throws {
            try await database.schema("users").field("language", .string).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("users").deleteField("language").update()
        }
    }
}
