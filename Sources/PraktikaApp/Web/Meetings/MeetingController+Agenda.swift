import Foundation
import PraktikaDomain
import Vapor

/// The programme tab: sessions, their items, presentations recorded as designs, the printable
/// programme and its calendar file.
extension MeetingController {
    @Sendable func agenda(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        return try await agendaPage(req, stored, values: ["day": stored.meeting.startsOn.iso], errors: FieldErrors(), status: .ok)
    }

    private func agendaPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus)
        async throws
        -> Response
    {
        let agenda = try await MeetingStore(db: req.sql).agenda(stored.id)
        return HTMLResponse.make(
            MeetingAgendaView.manage(
                frame(req, stored), agenda, files: try await files(req, agenda), values: values, errors: errors, req.page),
            status: status)
    }

    @Sendable func addSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (session, errors) = AgendaSession.read(input, days: stored.meeting.days)
        let invalid = { (errors: FieldErrors) in
            try await agendaPage(req, stored, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let session else { return try await invalid(errors) }
        return try await respond(
            req, try await service(req).addSession(stored, session), next: SiteURL.meeting(stored.id, .agenda).path, flash: .flashCreated,
            invalid: invalid)
    }

    private func sessionPage(
        _ req: Request, _ stored: StoredMeeting, sessionID: Int64, values: FormInput, errors: FieldErrors, status: HTTPStatus
    )
        -> Response
    {
        let l = req.language
        let form = FormModel(
            title: TextKey.agendaEditSession(l), action: SiteURL.meeting(stored.id, .session(sessionID)).path,
            fields: MeetingAgendaView.sessionFields(stored.meeting.days, req.page.format), values: values, errors: errors,
            cancelHref: SiteURL.meeting(stored.id, .agenda).path)
        return HTMLResponse.make(
            MeetingAgendaView.formPage(frame(req, stored), title: TextKey.agendaEditSession(l), form: form, req.page), status: status)
    }

    @Sendable func editSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        guard let session = try await service(req).session(stored, sid) else { throw Abort(.notFound) }
        return sessionPage(req, stored, sessionID: sid, values: session.input, errors: FieldErrors(), status: .ok)
    }

    @Sendable func saveSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        let input = formInput(req)
        let (session, errors) = AgendaSession.read(input, days: stored.meeting.days)
        let invalid = { (errors: FieldErrors) in
            sessionPage(req, stored, sessionID: sid, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let session else { return invalid(errors) }
        return try await respond(
            req, try await service(req).updateSession(stored, sid, session), next: SiteURL.meeting(stored.id, .agenda).path,
            flash: .flashUpdated, invalid: invalid)
    }

    @Sendable func deleteSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).deleteSession(stored, try sub(req)), next: SiteURL.meeting(stored.id, .agenda).path,
            flash: .flashDeleted)
    }

    private func itemPage(
        _ req: Request, _ stored: StoredMeeting, action: MeetingPage, title: String, values: FormInput, errors: FieldErrors,
        status: HTTPStatus
    ) -> Response {
        let form = FormModel(
            title: title, action: SiteURL.meeting(stored.id, action).path, fields: MeetingAgendaView.itemFields(req.language),
            values: values,
            errors: errors, cancelHref: SiteURL.meeting(stored.id, .agenda).path)
        return HTMLResponse.make(MeetingAgendaView.formPage(frame(req, stored), title: title, form: form, req.page), status: status)
    }

    @Sendable func newItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        guard try await service(req).session(stored, sid) != nil else { throw Abort(.notFound) }
        return itemPage(
            req, stored, action: .items(sid), title: TextKey.agendaAddItem(req.language), values: ["kind": "presentation"],
            errors: FieldErrors(),
            status: .ok)
    }

    @Sendable func addItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let sid = try sub(req)
        let input = formInput(req)
        let (item, errors) = AgendaItem.read(input)
        let invalid = { (errors: FieldErrors) in
            itemPage(
                req, stored, action: .items(sid), title: TextKey.agendaAddItem(req.language), values: input, errors: errors,
                status: .unprocessableEntity)
        }
        guard let item else {
            guard try await service(req).session(stored, sid) != nil else { throw Abort(.notFound) }
            return invalid(errors)
        }
        return try await respond(
            req, try await service(req).addItem(stored, sessionID: sid, item), next: SiteURL.meeting(stored.id, .agenda).path,
            flash: .flashCreated, invalid: invalid)
    }

    @Sendable func editItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        guard let item = try await service(req).item(stored, iid) else { throw Abort(.notFound) }
        return itemPage(
            req, stored, action: .item(iid), title: TextKey.editRecord(req.language, ["name": item.title]), values: item.input,
            errors: FieldErrors(), status: .ok
        )
    }

    @Sendable func saveItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let iid = try sub(req)
        let input = formInput(req)
        let (item, errors) = AgendaItem.read(input)
        let invalid = { (errors: FieldErrors) in
            itemPage(
                req, stored, action: .item(iid), title: TextKey.editRecord(req.language, ["name": input["title"] ?? ""]), values: input,
                errors: errors,
                status: .unprocessableEntity)
        }
        guard let item else {
            guard try await service(req).item(stored, iid) != nil else { throw Abort(.notFound) }
            return invalid(errors)
        }
        return try await respond(
            req, try await service(req).updateItem(stored, iid, item), next: SiteURL.meeting(stored.id, .agenda).path, flash: .flashUpdated,
            invalid: invalid)
    }

    @Sendable func deleteItem(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).deleteItem(stored, try sub(req)), next: SiteURL.meeting(stored.id, .agenda).path,
            flash: .flashDeleted)
    }

    @Sendable func recordPractice(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).recordPresentation(stored, itemID: try sub(req)) {
        case .saved(let id): return req.seeOther(SiteURL.service(id).path, flash: .flashPresentationRecorded)
        case .invalid: return req.seeOther(SiteURL.meeting(stored.id, .edit).path, flash: .flashMeetingNeedsOrganiser)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        case .conflict: throw Abort(.conflict)
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
            meeting: stored.meeting, agenda: try await MeetingStore(db: req.sql).agenda(stored.id),
            uidPrefix: "meeting-\(stored.id)@\(host)",
            url: req.siteAddress + SiteURL.meeting(stored.id, .overview).path, language: req.language, stamp: Date())
        return TextDownload.response(ics, contentType: "text/calendar; charset=utf-8", filename: "meeting-\(stored.id).ics")
    }
}
