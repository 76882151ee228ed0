import Fluent
import FluentSQL
import SQLKit

/// 033: a contact's `reminded_for` is the follow-up day a reminder was last mailed for, so that
/// each follow-up is mailed once (and again if its day is moved), as agreements' renewals are.
enum Migrations033 {
    static func register(in migrations: Migrations) {
        migrations.add(RememberFollowUpReminders())
    }

    struct RememberFollowUpReminders: AsyncMigration {
        var name: String { "033_remember_follow_up_reminders" }

        func prepare(on database: any Database) async throws {
            try await database.schema("partnership_interactions").field("reminded_for", .string).update()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_partnership_interactions_follow_up").on("partnership_interactions").column("follow_up_on")
                .run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.drop(index: "idx_partnership_interactions_follow_up").run()
            try await database.schema("partnership_interactions").deleteField("reminded_for").update()
        }
    }
}
