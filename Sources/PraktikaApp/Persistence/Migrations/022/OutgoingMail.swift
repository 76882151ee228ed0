import Fluent
import SQLKit

/// 022: the outbox every app instance writes and one sender at a time delivers from: a message
/// is claimed by a conditional update before it is sent, so two instances never send it twice.
/// Times are whole seconds since 1970, comparable the same way on both databases.
enum Migrations022 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateMailOutbox())
    }

    struct CreateMailOutbox: AsyncMigration {
        var name: String { "022_create_mail_outbox" }

        func prepare(on database: any Database) async throws {
            try await database.schema("mail_outbox")
                .field("id", .int64, .identifier(auto: true))
                .field("kind", .string, .required)
                .field("recipient", .string, .required)
                .field("subject", .string, .required)
                .field("body", .string, .required)
                .field("status", .string, .required)
                .field("attempts", .int, .required)
                .field("next_attempt_at", .int64, .required)
                .field("claimed_until", .int64)
                .field("sent_at", .int64)
                .field("last_error", .string)
                .field("erase_when_sent", .bool, .required)
                .field("created_at", .int64, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_mail_outbox_due").on("mail_outbox").column("status").column("next_attempt_at").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("mail_outbox").delete()
        }
    }
}
