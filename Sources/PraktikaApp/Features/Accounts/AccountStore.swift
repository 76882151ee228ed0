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
    /// The registry partner a partner account speaks for.
    var partnerID: Int64?
    /// The interface language the person chose, if any.
    var language: String?

    enum CodingKeys: String, CodingKey {
        case id, email, name, role, language
        case passwordHash = "password_hash"
        case districtCode = "district_code"
        case libraryID = "library_id"
        case partnerID = "partner_id"
    }

    var actor: Actor {
        Actor(
            userID: id, name: name, role: role, districtCode: districtCode, libraryID: libraryID,
            partnerID: role == .partner ? partnerID : nil)
    }
}

/// Accounts, their browser sessions and API tokens, and the sign-in failure count.
struct AccountStore {
    enum TokenKind: String {
        case session, api
        /// A single-use link to choose a new password, sent by e-mail.
        case passwordReset = "password_reset"
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
    func createUser(
        email: String, name: String, passwordHash: String, role: Role, districtCode: String?, libraryID: Int64?, partnerID: Int64? = nil
    ) async throws -> Int64 {
        let row = try await db.insert(into: "users")
            .columns("email", "name", "password_hash", "role", "district_code", "library_id", "partner_id", "created_at")
            .values(
                SQLBind(Self.normalisedEmail(email)), SQLBind(name), SQLBind(passwordHash), SQLBind(role.rawValue),
                SQLBind(districtCode), SQLBind(libraryID), SQLBind(role == .partner ? partnerID : nil), SQLBind(Date())
            )
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
                SQLBind(lifetime.map { now.addingTimeInterval($0) })
            )
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

    func user(id: Int64) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("id", .equal, id).first(decoding: UserRow.self)
    }

    func setLanguage(userID: Int64, _ language: Language) async throws {
        try await db.update("users").set("language", to: SQLBind(language.rawValue)).where("id", .equal, userID).run()
    }

    func setPasswordHash(userID: Int64, _ hash: String) async throws {
        try await db.update("users").set("password_hash", to: SQLBind(hash)).where("id", .equal, userID).run()
    }

    /// A session or API key as its owner sees it; the secret itself is never stored.
    struct TokenRow: Codable, Sendable {
        let id: Int64
        let kind: String
        let label: String?
        let createdAt: Date
        let expiresAt: Date?
        let tokenHash: String

        enum CodingKeys: String, CodingKey {
            case id, kind, label
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case tokenHash = "token_hash"
        }
    }

    func tokens(userID: Int64) async throws -> [TokenRow] {
        try await db.select().columns("id", "kind", "label", "created_at", "expires_at", "token_hash").from("auth_tokens")
            .where("user_id", .equal, userID).where("kind", .notEqual, TokenKind.passwordReset.rawValue)
            .orderBy("created_at", .descending).all(decoding: TokenRow.self)
    }

    /// Ends one of the user's own sessions or keys; false if it is not theirs.
    func revokeToken(id: Int64, ownedBy userID: Int64) async throws -> Bool {
        let found = try await db.select().column("id").from("auth_tokens").where("id", .equal, id).where("user_id", .equal, userID).first()
        guard found != nil else { return false }
        try await revokeToken(id: id)
        return true
    }

    /// Ends every session and key of the user except the one presented now.
    func revokeOthers(userID: Int64, keepingHash: String?) async throws {
        var query = db.delete(from: "auth_tokens").where("user_id", .equal, userID)
        if let keepingHash { query = query.where("token_hash", .notEqual, keepingHash) }
        try await query.run()
    }

    /// Removes an account for good: its sessions and keys, and its name from the audit log, where
    /// the entries stay (what happened) but no longer say who it was.
    func erase(userID: Int64, email: String, replacement: String) async throws {
        try await db.delete(from: "auth_tokens").where("user_id", .equal, userID).run()
        try await db.update("audit_log").set("user_name", to: SQLBind(replacement)).where("user_id", .equal, userID).run()
        try await db.update("audit_log").set("entity_name", to: SQLBind(replacement))
            .where("entity", .equal, "user").where("entity_id", .equal, String(userID)).run()
        try await db.update("audit_log").set("entity_name", to: SQLBind(replacement))
            .where("action", .equal, AuditAction.signInFailed.rawValue).where("entity_name", .equal, email).run()
        try await db.delete(from: "login_failures").where("email", .equal, email).run()
        // Design history names its authors too; the designs' "last changed by" follows their newest revision.
        try await db.update("design_revisions").set("user_name", to: SQLBind(replacement)).where("user_id", .equal, userID).run()
        try await db.raw(
            """
            UPDATE service_designs SET updated_by_name = (SELECT r.user_name FROM design_revisions r \
            WHERE r.design_id = service_designs.id ORDER BY r.version DESC LIMIT 1)
            """
        ).run()
        // Actions they owned stay with the meeting, owned by the placeholder name.
        try await db.update("meeting_actions").set("owner_user_id", to: SQLLiteral.null).set("owner_name", to: SQLBind(replacement))
            .where("owner_user_id", .equal, userID).run()
        try await db.delete(from: "users").where("id", .equal, userID).run()
    }

    func revokeToken(id: Int64) async throws {
        try await db.delete(from: "auth_tokens").where("id", .equal, id).run()
    }

    func revokeToken(token: String) async throws {
        try await db.delete(from: "auth_tokens").where("token_hash", .equal, Self.hash(token)).run()
    }

    // MARK: Throttling

    /// Notes an attempt to sign in as `email` from `client` before its password is checked, and
    /// answers how many attempts from there are on record since `since`, this one included, with
    /// the earliest. Noting first and counting after makes the limit hold for parallel attempts:
    /// each one counts every attempt noted before it. A success clears the record
    /// (`clearFailures`); a failure leaves its attempt counted. Attempts older than `keep` go.
    func noteAttempt(email: String, client: String, since: Date, keep: TimeInterval) async throws -> (count: Int, earliest: Date?) {
        let now = Date()
        let key = Self.normalisedEmail(email)
        try await db.delete(from: "login_failures").where("at", .lessThan, now.addingTimeInterval(-keep)).run()
        try await db.insert(into: "login_failures").columns("email", "client", "at").values(SQLBind(key), SQLBind(client), SQLBind(now))
            .run()
        let rows = try await db.select().column("at").from("login_failures")
            .where("email", .equal, key).where("client", .equal, client).where("at", .greaterThanOrEqual, since)
            .orderBy("at").all()
        return (rows.count, try rows.first.map { try $0.decode(column: "at", as: Date.self) })
    }

    func clearFailures(email: String, client: String) async throws {
        try await db.delete(from: "login_failures").where("email", .equal, Self.normalisedEmail(email)).where("client", .equal, client)
            .run()
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

    /// Account id → display name, for the ids given.
    func names(_ ids: Set<Int64>) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: String] = [:]
        for row in try await db.select().columns("id", "name").from("users").where("id", .in, Array(ids)).all() {
            result[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "name", as: String.self)
        }
        return result
    }
}
