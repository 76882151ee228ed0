import Fluent
import SQLKit

/// 002: accounts, their sessions and API tokens, and sign-in throttling.
enum Migrations002 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateAccounts())
    }

    struct CreateAccounts: AsyncMigration {
        var name: String { "002_create_accounts" }

        func prepare(on database: any Database) async throws {
            try await database.schema("users")
                .field("id", .int64, .identifier(auto: true))
                .field("email", .string, .required)
                .field("name", .string, .required)
                .field("password_hash", .string, .required)
                .field("role", .string, .required)
                .field("district_code", .string, .references("districts", "code"))
                .field("library_id", .int64, .references("libraries", "id"))
                .field("created_at", .datetime, .required)
                .unique(on: "email")
                .create()
            // Browser sessions and API tokens are the same thing: a random secret whose SHA-256
            // is stored, so that a copy of the database cannot be used to sign in.
            try await database.schema("auth_tokens")
                .field("id", .int64, .identifier(auto: true))
                .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
                .field("kind", .string, .required)
                .field("token_hash", .string, .required)
                .field("label", .string)
                .field("created_at", .datetime, .required)
                .field("expires_at", .datetime)
                .unique(on: "token_hash")
                .create()
            try await database.schema("login_failures")
                .field("id", .int64, .identifier(auto: true))
                .field("email", .string, .required)
                .field("at", .datetime, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_auth_tokens_user_id").on("auth_tokens").column("user_id").run()
            try await sql.create(index: "idx_login_failures_email").on("login_failures").column("email").column("at").run()
        }

        func revert(on database: any Database) async throws {
            for table in ["login_failures", "auth_tokens", "users"] {
                try await database.schema(table).delete()
            }
        }
    }
}
