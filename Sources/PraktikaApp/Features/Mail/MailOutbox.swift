import Foundation
import PraktikaDomain
import SQLKit

/// The outbox: any app instance adds messages; a sender claims one with a conditional update
/// (only one claim can succeed), sends it, and marks it sent or schedules the next attempt.
struct MailOutbox {
    let db: any SQLDatabase

    enum Status: String, CaseIterable, Sendable {
        case waiting, sending, sent, failed
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// `eraseWhenSent`: the address is reduced to a masked form and the text removed once the
    /// message has gone, for messages whose recipient is kept only to send them.
    @discardableResult
    func enqueue(_ message: MailMessage, eraseWhenSent: Bool, at now: Int64 = MailOutbox.now()) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "mail_outbox")
                .columns(
                    "kind", "recipient", "subject", "body", "status", "attempts", "next_attempt_at", "erase_when_sent", "created_at",
                    "attachment_name", "attachment_type", "attachment_body"
                )
                .values(
                    SQLBind(message.kind), SQLBind(message.recipient), SQLBind(message.subject), SQLBind(message.body),
                    SQLBind(Status.waiting.rawValue), SQLBind(0), SQLBind(now), SQLBind(eraseWhenSent), SQLBind(now),
                    SQLBind(message.attachment?.filename), SQLBind(message.attachment?.contentType), SQLBind(message.attachment?.content)
                )
                .returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    struct Claimed: Sendable {
        let id: Int64
        let message: MailMessage
        let attempts: Int
        let eraseWhenSent: Bool
    }

    /// Claims up to `limit` messages that are due, or whose sender's lease ran out (it stopped
    /// mid-way), for `lease` seconds.
    func claimDue(now: Int64, limit: Int = 20, lease: Int64 = 120) async throws -> [Claimed] {
        let candidates = try await db.select().column("id").from("mail_outbox")
            .where { g in
                g.where("status", .equal, Status.waiting.rawValue).where("next_attempt_at", .lessThanOrEqual, now)
            }
            .orWhere { g in
                g.where("status", .equal, Status.sending.rawValue).where("claimed_until", .lessThan, now)
            }
            .orderBy("id").limit(limit).all().map { try $0.decode(column: "id", as: Int64.self) }
        var claimed: [Claimed] = []
        for id in candidates {
            let row = try await db.update("mail_outbox")
                .set("status", to: SQLBind(Status.sending.rawValue))
                .set("claimed_until", to: SQLBind(now + lease))
                .set("attempts", to: SQLRaw("attempts + 1"))
                .where("id", .equal, id)
                .where { g in
                    g.where { w in
                        w.where("status", .equal, Status.waiting.rawValue).where("next_attempt_at", .lessThanOrEqual, now)
                    }
                    .orWhere { w in
                        w.where("status", .equal, Status.sending.rawValue).where("claimed_until", .lessThan, now)
                    }
                }
                .returning(
                    "id", "kind", "recipient", "subject", "body", "attempts", "erase_when_sent", "attachment_name", "attachment_type",
                    "attachment_body"
                )
                .first()
            guard let row else { continue }
            var attachment: MailAttachment?
            if let name = try row.decode(column: "attachment_name", as: String?.self),
                let type = try row.decode(column: "attachment_type", as: String?.self),
                let content = try row.decode(column: "attachment_body", as: String?.self)
            {
                attachment = MailAttachment(filename: name, contentType: type, content: content)
            }
            claimed.append(
                Claimed(
                    id: id,
                    message: MailMessage(
                        recipient: try row.decode(column: "recipient", as: String.self),
                        subject: try row.decode(column: "subject", as: String.self),
                        body: try row.decode(column: "body", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                        attachment: attachment),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    eraseWhenSent: try row.decode(column: "erase_when_sent", as: Bool.self)))
        }
        return claimed
    }

    func markSent(_ claimed: Claimed, at now: Int64 = MailOutbox.now()) async throws {
        var update = db.update("mail_outbox").where("id", .equal, claimed.id)
            .set("status", to: SQLBind(Status.sent.rawValue)).set("sent_at", to: SQLBind(now))
            .set("claimed_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
        if claimed.eraseWhenSent {
            update = update.set("recipient", to: SQLBind(Self.masked(claimed.message.recipient))).set("body", to: SQLBind(""))
                .set("attachment_body", to: SQLLiteral.null)
        }
        try await update.run()
    }

    /// Schedules the next attempt, or gives up after the last.
    func markFailed(_ claimed: Claimed, error: String, at now: Int64 = MailOutbox.now()) async throws {
        let delay = MailRetry.delay(afterAttempt: claimed.attempts)
        try await db.update("mail_outbox").where("id", .equal, claimed.id)
            .set("status", to: SQLBind(delay == nil ? Status.failed.rawValue : Status.waiting.rawValue))
            .set("next_attempt_at", to: SQLBind(now + Int64(delay ?? 0)))
            .set("claimed_until", to: SQLLiteral.null)
            .set("last_error", to: SQLBind(String(error.prefix(500))))
            .run()
    }

    /// "m•••@example.bg": enough to tell messages apart, not enough to write to the person.
    static func masked(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@") else { return "•••" }
        return String(address.prefix(1)) + "•••" + address[at...]
    }

    func counts() async throws -> [Status: Int] {
        var result: [Status: Int] = [:]
        for row in try await db.raw("SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status").all() {
            if let status = Status(rawValue: try row.decode(column: "status", as: String.self)) {
                result[status] = Int(try row.decode(column: "n", as: Int64.self))
            }
        }
        return result
    }

    struct Listed: Sendable {
        let id: Int64
        let kind: String
        let recipient: String
        let subject: String
        let status: Status
        let attempts: Int
        let nextAttemptAt: Int64
        let sentAt: Int64?
        let lastError: String?
        let createdAt: Int64
    }

    func recent(status: Status?, limit: Int = 100) async throws -> [Listed] {
        var query = db.select()
            .columns("id", "kind", "recipient", "subject", "status", "attempts", "next_attempt_at", "sent_at", "last_error", "created_at")
            .from("mail_outbox")
        if let status { query = query.where("status", .equal, status.rawValue) }
        return try await query.orderBy("id", .descending).limit(limit).all().map { row in
            Listed(
                id: try row.decode(column: "id", as: Int64.self), kind: try row.decode(column: "kind", as: String.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                status: Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .waiting,
                attempts: try row.decode(column: "attempts", as: Int.self),
                nextAttemptAt: try row.decode(column: "next_attempt_at", as: Int64.self),
                sentAt: try row.decode(column: "sent_at", as: Int64?.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// Puts a failed message back in the queue, to be tried at once.
    func retry(_ id: Int64, at now: Int64 = MailOutbox.now()) async throws {
        try await db.update("mail_outbox").where("id", .equal, id).where("status", .equal, Status.failed.rawValue)
            .set("status", to: SQLBind(Status.waiting.rawValue)).set("attempts", to: SQLBind(0))
            .set("next_attempt_at", to: SQLBind(now)).run()
    }
}
