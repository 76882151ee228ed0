import Fluent
import Foundation
import Logging
import PraktikaDomain
import SQLKit
import Vapor

/// Mail settings: where to deliver (`PRAKTIKA_SMTP_URL`; without it mail is off and the outbox
/// keeps every message) and the sender's address (`PRAKTIKA_MAIL_FROM`).
struct MailSettings: Sendable {
    var smtp: SMTPSettings?
    var from: String
    /// Seconds between two rounds of the sender.
    var interval: Int

    static let off = MailSettings(smtp: nil, from: "praktika@localhost", interval: 30)
}

/// One round of the background work that sends mail: follow-up invitations that fell due are
/// written to the outbox, then every due message is claimed and handed to the transport. Every
/// app instance runs it; the claims make sure that each message goes once.
struct MailDelivery {
    let db: any Database
    let settings: MailSettings
    let transport: (any MailTransport)?
    let publicURL: String
    let logger: Logger

    struct Round: Sendable, Equatable {
        var invited = 0
        var reminded = 0
        var renewals = 0
        var followUps = 0
        var sent = 0
        var failed = 0
    }

    func runOnce(now: Date = Date()) async throws -> Round {
        var round = Round()
        round.invited = try await FollowUps(db: db, publicURL: publicURL).enqueueDue(today: LocalDate(now), now: now)
        round.reminded = try await MeetingReminders(db: db, publicURL: publicURL).enqueueDue(today: LocalDate(now), now: now)
        let partnerships = PartnershipReminders(db: db, publicURL: publicURL)
        round.renewals = try await partnerships.enqueueRenewals(today: LocalDate(now))
        round.followUps = try await partnerships.enqueueFollowUps(today: LocalDate(now))
        guard let transport else { return round }
        let outbox = MailOutbox(db: db as! any SQLDatabase)
        // Batches of twenty until nothing is due (a meeting's confirmations come in hundreds),
        // at most a thousand a round so that one round never runs for ever.
        // Every mark uses the round's own time, so that a message that failed is not due again in
        // the same round; and a round that met a failure stops there (the server is likely down).
        var claimedThisRound = 0
        while claimedThisRound < 1000 && round.failed == 0 {
            let batch = try await outbox.claimDue(now: Int64(now.timeIntervalSince1970))
            if batch.isEmpty { break }
            claimedThisRound += batch.count
            try await deliver(batch, outbox: outbox, transport: transport, now: now, round: &round)
        }
        return round
    }

    private func deliver(
        _ batch: [MailOutbox.Claimed], outbox: MailOutbox, transport: any MailTransport, now: Date, round: inout Round
    ) async throws {
        for claimed in batch {
            let data = MailFormat.message(
                from: settings.from, claimed.message, date: now, messageID: "\(claimed.id).\(UUID().uuidString)@praktika")
            do {
                try await transport.send(from: settings.from, to: claimed.message.recipient, data: data)
                try await outbox.markSent(claimed, at: Int64(now.timeIntervalSince1970))
                round.sent += 1
            } catch {
                logger.warning("mail \(claimed.id) not delivered (attempt \(claimed.attempts)): \(error)")
                try await outbox.markFailed(claimed, error: String(describing: error), at: Int64(now.timeIntervalSince1970))
                round.failed += 1
            }
        }
    }
}

/// Runs `MailDelivery` every few seconds while the server serves.
final class MailDeliveryLoop: LifecycleHandler, @unchecked Sendable {
    // `task` is touched only from the application's start and shutdown, one after the other.
    private var task: Task<Void, Never>?
    let settings: MailSettings
    let publicURL: String?

    init(settings: MailSettings, publicURL: String?) {
        self.settings = settings
        self.publicURL = publicURL
    }

    func didBootAsync(_ application: Application) async throws {
        let settings = self.settings
        let logger = application.logger
        let db = application.db
        let publicURL =
            self.publicURL ?? "http://\(application.http.server.configuration.hostname):\(application.http.server.configuration.port)"
        if settings.smtp == nil { logger.notice("PRAKTIKA_SMTP_URL is not set: mail stays in the outbox") }
        task = Task {
            let delivery = MailDelivery(
                db: db, settings: settings, transport: settings.smtp.map { SMTPClient(settings: $0) }, publicURL: publicURL, logger: logger)
            while !Task.isCancelled {
                do {
                    _ = try await delivery.runOnce()
                } catch {
                    logger.warning("mail round failed: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(settings.interval) * 1_000_000_000)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}
