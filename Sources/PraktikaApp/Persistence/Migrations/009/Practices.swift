import Fluent
import SQLKit

/// 009: good practices. A design published as a practice carries the day it was published; a
/// library's copy of a practice names the design it was adopted from.
enum Migrations009 {
    static func register(in migrations: Migrations) {
        migrations.add(AddPractices())
    }

    struct AddPractices: AsyncMigration {
        var name: String { "009_add_practices" }

        func prepare(on database: any Database) async throws {
            // One column per statement: SQLite adds only one at a time.
            try await database.schema("service_designs").field("published_on", .string).update()
            try await database.schema("service_designs").field("adopted_from", .int64).update()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_service_designs_adopted_from").on("service_designs").column("adopted_from").run()
            try await sql.create(index: "idx_service_designs_published_on").on("service_designs").column("published_on").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("service_designs").deleteField("adopted_from").update()
            try await database.schema("service_designs").deleteField("published_on").update()
        }
    }
}
