import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// What the meeting pages and the API do to meetings, behind one set of checks: permissions,
/// references to libraries, the audit log, seating through the shared solver, table results as
/// designs, and the report.
struct MeetingService {
    let db: any Database
    let actor: Actor?
    var language: Language = .bg
    /// The site's address, for the links in messages to participants.
    var siteAddress: String = ""
    /// Where the seating solver waits its turn: the application's (`Application.seatingGate`).
    let seatingGate: SolverGate

    var sql: any SQLDatabase { db as! any SQLDatabase }
    var store: MeetingStore { MeetingStore(db: sql) }

    static let auditEntity = "meeting"

    enum Outcome {
        case saved(Int64)
        case invalid(FieldErrors)
        case forbidden
        case notFound
        /// Changed by someone else since the version the change was based on: the meeting now.
        case conflict(StoredMeeting)
    }

    /// Runs `body` in one transaction with a store over that transaction.
    func inTransaction<T: Sendable>(_ body: @Sendable @escaping (MeetingStore, any SQLDatabase) async throws -> T) async throws -> T {
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            return try await body(MeetingStore(db: sql), sql)
        }
    }

    /// Every change below the meeting itself is the organisers' to make.
    func mayOrganise(_ stored: StoredMeeting) -> Bool { Policy.mayOrganise(actor, meeting: stored.scope) }

    // MARK: The meeting

    func create(_ meeting: Meeting) async throws -> Outcome {
        var errors = MeetingValidation.meeting(meeting)
        errors.merge(try await referenceErrors(meeting))
        guard errors.isEmpty else { return .invalid(errors) }
        guard Policy.mayCreate(actor, meeting: meeting) else {
            // A librarian must name their library among the organisers; a coordinator their district.
            var why = FieldErrors()
            if actor?.role == .librarian {
                why.add("organisers", .validationOwnLibraryOrganises)
            } else {
                why.add("districts", .validationNotYourDistrict)
            }
            return actor == nil ? .forbidden : .invalid(why)
        }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await MeetingStore(db: sql).insert(meeting)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(id), entityName: meeting.title)
            return .saved(id)
        }
    }

    /// `basedOn` is the version the change was made from; nil (an API client that does not
    /// send one) changes whatever is there.
    func update(_ stored: StoredMeeting, _ meeting: Meeting, basedOn: Int64? = nil) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        var errors = MeetingValidation.meeting(meeting)
        errors.merge(try await referenceErrors(meeting))
        guard errors.isEmpty else { return .invalid(errors) }
        // Organisers may not edit themselves out of their own meeting.
        guard Policy.mayOrganise(actor, meeting: MeetingScope(meeting)) else {
            var why = FieldErrors()
            if actor?.role == .librarian {
                why.add("organisers", .validationOwnLibraryOrganises)
            } else {
                why.add("districts", .validationNotYourDistrict)
            }
            return .invalid(why)
        }
        let (actor, siteAddress) = (self.actor, self.siteAddress)
        let stale: Bool = try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let store = MeetingStore(db: sql)
            try await store.lockMeeting(stored.id)
            if let basedOn, try await store.version(stored.id) != basedOn { return true }
            try await store.update(stored.id, meeting)
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.auditEntity, entityID: String(stored.id), entityName: meeting.title)
            // A larger capacity gives the new places to the waiting list.
            var updated = stored
            updated.meeting = meeting
            try await Self.promote(updated, store: store, sql: sql, actor: actor, siteAddress: siteAddress)
            return false
        }
        if stale {
            // Changed since, or deleted meanwhile: never reported as saved.
            guard let now = try await store.find(stored.id) else { return .notFound }
            return .conflict(now)
        }
        return .saved(stored.id)
    }

    func delete(_ stored: StoredMeeting) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await MeetingStore(db: sql).delete(stored.id)
            try await AuditStore(db: sql).record(
                actor: actor, action: .delete, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.meeting.title)
        }
        return .saved(stored.id)
    }

    private func referenceErrors(_ meeting: Meeting) async throws -> FieldErrors {
        var errors = FieldErrors()
        let ids = meeting.organiserLibraryIDs + (meeting.hostLibraryID.map { [$0] } ?? [])
        guard !ids.isEmpty else { return errors }
        let found = Set(
            try await sql.select().column("id").from("libraries").where("id", .in, ids).all().map {
                try $0.decode(column: "id", as: Int64.self)
            })
        if meeting.organiserLibraryIDs.contains(where: { !found.contains($0) }) { errors.add("organisers", .validationUnknownReference) }
        if let host = meeting.hostLibraryID, !found.contains(host) { errors.add("host", .validationUnknownReference) }
        return errors
    }

    func libraryNames(_ ids: [Int64]) async throws -> [Int64: String] {
        try await DesignStore(db: sql).libraryNames(ids)
    }

    /// Creates a design through the designs workflow and links it to what it came from.
    func createDesign(_ design: ServiceDesign, link: @Sendable (Int64) async throws -> Void) async throws -> Outcome {
        guard !design.libraryIDs.isEmpty else {
            var errors = FieldErrors()
            errors.add("organisers", .validationMeetingNeedsOrganiser)
            return .invalid(errors)
        }
        switch try await DesignService(db: db, actor: actor, language: language).create(design) {
        case .saved(let id, _, _):
            try await link(id)
            return .saved(id)
        case .invalid(_, let errors): return .invalid(errors)
        case .forbidden: return .forbidden
        default: return .notFound
        }
    }
}
