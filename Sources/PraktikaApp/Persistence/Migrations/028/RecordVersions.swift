import Fluent
import FluentSQL
import SQLKit

/// 028: registry records and meeting participants carry a version, raised by every change, so
/// that a change made from an older copy is refused instead of silently replacing another, as
/// with designs (001) and meetings (027).
enum Migrations028 {
    static func register(in migrations: Migrations) {
        migrations.add(AddRecordVersions())
    }

    static let tables = ["municipalities", "settlements", "libraries", "partners", "people", "meeting_participants"]

    struct AddRecordVersions: AsyncMigration {
        var name: String { "028_add_record_versions" }

        func prepare(on database: any Database) async throws {
            for table in Migrations028.tables {
                try await database.schema(table).field("version", .int64, .required, .sql(.default(1))).update()
            }
        }

        func revert(on database: any Database) async throws {
            for table in Migrations028.tables { try await database.schema(table).deleteField("version").update() }
        }
    }
}
