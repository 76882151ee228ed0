import Fluent
import SQLKit

/// 025: outcome areas the administrators add for the whole network, beside the standard eight;
/// a plan refers to them as `custom-<id>`.
enum Migrations025 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateOutcomeAreas())
    }

    struct CreateOutcomeAreas: AsyncMigration {
        var name: String { "025_create_outcome_areas" }

        func prepare(on database: any Database) async throws {
            try await database.schema("outcome_areas")
                .field("id", .int64, .identifier(auto: true))
                .field("name_bg", .string, .required)
                .field("name_en", .string, .required)
                .field("created_at", .datetime, .required)
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("outcome_areas").delete()
        }
    }
}
