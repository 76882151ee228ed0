import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Registration with a capacity: a place while there are places, the waiting list after; a
/// withdrawal gives the place to the first who waits, at once, and tells them. Every step runs
/// with the meeting's row held, so that concurrent registrations never overfill it.
extension MeetingService {
    enum Registration {
        case registered(id: Int64, status: RegistrationStatus, token: String)
        case invalid(FieldErrors)
        case closed
        /// Too many registrations from one address in a short time.
        case throttled
    }

    /// Registration through the meeting's public link: anyone with the link, while the meeting is
    /// open for registration, once per person; with the sessions (workshops) they sign up for,
    /// each with its own places and waiting list.
    /// `client` is the address of someone registering through the public link: each address may
    /// register a limited number of people per meeting in ten minutes (`AnonymousThrottle`).
    func register(_ stored: StoredMeeting, _ participant: MeetingParticipant, sessions chosen: [Int64] = [], client: String? = nil)
        async throws -> Registration
    {
        guard Self.isOpenForRegistration(stored) else { return .closed }
        let tables = try await store.tables(stored.id)
        var errors = MeetingValidation.participant(participant, tables: tables)
        // Read before the meeting is held, so that the held part stays short.
        let agenda = try await store.agenda(stored.id)
        let limited = Set(agenda.sessions.filter { $0.capacity != nil }.compactMap(\.id))
        if chosen.contains(where: { !limited.contains($0) }) { errors.add("session", .validationOption) }
        guard errors.isEmpty else { return .invalid(errors) }
        // Nobody registers themselves into a registry record, onto a table, or as a placeholder.
        var p = participant
        p.id = nil
        p.placeholder = false
        p.source = .link
        p.libraryID = nil
        p.partnerID = nil
        p.tableID = nil
        p.pinned = false
        p.checkedInAt = nil
        p.language = language
        let candidate = p
        let actor = self.actor
        let siteAddress = self.siteAddress
        let result: Registration = try await inTransaction { store, sql in
            if let client, !(try await AnonymousThrottle(db: sql).admit(.registrations, client: client, subject: stored.id)) {
                return .throttled
            }
            try await store.lockMeeting(stored.id)
            // Checked again with the meeting held: two people sending the same form at once.
            if try await store.identityKeys(stored.id).contains(candidate.identityKey) {
                var errors = FieldErrors()
                errors.add(ParticipantFields.form.fullName, .importDuplicate)
                return .invalid(errors)
            }
            var registered = candidate
            registered.status = Waitlist.statusForNew(
                confirmed: try await store.confirmedCount(stored.id), capacity: stored.meeting.capacity)
            let id = try await store.insertParticipant(stored.id, registered)
            registered.id = id
            // A place in a session needs a place at the meeting; until then the person waits for both.
            let places = try await store.sessionPlaces(stored.id)
            for sid in Set(chosen).sorted() {
                let capacity = agenda.sessions.first { $0.id == sid }?.capacity
                let taken = places.filter { $0.sessionID == sid && $0.status == .confirmed }.count
                let status = registered.status == .confirmed ? Waitlist.statusForNew(confirmed: taken, capacity: capacity) : .waiting
                try await store.addSessionPlace(sid, id, status, at: Int64(Date().timeIntervalSince1970))
            }
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.participantEntity, entityID: String(id),
                entityName: "\(registered.fullName) · \(stored.meeting.title)")
            let mailer = MeetingMailer(db: sql, siteAddress: siteAddress, agenda: agenda)
            let position = registered.status == .waiting ? Waitlist.position(of: id, waiting: try await store.waitingIDs(stored.id)) : nil
            try await mailer.send(registered.status == .waiting ? .waiting : .confirmation, stored, registered, waitingPosition: position)
            return .registered(id: id, status: registered.status, token: try await store.accessToken(id) ?? "")
        }
        return result
    }

    /// A person gives up their place (through their personal link, or an organiser for them);
    /// the first on the waiting list takes it and is told by mail.
    func withdraw(_ stored: StoredMeeting, participantID: Int64, byOrganiser: Bool) async throws -> Outcome {
        if byOrganiser, !mayOrganise(stored) { return .forbidden }
        let actor = self.actor
        let siteAddress = self.siteAddress
        return try await inTransaction { store, sql in
            try await store.lockMeeting(stored.id)
            guard let person = try await store.participant(stored.id, participantID) else { return .notFound }
            guard person.status != .withdrawn else { return .saved(participantID) }
            try await store.setStatus(stored.id, participantID, .withdrawn)
            try await store.removeSessionPlaces(participantID)
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.participantEntity, entityID: String(participantID),
                entityName: "\(person.fullName) · \(stored.meeting.title)",
                changes: [FieldChange(field: "status", before: person.status.rawValue, after: RegistrationStatus.withdrawn.rawValue)])
            try await Self.promote(stored, store: store, sql: sql, actor: actor, siteAddress: siteAddress)
            return .saved(participantID)
        }
    }

    /// Gives free places to the waiting list in order; used after a withdrawal and when an
    /// organiser raises the capacity.
    static func promote(
        _ stored: StoredMeeting, store: MeetingStore, sql: any SQLDatabase, actor: Actor?, siteAddress: String
    ) async throws {
        let moving = Waitlist.promoted(
            waiting: try await store.waitingIDs(stored.id), confirmed: try await store.confirmedCount(stored.id),
            capacity: stored.meeting.capacity)
        let mailer = MeetingMailer(db: sql, siteAddress: siteAddress)
        for id in moving {
            try await store.setStatus(stored.id, id, .confirmed)
            guard let person = try await store.participant(stored.id, id) else { continue }
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: participantEntity, entityID: String(id),
                entityName: "\(person.fullName) · \(stored.meeting.title)",
                changes: [
                    FieldChange(field: "status", before: RegistrationStatus.waiting.rawValue, after: RegistrationStatus.confirmed.rawValue)
                ])
            try await mailer.send(.promoted, stored, person)
        }
        try await promoteSessions(stored, store: store, sql: sql, actor: actor, siteAddress: siteAddress)
    }

    /// Gives each session's free places to its waiting list in order, among people who hold a
    /// place at the meeting, and writes to each.
    static func promoteSessions(
        _ stored: StoredMeeting, store: MeetingStore, sql: any SQLDatabase, actor: Actor?, siteAddress: String
    ) async throws {
        let agenda = try await store.agenda(stored.id)
        let places = try await store.sessionPlaces(stored.id)
        guard !places.isEmpty else { return }
        let confirmed = Set(try await store.confirmedParticipants(stored.id).compactMap(\.id))
        let mailer = MeetingMailer(db: sql, siteAddress: siteAddress, agenda: agenda)
        for session in agenda.sessions {
            guard let sid = session.id, session.capacity != nil else { continue }
            let here = places.filter { $0.sessionID == sid }
            let moving = Waitlist.promoted(
                waiting: here.filter { $0.status == .waiting && confirmed.contains($0.participantID) }.map(\.participantID),
                confirmed: here.filter { $0.status == .confirmed }.count, capacity: session.capacity)
            for pid in moving {
                try await store.setSessionPlace(sid, pid, .confirmed)
                if let person = try await store.participant(stored.id, pid) {
                    try await mailer.send(.sessionPromoted, stored, person, session: session)
                }
            }
        }
    }

    /// A person gives up their place in one session; the first waiting for it takes it.
    func leaveSession(_ stored: StoredMeeting, participantID: Int64, sessionID: Int64) async throws -> Outcome {
        let (actor, siteAddress) = (self.actor, self.siteAddress)
        return try await inTransaction { store, sql in
            try await store.lockMeeting(stored.id)
            guard try await store.participant(stored.id, participantID) != nil else { return .notFound }
            try await store.removeSessionPlaces(participantID, session: sessionID)
            try await Self.promoteSessions(stored, store: store, sql: sql, actor: actor, siteAddress: siteAddress)
            return .saved(participantID)
        }
    }

    static func isOpenForRegistration(_ stored: StoredMeeting) -> Bool { stored.meeting.status == .registration }
}
