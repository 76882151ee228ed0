import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// A forgotten password, replaced through a link sent by e-mail. The link carries a random
/// secret of which only the hash is kept (`auth_tokens`, kind `password_reset`); it works once,
/// for `lifetimeMinutes`, and a newer request replaces an older link. Whether an address has an
/// account is never said: the answer to a request is the same either way.
struct PasswordReset {
    static let lifetimeMinutes = 60

    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    enum Request: Equatable {
        /// Sent if the address has an account (the person is told the same either way).
        case accepted
        case throttled
    }

    /// Asks for a link for `email`. `link` turns the secret into the address sent in the message.
    func request(email: String, client: String, language: Language, link: @escaping @Sendable (String) -> String, now: Date = Date())
        async throws -> Request
    {
        let throttle = AnonymousThrottle(db: sql)
        let address = AccountStore.normalisedEmail(email)
        guard try await throttle.admit(.passwordResets, client: client, subject: 0, now: now),
            try await throttle.admit(.passwordResetsPerAccount, client: address, subject: 0, now: now)
        else { return .throttled }
        guard !address.isEmpty, let user = try await AccountStore(db: sql).user(email: address) else { return .accepted }
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let accounts = AccountStore(db: sql)
            // Only the newest link works.
            try await sql.delete(from: "auth_tokens").where("user_id", .equal, user.id)
                .where("kind", .equal, AccountStore.TokenKind.passwordReset.rawValue).run()
            let (_, secret) = try await accounts.createToken(
                userID: user.id, kind: .passwordReset, label: nil, lifetime: TimeInterval(Self.lifetimeMinutes * 60))
            let l = user.language.map { Language(code: $0) } ?? language
            let values = ["name": user.name, "link": link(secret), "minutes": String(Self.lifetimeMinutes)]
            // The message holds the secret: its text is erased from the outbox once it is sent.
            _ = try await MailOutbox(db: sql).enqueue(
                MailMessage(
                    recipient: user.email, subject: TextKey.resetMailSubject(l), body: TextKey.resetMailBody(l, values),
                    kind: "password_reset"),
                eraseWhenSent: true)
            try await AuditStore(db: sql).record(
                actor: nil, action: .passwordResetRequest, entity: "user", entityID: String(user.id), entityName: user.name)
        }
        return .accepted
    }

    /// The account a link is for, while it still works; the link is not used up by looking.
    func account(secret: String) async throws -> UserRow? {
        guard let found = try await AccountStore(db: sql).actor(token: secret, kind: .passwordReset) else { return nil }
        return try await AccountStore(db: sql).user(id: found.actor.userID)
    }

    enum Outcome {
        case changed(UserRow)
        case invalid(UserRow, FieldErrors)
        /// Used, expired, replaced or never issued.
        case expired
    }

    /// Sets the new password if the link still works, using the link up in the same statement
    /// that checks it, so that two submissions cannot both succeed. Every session and key of the
    /// account ends: whoever knew the old password is out.
    func reset(secret: String, password: String, confirmation: String, hash: (String) async throws -> String, now: Date = Date())
        async throws -> Outcome
    {
        guard let user = try await account(secret: secret) else { return .expired }
        let errors = PasswordRules.check("new_password", password, confirmation: confirmation, email: user.email)
        guard errors.isEmpty else { return .invalid(user, errors) }
        let hashed = try await hash(password)
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let used = try await sql.delete(from: "auth_tokens")
                .where("token_hash", .equal, AccountStore.hash(secret))
                .where("kind", .equal, AccountStore.TokenKind.passwordReset.rawValue)
                .where("user_id", .equal, user.id)
                .where("expires_at", .greaterThan, now)
                .returning("id").first()
            guard used != nil else { return .expired }
            let accounts = AccountStore(db: sql)
            try await accounts.setPasswordHash(userID: user.id, hashed)
            try await accounts.revokeOthers(userID: user.id, keepingHash: nil)
            try await AuditStore(db: sql).record(
                actor: user.actor, action: .passwordReset, entity: "user", entityID: String(user.id), entityName: user.name)
            return .changed(user)
        }
    }
}
