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
    }

    /// Registration through the meeting's public link: anyone with the link, while the meeting is
    /// open for registration, once per person.
    func register(_ stored: StoredMeeting, _ participant: MeetingParticipant) async throws -> Registration {
        guard Self.isOpenForRegistration(stored) else { return .closed }
        let tables = try await store.tables(stored.id)
        let errors = MeetingValidation.participant(participant, tables: tables)
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
        // Read before the meeting is held, so that the held part stays short.
        let agenda = try await store.agenda(stored.id)
        let result: Registration = try await inTransaction { store, sql in
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
    }

    static func isOpenForRegistration(_ stored: StoredMeeting) -> Bool { stored.meeting.status == .registration }
}
