import Fluent
import FluentSQL
import SQLKit

/// 035: a contribution in kind may be volunteers' work, with the hours it took them in all
/// (`volunteer_hours` in thousandths of an hour, as `FixedDecimal` holds it; null for anything else).
enum Migrations035 {
    static func register(in migrations: Migrations) {
        migrations.add(RecordVolunteerHours())
    }

    struct RecordVolunteerHours: AsyncMigration {
        var name: String { "035_record_volunteer_hours" }

        func prepare(on database: any Database) async throws {
            try await database.schema("partnership_contributions").field("volunteer_hours", .int64).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("partnership_contributions").deleteField("volunteer_hours").update()
        }
    }
}
