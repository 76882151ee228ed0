import Foundation
import PraktikaDomain
import Vapor

/// The tables tab: work tables, seating by the solver and by hand, and each table's result.
extension MeetingController {
    private func tablesPage(
        _ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus, refusal: String? = nil
    ) async throws -> Response {
        let store = MeetingStore(db: req.sql)
        let frame = frame(req, stored)
        let tables = try await store.tables(stored.id)
        let participants = frame.mayOrganise ? try await store.confirmedParticipants(stored.id) : []
        var mix: [Int64: TableMix] = [:]
        var penalty: SeatingPenalty? = nil
        if frame.mayOrganise, !tables.isEmpty, participants.contains(where: { $0.tableID != nil }) {
            let problem = MeetingSeating.problem(tables: tables, participants: participants)
            if let (mixes, p) = try? SeatingSolver.mix(problem, seating: MeetingSeating.current(participants)) {
                penalty = p
                for m in mixes { if case .number(let id) = m.table { mix[id] = m } }
            }
        }
        let model = SeatingPageModel(
            frame: frame, tables: tables, participants: participants, mix: mix, penalty: penalty,
            designTitles: try await designTitles(req, tables.compactMap(\.designID)), values: values, errors: errors,
            seatingRefusal: refusal)
        return HTMLResponse.make(MeetingTablesView.render(model, req.page), status: status)
    }

    @Sendable func tables(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let next = (try await MeetingStore(db: req.sql).tables(stored.id).map(\.number).max() ?? 0) + 1
        return try await tablesPage(req, stored, values: ["number": String(next), "category": "other"], errors: FieldErrors(), status: .ok)
    }

    @Sendable func addTable(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (table, errors) = WorkTable.read(input, taken: Set(try await MeetingStore(db: req.sql).tables(stored.id).map(\.number)))
        let invalid = { (errors: FieldErrors) in
            try await tablesPage(req, stored, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let table else { return try await invalid(errors) }
        return try await respond(
            req, try await service(req).addTable(stored, table), next: SiteURL.meeting(stored.id, .tables).path, flash: .flashCreated,
            invalid: invalid)
    }

    @Sendable func deleteTable(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).deleteTable(stored, try sub(req)), next: SiteURL.meeting(stored.id, .tables).path,
            flash: .flashDeleted)
    }

    /// What "seat everyone" will do, asked before it is done: who stays (pinned), who may move,
    /// who gets a seat.
    @Sendable func seatQuestion(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let people = try await MeetingStore(db: req.sql).confirmedParticipants(stored.id)
        return HTMLResponse.make(MeetingTablesView.seatQuestion(frame(req, stored), people, req.page))
    }

    @Sendable func tableCards(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        return HTMLResponse.make(
            MeetingTablesView.cards(
                frame(req, stored), tables: try await store.tables(stored.id), people: try await store.confirmedParticipants(stored.id),
                req.page))
    }

    @Sendable func seat(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).seat(stored.id) {
        case .seated: return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashSeated)
        case .unseatable(let message):
            return try await tablesPage(
                req, stored, values: [:], errors: FieldErrors(), status: .unprocessableEntity,
                refusal: TextKey.seatingRefused(req.language, ["reason": message]))
        case .busy:
            return ErrorPageMiddleware.retryable(
                try await tablesPage(
                    req, stored, values: [:], errors: FieldErrors(), status: .serviceUnavailable, refusal: TextKey.seatingBusy(req.language)
                ))
        }
    }

    @Sendable func move(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        guard let pid = input["participant"].flatMap({ Int64($0) }) else {
            return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashChoosePerson)
        }
        switch try await service(req).move(stored, participantID: pid, to: input["table"].flatMap { Int64($0) }) {
        case .saved: return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashMoved)
        case .notFound: return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashChoosePerson)
        case .invalid: throw Abort(.badRequest)
        case .forbidden: throw Abort(.forbidden)
        case .conflict: throw Abort(.conflict)
        }
    }

    @Sendable func tableResult(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).recordTableResult(stored, tableID: try sub(req)) {
        case .saved(let id): return req.seeOther(SiteURL.service(id).path, flash: .flashTableResult)
        case .invalid: return req.seeOther(SiteURL.meeting(stored.id, .edit).path, flash: .flashMeetingNeedsOrganiser)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        case .conflict: throw Abort(.conflict)
        }
    }
}
