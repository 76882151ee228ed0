import Fluent
import SQLKit

/// 011: attached files (slides of presentations, photos and documents of practices), kept in
/// the database so that app servers stay stateless.
enum Migrations011 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateAttachments())
    }

    struct CreateAttachments: AsyncMigration {
        var name: String { "011_create_attachments" }

        func prepare(on database: any Database) async throws {
            try await database.schema("attachments")
                .field("id", .int64, .identifier(auto: true))
                .field("owner_kind", .string, .required)
                .field("owner_id", .int64, .required)
                .field("filename", .string, .required)
                .field("kind", .string, .required)
                .field("size", .int, .required)
                .field("data", .data, .required)
                .field("uploaded_by", .string)
                .field("created_at", .datetime, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_attachments_owner").on("attachments").column("owner_kind").column("owner_id").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("attachments").delete()
        }
    }
}
