import Fluent
import Foundation
import PraktikaDomain
import SQLKit

extension MeetingService {
    // MARK: Tables

    /// Adds a work table; its number must be new in the meeting, and its result starts empty.
    func addTable(_ stored: StoredMeeting, _ table: WorkTable) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        let errors = MeetingValidation.table(table, taken: Set(try await store.tables(stored.id).map(\.number)))
        guard errors.isEmpty else { return .invalid(errors) }
        var table = table
        table.designID = nil
        return .saved(try await store.insertTable(stored.id, table))
    }

    func deleteTable(_ stored: StoredMeeting, _ tableID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await store.tables(stored.id).contains(where: { $0.id == tableID }) else { return .notFound }
        try await inTransaction { store, _ in try await store.deleteTable(stored.id, tableID) }
        return .saved(tableID)
    }

    // MARK: Seating

    enum SeatOutcome {
        case seated(penalty: SeatingPenalty, provenOptimal: Bool, count: Int)
        case unseatable(String)
        /// Other searches are running and waiting: nothing was changed.
        case busy
    }

    /// Seats everyone with the shared solver; pinned people stay at their tables. The search runs
    /// on the solver's own threads (`SeatingRunner`): for large meetings it is seconds of CPU work.
    func seat(_ meetingID: Int64, weights: SeatingWeights? = nil) async throws -> SeatOutcome {
        let tables = try await store.tables(meetingID)
        let participants = try await store.confirmedParticipants(meetingID)
        guard !tables.isEmpty else { return .unseatable(TextKey.seatingNoTables(language)) }
        guard !participants.isEmpty else { return .unseatable(TextKey.seatingNoParticipants(language)) }
        let problem = MeetingSeating.problem(tables: tables, participants: participants, weights: weights)
        let result: SeatingResult
        do {
            result = try await SeatingRunner.solve(problem, gate: seatingGate)
        } catch let error as SeatingError {
            return .unseatable(Self.message(error, tables: tables, participants: participants, language))
        } catch is SeatingRunner.Busy {
            return .busy
        }
        let seats = MeetingSeating.assignments(result)
        try await db.writeTransaction { db in
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

    // MARK: Table results

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
            language,
            [
                "number": String(table.number), "title": stored.meeting.title,
                "dates": Formatting(language).dateRange(stored.meeting.startsOn, stored.meeting.endsOn),
            ])
        design.visibility = ServiceDesign.defaultVisibility(for: table.category)
        return try await createDesign(design) { id in try await store.setTableDesign(table.id, designID: id) }
    }
}
