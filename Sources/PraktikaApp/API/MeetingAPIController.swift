import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/meetings`: meetings, their programme, participants, tables, seating, table results,
/// feedback and the report, with the permissions of the pages: the programme, tables and a
/// published report are public; the rest is for the meeting's organisers.
struct MeetingAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        let sub = SiteURL.any
        func api(_ path: SiteURL.APIPath) -> SiteURL { .api(path) }
        func page(_ page: SiteURL.MeetingAPIPage) -> SiteURL { .api(.meeting(id, page)) }
        routes.get(api(.meetings), use: list)
        routes.post(api(.meetings), use: create)
        routes.get(page(.item), use: read)
        routes.put(page(.item), use: replace)
        routes.delete(page(.item), use: delete)
        routes.get(page(.agenda), use: agenda)
        routes.post(page(.agenda), use: addSession)
        routes.put(api(.meetingSession(id, sub)), use: replaceSession)
        routes.delete(api(.meetingSession(id, sub)), use: removeSession)
        routes.post(api(.meetingSessionItems(id, sub)), use: addItem)
        routes.put(api(.meetingItem(id, sub)), use: replaceItem)
        routes.delete(api(.meetingItem(id, sub)), use: removeItem)
        routes.get(page(.participants), use: participants)
        routes.post(page(.participants), use: addParticipants)
        routes.put(api(.meetingParticipant(id, sub)), use: replaceParticipant)
        routes.delete(api(.meetingParticipant(id, sub)), use: removeParticipant)
        routes.get(page(.tables), use: tables)
        routes.post(page(.tables), use: addTable)
        routes.post(api(.meetingTableResult(id, sub)), use: tableResult)
        routes.get(page(.seating), use: seating)
        routes.post(page(.seating), use: seat)
        routes.get(page(.feedback), use: feedback)
        routes.post(page(.feedback), use: createForm)
        routes.get(api(.meetingFormResults(id, sub)), use: results)
        routes.post(api(.answerFeedback(SiteURL.anyText)), use: answer)
        routes.get(page(.report), use: report)
    }

    // MARK: Helpers

    private func service(_ req: Request) -> MeetingService {
        MeetingService(
            db: req.db, actor: req.actor, language: req.language, siteAddress: req.siteAddress, seatingGate: req.application.seatingGate)
    }

    private func load(_ req: Request) async throws -> StoredMeeting {
        guard let id = req.parameters.get("id", as: Int64.self), let stored = try await MeetingStore(db: req.sql).find(id) else {
            throw APIFailure.notFound
        }
        return stored
    }

    /// The meeting, if the caller organises it.
    private func organised(_ req: Request) async throws -> StoredMeeting {
        let stored = try await load(req)
        guard Policy.mayOrganise(req.actor, meeting: stored.scope) else { throw APIFailure.refused(req.actor) }
        return stored
    }

    private func sub(_ req: Request) throws -> Int64 {
        guard let id = req.parameters.get("sub", as: Int64.self) else { throw APIFailure.notFound }
        return id
    }

    /// The id a workflow saved, or the refusal it gave.
    private func saved(_ req: Request, _ outcome: MeetingService.Outcome) throws -> Int64 {
        switch outcome {
        case .saved(let id): return id
        case .invalid(let errors): throw APIFailure.invalid(errors)
        case .forbidden: throw APIFailure.refused(req.actor)
        case .notFound: throw APIFailure.notFound
        case .conflict: throw APIFailure(status: .conflict, code: "conflict", message: TextKey.conflictMeetingChanged(req.language))
        }
    }

    private func envelope(_ req: Request, _ stored: StoredMeeting) -> Envelope {
        let organiser = Policy.mayOrganise(req.actor, meeting: stored.scope)
        return Envelope(
            id: stored.id, meeting: stored.meeting,
            registrationURL: organiser ? req.siteAddress + SiteURL.register(stored.registrationToken).path : nil,
            reportPublishedAt: stored.reportPublishedAt, version: stored.version)
    }

    private func meeting(_ req: Request, _ outcome: MeetingService.Outcome, created: Bool) async throws -> Response {
        let id = try saved(req, outcome)
        guard let stored = try await MeetingStore(db: req.sql).find(id) else { throw APIFailure.notFound }
        let response = try APIResponses.json(envelope(req, stored), created ? .created : .ok)
        if created { response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.meeting(id, .item)).path) }
        return response
    }

    // MARK: Meetings

    @Sendable func list(_ req: Request) async throws -> Response {
        let district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        let series = try? req.query.get(String.self, at: "series")
        let rows = try await MeetingStore(db: req.sql).list(district: district, series: series)
        let items = rows.map {
            Summary(
                id: $0.id, title: $0.title, status: $0.status, startsOn: $0.startsOn, endsOn: $0.endsOn, series: $0.series,
                districts: $0.districts,
                participants: $0.participants, tables: $0.tables, designs: $0.designs, responses: $0.responses)
        }
        return try APIResponses.json(APIPage(items: items, total: items.count, page: 1, perPage: max(items.count, 1)))
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        let meeting = try req.decodeBody(Meeting.self)
        return try await self.meeting(req, try await service(req).create(meeting), created: true)
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        try APIResponses.json(envelope(req, try await load(req)))
    }

    @Sendable func replace(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let meeting = try req.decodeBody(Meeting.self)
        let basedOn = try req.decodeBody(BasedOn.self).version
        return try await self.meeting(req, try await service(req).update(stored, meeting, basedOn: basedOn), created: false)
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        _ = try saved(req, try await service(req).delete(try await organised(req)))
        return Response(status: .noContent)
    }

    // MARK: Programme

    @Sendable func agenda(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        return try APIResponses.json(try await MeetingStore(db: req.sql).agenda(stored.id).sessions)
    }

    @Sendable func addSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let session = try req.decodeBody(AgendaSession.self)
        return try APIResponses.json(Created(id: try saved(req, try await service(req).addSession(stored, session))), .created)
    }

    /// Replaces a session's own fields (day, times, title, chair); its items keep their place and
    /// are changed one by one under `agenda/items/{item}`, so `items` in the body is not read.
    @Sendable func replaceSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        guard try await service(req).session(stored, sid) != nil else { throw APIFailure.notFound }
        let changed = try req.decodeBody(AgendaSession.self)
        _ = try saved(req, try await service(req).updateSession(stored, sid, changed))
        guard let session = try await service(req).session(stored, sid) else { throw APIFailure.notFound }
        return try APIResponses.json(session)
    }

    @Sendable func removeSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        _ = try saved(req, try await service(req).deleteSession(stored, try sub(req)))
        return Response(status: .noContent)
    }

    @Sendable func addItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        guard try await service(req).session(stored, sid) != nil else { throw APIFailure.notFound }
        let item = try req.decodeBody(AgendaItem.self)
        return try APIResponses.json(Created(id: try saved(req, try await service(req).addItem(stored, sessionID: sid, item))), .created)
    }

    /// Replaces an item's fields; its session, its place, its files and the practice recorded
    /// from it stay.
    @Sendable func replaceItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        guard try await service(req).item(stored, iid) != nil else { throw APIFailure.notFound }
        let item = try req.decodeBody(AgendaItem.self)
        _ = try saved(req, try await service(req).updateItem(stored, iid, item))
        return try APIResponses.json(try await service(req).item(stored, iid))
    }

    @Sendable func removeItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        _ = try saved(req, try await service(req).deleteItem(stored, try sub(req)))
        return Response(status: .noContent)
    }

    // MARK: Participants

    @Sendable func participants(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try APIResponses.json(try await MeetingStore(db: req.sql).participants(stored.id))
    }

    /// One participant or a list; all are checked before any is added, and problems name the list position.
    @Sendable func addParticipants(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let list: [MeetingParticipant]
        if let many = try? req.content.decode([MeetingParticipant].self) {
            list = many
        } else {
            list = [try req.decodeBody(MeetingParticipant.self)]
        }
        guard list.count <= ParticipantImport.maxRows else { throw APIFailure(status: .payloadTooLarge, code: "too_large") }
        _ = try saved(req, try await service(req).addParticipants(stored, list, fields: .json) { "[\($0)]." })
        return try APIResponses.json(try await MeetingStore(db: req.sql).participants(stored.id), .created)
    }

    /// Replaces what the organiser may change of a participant: name, role, organisation, the
    /// registry library or partner they come from, district, contact, consents, needs, wishes and
    /// table. How they registered and whether they are a placeholder stay.
    @Sendable func replaceParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let pid = try sub(req)
        guard try await MeetingStore(db: req.sql).participant(stored.id, pid) != nil else { throw APIFailure.notFound }
        let changed = try req.decodeBody(MeetingParticipant.self)
        _ = try saved(req, try await service(req).updateParticipant(stored, pid, changed, fields: .json))
        return try APIResponses.json(try await MeetingStore(db: req.sql).participant(stored.id, pid))
    }

    @Sendable func removeParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        _ = try saved(req, try await service(req).deleteParticipant(stored, try sub(req)))
        return Response(status: .noContent)
    }

    // MARK: Tables and seating

    @Sendable func tables(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let store = MeetingStore(db: req.sql)
        let organiser = Policy.mayOrganise(req.actor, meeting: stored.scope)
        let people = organiser ? try await store.participants(stored.id) : []
        return try APIResponses.json(
            try await store.tables(stored.id).map { t in
                TableEntry(table: t, participants: organiser ? people.filter { $0.tableID == t.id }.compactMap(\.id) : nil)
            })
    }

    @Sendable func addTable(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let table = try req.decodeBody(WorkTable.self)
        return try APIResponses.json(Created(id: try saved(req, try await service(req).addTable(stored, table))), .created)
    }

    @Sendable func tableResult(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let id = try saved(req, try await service(req).recordTableResult(stored, tableID: try sub(req)))
        return try APIResponses.json(Created(id: id), .created)
    }

    private func seatingState(_ req: Request, _ stored: StoredMeeting) async throws -> SeatingState {
        let store = MeetingStore(db: req.sql)
        let tables = try await store.tables(stored.id)
        let people = try await store.participants(stored.id)
        var seating: [String: Int64] = [:]
        for p in people { if let id = p.id, let t = p.tableID { seating[String(id)] = t } }
        guard !tables.isEmpty, !people.isEmpty,
            let (mix, penalty) = try? SeatingSolver.mix(
                MeetingSeating.problem(tables: tables, participants: people), seating: MeetingSeating.current(people))
        else { return SeatingState(seating: seating, penalty: nil, tables: []) }
        let flags = mix.compactMap { m -> TableFlags? in
            guard case .number(let id) = m.table else { return nil }
            return TableFlags(tableID: id, size: m.size, flags: m.flags.map { MeetingTablesView.flagText($0, req.language) })
        }
        return SeatingState(seating: seating, penalty: penalty, tables: flags)
    }

    @Sendable func seating(_ req: Request) async throws -> Response {
        try APIResponses.json(try await seatingState(req, try await organised(req)))
    }

    /// Runs the solver over the meeting's participants (pinned ones stay) and saves the seating.
    /// An optional body `{"weights": {...}}` overrides the objective's weights.
    @Sendable func seat(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        struct Body: Decodable { let weights: SeatingWeights? }
        // A body that does not read is refused at its field, not seated with the usual weights.
        let weights = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeBody(Body.self).weights : nil
        switch try await service(req).seat(stored.id, weights: weights) {
        case .seated: return try APIResponses.json(try await seatingState(req, stored))
        case .unseatable(let message): throw APIFailure(status: .unprocessableEntity, code: "unseatable", message: message)
        case .busy: throw APIFailure.solverBusy(req.language)
        }
    }

    // MARK: Feedback

    @Sendable func feedback(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        var entries: [FormEntry] = []
        for f in try await store.forms(stored.id) {
            entries.append(
                FormEntry(
                    id: f.id, form: f.form, open: f.open, answerURL: req.siteAddress + SiteURL.api(.answerFeedback(f.token)).path,
                    responses: try await store.responses(f.id).count))
        }
        return try APIResponses.json(entries)
    }

    @Sendable func createForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let body = try req.decodeBody(FormRequest.self)
        return try APIResponses.json(
            Created(id: try saved(req, try await service(req).createForm(stored, body.form, open: body.open ?? true))), .created)
    }

    @Sendable func results(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        guard let form = try await service(req).form(stored, try sub(req)) else { throw APIFailure.notFound }
        let responses = try await MeetingStore(db: req.sql).responses(form.id)
        let questions = FeedbackSummary.summarise(form.form, responses).map { s in
            QuestionResult(
                id: s.question.id, prompt: s.question.prompt, kind: s.question.kind, answered: s.answered,
                counts: s.bars.isEmpty ? nil : Dictionary(s.bars.map { ($0.label, $0.count) }, uniquingKeysWith: +),
                average: s.averageHundredths.map { Double($0) / 100 }, texts: s.question.kind == .text ? s.texts : nil)
        }
        return try APIResponses.json(Results(responses: responses.count, questions: questions))
    }

    /// Anonymous: anyone with the link answers; nothing about who answered is kept.
    @Sendable func answer(_ req: Request) async throws -> Response {
        guard let token = req.parameters.get("token"), let form = try await MeetingStore(db: req.sql).form(token: token), form.open else {
            throw APIFailure.notFound
        }
        let response = try req.decodeBody(FeedbackResponse.self)
        var values: [String: [String]] = [:]
        for (id, answers) in response.answers { values["q-\(id)"] = answers }
        _ = try saved(req, try await service(req).answer(form, values, source: .link))
        return Response(status: .created)
    }

    // MARK: Report

    /// `?format=md` (the default) or `html`; public once published.
    @Sendable func report(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard service(req).mayRead(report: stored) else { throw APIFailure.notFound }
        let (text, _) = try await service(req).reportText(stored)
        let format = (try? req.query.get(String.self, at: "format")) ?? "md"
        switch format {
        case "md":
            return TextDownload.response(
                text, contentType: "text/markdown; charset=utf-8", filename: "meeting-\(stored.id).md", inline: true)
        case "html":
            return TextDownload.response(
                Markdown.html(text), contentType: "text/html; charset=utf-8", filename: "meeting-\(stored.id).html", inline: true)
        default:
            throw APIFailure(status: .badRequest, code: "bad_request", fields: ["format": "md | html"])
        }
    }
}
