import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// The pages of regional meetings. The programme, the tables and a published report are public;
/// participants, seating, feedback results and every change are for the meeting's organisers.
struct MeetingController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        let sub = SiteURL.any
        let token = SiteURL.anyText
        func page(_ page: MeetingPage) -> SiteURL { .meeting(id, page) }
        routes.get(.meetings, use: index)
        routes.get(.newMeeting, use: new)
        routes.post(.meetings, use: create)
        routes.get(.meetingSeries, use: series)
        routes.get(page(.overview), use: show)
        routes.get(page(.edit), use: edit)
        routes.post(page(.edit), use: update)
        routes.get(page(.delete), use: confirmDelete)
        routes.post(page(.delete), use: delete)
        // Programme
        routes.get(page(.agenda), use: agenda)
        routes.post(page(.agenda), use: addSession)
        routes.get(page(.session(sub)), use: editSession)
        routes.post(page(.session(sub)), use: saveSession)
        routes.post(page(.sessionDelete(sub)), use: deleteSession)
        routes.get(page(.items(sub)), use: newItem)
        routes.post(page(.items(sub)), use: addItem)
        routes.get(page(.item(sub)), use: editItem)
        routes.post(page(.item(sub)), use: saveItem)
        routes.post(page(.itemDelete(sub)), use: deleteItem)
        routes.post(page(.itemPractice(sub)), use: recordPractice)
        routes.get(page(.programme), use: programme)
        routes.get(page(.calendar), use: calendar)
        // Participants
        routes.get(page(.participants), use: participants)
        routes.post(page(.participants), use: addParticipant)
        routes.get(page(.importCSV), use: importForm)
        routes.on(.POST, page(.importCSV), body: .collect(maxSize: "1mb"), use: importCSV)
        routes.get(page(.participantsCSV), use: participantsCSV)
        routes.get(page(.participant(sub)), use: editParticipant)
        routes.post(page(.participant(sub)), use: saveParticipant)
        routes.post(page(.participantDelete(sub)), use: deleteParticipant)
        routes.get(page(.badges), use: badges)
        routes.get(.register(token), use: registerForm)
        routes.post(.register(token), use: register)
        // Tables and seating
        routes.get(page(.tables), use: tables)
        routes.post(page(.tables), use: addTable)
        routes.post(page(.seat), use: seat)
        routes.post(page(.move), use: move)
        routes.post(page(.tableDelete(sub)), use: deleteTable)
        routes.post(page(.tableResult(sub)), use: tableResult)
        // Feedback
        routes.get(page(.feedback), use: feedback)
        routes.post(page(.feedback), use: createForm)
        routes.get(page(.feedbackForm(sub)), use: editForm)
        routes.post(page(.feedbackForm(sub)), use: saveForm)
        routes.get(page(.feedbackResults(sub)), use: results)
        routes.get(page(.feedbackCSV(sub)), use: resultsCSV)
        routes.get(page(.feedbackPaper(sub)), use: paperForm)
        routes.post(page(.feedbackPaper(sub)), use: paper)
        routes.get(.answerFeedback(token), use: answerForm)
        routes.post(.answerFeedback(token), use: answer)
        // Report
        routes.get(page(.report), use: report)
        routes.post(page(.report), use: saveReport)
        routes.get(page(.reportMarkdown), use: reportMarkdown)
        routes.get(page(.reportDocx), use: reportDocx)
        routes.post(page(.reportPublish), use: publishReport)
        registerAttendance(routes)
        registerActions(routes)
    }

    // MARK: Helpers

    func load(_ req: Request) async throws -> StoredMeeting {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self), let stored = try await MeetingStore(db: req.sql).find(id)
        else {
            throw Abort(.notFound)
        }
        return stored
    }

    func sub(_ req: Request) throws -> Int64 {
        guard let value = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
        return value
    }

    func frame(_ req: Request, _ stored: StoredMeeting) -> MeetingFrame {
        MeetingFrame(id: stored.id, meeting: stored.meeting, mayOrganise: Policy.mayOrganise(req.actor, meeting: stored.scope))
    }

    /// The meeting, if the person may organise it.
    func organised(_ req: Request) async throws -> StoredMeeting {
        let stored = try await load(req)
        guard Policy.mayOrganise(req.actor, meeting: stored.scope) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        return stored
    }

    func formInput(_ req: Request) -> FormInput {
        var input: FormInput = [:]
        for (name, values) in req.formValues { input[name] = values.last ?? "" }
        return input
    }

    /// The values of checkboxes named `<prefix>-<value>` that are ticked.
    func ticked(_ input: FormInput, _ prefix: String) -> [String] {
        input.filter { $0.key.hasPrefix(prefix + "-") && !$0.value.isEmpty }.map { String($0.key.dropFirst(prefix.count + 1)) }.sorted()
    }

    /// The slides of every item of a programme.
    func files(_ req: Request, _ agenda: Agenda) async throws -> [Int64: [AttachmentInfo]] {
        try await AttachmentStore(db: req.sql).list(
            kind: AttachmentOwner.agendaItem(0).kind, ids: agenda.sessions.flatMap(\.items).compactMap(\.id))
    }

    func service(_ req: Request) -> MeetingService {
        MeetingService(
            db: req.db, actor: req.actor, language: req.language, siteAddress: req.siteAddress, seatingGate: req.application.seatingGate)
    }

    /// Where a workflow's answer leads: on to `next` with a flash, back to the form with the
    /// problems, or to an error page.
    func respond(
        _ req: Request, _ outcome: MeetingService.Outcome, next: String, flash: TextKey,
        invalid: (FieldErrors) async throws -> Response = { _ in throw Abort(.badRequest) }
    ) async throws -> Response {
        switch outcome {
        case .saved: return req.seeOther(next, flash: flash)
        case .invalid(let errors): return try await invalid(errors)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        case .notFound: throw Abort(.notFound)
        case .conflict: throw Abort(.conflict)
        }
    }

    // MARK: List, new, edit

    @Sendable func index(_ req: Request) async throws -> Response {
        let district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        let rows = try await MeetingStore(db: req.sql).list(district: district)
        return HTMLResponse.make(
            MeetingPagesView.list(
                MeetingListModel(rows: rows, canCreate: Policy.mayCreateMeetings(req.actor), district: district), req.page))
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
                for form in try await store.forms(row.id) {
                    summaries += FeedbackSummary.summarise(form.form, try await store.responses(form.id))
                }
                perMeeting.append(summaries)
            }
            compared = FeedbackComparison.compare(perMeeting)
        }
        return HTMLResponse.make(
            MeetingPagesView.series(name: name, rows: name == nil ? [] : rows, names: names, feedback: compared, req.page))
    }

    /// The libraries the meeting form offers as organisers and host: those of the meeting's
    /// districts and the person's own, every regional library (a co-organiser from another
    /// district), and those already chosen; every library for an administrator who has not
    /// narrowed it down yet.
    private func libraryOptions(_ req: Request, districts: [String], keeping: [Int64]) async throws -> [FormOption] {
        var codes = Set(districts)
        if let own = req.actor?.districtCode { codes.insert(own) }
        var kept = Set(keeping)
        if let library = req.actor?.libraryID { kept.insert(library) }
        for row in try await req.sql.select().column("id").from("libraries").where("kind", .equal, LibraryKind.regional.rawValue).all() {
            kept.insert(try row.decode(column: "id", as: Int64.self))
        }
        let everything = codes.isEmpty && kept.isEmpty && req.actor?.role == .admin
        let choices = try await RegistryLookups(db: req.sql).choices(.libraries, districts: everything ? nil : codes, keeping: kept)
        return choices.map { c in
            FormOption(
                value: String(c.id), label: c.name + (c.districtCode.flatMap(District.named).map { " (\($0.name(req.language)))" } ?? ""))
        }
    }

    @Sendable func new(_ req: Request) async throws -> Response {
        guard Policy.mayCreateMeetings(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        var values: FormInput = ["status": MeetingStatus.planned.rawValue]
        if let code = req.actor?.districtCode { values["districts-\(code)"] = "on" }
        if let library = req.actor?.libraryID { values["organisers-\(library)"] = "on" }
        return try await meetingForm(req, id: nil, values: values, errors: FieldErrors(), status: .ok)
    }

    private func meetingForm(_ req: Request, id: Int64?, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws
        -> Response
    {
        let libraries = try await libraryOptions(
            req, districts: ticked(values, "districts"),
            keeping: ticked(values, "organisers").compactMap { Int64($0) } + [values["host"].flatMap { Int64($0) }].compactMap { $0 })
        return HTMLResponse.make(
            MeetingPagesView.form(id: id, values: values, errors: errors, libraries: libraries, req.page), status: status)
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
        values["version"] = String(stored.version)
        return try await meetingForm(req, id: stored.id, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (meeting, errors) = readMeeting(input)
        guard let meeting else {
            return try await meetingForm(req, id: stored.id, values: input, errors: errors, status: .unprocessableEntity)
        }
        switch try await service(req).update(stored, meeting, basedOn: input["version"].flatMap { Int64($0) }) {
        case .saved(let id): return req.seeOther(SiteURL.meeting(id, .overview).path, flash: .flashUpdated)
        case .invalid(let errors):
            return try await meetingForm(req, id: stored.id, values: input, errors: errors, status: .unprocessableEntity)
        case .conflict(let now):
            // What this person typed stays; saving again, from the version now stored, replaces the other change.
            var values = input
            values["version"] = String(now.version)
            var errors = FieldErrors()
            errors.add("version", .conflictMeetingChanged)
            return try await meetingForm(req, id: stored.id, values: values, errors: errors, status: .conflict)
        default: throw Abort(.forbidden)
        }
    }

    @Sendable func confirmDelete(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return HTMLResponse.make(
            ConfirmDeletePage.render(
                name: stored.meeting.title, action: SiteURL.meeting(stored.id, .delete).path,
                cancel: SiteURL.meeting(stored.id, .overview).path,
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
        let names = try await service(req).libraryNames(
            stored.meeting.organiserLibraryIDs + [stored.meeting.hostLibraryID].compactMap { $0 })
        let tables = try await store.tables(stored.id)
        let count =
            try await req.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("meeting_participants")
            .where("meeting_id", .equal, stored.id).first()?.decode(column: "n", as: Int.self) ?? 0
        let agenda = try await store.agenda(stored.id)
        var model = MeetingOverviewModel(
            frame: frame, organisers: stored.meeting.organiserLibraryIDs.compactMap { names[$0] },
            host: stored.meeting.hostLibraryID.flatMap { names[$0] },
            participantCount: count, tables: tables, designTitles: try await designTitles(req, tables.compactMap(\.designID)),
            registrationLink: frame.mayOrganise && stored.meeting.status == .registration
                ? req.siteAddress + SiteURL.register(stored.registrationToken).path : nil,
            reportPublished: stored.reportPublishedAt != nil)
        model.files = try await files(req, agenda)
        return HTMLResponse.make(MeetingPagesView.overview(model, agenda: agenda, req.page))
    }

    /// Titles of the designs the person may read.
    func designTitles(_ req: Request, _ ids: [Int64]) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        let designs = DesignStore(db: req.sql)
        for id in ids {
            if let found = try await designs.find(id), Policy.allows(req.actor, .view, design: found.scope) {
                titles[id] = found.design.title
            }
        }
        return titles
    }
}
