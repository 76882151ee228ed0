import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Writes a meeting's messages to the outbox, each at most once per person and kind (a unique
/// row in `meeting_messages` is taken first), in the person's language, with the programme's
/// calendar where it helps. People who gave no address are simply not written to.
struct MeetingMailer {
    let db: any SQLDatabase
    let siteAddress: String
    /// The meeting's programme, read once before a transaction that writes many messages or
    /// holds the meeting's row (nil: read when needed).
    var agenda: Agenda? = nil

    var store: MeetingStore { MeetingStore(db: db) }

    /// Answers whether a message was written.
    @discardableResult
    func send(
        _ kind: MeetingMail.Kind, _ stored: StoredMeeting, _ person: MeetingParticipant, waitingPosition: Int? = nil,
        session: AgendaSession? = nil, now: Date = Date()
    ) async throws -> Bool {
        guard let email = person.email, let pid = person.id else { return false }
        let stamp = Int64(now.timeIntervalSince1970)
        // Once per person and kind; a session's message once per person and session.
        let key = kind.rawValue + (session?.id.map { ":\($0)" } ?? "")
        guard let messageID = try await store.claimMessage(stored.id, pid, key: key, at: stamp) else { return false }
        let agenda: Agenda
        if let known = self.agenda { agenda = known } else { agenda = try await store.agenda(stored.id) }
        let token = try await store.accessToken(pid) ?? ""
        let programme = siteAddress + SiteURL.meeting(stored.id, .programme).path
        var links = MeetingMail.Links(personal: siteAddress + SiteURL.registration(token).path, programme: programme)
        if kind == .after {
            links.feedback = try await store.forms(stored.id).filter(\.open).map { siteAddress + SiteURL.answerFeedback($0.token).path }
            if person.checkedInAt != nil { links.certificate = siteAddress + SiteURL.registrationCertificate(token).path }
        }
        let calendar = MeetingCalendar.ics(
            meeting: stored.meeting, agenda: agenda, uidPrefix: "praktika-meeting-\(stored.id)", url: programme, language: person.language,
            stamp: now)
        let message = MeetingMail.message(
            kind, meeting: stored.meeting, agenda: agenda, participant: person, recipient: email, links: links,
            waitingPosition: waitingPosition, calendar: calendar, session: session)
        let outboxID = try await MailOutbox(db: db).enqueue(message, eraseWhenSent: false, at: stamp)
        try await store.setMessageOutbox(messageID, outboxID: outboxID)
        return true
    }
}

/// The reminders that fall due: for each meeting that starts within its reminder days, a message
/// to everyone holding a place who has not had one. Run by every instance's mail round; the
/// unique message rows keep it to one each.
struct MeetingReminders {
    let db: any Database
    let publicURL: String

    var sql: any SQLDatabase { db as! any SQLDatabase }

    func enqueueDue(today: LocalDate, now: Date) async throws -> Int {
        guard let horizon = today.adding(days: 60) else { return 0 }
        let rows = try await sql.select().column("id").from("meetings")
            .where("starts_on", .greaterThanOrEqual, today.iso).where("starts_on", .lessThanOrEqual, horizon.iso)
            .where("status", .in, [MeetingStatus.planned.rawValue, MeetingStatus.registration.rawValue]).all()
        var written = 0
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            guard let stored = try await MeetingStore(db: sql).find(id), stored.meeting.reminderDays > 0,
                today.days(until: stored.meeting.startsOn) <= stored.meeting.reminderDays
            else { continue }
            // Read first, outside any transaction: most rounds find everyone already reminded and
            // should not take the write lock at all.
            let reminded = try await MeetingStore(db: sql).messaged(id, key: MeetingMail.Kind.reminder.rawValue)
            let due = try await MeetingStore(db: sql).confirmedParticipants(id).filter {
                $0.email != nil && !reminded.contains($0.id ?? 0)
            }
            guard !due.isEmpty else { continue }
            let publicURL = self.publicURL
            written += try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                let mailer = MeetingMailer(db: sql, siteAddress: publicURL, agenda: try await MeetingStore(db: sql).agenda(id))
                var count = 0
                for person in due {
                    if try await mailer.send(.reminder, stored, person, now: now) { count += 1 }
                }
                return count
            }
        }
        return written
    }
}
