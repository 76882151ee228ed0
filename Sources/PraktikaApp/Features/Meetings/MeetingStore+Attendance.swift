import Foundation
import PraktikaDomain
import SQLKit

/// Registrations' status, check-in, attendance by session, certificates and the messages sent.
extension MeetingStore {
    /// Holds the meeting's row until the transaction ends, so that registrations and withdrawals
    /// of one meeting take their turns (PostgreSQL; SQLite's writers already do).
    func lockMeeting(_ meetingID: Int64) async throws {
        guard db.dialect.name != "sqlite" else { return }
        _ = try await db.raw("SELECT id FROM meetings WHERE id = \(bind: meetingID) FOR UPDATE").all()
    }

    /// The identity keys (name and organisation) of everyone registered, read from two columns.
    func identityKeys(_ meetingID: Int64) async throws -> Set<String> {
        Set(
            try await db.select().columns("full_name", "organisation").from("meeting_participants").where("meeting_id", .equal, meetingID)
                .all().map { row in
                    MeetingParticipant(
                        fullName: try row.decode(column: "full_name", as: String.self), role: .other,
                        organisation: try row.decode(column: "organisation", as: String.self)
                    ).identityKey
                })
    }

    func confirmedCount(_ meetingID: Int64) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("meeting_participants")
            .where("meeting_id", .equal, meetingID).where("status", .equal, RegistrationStatus.confirmed.rawValue).first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The waiting list, first to register first.
    func waitingIDs(_ meetingID: Int64) async throws -> [Int64] {
        try await db.select().column("id").from("meeting_participants").where("meeting_id", .equal, meetingID)
            .where("status", .equal, RegistrationStatus.waiting.rawValue).orderBy("id").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
    }

    /// A withdrawn person gives up their seat too.
    func setStatus(_ meetingID: Int64, _ participantID: Int64, _ status: RegistrationStatus) async throws {
        var update = db.update("meeting_participants").where("id", .equal, participantID).where("meeting_id", .equal, meetingID)
            .set("status", to: SQLBind(status.rawValue)).set("version", to: SQLRaw("version + 1"))
        if status != .confirmed { update = update.set("table_id", to: SQLLiteral.null).set("pinned", to: SQLBind(false)) }
        try await update.run()
    }

    // MARK: Check-in

    /// Marks the person present; false if they already were (the first time stays).
    func checkIn(_ meetingID: Int64, _ participantID: Int64, at now: Int64) async throws -> Bool {
        try await db.update("meeting_participants").where("id", .equal, participantID).where("meeting_id", .equal, meetingID)
            .where("checked_in_at", .is, SQLLiteral.null).set("checked_in_at", to: SQLBind(now)).returning("id").first() != nil
    }

    func undoCheckIn(_ meetingID: Int64, _ participantID: Int64) async throws {
        try await db.update("meeting_participants").where("id", .equal, participantID).where("meeting_id", .equal, meetingID)
            .set("checked_in_at", to: SQLLiteral.null).run()
        try await db.delete(from: "session_attendance").where("participant_id", .equal, participantID).run()
    }

    /// Records these people present at a session; those already recorded stay as they were.
    func markSession(_ sessionID: Int64, _ participantIDs: [Int64], at now: Int64) async throws {
        for chunk in stride(from: 0, to: participantIDs.count, by: 200).map({ participantIDs[$0..<min($0 + 200, participantIDs.count)] }) {
            var insert = db.insert(into: "session_attendance").columns("session_id", "participant_id", "created_at")
            for id in chunk { insert = insert.values(SQLBind(sessionID), SQLBind(id), SQLBind(now)) }
            try await insert.ignoringConflicts().run()
        }
    }

    /// Participant id → the sessions they were recorded at.
    func sessionAttendance(_ meetingID: Int64) async throws -> [Int64: Set<Int64>] {
        let rows = try await db.select().columns(["a.participant_id", "a.session_id"].map(Self.column))
            .from(SQLAlias(SQLIdentifier("session_attendance"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = a.session_id"))
            .where(Self.column("s.meeting_id"), .equal, SQLBind(meetingID)).all()
        var result: [Int64: Set<Int64>] = [:]
        for row in rows {
            result[try row.decode(column: "participant_id", as: Int64.self), default: []].insert(
                try row.decode(column: "session_id", as: Int64.self))
        }
        return result
    }

    // MARK: Certificates

    func certificateSerial(_ participantID: Int64) async throws -> String? {
        try await db.select().column("certificate_serial").from("meeting_participants").where("id", .equal, participantID).first()?
            .decode(column: "certificate_serial", as: String?.self)
    }

    /// Gives the person a serial number unless they have one; answers the one they have.
    func issueSerial(_ participantID: Int64, _ serial: String) async throws -> String {
        try await db.update("meeting_participants").where("id", .equal, participantID).where("certificate_serial", .is, SQLLiteral.null)
            .set("certificate_serial", to: SQLBind(serial)).run()
        return try await certificateSerial(participantID) ?? serial
    }

    /// The registration a serial number was given to.
    func participant(serial: String) async throws -> (meetingID: Int64, participantID: Int64)? {
        guard
            let row = try await db.select().columns("meeting_id", "id").from("meeting_participants")
                .where("certificate_serial", .equal, serial).first()
        else { return nil }
        return (try row.decode(column: "meeting_id", as: Int64.self), try row.decode(column: "id", as: Int64.self))
    }

    // MARK: Messages

    /// Takes the right to send a participant a message of this kind; false if it was already
    /// taken (by this instance or another), so that each message goes once.
    /// `key` is the kind, with `:<session id>` for a session's message.
    func claimMessage(_ meetingID: Int64, _ participantID: Int64, key: String, at now: Int64) async throws -> Int64? {
        try await db.insert(into: "meeting_messages").columns("meeting_id", "participant_id", "kind", "created_at")
            .values(SQLBind(meetingID), SQLBind(participantID), SQLBind(key), SQLBind(now)).ignoringConflicts()
            .returning("id").first()?.decode(column: "id", as: Int64.self)
    }

    /// The participants who were already written a message with this key.
    func messaged(_ meetingID: Int64, key: String) async throws -> Set<Int64> {
        Set(
            try await db.select().column("participant_id").from("meeting_messages").where("meeting_id", .equal, meetingID)
                .where("kind", .equal, key).all().map { try $0.decode(column: "participant_id", as: Int64.self) })
    }

    func setMessageOutbox(_ messageID: Int64, outboxID: Int64) async throws {
        try await db.update("meeting_messages").where("id", .equal, messageID).set("outbox_id", to: SQLBind(outboxID)).run()
    }

    struct SentMessage: Sendable {
        let participantID: Int64
        let kind: MeetingMail.Kind
        let createdAt: Int64
        let status: MailOutbox.Status?
        let sentAt: Int64?
    }

    /// What the meeting sent whom, with the outbox's word on each message.
    func messages(_ meetingID: Int64) async throws -> [SentMessage] {
        try await db.select().columns(["m.participant_id", "m.kind", "m.created_at", "o.status", "o.sent_at"].map(Self.column))
            .from(SQLAlias(SQLIdentifier("meeting_messages"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("mail_outbox"), as: SQLIdentifier("o")), method: SQLJoinMethod.left, on: SQLRaw("o.id = m.outbox_id")
            )
            .where(Self.column("m.meeting_id"), .equal, SQLBind(meetingID)).orderBy(Self.column("m.id"), SQLDirection.ascending).all()
            .compactMap { row in
                let key = try row.decode(column: "kind", as: String.self)
                guard let kind = MeetingMail.Kind(rawValue: String(key.prefix { $0 != ":" })) else { return nil }
                return SentMessage(
                    participantID: try row.decode(column: "participant_id", as: Int64.self), kind: kind,
                    createdAt: try row.decode(column: "created_at", as: Int64.self),
                    status: try row.decode(column: "status", as: String?.self).flatMap(MailOutbox.Status.init(rawValue:)),
                    sentAt: try row.decode(column: "sent_at", as: Int64?.self))
            }
    }
}

/// Places in sessions people sign up for.
extension MeetingStore {
    struct SessionPlace: Sendable, Hashable {
        let sessionID: Int64
        let participantID: Int64
        let status: RegistrationStatus
    }

    /// Every sign-up for the meeting's sessions, in the order they were made.
    func sessionPlaces(_ meetingID: Int64) async throws -> [SessionPlace] {
        try await db.select().columns(["r.session_id", "r.participant_id", "r.status"].map(Self.column))
            .from(SQLAlias(SQLIdentifier("session_registrations"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = r.session_id"))
            .where(Self.column("s.meeting_id"), .equal, SQLBind(meetingID)).orderBy(Self.column("r.id"), SQLDirection.ascending).all()
            .map { row in
                SessionPlace(
                    sessionID: try row.decode(column: "session_id", as: Int64.self),
                    participantID: try row.decode(column: "participant_id", as: Int64.self),
                    status: RegistrationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .waiting)
            }
    }

    func addSessionPlace(_ sessionID: Int64, _ participantID: Int64, _ status: RegistrationStatus, at now: Int64) async throws {
        try await db.insert(into: "session_registrations").columns("session_id", "participant_id", "status", "created_at")
            .values(SQLBind(sessionID), SQLBind(participantID), SQLBind(status.rawValue), SQLBind(now)).ignoringConflicts().run()
    }

    func setSessionPlace(_ sessionID: Int64, _ participantID: Int64, _ status: RegistrationStatus) async throws {
        try await db.update("session_registrations").where("session_id", .equal, sessionID).where("participant_id", .equal, participantID)
            .set("status", to: SQLBind(status.rawValue)).run()
    }

    /// Removes a person's sign-ups: for one session, or all of them.
    func removeSessionPlaces(_ participantID: Int64, session: Int64? = nil) async throws {
        var delete = db.delete(from: "session_registrations").where("participant_id", .equal, participantID)
        if let session { delete = delete.where("session_id", .equal, session) }
        try await delete.run()
    }
}
