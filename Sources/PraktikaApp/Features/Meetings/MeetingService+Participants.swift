import Fluent
import Foundation
import PraktikaDomain
import SQLKit

extension MeetingService {
    /// The names participants' fields carry in error messages: a form's field names for pages,
    /// the JSON property names for the API.
    struct ParticipantFields: Sendable {
        let fullName: String
        let library: String
        let partner: String

        static let form = ParticipantFields(fullName: "full_name", library: "library", partner: "partner")
        static let json = ParticipantFields(fullName: "fullName", library: "libraryID", partner: "partnerID")
    }

    // MARK: Participants

    /// Adds participants an organiser typed, imported or sent (`.saved` names the meeting): all
    /// are checked before any is added (their fields, the tables they name, the registry records they come from, and that
    /// nobody is there twice, neither among them nor among those already registered); problems
    /// carry `prefix(i)` when there are several.
    func addParticipants(
        _ stored: StoredMeeting, _ list: [MeetingParticipant], source: RegistrationSource = .organiser, fields: ParticipantFields = .form,
        prefix: @escaping (Int) -> String = { _ in "" }
    ) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        let tables = try await store.tables(stored.id)
        var seen = Set(try await store.participants(stored.id).map(\.identityKey))
        var errors = FieldErrors()
        for (i, p) in list.enumerated() {
            let own = MeetingValidation.participant(p, tables: tables)
            for field in own.order { errors.add(prefix(i) + field, own[field]!.key, own[field]!.values) }
            if own.isEmpty && !seen.insert(p.identityKey).inserted { errors.add(prefix(i) + fields.fullName, .importDuplicate) }
        }
        errors.merge(try await registryErrors(list, fields: fields, prefix: prefix))
        guard errors.isEmpty else { return .invalid(errors) }
        let toInsert = list.map { Self.normalised($0, source: source) }
        try await inTransaction { store, sql in
            let ids = try await store.insertParticipants(stored.id, toInsert)
            for (id, p) in zip(ids, toInsert) { try await audit(sql, .create, stored, participantID: id, p, changes: []) }
        }
        return .saved(stored.id)
    }

    /// Replaces what an organiser may change of a participant; how they registered and whether
    /// they are a placeholder stay. `basedOn` is the participant's version the change was made
    /// from; when someone changed them since, nothing is written (`.conflict`).
    func updateParticipant(
        _ stored: StoredMeeting, _ participantID: Int64, _ changed: MeetingParticipant, fields: ParticipantFields = .form,
        basedOn: Int64? = nil
    ) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard let existing = try await store.participant(stored.id, participantID) else { return .notFound }
        var errors = MeetingValidation.participant(changed, tables: try await store.tables(stored.id))
        let others = try await store.participants(stored.id).filter { $0.id != participantID }
        if errors.isEmpty && others.contains(where: { $0.identityKey == changed.identityKey }) {
            errors.add(fields.fullName, .importDuplicate)
        }
        errors.merge(try await registryErrors([changed], fields: fields) { _ in "" })
        guard errors.isEmpty else { return .invalid(errors) }
        var participant = Self.normalised(changed, source: existing.source)
        participant.id = participantID
        participant.placeholder = existing.placeholder
        participant.status = existing.status
        participant.language = existing.language
        let updated = participant
        let written: Bool = try await inTransaction { store, sql in
            guard try await store.updateParticipant(stored.id, participantID, updated, basedOn: basedOn) else { return false }
            try await audit(
                sql, .update, stored, participantID: participantID, updated, changes: FieldChange.between(existing.input, updated.input))
            return true
        }
        guard written else { return try await store.participant(stored.id, participantID) == nil ? .notFound : .conflict(stored) }
        return .saved(participantID)
    }

    func deleteParticipant(_ stored: StoredMeeting, _ participantID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await store.participant(stored.id, participantID) != nil else { return .notFound }
        try await inTransaction { store, sql in
            try await store.deleteParticipant(stored.id, participantID)
            // What the log said of the person goes with them; that they were removed, and by whom, stays.
            let replacement = "\(TextKey.erasedRecord(.bg)) #\(participantID) · \(stored.meeting.title)"
            try await AuditStore(db: sql).scrub(entity: Self.participantEntity, entityID: String(participantID), replacement: replacement)
            try await AuditStore(db: sql).record(
                actor: actor, action: .erase, entity: Self.participantEntity, entityID: String(participantID), entityName: replacement)
        }
        return .saved(participantID)
    }

    /// Seats one person at a table (or none) by hand. A hand move is pinned, so that seating
    /// everyone again keeps it; taking someone off their table unpins them.
    func move(_ stored: StoredMeeting, participantID: Int64, to tableID: Int64?) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard let person = try await store.participant(stored.id, participantID) else { return .notFound }
        if let tableID, !(try await store.tables(stored.id)).contains(where: { $0.id == tableID }) {
            var errors = FieldErrors()
            errors.add("table", .validationOption)
            return .invalid(errors)
        }
        guard person.status == .confirmed else {
            var errors = FieldErrors()
            errors.add("participant", .validationNotConfirmed)
            return .invalid(errors)
        }
        try await inTransaction { store, _ in
            try await store.assign(stored.id, [participantID: tableID])
            try await store.setPinned(stored.id, participantID, tableID != nil)
        }
        return .saved(participantID)
    }

    /// Lets the solver move a person again, at their table until it does.
    func unpin(_ stored: StoredMeeting, participantID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await store.participant(stored.id, participantID) != nil else { return .notFound }
        try await inTransaction { store, _ in try await store.setPinned(stored.id, participantID, false) }
        return .saved(participantID)
    }

    static let participantEntity = "participant"

    /// Notes a change to a participant's data in the audit log: who, when, which person of which
    /// meeting, and for an update which fields changed.
    func audit(
        _ sql: any SQLDatabase, _ action: AuditAction, _ stored: StoredMeeting, participantID: Int64, _ p: MeetingParticipant,
        changes: [FieldChange]
    ) async throws {
        try await AuditStore(db: sql).record(
            actor: actor, action: action, entity: Self.participantEntity, entityID: String(participantID),
            entityName: "\(p.fullName) · \(stored.meeting.title)", changes: changes)
    }

    /// What the server decides, whatever a client sent: new participants have no id and are not
    /// placeholders, and only a seated person can be pinned.
    private static func normalised(_ p: MeetingParticipant, source: RegistrationSource) -> MeetingParticipant {
        var p = p
        p.id = nil
        p.placeholder = false
        p.source = source
        p.status = .confirmed
        p.checkedInAt = nil
        if p.tableID == nil { p.pinned = false }
        return p
    }

    /// Problems with the registry records participants are linked to.
    private func registryErrors(_ list: [MeetingParticipant], fields: ParticipantFields, prefix: (Int) -> String) async throws
        -> FieldErrors
    {
        var errors = FieldErrors()
        let knownLibraries = try await RegistryLookups(db: sql).existing(.libraries, Set(list.compactMap(\.libraryID)))
        let knownPartners = try await RegistryLookups(db: sql).existing(.partners, Set(list.compactMap(\.partnerID)))
        for (i, p) in list.enumerated() {
            if let id = p.libraryID, !knownLibraries.contains(id) { errors.add(prefix(i) + fields.library, .validationUnknownReference) }
            if let id = p.partnerID, !knownPartners.contains(id) { errors.add(prefix(i) + fields.partner, .validationUnknownReference) }
        }
        return errors
    }
}
