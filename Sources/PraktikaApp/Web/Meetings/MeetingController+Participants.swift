import Foundation
import PraktikaDomain
import Vapor

/// The participants tab (organisers only): the list, one person's form, CSV import and export,
/// badges; and the public registration link.
extension MeetingController {
    private func participantsPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus)
        async throws
        -> Response
    {
        let store = MeetingStore(db: req.sql)
        let places = try await store.sessionPlaces(stored.id)
        let sessions = try await store.agenda(stored.id).sessions.filter { $0.capacity != nil }.map { s in
            (
                session: s, confirmed: places.filter { $0.sessionID == s.id && $0.status == .confirmed }.count,
                waiting: places.filter { $0.sessionID == s.id && $0.status == .waiting }.count
            )
        }
        return HTMLResponse.make(
            MeetingPeopleView.list(
                frame(req, stored), try await store.participants(stored.id), tables: try await store.tables(stored.id), sessions: sessions,
                registry: try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language),
                registrationLink: req.siteAddress + SiteURL.register(stored.registrationToken).path, values: values, errors: errors,
                req.page),
            status: status)
    }

    @Sendable func participants(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await participantsPage(req, stored, values: ["role": NetworkRole.librarian.rawValue], errors: FieldErrors(), status: .ok)
    }

    /// Reads a participant from a form; the organisers' form also carries the registry links
    /// (one of the options it offered), the table and the pin.
    private func readParticipant(_ input: FormInput, tables: [WorkTable], registry: ParticipantRegistryOptions?) -> (
        MeetingParticipant?, FieldErrors
    ) {
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
                if let id = Int64(raw), tables.contains(where: { $0.id == id }) {
                    p.tableID = id
                } else {
                    errors.add("table", .validationOption)
                }
            }
            p.pinned = p.tableID != nil && FormReader(input).flag("pinned")
            participant = errors.isEmpty ? p : nil
        }
        return (participant, errors)
    }

    @Sendable func addParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let registry = try await ParticipantRegistryOptions.load(req.sql, stored.meeting, req.language)
        let (participant, errors) = readParticipant(
            input, tables: try await MeetingStore(db: req.sql).tables(stored.id), registry: registry)
        let invalid = { (errors: FieldErrors) in
            try await participantsPage(req, stored, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let participant else { return try await invalid(errors) }
        return try await respond(
            req, try await service(req).addParticipants(stored, [participant]), next: SiteURL.meeting(stored.id, .participants).path,
            flash: .flashCreated, invalid: invalid)
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
        var values = participantValues(p)
        values["version"] = try await store.participantVersion(stored.id, pid).map(String.init) ?? ""
        return HTMLResponse.make(
            MeetingPeopleView.edit(
                frame(req, stored), id: pid, tables: try await store.tables(stored.id), registry: registry, values: values,
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
        let invalid = { (errors: FieldErrors) in
            HTMLResponse.make(
                MeetingPeopleView.edit(
                    frame(req, stored), id: pid, tables: tables, registry: registry, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        guard let participant = read else { return invalid(errors) }
        let outcome = try await service(req).updateParticipant(stored, pid, participant, basedOn: input["version"].flatMap { Int64($0) })
        if case .conflict = outcome {
            // What this person typed stays; saving again, from the version now stored, replaces the other change.
            var values = input
            values["version"] = try await store.participantVersion(stored.id, pid).map(String.init) ?? ""
            var errors = FieldErrors()
            errors.add("version", .conflictRecordChanged)
            return HTMLResponse.make(
                MeetingPeopleView.edit(
                    frame(req, stored), id: pid, tables: tables, registry: registry, values: values, errors: errors, req.page),
                status: .conflict)
        }
        return try await respond(
            req, outcome, next: SiteURL.meeting(stored.id, .participants).path, flash: .flashUpdated, invalid: invalid)
    }

    @Sendable func deleteParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).deleteParticipant(stored, try sub(req)), next: SiteURL.meeting(stored.id, .participants).path,
            flash: .flashDeleted)
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
                    MeetingPeopleView.importForm(frame(req, stored), error: TextKey.importEncoding(req.language), req.page),
                    status: .unprocessableEntity)
            }
            text = decoded
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return HTMLResponse.make(
                MeetingPeopleView.importForm(frame(req, stored), error: TextKey.importEmptyFile(req.language), req.page),
                status: .unprocessableEntity)
        }
        let store = MeetingStore(db: req.sql)
        let result = ParticipantImport.read(
            text, tables: try await store.tables(stored.id), existing: try await store.participants(stored.id))
        let confirmed = (try? req.content.get(String.self, at: "confirm")) == "valid"
        let report = {
            HTMLResponse.make(
                MeetingPeopleView.importReport(
                    ImportReportModel(
                        frame: frame(req, stored), problems: result.problems, validRows: result.participants.count,
                        rowsRead: result.rowsRead,
                        ignoredColumns: result.ignoredColumns, csv: text), req.page),
                status: .unprocessableEntity)
        }
        guard result.problems.isEmpty || (confirmed && !result.participants.isEmpty) else { return report() }
        return try await respond(
            req, try await service(req).addParticipants(stored, result.participants.map(\.participant)),
            next: SiteURL.meeting(stored.id, .participants).path, flash: .flashImported, invalid: { _ in report() })
    }

    /// The list in the import's own columns, so that it can be edited in a spreadsheet and imported elsewhere.
    @Sendable func participantsCSV(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let numbers = Dictionary(try await store.tables(stored.id).map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        let l = req.language
        var csv =
            "\u{FEFF}"
            + CSV.line(
                [
                    "full_name", "role", "organisation", "district", "email", "consent_listed", "consent_photo", "needs", "wants", "table",
                    "status", "checked_in",
                ], separator: ";")
        for p in try await store.participants(stored.id) {
            csv += CSV.line(
                [
                    p.fullName, p.role.label(l), p.organisation, p.districtCode.flatMap { District.named($0)?.name(l) } ?? "",
                    p.email ?? "",
                    p.consentListed ? TextKey.yes(l) : TextKey.no(l), p.consentPhoto ? TextKey.yes(l) : TextKey.no(l), p.needs ?? "",
                    p.wants.compactMap { numbers[$0] }.map(String.init).joined(separator: " "),
                    p.tableID.flatMap { numbers[$0] }.map(String.init) ?? "", p.status.label(l),
                    p.checkedInAt.map { Formatting(l).dateTime($0) } ?? "",
                ], separator: ";")
        }
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "participants-\(stored.id).csv")
    }

    @Sendable func badges(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        return HTMLResponse.make(
            MeetingPeopleView.badges(
                frame(req, stored), try await store.confirmedParticipants(stored.id), tables: try await store.tables(stored.id),
                checkInBase: req.siteAddress, req.page))
    }

    // MARK: Public registration

    private func byToken(_ req: Request) async throws -> StoredMeeting {
        guard let token = req.parameters.get("token"), let stored = try await MeetingStore(db: req.sql).find(registrationToken: token)
        else {
            throw Abort(.notFound)
        }
        return stored
    }

    private func registrationPage(
        _ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, done: Bool, status: HTTPStatus
    )
        async throws -> Response
    {
        let store = MeetingStore(db: req.sql)
        let places = try await store.sessionPlaces(stored.id)
        let sessions = try await store.agenda(stored.id).sessions.filter { $0.capacity != nil }.map { s in
            (s, max(0, (s.capacity ?? 0) - places.filter { $0.sessionID == s.id && $0.status == .confirmed }.count))
        }
        return HTMLResponse.make(
            MeetingPeopleView.register(
                token: stored.registrationToken, meeting: stored.meeting, tables: try await store.tables(stored.id), sessions: sessions,
                values: values, errors: errors, done: done, throttled: status == .tooManyRequests, req.page),
            status: status)
    }

    @Sendable func registerForm(_ req: Request) async throws -> Response {
        let stored = try await byToken(req)
        var values: FormInput = ["role": NetworkRole.librarian.rawValue]
        if stored.meeting.districtCodes.count == 1 { values["district"] = stored.meeting.districtCodes[0] }
        return try await registrationPage(req, stored, values: values, errors: FieldErrors(), done: false, status: .ok)
    }

    @Sendable func register(_ req: Request) async throws -> Response {
        let stored = try await byToken(req)
        guard MeetingService.isOpenForRegistration(stored) else { throw Abort(.notFound) }
        let input = formInput(req)
        let (participant, errors) = readParticipant(input, tables: try await MeetingStore(db: req.sql).tables(stored.id), registry: nil)
        guard let participant else {
            return try await registrationPage(req, stored, values: input, errors: errors, done: false, status: .unprocessableEntity)
        }
        let chosen = ticked(input, "session").compactMap { Int64($0) }
        switch try await service(req).register(stored, participant, sessions: chosen, client: req.client) {
        case .registered(_, _, let token): return req.seeOther(SiteURL.registration(token).with([("new", "1")]))
        case .throttled:
            // What was typed stays in the form; the person may send it again later.
            let page = try await registrationPage(req, stored, values: input, errors: FieldErrors(), done: false, status: .tooManyRequests)
            page.headers.replaceOrAdd(name: .retryAfter, value: String(AnonymousThrottle.windowSeconds))
            return page
        case .invalid(let errors):
            return try await registrationPage(req, stored, values: input, errors: errors, done: false, status: .unprocessableEntity)
        case .closed: throw Abort(.notFound)
        }
    }
}
