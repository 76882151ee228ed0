import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/meetings`: meetings, their programme, participants, tables, seating, table results,
/// feedback and the report, with the permissions of the pages: the programme, tables and a
/// published report are public; the rest is for the meeting's organisers.
struct MeetingAPIController: Sendable {
    struct Envelope: Content {
        let id: Int64
        let meeting: Meeting
        let registrationURL: String?
        let reportPublishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, meeting
            case registrationURL = "registration_url"
            case reportPublishedAt = "report_published_at"
        }
    }

    struct Summary: Content {
        let id: Int64
        let title: String
        let status: String
        let startsOn: String
        let endsOn: String
        let series: String?
        let districts: [String]
        let participants: Int
        let tables: Int
        let designs: Int
        let responses: Int

        enum CodingKeys: String, CodingKey {
            case id, title, status, series, districts, participants, tables, designs, responses
            case startsOn = "starts_on"
            case endsOn = "ends_on"
        }
    }

    struct TableEntry: Content {
        let table: WorkTable
        let participants: [Int64]?
    }

    struct SeatingState: Content {
        /// Participant id → table id.
        let seating: [String: Int64]
        let penalty: SeatingPenalty?
        let tables: [TableFlags]
    }

    struct TableFlags: Content {
        let tableID: Int64
        let size: Int
        let flags: [String]

        enum CodingKeys: String, CodingKey {
            case size, flags
            case tableID = "table_id"
        }
    }

    struct Created: Content {
        let id: Int64
    }

    struct FormEntry: Content {
        let id: Int64
        let form: FeedbackForm
        let open: Bool
        let answerURL: String
        let responses: Int

        enum CodingKeys: String, CodingKey {
            case id, form, open, responses
            case answerURL = "answer_url"
        }
    }

    struct FormRequest: Content {
        let form: FeedbackForm
        let open: Bool?
    }

    struct QuestionResult: Content {
        let id: String
        let prompt: String
        let kind: FeedbackQuestionKind
        let answered: Int
        let counts: [String: Int]?
        let average: Double?
        let texts: [String]?
    }

    struct Results: Content {
        let responses: Int
        let questions: [QuestionResult]
    }

    func register(_ api: any RoutesBuilder) {
        api.get("meetings", use: list)
        api.post("meetings", use: create)
        api.get("meetings", ":id", use: read)
        api.put("meetings", ":id", use: replace)
        api.delete("meetings", ":id", use: delete)
        api.get("meetings", ":id", "agenda", use: agenda)
        api.post("meetings", ":id", "agenda", use: addSession)
        api.put("meetings", ":id", "agenda", ":sub", use: replaceSession)
        api.delete("meetings", ":id", "agenda", ":sub", use: removeSession)
        api.post("meetings", ":id", "agenda", ":sub", "items", use: addItem)
        api.put("meetings", ":id", "agenda", "items", ":sub", use: replaceItem)
        api.delete("meetings", ":id", "agenda", "items", ":sub", use: removeItem)
        api.get("meetings", ":id", "participants", use: participants)
        api.post("meetings", ":id", "participants", use: addParticipants)
        api.put("meetings", ":id", "participants", ":sub", use: replaceParticipant)
        api.delete("meetings", ":id", "participants", ":sub", use: removeParticipant)
        api.get("meetings", ":id", "tables", use: tables)
        api.post("meetings", ":id", "tables", use: addTable)
        api.post("meetings", ":id", "tables", ":sub", "result", use: tableResult)
        api.get("meetings", ":id", "seating", use: seating)
        api.post("meetings", ":id", "seating", use: seat)
        api.get("meetings", ":id", "feedback", use: feedback)
        api.post("meetings", ":id", "feedback", use: createForm)
        api.get("meetings", ":id", "feedback", ":sub", "results", use: results)
        api.post("feedback", ":token", use: answer)
        api.get("meetings", ":id", "report", use: report)
    }

    // MARK: Helpers


    private func invalid(_ req: Request, _ errors: FieldErrors) throws -> Response {
        try APIError.response(
            status: .unprocessableEntity, message: TextKey.formHasErrors(req.language), code: "validation", fields: errors.messages(req.language))
    }

    private func load(_ req: Request) async throws -> StoredMeeting? {
        guard let id = req.parameters.get("id", as: Int64.self) else { return nil }
        return try await MeetingStore(db: req.sql).find(id)
    }

    /// The meeting if the caller organises it, or the refusal to answer with.
    private func organised(_ req: Request) async throws -> (StoredMeeting?, Response?) {
        guard let stored = try await load(req) else { return (nil, try APIResponses.notFound(req)) }
        guard Policy.mayOrganise(req.actor, meeting: stored.scope) else {
            return (nil, req.actor == nil ? try APIResponses.unauthorized(req) : try APIResponses.forbidden(req))
        }
        return (stored, nil)
    }

    private func envelope(_ req: Request, _ stored: StoredMeeting) -> Envelope {
        let organiser = Policy.mayOrganise(req.actor, meeting: stored.scope)
        return Envelope(
            id: stored.id, meeting: stored.meeting,
            registrationURL: organiser ? req.siteAddress + SiteURL.register(stored.registrationToken).path : nil,
            reportPublishedAt: stored.reportPublishedAt)
    }

    private func answer(_ req: Request, _ outcome: MeetingService.Outcome, created: Bool) async throws -> Response {
        switch outcome {
        case .saved(let id):
            guard let stored = try await MeetingStore(db: req.sql).find(id) else { return try APIResponses.notFound(req) }
            let response = try APIResponses.json(envelope(req, stored), created ? .created : .ok)
            if created { response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.meeting(id, .item)).path) }
            return response
        case .invalid(let errors): return try invalid(req, errors)
        case .forbidden: return req.actor == nil ? try APIResponses.unauthorized(req) : try APIResponses.forbidden(req)
        case .notFound: return try APIResponses.notFound(req)
        }
    }

    // MARK: Meetings

    @Sendable func list(_ req: Request) async throws -> Response {
        let district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        let series = try? req.query.get(String.self, at: "series")
        let rows = try await MeetingStore(db: req.sql).list(district: district, series: series)
        let items = rows.map {
            Summary(
                id: $0.id, title: $0.title, status: $0.status, startsOn: $0.startsOn, endsOn: $0.endsOn, series: $0.series, districts: $0.districts,
                participants: $0.participants, tables: $0.tables, designs: $0.designs, responses: $0.responses)
        }
        return try APIResponses.json(APIPage(items: items, total: items.count, page: 1, perPage: max(items.count, 1)))
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard req.actor != nil else { return try APIResponses.unauthorized(req) }
        let meeting: Meeting
        do { meeting = try req.content.decode(Meeting.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.meeting(meeting)
        guard errors.isEmpty else { return try invalid(req, errors) }
        return try await answer(req, try await MeetingService(db: req.db, actor: req.actor, language: req.language).create(meeting), created: true)
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        guard let stored = try await load(req) else { return try APIResponses.notFound(req) }
        return try APIResponses.json(envelope(req, stored))
    }

    @Sendable func replace(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let meeting: Meeting
        do { meeting = try req.content.decode(Meeting.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.meeting(meeting)
        guard errors.isEmpty else { return try invalid(req, errors) }
        return try await answer(req, try await MeetingService(db: req.db, actor: req.actor, language: req.language).update(stored, meeting), created: false)
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        _ = try await MeetingService(db: req.db, actor: req.actor, language: req.language).delete(stored)
        return Response(status: .noContent)
    }

    // MARK: Programme

    @Sendable func agenda(_ req: Request) async throws -> Response {
        guard let stored = try await load(req) else { return try APIResponses.notFound(req) }
        return try APIResponses.json(try await MeetingStore(db: req.sql).agenda(stored.id).sessions)
    }

    @Sendable func addSession(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let session: AgendaSession
        do { session = try req.content.decode(AgendaSession.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.session(session, days: stored.meeting.days)
        guard errors.isEmpty else { return try invalid(req, errors) }
        let id = try await req.db.transaction { db in try await MeetingStore(db: db as! any SQLDatabase).insertSession(stored.id, session) }
        return try APIResponses.json(Created(id: id), .created)
    }

    /// The session of this meeting named in the path, with its items.
    private func session(_ req: Request, _ stored: StoredMeeting) async throws -> AgendaSession? {
        guard let sid = req.parameters.get("sub", as: Int64.self) else { return nil }
        return try await MeetingStore(db: req.sql).agenda(stored.id).sessions.first { $0.id == sid }
    }

    /// Replaces a session's own fields (day, times, title, chair); its items keep their place and
    /// are changed one by one under `agenda/items/{item}`, so `items` in the body is not read.
    @Sendable func replaceSession(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let existing = try await session(req, stored), let sid = existing.id else { return try APIResponses.notFound(req) }
        var changed: AgendaSession
        do { changed = try req.content.decode(AgendaSession.self) } catch { return try APIResponses.badBody(req, error) }
        changed.items = []
        let errors = MeetingValidation.session(changed, days: stored.meeting.days)
        guard errors.isEmpty else { return try invalid(req, errors) }
        _ = try await MeetingStore(db: req.sql).updateSession(stored.id, sid, changed)
        guard let saved = try await session(req, stored) else { return try APIResponses.notFound(req) }
        return try APIResponses.json(saved)
    }

    @Sendable func removeSession(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let sid = try await session(req, stored)?.id else { return try APIResponses.notFound(req) }
        try await req.db.transaction { db in try await MeetingStore(db: db as! any SQLDatabase).deleteSession(stored.id, sid) }
        return Response(status: .noContent)
    }

    @Sendable func addItem(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let sid = try await session(req, stored)?.id else { return try APIResponses.notFound(req) }
        let item: AgendaItem
        do { item = try req.content.decode(AgendaItem.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.item(item)
        guard errors.isEmpty else { return try invalid(req, errors) }
        let id = try await MeetingStore(db: req.sql).insertItem(sid, item)
        return try APIResponses.json(Created(id: id), .created)
    }

    /// Replaces an item's fields; its session, its place, its files and the practice recorded
    /// from it stay.
    @Sendable func replaceItem(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let store = MeetingStore(db: req.sql)
        guard let iid = req.parameters.get("sub", as: Int64.self), let sid = try await store.sessionOfItem(stored.id, iid) else {
            return try APIResponses.notFound(req)
        }
        let item: AgendaItem
        do { item = try req.content.decode(AgendaItem.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.item(item)
        guard errors.isEmpty else { return try invalid(req, errors) }
        try await store.updateItem(iid, sessionID: sid, item)
        let saved = try await store.agenda(stored.id).sessions.flatMap(\.items).first { $0.id == iid }
        return try APIResponses.json(saved)
    }

    @Sendable func removeItem(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let iid = req.parameters.get("sub", as: Int64.self), try await MeetingStore(db: req.sql).sessionOfItem(stored.id, iid) != nil else {
            return try APIResponses.notFound(req)
        }
        try await req.db.transaction { db in try await MeetingStore(db: db as! any SQLDatabase).deleteItem(iid) }
        return Response(status: .noContent)
    }

    // MARK: Participants

    /// Problems with the registry records participants are linked to, at `prefix` + field.
    private func registryErrors(_ req: Request, _ list: [MeetingParticipant], prefix: (Int) -> String) async throws -> FieldErrors {
        var errors = FieldErrors()
        let libraries = Set(list.compactMap(\.libraryID))
        let partners = Set(list.compactMap(\.partnerID))
        let knownLibraries = try await DesignStore(db: req.sql).libraryNames(Array(libraries))
        var knownPartners = Set<Int64>()
        if !partners.isEmpty {
            for row in try await req.sql.select().column("id").from("partners").where("id", .in, Array(partners)).all() {
                knownPartners.insert(try row.decode(column: "id", as: Int64.self))
            }
        }
        for (i, p) in list.enumerated() {
            if let id = p.libraryID, knownLibraries[id] == nil { errors.add(prefix(i) + "libraryID", .validationUnknownReference) }
            if let id = p.partnerID, !knownPartners.contains(id) { errors.add(prefix(i) + "partnerID", .validationUnknownReference) }
        }
        return errors
    }

    @Sendable func participants(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        return try APIResponses.json(try await MeetingStore(db: req.sql).participants(stored.id))
    }

    /// One participant or a list; all are checked before any is added, and problems name the list position.
    @Sendable func addParticipants(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        var list: [MeetingParticipant]
        if let many = try? req.content.decode([MeetingParticipant].self) {
            list = many
        } else {
            do { list = [try req.content.decode(MeetingParticipant.self)] } catch { return try APIResponses.badBody(req, error) }
        }
        guard list.count <= ParticipantImport.maxRows else { return try APIError.response(status: .payloadTooLarge, message: TextKey.errorBadRequest(req.language), code: "too_large") }
        let store = MeetingStore(db: req.sql)
        let tables = try await store.tables(stored.id)
        var seen = Set(try await store.participants(stored.id).map(\.identityKey))
        var errors = FieldErrors()
        for (i, p) in list.enumerated() {
            let own = MeetingValidation.participant(p, tables: tables)
            for field in own.order { errors.add("[\(i)].\(field)", own[field]!.key, own[field]!.values) }
            if own.isEmpty && !seen.insert(p.identityKey).inserted { errors.add("[\(i)].fullName", .importDuplicate) }
        }
        errors.merge(try await registryErrors(req, list) { "[\($0)]." })
        guard errors.isEmpty else { return try invalid(req, errors) }
        for i in list.indices {
            list[i].id = nil
            list[i].placeholder = false
            list[i].source = .organiser
            if list[i].tableID == nil { list[i].pinned = false }
        }
        let toInsert = list
        try await req.db.transaction { db in try await MeetingStore(db: db as! any SQLDatabase).insertParticipants(stored.id, toInsert) }
        return try APIResponses.json(try await MeetingStore(db: req.sql).participants(stored.id), .created)
    }

    /// Replaces what the organiser may change of a participant: name, role, organisation, the
    /// registry library or partner they come from, district, contact, consents, needs, wishes and
    /// table. How they registered and whether they are a placeholder stay.
    @Sendable func replaceParticipant(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let store = MeetingStore(db: req.sql)
        guard let pid = req.parameters.get("sub", as: Int64.self), let existing = try await store.participant(stored.id, pid) else {
            return try APIResponses.notFound(req)
        }
        var changed: MeetingParticipant
        do { changed = try req.content.decode(MeetingParticipant.self) } catch { return try APIResponses.badBody(req, error) }
        var errors = MeetingValidation.participant(changed, tables: try await store.tables(stored.id))
        let others = try await store.participants(stored.id).filter { $0.id != pid }
        if errors.isEmpty && others.contains(where: { $0.identityKey == changed.identityKey }) { errors.add("fullName", .importDuplicate) }
        errors.merge(try await registryErrors(req, [changed]) { _ in "" })
        guard errors.isEmpty else { return try invalid(req, errors) }
        changed.id = pid
        changed.placeholder = existing.placeholder
        changed.source = existing.source
        if changed.tableID == nil { changed.pinned = false }
        try await store.updateParticipant(stored.id, pid, changed)
        return try APIResponses.json(try await store.participant(stored.id, pid))
    }

    @Sendable func removeParticipant(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let pid = req.parameters.get("sub", as: Int64.self), try await MeetingStore(db: req.sql).participant(stored.id, pid) != nil else {
            return try APIResponses.notFound(req)
        }
        try await MeetingStore(db: req.sql).deleteParticipant(stored.id, pid)
        return Response(status: .noContent)
    }

    // MARK: Tables and seating

    @Sendable func tables(_ req: Request) async throws -> Response {
        guard let stored = try await load(req) else { return try APIResponses.notFound(req) }
        let store = MeetingStore(db: req.sql)
        let organiser = Policy.mayOrganise(req.actor, meeting: stored.scope)
        let people = organiser ? try await store.participants(stored.id) : []
        return try APIResponses.json(
            try await store.tables(stored.id).map { t in
                TableEntry(table: t, participants: organiser ? people.filter { $0.tableID == t.id }.compactMap(\.id) : nil)
            })
    }

    @Sendable func addTable(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        var table: WorkTable
        do { table = try req.content.decode(WorkTable.self) } catch { return try APIResponses.badBody(req, error) }
        let store = MeetingStore(db: req.sql)
        let errors = MeetingValidation.table(table, taken: Set(try await store.tables(stored.id).map(\.number)))
        guard errors.isEmpty else { return try invalid(req, errors) }
        table.designID = nil
        return try APIResponses.json(Created(id: try await store.insertTable(stored.id, table)), .created)
    }

    @Sendable func tableResult(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        guard let tid = req.parameters.get("sub", as: Int64.self) else { return try APIResponses.notFound(req) }
        switch try await MeetingService(db: req.db, actor: req.actor, language: req.language).recordTableResult(stored, tableID: tid) {
        case .saved(let id): return try APIResponses.json(Created(id: id), .created)
        case .invalid(let errors): return try invalid(req, errors)
        case .forbidden: return try APIResponses.forbidden(req)
        case .notFound: return try APIResponses.notFound(req)
        }
    }

    private func seatingState(_ req: Request, _ stored: StoredMeeting) async throws -> SeatingState {
        let store = MeetingStore(db: req.sql)
        let tables = try await store.tables(stored.id)
        let people = try await store.participants(stored.id)
        var seating: [String: Int64] = [:]
        for p in people { if let id = p.id, let t = p.tableID { seating[String(id)] = t } }
        guard !tables.isEmpty, !people.isEmpty,
            let (mix, penalty) = try? SeatingSolver.mix(MeetingSeating.problem(tables: tables, participants: people), seating: MeetingSeating.current(people))
        else { return SeatingState(seating: seating, penalty: nil, tables: []) }
        let flags = mix.compactMap { m -> TableFlags? in
            guard case .number(let id) = m.table else { return nil }
            return TableFlags(tableID: id, size: m.size, flags: m.flags.map { MeetingTablesView.flagText($0, req.language) })
        }
        return SeatingState(seating: seating, penalty: penalty, tables: flags)
    }

    @Sendable func seating(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        return try APIResponses.json(try await seatingState(req, stored))
    }

    /// Runs the solver over the meeting's participants (pinned ones stay) and saves the seating.
    /// An optional body `{"weights": {...}}` overrides the objective's weights.
    @Sendable func seat(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        struct Body: Decodable { let weights: SeatingWeights? }
        let weights = (req.body.data?.readableBytes ?? 0) > 0 ? (try? req.content.decode(Body.self))?.weights : nil
        switch try await MeetingService(db: req.db, actor: req.actor, language: req.language).seat(stored.id, weights: weights) {
        case .seated: return try APIResponses.json(try await seatingState(req, stored))
        case .unseatable(let message): return try APIError.response(status: .unprocessableEntity, message: message, code: "unseatable")
        }
    }

    // MARK: Feedback

    @Sendable func feedback(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
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
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let body: FormRequest
        do { body = try req.content.decode(FormRequest.self) } catch { return try APIResponses.badBody(req, error) }
        let errors = MeetingValidation.feedbackForm(body.form)
        guard errors.isEmpty else { return try invalid(req, errors) }
        return try APIResponses.json(Created(id: try await MeetingStore(db: req.sql).insertForm(stored.id, body.form, open: body.open ?? true)), .created)
    }

    @Sendable func results(_ req: Request) async throws -> Response {
        let (found, refusal) = try await organised(req)
        guard let stored = found else { return refusal! }
        let store = MeetingStore(db: req.sql)
        guard let fid = req.parameters.get("sub", as: Int64.self), let form = try await store.form(fid), form.meetingID == stored.id else {
            return try APIResponses.notFound(req)
        }
        let responses = try await store.responses(fid)
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
            return try APIResponses.notFound(req)
        }
        let response: FeedbackResponse
        do { response = try req.content.decode(FeedbackResponse.self) } catch { return try APIResponses.badBody(req, error) }
        var values: [String: [String]] = [:]
        for (id, answers) in response.answers { values["q-\(id)"] = answers }
        let (checked, errors) = form.form.readResponse(values)
        guard let checked else { return try invalid(req, errors) }
        try await MeetingStore(db: req.sql).insertResponse(form.id, checked, source: "link")
        return Response(status: .created)
    }

    // MARK: Report

    /// `?format=md` (the default) or `html`; public once published.
    @Sendable func report(_ req: Request) async throws -> Response {
        guard let stored = try await load(req) else { return try APIResponses.notFound(req) }
        guard stored.reportPublishedAt != nil || Policy.mayOrganise(req.actor, meeting: stored.scope) else { return try APIResponses.notFound(req) }
        let text: String
        if let saved = stored.reportMarkdown {
            text = saved
        } else {
            text = MeetingReport.markdown(try await MeetingService.reportInput(stored, sql: req.sql, actor: req.actor), req.language)
        }
        let format = (try? req.query.get(String.self, at: "format")) ?? "md"
        switch format {
        case "md": return TextDownload.response(text, contentType: "text/markdown; charset=utf-8", filename: "meeting-\(stored.id).md", inline: true)
        case "html": return TextDownload.response(Markdown.html(text), contentType: "text/html; charset=utf-8", filename: "meeting-\(stored.id).html", inline: true)
        default:
            return try APIError.response(
                status: .badRequest, message: TextKey.errorBadRequest(req.language), code: "bad_request", fields: ["format": "md | html"])
        }
    }
}
