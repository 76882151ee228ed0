import Foundation
import PraktikaDomain
import Vapor

/// The decisions and actions tab (organisers).
extension MeetingController {
    func registerActions(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        let sub = SiteURL.any
        routes.get(.meeting(id, .actions), use: actions)
        routes.post(.meeting(id, .actions), use: addAction)
        routes.get(.meeting(id, .action(sub)), use: editAction)
        routes.post(.meeting(id, .action(sub)), use: saveAction)
    }

    private func actionsPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus)
        async throws -> Response
    {
        let choices = try await service(req).actionChoices(stored)
        return HTMLResponse.make(
            MeetingActionsView.list(
                frame(req, stored), try await MeetingStore(db: req.sql).actions(stored.id), choices: choices, values: values,
                errors: errors,
                today: LocalDate(Date()), req.page),
            status: status)
    }

    @Sendable func actions(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await actionsPage(req, stored, values: ["kind": MeetingAction.Kind.action.rawValue], errors: FieldErrors(), status: .ok)
    }

    @Sendable func addAction(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (action, errors) = MeetingAction.read(input, allowed: try await service(req).actionChoices(stored).allowed)
        let invalid = { (errors: FieldErrors) in
            try await actionsPage(req, stored, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let action else { return try await invalid(errors) }
        return try await respond(
            req, try await service(req).addAction(stored, action), next: SiteURL.meeting(stored.id, .actions).path, flash: .flashCreated,
            invalid: invalid)
    }

    @Sendable func editAction(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let aid = try sub(req)
        guard let action = try await MeetingStore(db: req.sql).action(stored.id, aid) else { throw Abort(.notFound) }
        return HTMLResponse.make(
            MeetingActionsView.edit(
                frame(req, stored), id: aid, choices: try await service(req).actionChoices(stored), values: action.input,
                errors: FieldErrors(), req.page))
    }

    @Sendable func saveAction(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let aid = try sub(req)
        let input = formInput(req)
        let choices = try await service(req).actionChoices(stored)
        let (action, errors) = MeetingAction.read(input, allowed: choices.allowed)
        let invalid = { (errors: FieldErrors) in
            HTMLResponse.make(
                MeetingActionsView.edit(frame(req, stored), id: aid, choices: choices, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        guard let action else { return invalid(errors) }
        return try await respond(
            req, try await service(req).updateAction(stored, aid, action), next: SiteURL.meeting(stored.id, .actions).path,
            flash: .flashUpdated, invalid: invalid)
    }
}
