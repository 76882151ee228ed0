import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// A user row as stored.
struct UserRow: Codable, Sendable {
    var id: Int64
    var email: String
    var name: String
    var passwordHash: String
    var role: Role
    var districtCode: String?
    var libraryID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, email, name, role
        case passwordHash = "password_hash"
        case districtCode = "district_code"
        case libraryID = "library_id"
    }

    var actor: Actor { Actor(userID: id, name: name, role: role, districtCode: districtCode, libraryID: libraryID) }
}

/// Accounts, their browser sessions and API tokens, and the sign-in failure count.
struct AccountStore {
    enum TokenKind: String {
        case session, api
    }

    let db: any SQLDatabase

    static func normalisedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    func user(email: String) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("email", .equal, Self.normalisedEmail(email))
            .first(decoding: UserRow.self)
    }

    func users() async throws -> [UserRow] {
        try await db.select().column("*").from("users").orderBy("email").all(decoding: UserRow.self)
    }

    @discardableResult
    func createUser(email: String, name: String, passwordHash: String, role: Role, districtCode: String?, libraryID: Int64?)
        async throws -> Int64
    {
        let row = try await db.insert(into: "users")
            .columns("email", "name", "password_hash", "role", "district_code", "library_id", "created_at")
            .values(
                SQLBind(Self.normalisedEmail(email)), SQLBind(name), SQLBind(passwordHash), SQLBind(role.rawValue),
                SQLBind(districtCode), SQLBind(libraryID), SQLBind(Date()))
            .returning("id").first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    /// A new random secret for the user; only its SHA-256 is stored.
    func createToken(userID: Int64, kind: TokenKind, label: String?, lifetime: TimeInterval?) async throws -> (id: Int64, token: String) {
        let token = Self.randomToken()
        let now = Date()
        let row = try await db.insert(into: "auth_tokens")
            .columns("user_id", "kind", "token_hash", "label", "created_at", "expires_at")
            .values(
                SQLBind(userID), SQLBind(kind.rawValue), SQLBind(Self.hash(token)), SQLBind(label), SQLBind(now),
                SQLBind(lifetime.map { now.addingTimeInterval($0) }))
            .returning("id").first()
        return (try row!.decode(column: "id", as: Int64.self), token)
    }

    /// The signed-in actor for a presented secret, if it is known, of the right kind and not expired.
    func actor(token: String, kind: TokenKind) async throws -> (actor: Actor, tokenID: Int64)? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        let row = try await db.select()
            .column(SQLColumn("id", table: "auth_tokens"), as: "token_id")
            .column(SQLColumn("expires_at", table: "auth_tokens"))
            .column(SQLColumn("*", table: "users"))
            .from("auth_tokens")
            .join("users", on: SQLColumn("user_id", table: "auth_tokens"), .equal, SQLColumn("id", table: "users"))
            .where(SQLColumn("token_hash", table: "auth_tokens"), .equal, SQLBind(Self.hash(token)))
            .where(SQLColumn("kind", table: "auth_tokens"), .equal, SQLBind(kind.rawValue))
            .first()
        guard let row else { return nil }
        if let expires = try row.decodeNil(column: "expires_at") ? nil : row.decode(column: "expires_at", as: Date.self),
            expires < Date()
        {
            return nil
        }
        let user = try row.decode(model: UserRow.self)
        return (user.actor, try row.decode(column: "token_id", as: Int64.self))
    }

    func revokeToken(id: Int64) async throws {
        try await db.delete(from: "auth_tokens").where("id", .equal, id).run()
    }

    func revokeToken(token: String) async throws {
        try await db.delete(from: "auth_tokens").where("token_hash", .equal, Self.hash(token)).run()
    }

    // MARK: Throttling

    /// Notes a failed sign-in, and forgets failures older than `keep`: only the recent ones count.
    func recordFailure(email: String, keep: TimeInterval) async throws {
        let now = Date()
        try await db.delete(from: "login_failures").where("at", .lessThan, now.addingTimeInterval(-keep)).run()
        try await db.insert(into: "login_failures").columns("email", "at")
            .values(SQLBind(Self.normalisedEmail(email)), SQLBind(now)).run()
    }

    /// Failures for this address since `since`, and the earliest of them.
    func failures(email: String, since: Date) async throws -> (count: Int, earliest: Date?) {
        let rows = try await db.select().column("at").from("login_failures")
            .where("email", .equal, Self.normalisedEmail(email)).where("at", .greaterThan, since)
            .orderBy("at").all()
        let earliest = try rows.first.map { try $0.decode(column: "at", as: Date.self) }
        return (rows.count, earliest)
    }

    func clearFailures(email: String) async throws {
        try await db.delete(from: "login_failures").where("email", .equal, Self.normalisedEmail(email)).run()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
