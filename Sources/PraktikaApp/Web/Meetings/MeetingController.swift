import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// The pages of regional meetings. The programme, the tables and a published report are public;
/// participants, seating, feedback results and every change are for the meeting's organisers.
struct MeetingController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = PathComponent(stringLiteral: ":\(SiteURL.idParameter)")
        routes.get("meetings", use: index)
        routes.get("meetings", "new", use: new)
        routes.post("meetings", use: create)
        routes.get("meetings", "series", use: series)
        routes.get("meetings", id, use: show)
        routes.get("meetings", id, "edit", use: edit)
        routes.post("meetings", id, "edit", use: update)
        routes.get("meetings", id, "delete", use: confirmDelete)
        routes.post("meetings", id, "delete", use: delete)
        // Programme
        routes.get("meetings", id, "agenda", use: agenda)
        routes.post("meetings", id, "agenda", use: addSession)
        routes.get("meetings", id, "agenda", "sessions", ":sub", use: editSession)
        routes.post("meetings", id, "agenda", "sessions", ":sub", use: saveSession)
        routes.post("meetings", id, "agenda", "sessions", ":sub", "delete", use: deleteSession)
        routes.get("meetings", id, "agenda", "sessions", ":sub", "items", use: newItem)
        routes.post("meetings", id, "agenda", "sessions", ":sub", "items", use: addItem)
        routes.get("meetings", id, "agenda", "items", ":sub", use: editItem)
        routes.post("meetings", id, "agenda", "items", ":sub", use: saveItem)
        routes.post("meetings", id, "agenda", "items", ":sub", "delete", use: deleteItem)
        routes.post("meetings", id, "agenda", "items", ":sub", "practice", use: recordPractice)
        routes.get("meetings", id, "programme", use: programme)
        routes.get("meetings", id, "programme.ics", use: calendar)
        // Participants
        routes.get("meetings", id, "participants", use: participants)
        routes.post("meetings", id, "participants", use: addParticipant)
        routes.get("meetings", id, "participants", "import", use: importForm)
        routes.on(.POST, "meetings", id, "participants", "import", body: .collect(maxSize: "1mb"), use: importCSV)
        routes.get("meetings", id, "participants.csv", use: participantsCSV)
        routes.get("meetings", id, "participants", ":sub", use: editParticipant)
        routes.post("meetings", id, "participants", ":sub", use: saveParticipant)
        routes.post("meetings", id, "participants", ":sub", "delete", use: deleteParticipant)
        routes.get("meetings", id, "badges", use: badges)
        routes.get("register", ":token", use: registerForm)
        routes.post("register", ":token", use: register)
        // Tables and seating
        routes.get("meetings", id, "tables", use: tables)
        routes.post("meetings", id, "tables", use: addTable)
        routes.post("meetings", id, "tables", "seat", use: seat)
        routes.post("meetings", id, "tables", "move", use: move)
        routes.post("meetings", id, "tables", ":sub", "delete", use: deleteTable)
        routes.post("meetings", id, "tables", ":sub", "result", use: tableResult)
        // Feedback
        routes.get("meetings", id, "feedback", use: feedback)
        routes.post("meetings", id, "feedback", use: createForm)
        routes.get("meetings", id, "feedback", ":sub", use: editForm)
        routes.post("meetings", id, "feedback", ":sub", use: saveForm)
        routes.get("meetings", id, "feedback", ":sub", "results", use: results)
        routes.get("meetings", id, "feedback", ":sub", "results.csv", use: resultsCSV)
        routes.get("meetings", id, "feedback", ":sub", "paper", use: paperForm)
        routes.post("meetings", id, "feedback", ":sub", "paper", use: paper)
        routes.get("feedback", ":token", use: answerForm)
        routes.post("feedback", ":token", use: answer)
        // Report
        routes.get("meetings", id, "report", use: report)
        routes.post("meetings", id, "report", use: saveReport)
        routes.get("meetings", id, "report.md", use: reportMarkdown)
        routes.post("meetings", id, "report", "publish", use: publishReport)
    }

    // MARK: Helpers

    private func load(_ req: Request) async throws -> StoredMeeting {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self), let stored = try await MeetingStore(db: req.sql).find(id) else {
            throw Abort(.notFound)
        }
        return stored
    }

    private func sub(_ req: Request) throws -> Int64 {
        guard let value = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
        return value
    }

    private func frame(_ req: Request, _ stored: StoredMeeting) -> MeetingFrame {
        MeetingFrame(id: stored.id, meeting: stored.meeting, mayOrganise: Policy.mayOrganise(req.actor, meeting: stored.scope))
    }

    /// The meeting, if the person may organise it.
    private func organised(_ req: Request) async throws -> StoredMeeting {
        let stored = try await load(req)
        guard Policy.mayOrganise(req.actor, meeting: stored.scope) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        return stored
    }

    private func formInput(_ req: Request) -> FormInput {
        var input: FormInput = [:]
        for (name, values) in req.formValues { input[name] = values.last ?? "" }
        return input
    }

    /// The values of checkboxes named `<prefix>-<value>` that are ticked.
    private func ticked(_ input: FormInput, _ prefix: String) -> [String] {
        input.filter { $0.key.hasPrefix(prefix + "-") && !$0.value.isEmpty }.map { String($0.key.dropFirst(prefix.count + 1)) }.sorted()
    }

    /// The slides of every item of a programme.
    private func files(_ req: Request, _ agenda: Agenda) async throws -> [Int64: [AttachmentInfo]] {
        try await AttachmentStore(db: req.sql).list(kind: AttachmentOwner.agendaItem(0).kind, ids: agenda.sessions.flatMap(\.items).compactMap(\.id))
    }

    private func service(_ req: Request) -> MeetingService { MeetingService(db: req.db, actor: req.actor, language: req.language) }

    // MARK: List, new, edit

    @Sendable func index(_ req: Request) async throws -> Response {
        let district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        let rows = try await MeetingStore(db: req.sql).list(district: district)
        return HTMLResponse.make(
            MeetingPagesView.list(MeetingListModel(rows: rows, canCreate: Policy.mayCreateMeetings(req.actor), district: district), req.page))
    }

    @Sendable func series(_ req: Request) async throws -> Response {
        let name = (try? req.query.get(String.self, at: "name")).flatMap { $0.isEmpty ? nil : $0 }
        let store = MeetingStore(db: req.sql)
        let rows = try await store.list(series: name)
        var names: [(String, Int)] = []
        if name == nil {
            var counts: [String: Int] = [:]
            for row in try await store.list() { if let s = row.series { counts[s, default: 0] += 1 } }
            names = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        // Feedback side by side, oldest meeting first, as the table shows them.
        var compared: [FeedbackComparison.Question] = []
        if name != nil {
            var perMeeting: [[QuestionSummary]] = []
            for row in rows.reversed() {
                var summaries: [QuestionSummary] = []
                for form in try await store.forms(row.id) { summaries += FeedbackSummary.summarise(form.form, try await store.responses(form.id)) }
                perMeeting.append(summaries)
            }
            compared = FeedbackComparison.compare(perMeeting)
        }
        return HTMLResponse.make(MeetingPagesView.series(name: name, rows: name == nil ? [] : rows, names: names, feedback: compared, req.page))
    }

    private func libraryOptions(_ req: Request, districts: [String], keeping: [Int64]) async throws -> [FormOption] {
        var codes = Set(districts)
        if let own = req.actor?.districtCode { codes.insert(own) }
        var query = req.sql.select().columns("id", "name", "district_code").from("libraries")
        if !codes.isEmpty || !keeping.isEmpty || req.actor?.role != .admin {
            let districtList = Array(codes)
            query = query.where { group in
                var g = group
                if !districtList.isEmpty { g = g.orWhere("district_code", .in, districtList) }
                if !keeping.isEmpty { g = g.orWhere("id", .in, keeping) }
                if let library = req.actor?.libraryID { g = g.orWhere("id", .equal, library) }
                return g.orWhere(SQLLiteral.boolean(false))
            }
        }
        let rows = try await query.orderBy("name").limit(500).all()
        return try rows.map { row in
            let code = try row.decode(column: "district_code", as: String?.self)
            return FormOption(
                value: String(try row.decode(column: "id", as: Int64.self)),
                label: try row.decode(column: "name", as: String.self) + (code.flatMap { District.named($0) }.map { " (\($0.name(req.language)))" } ?? ""))
        }
    }

    @Sendable func new(_ req: Request) async throws -> Response {
        guard Policy.mayCreateMeetings(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        var values: FormInput = ["status": MeetingStatus.planned.rawValue]
        if let code = req.actor?.districtCode { values["districts-\(code)"] = "on" }
        if let library = req.actor?.libraryID { values["organisers-\(library)"] = "on" }
        return try await meetingForm(req, id: nil, values: values, errors: FieldErrors(), status: .ok)
    }

    private func meetingForm(_ req: Request, id: Int64?, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let libraries = try await libraryOptions(
            req, districts: ticked(values, "districts"), keeping: ticked(values, "organisers").compactMap { Int64($0) } + [values["host"].flatMap { Int64($0) }].compactMap { $0 })
        return HTMLResponse.make(MeetingPagesView.form(id: id, values: values, errors: errors, libraries: libraries, req.page), status: status)
    }

    private func readMeeting(_ input: FormInput) -> (Meeting?, FieldErrors) {
        Meeting.read(input, districts: ticked(input, "districts"), organisers: ticked(input, "organisers").compactMap { Int64($0) })
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard Policy.mayCreateMeetings(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let input = formInput(req)
        let (meeting, errors) = readMeeting(input)
        guard let meeting else { return try await meetingForm(req, id: nil, values: input, errors: errors, status: .unprocessableEntity) }
        switch try await service(req).create(meeting) {
        case .saved(let id): return req.seeOther(SiteURL.meeting(id, .overview).path, flash: .flashCreated)
        case .invalid(let errors): return try await meetingForm(req, id: nil, values: input, errors: errors, status: .unprocessableEntity)
        default: throw Abort(.forbidden)
        }
    }

    @Sendable func edit(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        var values = stored.meeting.input
        for code in stored.meeting.districtCodes { values["districts-\(code)"] = "on" }
        for id in stored.meeting.organiserLibraryIDs { values["organisers-\(id)"] = "on" }
        return try await meetingForm(req, id: stored.id, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (meeting, errors) = readMeeting(input)
        guard let meeting else { return try await meetingForm(req, id: stored.id, values: input, errors: errors, status: .unprocessableEntity) }
        switch try await service(req).update(stored, meeting) {
        case .saved(let id): return req.seeOther(SiteURL.meeting(id, .overview).path, flash: .flashUpdated)
        case .invalid(let errors): return try await meetingForm(req, id: stored.id, values: input, errors: errors, status: .unprocessableEntity)
        default: throw Abort(.forbidden)
        }
    }

    @Sendable func confirmDelete(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return HTMLResponse.make(
            ConfirmDeletePage.render(
                name: stored.meeting.title, action: SiteURL.meeting(stored.id, .delete).path, cancel: SiteURL.meeting(stored.id, .overview).path,
                breadcrumbs: [(SiteURL.meetings.path, TextKey.navMeetings(req.language))], req.page))
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        _ = try await service(req).delete(stored)
        return req.seeOther(SiteURL.meetings.path, flash: .flashDeleted)
    }

    // MARK: Overview and programme

    @Sendable func show(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let store = MeetingStore(db: req.sql)
        let frame = frame(req, stored)
        let names = try await service(req).libraryNames(stored.meeting.organiserLibraryIDs + [stored.meeting.hostLibraryID].compactMap { $0 })
        let tables = try await store.tables(stored.id)
        let count = try await req.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("meeting_participants")
            .where("meeting_id", .equal, stored.id).first()?.decode(column: "n", as: Int.self) ?? 0
        let agenda = try await store.agenda(stored.id)
        var model = MeetingOverviewModel(
            frame: frame, organisers: stored.meeting.organiserLibraryIDs.compactMap { names[$0] }, host: stored.meeting.hostLibraryID.flatMap { names[$0] },
            participantCount: count, tables: tables, designTitles: try await designTitles(req, tables.compactMap(\.designID)),
            registrationLink: frame.mayOrganise && stored.meeting.status == .registration ? req.siteAddress + SiteURL.register(stored.registrationToken).path : nil,
            reportPublished: stored.reportPublishedAt != nil)
        model.files = try await files(req, agenda)
        return HTMLResponse.make(MeetingPagesView.overview(model, agenda: agenda, req.page))
    }

    /// Titles of the designs the person may read.
    private func designTitles(_ req: Request, _ ids: [Int64]) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        let designs = DesignStore(db: req.sql)
        for id in ids {
            if let found = try await designs.find(id), Policy.allows(req.actor, .view, design: found.scope) { titles[id] = found.design.title }
        }
        return titles
    }

    @Sendable func agenda(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let frame = frame(req, stored)
        let agenda = try await MeetingStore(db: req.sql).agenda(stored.id)
        let values: FormInput = ["day": stored.meeting.startsOn.iso]
        return HTMLResponse.make(
            MeetingAgendaView.manage(frame, agenda, files: try await files(req, agenda), values: values, errors: FieldErrors(), req.page))
    }

    @Sendable func addSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (session, errors) = AgendaSession.read(input, days: stored.meeting.days)
        guard let session else {
            let agenda = try await MeetingStore(db: req.sql).agenda(stored.id)
            return HTMLResponse.make(
                MeetingAgendaView.manage(frame(req, stored), agenda, files: try await files(req, agenda), values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        _ = try await MeetingStore(db: req.sql).insertSession(stored.id, session)
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashCreated)
    }

    private func sessionPage(_ req: Request, _ stored: StoredMeeting, sessionID: Int64, values: FormInput, errors: FieldErrors, status: HTTPStatus) -> Response {
        let l = req.language
        let form = FormModel(
            title: TextKey.agendaEditSession(l), action: SiteURL.meeting(stored.id, .session(sessionID)).path,
            fields: MeetingAgendaView.sessionFields(stored.meeting.days, req.page.format), values: values, errors: errors,
            cancelHref: SiteURL.meeting(stored.id, .agenda).path)
        return HTMLResponse.make(MeetingAgendaView.formPage(frame(req, stored), title: TextKey.agendaEditSession(l), form: form, req.page), status: status)
    }

    @Sendable func editSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        guard let session = try await MeetingStore(db: req.sql).agenda(stored.id).sessions.first(where: { $0.id == sid }) else { throw Abort(.notFound) }
        return sessionPage(req, stored, sessionID: sid, values: session.input, errors: FieldErrors(), status: .ok)
    }

    @Sendable func saveSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        let input = formInput(req)
        let (session, errors) = AgendaSession.read(input, days: stored.meeting.days)
        guard let session else { return sessionPage(req, stored, sessionID: sid, values: input, errors: errors, status: .unprocessableEntity) }
        guard try await MeetingStore(db: req.sql).updateSession(stored.id, sid, session) else { throw Abort(.notFound) }
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashUpdated)
    }

    @Sendable func deleteSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        try await MeetingStore(db: req.sql).deleteSession(stored.id, try sub(req))
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashDeleted)
    }

    private func itemPage(_ req: Request, _ stored: StoredMeeting, action: MeetingPage, title: String, values: FormInput, errors: FieldErrors, status: HTTPStatus)
        -> Response
    {
        let form = FormModel(
            title: title, action: SiteURL.meeting(stored.id, action).path, fields: MeetingAgendaView.itemFields(req.language), values: values,
            errors: errors, cancelHref: SiteURL.meeting(stored.id, .agenda).path)
        return HTMLResponse.make(MeetingAgendaView.formPage(frame(req, stored), title: title, form: form, req.page), status: status)
    }

    private func ownsSession(_ req: Request, _ stored: StoredMeeting, _ sid: Int64) async throws {
        guard try await MeetingStore(db: req.sql).agenda(stored.id).sessions.contains(where: { $0.id == sid }) else { throw Abort(.notFound) }
    }

    @Sendable func newItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        try await ownsSession(req, stored, sid)
        return itemPage(req, stored, action: .items(sid), title: TextKey.agendaAddItem(req.language), values: ["kind": "presentation"], errors: FieldErrors(), status: .ok)
    }

    @Sendable func addItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        try await ownsSession(req, stored, sid)
        let input = formInput(req)
        let (item, errors) = AgendaItem.read(input)
        guard let item else {
            return itemPage(req, stored, action: .items(sid), title: TextKey.agendaAddItem(req.language), values: input, errors: errors, status: .unprocessableEntity)
        }
        _ = try await MeetingStore(db: req.sql).insertItem(sid, item)
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashCreated)
    }

    @Sendable func editItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        guard let item = try await MeetingStore(db: req.sql).agenda(stored.id).sessions.flatMap(\.items).first(where: { $0.id == iid }) else {
            throw Abort(.notFound)
        }
        return itemPage(req, stored, action: .item(iid), title: TextKey.editRecord(req.language), values: item.input, errors: FieldErrors(), status: .ok)
    }

    @Sendable func saveItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        let store = MeetingStore(db: req.sql)
        guard let sid = try await store.sessionOfItem(stored.id, iid) else { throw Abort(.notFound) }
        let input = formInput(req)
        let (item, errors) = AgendaItem.read(input)
        guard let item else {
            return itemPage(req, stored, action: .item(iid), title: TextKey.editRecord(req.language), values: input, errors: errors, status: .unprocessableEntity)
        }
        try await store.updateItem(iid, sessionID: sid, item)
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashUpdated)
    }

    @Sendable func deleteItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        let store = MeetingStore(db: req.sql)
        guard try await store.sessionOfItem(stored.id, iid) != nil else { throw Abort(.notFound) }
        try await store.deleteItem(iid)
        return req.seeOther(SiteURL.meeting(stored.id, .agenda).path, flash: .flashDeleted)
    }

    @Sendable func recordPractice(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).recordPresentation(stored, itemID: try sub(req)) {
        case .saved(let id): return req.seeOther(SiteURL.service(id).path, flash: .flashPresentationRecorded)
        case .invalid: return req.seeOther(SiteURL.meeting(stored.id, .edit).path, flash: .flashMeetingNeedsOrganiser)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    @Sendable func programme(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let names = try await service(req).libraryNames(stored.meeting.organiserLibraryIDs)
        return HTMLResponse.make(
            MeetingAgendaView.printable(
                frame(req, stored), try await MeetingStore(db: req.sql).agenda(stored.id),
                organisers: stored.meeting.organiserLibraryIDs.compactMap { names[$0] }, req.page))
    }

    @Sendable func calendar(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let host = URL(string: req.siteAddress)?.host ?? "praktika"
        let ics = MeetingCalendar.ics(
            meeting: stored.meeting, agenda: try await MeetingStore(db: req.sql).agenda(stored.id), uidPrefix: "meeting-\(stored.id)@\(host)",
            url: req.siteAddress + SiteURL.meeting(stored.id, .overview).path, language: req.language, stamp: Date())
        return TextDownload.response(ics, contentType: "text/calendar; charset=utf-8", filename: "meeting-\(stored.id).ics")
    }

    // MARK: Participants

    private func participantsPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let store = MeetingStore(db: req.sql)
        return HTMLResponse.make(
            MeetingPeopleView.list(
                frame(req, stored), try await store.participants(stored.id), tables: try await store.tables(stored.id),
                registry: try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language),
                registrationLink: req.siteAddress + SiteURL.register(stored.registrationToken).path, values: values, errors: errors, req.page),
            status: status)
    }

    @Sendable func participants(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await participantsPage(req, stored, values: ["role": NetworkRole.librarian.rawValue], errors: FieldErrors(), status: .ok)
    }

    /// Reads a participant from a form; the organisers' form also carries the registry links,
    /// the table and the pin.
    private func readParticipant(_ input: FormInput, tables: [WorkTable], registry: ParticipantRegistryOptions?) -> (MeetingParticipant?, FieldErrors) {
        var (participant, errors) = MeetingParticipant.read(input, wants: ticked(input, "want"), tables: tables)
        if let registry, var p = participant {
            func choice(_ field: String, _ options: [FormOption]) -> Int64? {
                guard let raw = input[field], !raw.isEmpty else { return nil }
                guard options.contains(where: { $0.value == raw }), let id = Int64(raw) else {
                    errors.add(field, .validationOption)
                    return nil
                }
                return id
            }
            p.libraryID = choice("library", registry.libraries)
            p.partnerID = choice("partner", registry.partners)
            if let raw = input["table"], !raw.isEmpty {
                if let id = Int64(raw), tables.contains(where: { $0.id == id }) { p.tableID = id } else { errors.add("table", .validationOption) }
            }
            p.pinned = p.tableID != nil && FormReader(input).flag("pinned")
            participant = errors.isEmpty ? p : nil
        }
        return (participant, errors)
    }

    @Sendable func addParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let input = formInput(req)
        let registry = try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language)
        let (participant, errors) = readParticipant(input, tables: try await store.tables(stored.id), registry: registry)
        guard let participant else { return try await participantsPage(req, stored, values: input, errors: errors, status: .unprocessableEntity) }
        _ = try await store.insertParticipant(stored.id, participant)
        return req.seeOther(SiteURL.meeting(stored.id, .participants).path, flash: .flashCreated)
    }

    private func participantValues(_ p: MeetingParticipant) -> FormInput {
        var values = p.input
        for id in p.wants { values["want-\(id)"] = "on" }
        values["table"] = p.tableID.map(String.init) ?? ""
        values["pinned"] = p.pinned ? "on" : ""
        values["library"] = p.libraryID.map(String.init) ?? ""
        values["partner"] = p.partnerID.map(String.init) ?? ""
        return values
    }

    @Sendable func editParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let pid = try sub(req)
        guard let p = try await store.participant(stored.id, pid) else { throw Abort(.notFound) }
        let registry = try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language, keeping: p)
        return HTMLResponse.make(
            MeetingPeopleView.edit(
                frame(req, stored), id: pid, tables: try await store.tables(stored.id), registry: registry, values: participantValues(p),
                errors: FieldErrors(), req.page))
    }

    @Sendable func saveParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let pid = try sub(req)
        guard let existing = try await store.participant(stored.id, pid) else { throw Abort(.notFound) }
        let tables = try await store.tables(stored.id)
        let input = formInput(req)
        let registry = try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language, keeping: existing)
        let (read, errors) = readParticipant(input, tables: tables, registry: registry)
        guard var participant = read else {
            return HTMLResponse.make(
                MeetingPeopleView.edit(frame(req, stored), id: pid, tables: tables, registry: registry, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        participant.placeholder = existing.placeholder
        participant.source = existing.source
        try await store.updateParticipant(stored.id, pid, participant)
        return req.seeOther(SiteURL.meeting(stored.id, .participants).path, flash: .flashUpdated)
    }

    @Sendable func deleteParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        try await MeetingStore(db: req.sql).deleteParticipant(stored.id, try sub(req))
        return req.seeOther(SiteURL.meeting(stored.id, .participants).path, flash: .flashDeleted)
    }

    @Sendable func importForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return HTMLResponse.make(MeetingPeopleView.importForm(frame(req, stored), error: nil, req.page))
    }

    /// Reads the uploaded or pasted CSV, reports every problem by row and column, and imports
    /// straight away when there are none; otherwise the organiser may import the valid rows.
    @Sendable func importCSV(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        var text = (try? req.content.get(String.self, at: "csv")) ?? ""
        if let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 {
            let data = Data(file.data.readableBytesView)
            guard let decoded = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1251) else {
                return HTMLResponse.make(
                    MeetingPeopleView.importForm(frame(req, stored), error: TextKey.importEncoding(req.language), req.page), status: .unprocessableEntity)
            }
            text = decoded
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return HTMLResponse.make(
                MeetingPeopleView.importForm(frame(req, stored), error: TextKey.importEmptyFile(req.language), req.page), status: .unprocessableEntity)
        }
        let store = MeetingStore(db: req.sql)
        let result = ParticipantImport.read(text, tables: try await store.tables(stored.id), existing: try await store.participants(stored.id))
        let confirmed = (try? req.content.get(String.self, at: "confirm")) == "valid"
        if result.problems.isEmpty || (confirmed && !result.participants.isEmpty) {
            try await req.db.transaction { db in
                try await MeetingStore(db: db as! any SQLDatabase).insertParticipants(stored.id, result.participants.map(\.participant))
            }
            return req.seeOther(SiteURL.meeting(stored.id, .participants).path, flash: .flashImported)
        }
        return HTMLResponse.make(
            MeetingPeopleView.importReport(
                ImportReportModel(
                    frame: frame(req, stored), problems: result.problems, validRows: result.participants.count, rowsRead: result.rowsRead,
                    ignoredColumns: result.ignoredColumns, csv: text), req.page),
            status: .unprocessableEntity)
    }

    /// The list in the import's own columns, so that it can be edited in a spreadsheet and imported elsewhere.
    @Sendable func participantsCSV(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let numbers = Dictionary(try await store.tables(stored.id).map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        let l = req.language
        var csv = "\u{FEFF}" + CSV.line(
            ["full_name", "role", "organisation", "district", "email", "consent_listed", "consent_photo", "needs", "wants", "table"], separator: ";")
        for p in try await store.participants(stored.id) {
            csv += CSV.line(
                [
                    p.fullName, p.role.label(l), p.organisation, p.districtCode.flatMap { District.named($0)?.name(l) } ?? "", p.email ?? "",
                    p.consentListed ? TextKey.yes(l) : TextKey.no(l), p.consentPhoto ? TextKey.yes(l) : TextKey.no(l), p.needs ?? "",
                    p.wants.compactMap { numbers[$0] }.map(String.init).joined(separator: " "), p.tableID.flatMap { numbers[$0] }.map(String.init) ?? "",
                ], separator: ";")
        }
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "participants-\(stored.id).csv")
    }

    @Sendable func badges(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        return HTMLResponse.make(
            MeetingPeopleView.badges(frame(req, stored), try await store.participants(stored.id), tables: try await store.tables(stored.id), req.page))
    }

    private func byToken(_ req: Request) async throws -> StoredMeeting {
        guard let token = req.parameters.get("token"), let stored = try await MeetingStore(db: req.sql).find(registrationToken: token) else {
            throw Abort(.notFound)
        }
        return stored
    }

    @Sendable func registerForm(_ req: Request) async throws -> Response {
        let stored = try await byToken(req)
        var values: FormInput = ["role": NetworkRole.librarian.rawValue]
        if stored.meeting.districtCodes.count == 1 { values["district"] = stored.meeting.districtCodes[0] }
        return HTMLResponse.make(
            MeetingPeopleView.register(
                token: stored.registrationToken, meeting: stored.meeting, tables: try await MeetingStore(db: req.sql).tables(stored.id), values: values,
                errors: FieldErrors(), done: false, req.page))
    }

    @Sendable func register(_ req: Request) async throws -> Response {
        let stored = try await byToken(req)
        guard stored.meeting.status == .registration else { throw Abort(.notFound) }
        let store = MeetingStore(db: req.sql)
        let tables = try await store.tables(stored.id)
        let input = formInput(req)
        var (participant, errors) = readParticipant(input, tables: tables, registry: nil)
        if let p = participant, try await store.participants(stored.id).contains(where: { $0.identityKey == p.identityKey }) {
            errors.add("full_name", .importDuplicate)
            participant = nil
        }
        guard var participant else {
            return HTMLResponse.make(
                MeetingPeopleView.register(
                    token: stored.registrationToken, meeting: stored.meeting, tables: tables, values: input, errors: errors, done: false, req.page),
                status: .unprocessableEntity)
        }
        participant.source = .link
        _ = try await store.insertParticipant(stored.id, participant)
        return HTMLResponse.make(
            MeetingPeopleView.register(
                token: stored.registrationToken, meeting: stored.meeting, tables: tables, values: [:], errors: FieldErrors(), done: true, req.page))
    }

    // MARK: Tables and seating

    private func tablesPage(
        _ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus, refusal: String? = nil
    ) async throws -> Response {
        let store = MeetingStore(db: req.sql)
        let frame = frame(req, stored)
        let tables = try await store.tables(stored.id)
        let participants = frame.mayOrganise ? try await store.participants(stored.id) : []
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
            designTitles: try await designTitles(req, tables.compactMap(\.designID)), values: values, errors: errors, seatingRefusal: refusal)
        return HTMLResponse.make(MeetingTablesView.render(model, req.page), status: status)
    }

    @Sendable func tables(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let next = (try await MeetingStore(db: req.sql).tables(stored.id).map(\.number).max() ?? 0) + 1
        return try await tablesPage(req, stored, values: ["number": String(next), "category": "other"], errors: FieldErrors(), status: .ok)
    }

    @Sendable func addTable(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let input = formInput(req)
        let (table, errors) = WorkTable.read(input, taken: Set(try await store.tables(stored.id).map(\.number)))
        guard let table else { return try await tablesPage(req, stored, values: input, errors: errors, status: .unprocessableEntity) }
        _ = try await store.insertTable(stored.id, table)
        return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashCreated)
    }

    @Sendable func deleteTable(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        try await MeetingStore(db: req.sql).deleteTable(stored.id, try sub(req))
        return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashDeleted)
    }

    @Sendable func seat(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).seat(stored.id) {
        case .seated: return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashSeated)
        case .unseatable(let message):
            return try await tablesPage(
                req, stored, values: [:], errors: FieldErrors(), status: .unprocessableEntity,
                refusal: TextKey.seatingRefused(req.language, ["reason": message]))
        }
    }

    @Sendable func move(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let input = formInput(req)
        guard let pid = input["participant"].flatMap({ Int64($0) }), let person = try await store.participant(stored.id, pid) else {
            return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashChoosePerson)
        }
        let tables = try await store.tables(stored.id)
        let target = input["table"].flatMap { Int64($0) }
        guard target == nil || tables.contains(where: { $0.id == target }) else { throw Abort(.badRequest) }
        try await store.assign(stored.id, [pid: target])
        // A moved person is no longer pinned elsewhere.
        if person.pinned { try await store.setPinned(stored.id, pid, false) }
        return req.seeOther(SiteURL.meeting(stored.id, .tables).path, flash: .flashMoved)
    }

    @Sendable func tableResult(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).recordTableResult(stored, tableID: try sub(req)) {
        case .saved(let id): return req.seeOther(SiteURL.service(id).path, flash: .flashTableResult)
        case .invalid: return req.seeOther(SiteURL.meeting(stored.id, .edit).path, flash: .flashMeetingNeedsOrganiser)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: Feedback

    private func feedbackPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let store = MeetingStore(db: req.sql)
        var forms: [(MeetingStore.StoredForm, Int)] = []
        for form in try await store.forms(stored.id) { forms.append((form, try await store.responses(form.id).count)) }
        let builder = MeetingFeedbackView.builder(action: SiteURL.meeting(stored.id, .feedback).path, values: values, errors: errors, req.page)
        return HTMLResponse.make(
            MeetingFeedbackView.list(frame(req, stored), forms: forms, baseURL: req.siteAddress, builder: builder, req.page), status: status)
    }

    @Sendable func feedback(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await feedbackPage(req, stored, values: ["open": "on", "question-1-kind": "multiple"], errors: FieldErrors(), status: .ok)
    }

    @Sendable func createForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (form, errors) = FeedbackForm.read(input)
        guard let form else { return try await feedbackPage(req, stored, values: input, errors: errors, status: .unprocessableEntity) }
        _ = try await MeetingStore(db: req.sql).insertForm(stored.id, form, open: FormReader(input).flag("open"))
        return req.seeOther(SiteURL.meeting(stored.id, .feedback).path, flash: .flashCreated)
    }

    private func ownedForm(_ req: Request, _ stored: StoredMeeting) async throws -> MeetingStore.StoredForm {
        guard let form = try await MeetingStore(db: req.sql).form(try sub(req)), form.meetingID == stored.id else { throw Abort(.notFound) }
        return form
    }

    @Sendable func editForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        var values = form.form.input
        values["open"] = form.open ? "on" : ""
        return HTMLResponse.make(MeetingFeedbackView.editPage(frame(req, stored), formID: form.id, values: values, errors: FieldErrors(), req.page))
    }

    @Sendable func saveForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let existing = try await ownedForm(req, stored)
        let input = formInput(req)
        let (form, errors) = FeedbackForm.read(input)
        guard let form else {
            return HTMLResponse.make(
                MeetingFeedbackView.editPage(frame(req, stored), formID: existing.id, values: input, errors: errors, req.page), status: .unprocessableEntity)
        }
        try await MeetingStore(db: req.sql).updateForm(existing.id, form, open: FormReader(input).flag("open"))
        return req.seeOther(SiteURL.meeting(stored.id, .feedback).path, flash: .flashUpdated)
    }

    @Sendable func results(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        let responses = try await MeetingStore(db: req.sql).responses(form.id)
        return HTMLResponse.make(
            MeetingFeedbackView.results(
                FeedbackResultsModel(
                    frame: frame(req, stored), formID: form.id, form: form.form, responses: responses.count,
                    summaries: FeedbackSummary.summarise(form.form, responses)), req.page))
    }

    @Sendable func resultsCSV(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        let csv = FeedbackSummary.csv(form.form, try await MeetingStore(db: req.sql).responses(form.id), header: [TextKey.feedbackResponseNumber(req.language)])
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "feedback-\(form.id).csv")
    }

    @Sendable func paperForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        return HTMLResponse.make(MeetingFeedbackView.paperPage(frame(req, stored), formID: form.id, form: form.form, values: [:], errors: FieldErrors(), req.page))
    }

    @Sendable func paper(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        let values = req.formValues
        let (response, errors) = form.form.readResponse(values)
        guard let response else {
            return HTMLResponse.make(
                MeetingFeedbackView.paperPage(frame(req, stored), formID: form.id, form: form.form, values: values, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        try await MeetingStore(db: req.sql).insertResponse(form.id, response, source: "paper")
        return req.seeOther(SiteURL.meeting(stored.id, .feedbackPaper(form.id)).path, flash: .flashResponseSaved)
    }

    private func formByToken(_ req: Request) async throws -> (MeetingStore.StoredForm, StoredMeeting) {
        guard let token = req.parameters.get("token"), let form = try await MeetingStore(db: req.sql).form(token: token),
            let stored = try await MeetingStore(db: req.sql).find(form.meetingID)
        else { throw Abort(.notFound) }
        return (form, stored)
    }

    @Sendable func answerForm(_ req: Request) async throws -> Response {
        let (form, stored) = try await formByToken(req)
        return HTMLResponse.make(
            MeetingFeedbackView.publicPage(
                form.form, meeting: stored.meeting, token: form.token, open: form.open, values: [:], errors: FieldErrors(), done: false, req.page))
    }

    /// Anonymous: nothing about the person answering is stored, not even the time to the second.
    @Sendable func answer(_ req: Request) async throws -> Response {
        let (form, stored) = try await formByToken(req)
        guard form.open else { throw Abort(.notFound) }
        let values = req.formValues
        let (response, errors) = form.form.readResponse(values)
        guard let response else {
            return HTMLResponse.make(
                MeetingFeedbackView.publicPage(form.form, meeting: stored.meeting, token: form.token, open: true, values: values, errors: errors, done: false, req.page),
                status: .unprocessableEntity)
        }
        try await MeetingStore(db: req.sql).insertResponse(form.id, response, source: "link")
        return HTMLResponse.make(
            MeetingFeedbackView.publicPage(form.form, meeting: stored.meeting, token: form.token, open: true, values: [:], errors: FieldErrors(), done: true, req.page))
    }

    // MARK: Report

    /// The report's text: what the organisers saved, or freshly written from the meeting's data.
    private func reportText(_ req: Request, _ stored: StoredMeeting) async throws -> (String, Bool) {
        if let saved = stored.reportMarkdown { return (saved, true) }
        return (MeetingReport.markdown(try await service(req).reportInput(stored), req.language), false)
    }

    private func readableReport(_ req: Request) async throws -> StoredMeeting {
        let stored = try await load(req)
        guard stored.reportPublishedAt != nil || Policy.mayOrganise(req.actor, meeting: stored.scope) else { throw Abort(.notFound) }
        return stored
    }

    @Sendable func report(_ req: Request) async throws -> Response {
        let stored = try await readableReport(req)
        let (text, edited) = try await reportText(req, stored)
        if (try? req.query.get(String.self, at: "print")) == "1" {
            return HTMLResponse.make(MeetingReportView.printable(frame(req, stored), markdown: text, req.page))
        }
        return HTMLResponse.make(
            MeetingReportView.render(frame(req, stored), markdown: text, edited: edited, publishedAt: stored.reportPublishedAt, error: nil, req.page))
    }

    static let maxReportLength = 200_000

    @Sendable func saveReport(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let store = MeetingStore(db: req.sql)
        if input["action"] == "regenerate" {
            try await store.saveReport(stored.id, markdown: nil, publishedAt: stored.reportPublishedAt)
            return req.seeOther(SiteURL.meeting(stored.id, .report).path, flash: .flashReportRegenerated)
        }
        let text = (input["markdown"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.count <= Self.maxReportLength else {
            let message = text.count > Self.maxReportLength
                ? TextKey.validationTooLong(req.language, ["max": req.page.format.integer(Self.maxReportLength)]) : TextKey.validationRequired(req.language)
            return HTMLResponse.make(
                MeetingReportView.render(
                    frame(req, stored), markdown: text, edited: true, publishedAt: stored.reportPublishedAt, error: message, req.page),
                status: .unprocessableEntity)
        }
        try await store.saveReport(stored.id, markdown: text, publishedAt: stored.reportPublishedAt)
        return req.seeOther(SiteURL.meeting(stored.id, .report).path, flash: .flashUpdated)
    }

    /// Publishing freezes the text as it stands and marks the meeting reported.
    @Sendable func publishReport(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let publish = formInput(req)["publish"] == "1"
        let (text, _) = try await reportText(req, stored)
        var reported = stored.meeting
        reported.status = .reported
        let id = stored.id
        let kept = stored.reportMarkdown
        let changeStatus = publish && stored.meeting.status != .reported
        try await req.db.transaction { [reported] db in
            let store = MeetingStore(db: db as! any SQLDatabase)
            try await store.saveReport(id, markdown: publish ? text : kept, publishedAt: publish ? Date() : nil)
            if changeStatus { try await store.update(id, reported) }
        }
        return req.seeOther(SiteURL.meeting(stored.id, .report).path, flash: publish ? .flashReportPublished : .flashUnpublished)
    }

    @Sendable func reportMarkdown(_ req: Request) async throws -> Response {
        let stored = try await readableReport(req)
        let (text, _) = try await reportText(req, stored)
        return TextDownload.response(text, contentType: "text/markdown; charset=utf-8", filename: "meeting-\(stored.id)-report.md")
    }
}
