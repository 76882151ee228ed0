import Fluent
import FluentSQL
import SQLKit

/// 032: a partner account speaks for one registry partner (`users.partner_id`), and reads that
/// partner's partnerships.
enum Migrations032 {
    static func register(in migrations: Migrations) {
        migrations.add(LinkPartnerAccounts())
    }

    struct LinkPartnerAccounts: AsyncMigration {
        var name: String { "032_link_partner_accounts" }

        func prepare(on database: any Database) async throws {
            try await database.schema("users").field("partner_id", .int64, .references("partners", "id")).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("users").deleteField("partner_id").update()
        }
    }
}
