import Fluent
import FluentSQL
import SQLKit

/// 030: partnerships over time: a partner and one or more libraries, optionally on designs, with
/// roles, dates, status and contacts; what partners contributed (money or in kind) and the notes
/// of talking with them, with follow-up dates. Dates are ISO text (`YYYY-MM-DD`), money whole
/// minor units with its currency, as elsewhere.
enum Migrations030 {
    static func register(in migrations: Migrations) {
        migrations.add(CreatePartnerships())
    }

    struct CreatePartnerships: AsyncMigration {
        var name: String { "030_create_partnerships" }

        func prepare(on database: any Database) async throws {
            try await database.schema("partnerships")
                .field("id", .int64, .identifier(auto: true))
                .field("partner_id", .int64, .required, .references("partners", "id"))
                .field("status", .string, .required)
                .field("roles", .string, .required)
                .field("starts_on", .string)
                .field("ends_on", .string)
                .field("library_contact", .string)
                .field("partner_contact", .string)
                .field("notes", .string)
                .field("version", .int64, .required, .sql(.default(1)))
                .field("updated_at", .int64, .required)
                .create()
            try await database.schema("partnership_libraries")
                .field("partnership_id", .int64, .required, .references("partnerships", "id"))
                .field("library_id", .int64, .required, .references("libraries", "id"))
                .unique(on: "partnership_id", "library_id")
                .create()
            try await database.schema("partnership_designs")
                .field("partnership_id", .int64, .required, .references("partnerships", "id"))
                .field("design_id", .int64, .required, .references("service_designs", "id"))
                .unique(on: "partnership_id", "design_id")
                .create()
            try await database.schema("partnership_contributions")
                .field("id", .int64, .identifier(auto: true))
                .field("partnership_id", .int64, .required, .references("partnerships", "id"))
                .field("received_on", .string, .required)
                .field("amount_minor", .int64)
                .field("in_kind", .string)
                .field("value_minor", .int64)
                .field("currency", .string, .required)
                .field("design_id", .int64, .references("service_designs", "id"))
                .field("created_at", .int64, .required)
                .create()
            try await database.schema("partnership_interactions")
                .field("id", .int64, .identifier(auto: true))
                .field("partnership_id", .int64, .required, .references("partnerships", "id"))
                .field("on_date", .string, .required)
                .field("kind", .string, .required)
                .field("note", .string, .required)
                .field("follow_up_on", .string)
                .field("created_by", .string)
                .field("created_at", .int64, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_partnerships_partner").on("partnerships").column("partner_id").run()
            try await sql.create(index: "idx_partnership_libraries_library").on("partnership_libraries").column("library_id").run()
            try await sql.create(index: "idx_partnership_contributions_design").on("partnership_contributions").column("design_id").run()
            try await sql.create(index: "idx_partnership_interactions_partnership").on("partnership_interactions").column("partnership_id")
                .run()
        }

        func revert(on database: any Database) async throws {
            for table in [
                "partnership_interactions", "partnership_contributions", "partnership_designs", "partnership_libraries", "partnerships",
            ] {
                try await database.schema(table).delete()
            }
        }
    }
}
