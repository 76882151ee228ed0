import Fluent
import FluentSQL
import SQLKit

/// 037: an agreement can be changed (its title, its dates, its notes) without losing its signed
/// file, so it carries a version as contributions and contacts do (036).
enum Migrations037 {
    static func register(in migrations: Migrations) {
        migrations.add(VersionAgreements())
    }

    struct VersionAgreements: AsyncMigration {
        var name: String { "037_version_agreements" }

        func prepare(on database: any Database) async throws {
            try await database.schema("partnership_agreements").field("version", .int64, .required, .sql(.default(1))).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("partnership_agreements").deleteField("version").update()
        }
    }
}
