import Fluent
import SQLKit

/// 020: failed sign-ins are counted per address and client together (the network address the
/// attempt came from), so that nobody can lock another person out by failing on their behalf
/// from elsewhere; an attempt is noted before the password is checked, so a burst of parallel
/// guesses counts every one of them.
enum Migrations020 {
    static func register(in migrations: Migrations) {
        migrations.add(AddSignInClient())
    }

    struct AddSignInClient: AsyncMigration {
        var name: String { "020_sign_in_client" }

        func prepare(on database: any Database) async throws {
            try await database.schema("login_failures").field("client", .string).update()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_login_failures_client").on("login_failures").column("email").column("client").column("at")
                .run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.drop(index: "idx_login_failures_client").run()
            try await database.schema("login_failures").deleteField("client").update()
        }
    }
}
