import Fluent
import FluentSQL
import SQLKit

/// 027: a meeting's version, raised by every change to its details, so that a change made from
/// an older copy (a form left open, a client that read it earlier) is refused rather than
/// overwriting someone else's, as with designs.
enum Migrations027 {
    static func register(in migrations: Migrations) {
        migrations.add(AddMeetingVersion())
    }

    struct AddMeetingVersion: AsyncMigration {
        var name: String { "027_add_meeting_version" }

        func prepare(on database: any Database) async throws {
            try await database.schema("meetings").field("version", .int64, .required, .sql(.default(1))).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("meetings").deleteField("version").update()
        }
    }
}
