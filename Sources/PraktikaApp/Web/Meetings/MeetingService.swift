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

    var sql: any SQLDatabase { db as! any SQLDatabase }
    var store: MeetingStore { MeetingStore(db: sql) }

    static let auditEntity = "meeting"

    enum Outcome {
        case saved(Int64)
        case invalid(FieldErrors)
        case forbidden
        case notFound
    }

    // MARK: The meeting

    func create(_ meeting: Meeting) async throws -> Outcome {
        let errors = try await referenceErrors(meeting)
        guard errors.isEmpty else { return .invalid(errors) }
        guard Policy.mayCreate(actor, meeting: meeting) else {
            // A librarian must name their library among the organisers; a coordinator their district.
            var why = FieldErrors()
            if actor?.role == .librarian { why.add("organisers", .validationOwnLibraryOrganises) } else { why.add("districts", .validationNotYourDistrict) }
            return actor == nil ? .forbidden : .invalid(why)
        }
        return try await db.transaction { db in
            let sql = db as! any SQLDatabase
            let id = try await MeetingStore(db: sql).insert(meeting)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(id), entityName: meeting.title)
            return .saved(id)
        }
    }

    func update(_ stored: StoredMeeting, _ meeting: Meeting) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        let errors = try await referenceErrors(meeting)
        guard errors.isEmpty else { return .invalid(errors) }
        // Organisers may not edit themselves out of their own meeting.
        guard Policy.mayOrganise(actor, meeting: MeetingScope(meeting)) else {
            var why = FieldErrors()
            if actor?.role == .librarian { why.add("organisers", .validationOwnLibraryOrganises) } else { why.add("districts", .validationNotYourDistrict) }
            return .invalid(why)
        }
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            try await MeetingStore(db: sql).update(stored.id, meeting)
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.auditEntity, entityID: String(stored.id), entityName: meeting.title)
        }
        return .saved(stored.id)
    }

    func delete(_ stored: StoredMeeting) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        try await db.transaction { db in
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
            try await sql.select().column("id").from("libraries").where("id", .in, ids).all().map { try $0.decode(column: "id", as: Int64.self) })
        if meeting.organiserLibraryIDs.contains(where: { !found.contains($0) }) { errors.add("organisers", .validationUnknownReference) }
        if let host = meeting.hostLibraryID, !found.contains(host) { errors.add("host", .validationUnknownReference) }
        return errors
    }

    func libraryNames(_ ids: [Int64]) async throws -> [Int64: String] {
        try await DesignStore(db: sql).libraryNames(ids)
    }

    // MARK: Seating

    enum SeatOutcome {
        case seated(penalty: SeatingPenalty, provenOptimal: Bool, count: Int)
        case unseatable(String)
    }

    /// Seats everyone with the shared solver; pinned people stay at their tables. The search runs
    /// off the event loop: for large meetings it is seconds of CPU work.
    func seat(_ meetingID: Int64, weights: SeatingWeights? = nil) async throws -> SeatOutcome {
        let tables = try await store.tables(meetingID)
        let participants = try await store.participants(meetingID)
        guard !tables.isEmpty else { return .unseatable(TextKey.seatingNoTables(language)) }
        guard !participants.isEmpty else { return .unseatable(TextKey.seatingNoParticipants(language)) }
        let problem = MeetingSeating.problem(tables: tables, participants: participants, weights: weights)
        let result: SeatingResult
        do {
            result = try await Task.detached(priority: .userInitiated) { try SeatingSolver.solve(problem) }.value
        } catch let error as SeatingError {
            return .unseatable(Self.message(error, tables: tables, participants: participants, language))
        }
        let seats = MeetingSeating.assignments(result)
        try await db.transaction { db in
            try await MeetingStore(db: db as! any SQLDatabase).assign(meetingID, seats.mapValues { Optional($0) })
        }
        return .seated(penalty: result.penalty, provenOptimal: result.isProvenOptimal, count: seats.count)
    }

    /// A solver's refusal in words an organiser can act on, naming tables by number and people by name.
    static func message(_ error: SeatingError, tables: [WorkTable], participants: [MeetingParticipant], _ l: Language) -> String {
        func table(_ id: String) -> String { tables.first { String($0.id) == id }.map { String($0.number) } ?? id }
        func person(_ id: String) -> String { participants.first { $0.id.map(String.init) == id }?.fullName ?? id }
        switch error {
        case .noTables: return TextKey.seatingNoTables(l)
        case .notEnoughSeats(let seats, let n): return TextKey.seatingNotEnoughSeats(l, ["seats": String(seats), "count": String(n)])
        case .tooManyPinned(let t): return TextKey.seatingTooManyPinned(l, ["table": table(t)])
        case .unknownPinnedTable(let p, _): return TextKey.seatingUnknownPin(l, ["name": person(p)])
        case .negativeCapacity(let t): return TextKey.seatingNegativeCapacity(l, ["table": table(t)])
        case .duplicateTable(let t): return TextKey.seatingDuplicateTable(l, ["table": table(t)])
        case .duplicateParticipant(let p): return TextKey.seatingDuplicateParticipant(l, ["name": person(p)])
        }
    }

    // MARK: Table results and presentations as designs

    /// Starts the table's result as a draft smart chart of the organising libraries, linked to
    /// the meeting and the table; people at the table then edit it block by block.
    func recordTableResult(_ stored: StoredMeeting, tableID: Int64) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        guard let table = try await store.tables(stored.id).first(where: { $0.id == tableID }) else { return .notFound }
        if let existing = table.designID { return .saved(existing) }
        var design = ServiceDesign(
            title: table.targetGroup, libraryIDs: stored.meeting.organiserLibraryIDs,
            targetGroup: TargetGroup(category: table.category, description: table.targetGroup))
        design.summary = TextKey.tableResultSummary(
            language, ["number": String(table.number), "title": stored.meeting.title, "dates": Formatting(language).dateRange(stored.meeting.startsOn, stored.meeting.endsOn)])
        design.visibility = ServiceDesign.defaultVisibility(for: table.category)
        return try await createDesign(design) { id in try await store.setTableDesign(table.id, designID: id) }
    }

    /// Records a presentation of good practice as a draft design of the meeting's organising
    /// libraries, linked from the programme; they complete it and publish it in the catalogue.
    func recordPresentation(_ stored: StoredMeeting, itemID: Int64) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        let agenda = try await store.agenda(stored.id)
        guard let session = agenda.sessions.first(where: { $0.items.contains { $0.id == itemID } }),
            let item = session.items.first(where: { $0.id == itemID }), item.kind == .presentation
        else { return .notFound }
        if let existing = item.practiceDesignID { return .saved(existing) }
        let design = item.practiceDraft(
            libraryIDs: stored.meeting.organiserLibraryIDs, meetingTitle: stored.meeting.title, day: session.day, language)
        return try await createDesign(design) { id in try await store.setItemPractice(itemID, designID: id) }
    }

    private func createDesign(_ design: ServiceDesign, link: @Sendable (Int64) async throws -> Void) async throws -> Outcome {
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

    // MARK: Report

    func reportInput(_ stored: StoredMeeting) async throws -> MeetingReportInput {
        try await Self.reportInput(stored, sql: sql, actor: actor)
    }

    /// Only SQL: the demo loader writes the report with it too.
    static func reportInput(_ stored: StoredMeeting, sql: any SQLDatabase, actor: Actor?) async throws -> MeetingReportInput {
        let m = stored.meeting
        let store = MeetingStore(db: sql)
        let names = try await DesignStore(db: sql).libraryNames(m.organiserLibraryIDs + (m.hostLibraryID.map { [$0] } ?? []))
        let tables = try await store.tables(stored.id)
        var withDesigns: [(table: WorkTable, design: ServiceDesign?)] = []
        let designs = DesignStore(db: sql)
        for table in tables {
            var design: ServiceDesign? = nil
            // Only what the person writing the report may read goes into it.
            if let id = table.designID, let found = try await designs.find(id), Policy.allows(actor, .view, design: found.scope) {
                design = found.design
            }
            withDesigns.append((table, design))
        }
        var summaries: [QuestionSummary] = []
        var responses = 0
        for form in try await store.forms(stored.id) {
            let answers = try await store.responses(form.id)
            responses += answers.count
            summaries += FeedbackSummary.summarise(form.form, answers)
        }
        return MeetingReportInput(
            meeting: m, organisers: m.organiserLibraryIDs.compactMap { names[$0] }, host: m.hostLibraryID.flatMap { names[$0] },
            participants: try await store.participants(stored.id), agenda: try await store.agenda(stored.id), tables: withDesigns,
            feedback: summaries, responses: responses)
    }
}
