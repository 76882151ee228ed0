import Fluent
import FluentSQL
import SQLKit

/// 036: a partnership's contributions and contacts can be changed, so each carries the version
/// its form or `If-Match` was read at; a change made from an older one is refused.
enum Migrations036 {
    static let tables = ["partnership_contributions", "partnership_interactions"]

    static func register(in migrations: Migrations) {
        migrations.add(VersionContributionsAndContacts())
    }

    struct VersionContributionsAndContacts: AsyncMigration {
        var name: String { "036_version_contributions_and_contacts" }

        func prepare(on database: any Database) async throws {
            for table in Migrations036.tables {
                try await database.schema(table).field("version", .int64, .required, .sql(.default(1))).update()
            }
        }

        func revert(on database: any Database) async throws {
            for table in Migrations036.tables { try await database.schema(table).deleteField("version").update() }
        }
    }
}
