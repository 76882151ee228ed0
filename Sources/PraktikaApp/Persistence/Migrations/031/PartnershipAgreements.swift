import Fluent
import FluentSQL
import SQLKit

/// 031: the agreements partnerships rest on (memoranda, contracts, letters of support), with the
/// day each was signed, until when it holds and from when to renew it. `reminded_for` is the
/// renewal day a reminder was last sent for, so that each renewal is mailed once. The signed
/// file is an attachment whose owner is the agreement.
enum Migrations031 {
    static func register(in migrations: Migrations) {
        migrations.add(CreatePartnershipAgreements())
    }

    struct CreatePartnershipAgreements: AsyncMigration {
        var name: String { "031_create_partnership_agreements" }

        func prepare(on database: any Database) async throws {
            try await database.schema("partnership_agreements")
                .field("id", .int64, .identifier(auto: true))
                .field("partnership_id", .int64, .required, .references("partnerships", "id"))
                .field("kind", .string, .required)
                .field("title", .string, .required)
                .field("signed_on", .string, .required)
                .field("valid_until", .string)
                .field("renew_on", .string)
                .field("notes", .string)
                .field("reminded_for", .string)
                .field("created_by", .string)
                .field("created_at", .int64, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_partnership_agreements_partnership").on("partnership_agreements").column("partnership_id")
                .run()
            try await sql.create(index: "idx_partnership_agreements_renew").on("partnership_agreements").column("renew_on").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("partnership_agreements").delete()
        }
    }
}
