import Fluent
import SQLKit

/// 003: the audit log of every write.
enum Migrations003 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateAuditLog())
    }

    struct CreateAuditLog: AsyncMigration {
        var name: String { "003_create_audit_log" }

        func prepare(on database: any Database) async throws {
            // No foreign keys: the log outlives the records and accounts it mentions.
            try await database.schema("audit_log")
                .field("id", .int64, .identifier(auto: true))
                .field("at", .datetime, .required)
                .field("user_id", .int64)
                .field("user_name", .string)
                .field("action", .string, .required)
                .field("entity", .string, .required)
                .field("entity_id", .string)
                .field("entity_name", .string)
                .field("changes", .string)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_audit_log_entity").on("audit_log").column("entity").column("entity_id").run()
            try await sql.create(index: "idx_audit_log_at").on("audit_log").column("at").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("audit_log").delete()
        }
    }
}
