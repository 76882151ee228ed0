import Fluent
import SQLKit

/// 004: service designs (the smart chart), the libraries and registry partners they link to,
/// and every saved revision.
enum Migrations004 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateServiceDesigns())
    }

    struct CreateServiceDesigns: AsyncMigration {
        var name: String { "004_create_service_designs" }

        func prepare(on database: any Database) async throws {
            // The design itself is one JSON document (`content`), so that a revision is a snapshot
            // of the same shape; the columns beside it are copies for lists, filters and permissions.
            try await database.schema("service_designs")
                .field("id", .int64, .identifier(auto: true))
                .field("title", .string, .required)
                .field("title_key", .string, .required)
                .field("status", .string, .required)
                .field("visibility", .string, .required)
                .field("target_category", .string, .required)
                .field("budget_total_eur_minor", .int64, .required)
                .field("content", .string, .required)
                .field("version", .int, .required)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .field("updated_by_name", .string)
                .create()
            try await database.schema("design_libraries")
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("library_id", .int64, .required, .references("libraries", "id"))
                .unique(on: "design_id", "library_id")
                .create()
            try await database.schema("design_partners")
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("partner_id", .int64, .required, .references("partners", "id"))
                .unique(on: "design_id", "partner_id")
                .create()
            try await database.schema("design_revisions")
                .field("id", .int64, .identifier(auto: true))
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("version", .int, .required)
                .field("content", .string, .required)
                .field("block", .string)
                .field("restored_from", .int)
                .field("user_id", .int64)
                .field("user_name", .string)
                .field("at", .datetime, .required)
                .unique(on: "design_id", "version")
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_service_designs_status").on("service_designs").column("status").run()
            try await sql.create(index: "idx_service_designs_target").on("service_designs").column("target_category").run()
            try await sql.create(index: "idx_design_libraries_library").on("design_libraries").column("library_id").run()
            try await sql.create(index: "idx_design_partners_partner").on("design_partners").column("partner_id").run()
        }

        func revert(on database: any Database) async throws {
            for table in ["design_revisions", "design_partners", "design_libraries", "service_designs"] {
                try await database.schema(table).delete()
            }
        }
    }
}
