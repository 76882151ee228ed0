import Foundation
import Plot
import PraktikaDomain
import Vapor

/// The feedback tab (organisers): forms, results, paper answers; and the anonymous answer page.
extension MeetingController {
    private func feedbackPage(_ req: Request, _ stored: StoredMeeting, values: FormInput, errors: FieldErrors, status: HTTPStatus)
        async throws
        -> Response
    {
        let store = MeetingStore(db: req.sql)
        var forms: [(MeetingStore.StoredForm, Int)] = []
        for form in try await store.forms(stored.id) { forms.append((form, try await store.responses(form.id).count)) }
        let builder = MeetingFeedbackView.builder(
            action: SiteURL.meeting(stored.id, .feedback).path, values: values, errors: errors, req.page)
        return HTMLResponse.make(
            MeetingFeedbackView.list(frame(req, stored), forms: forms, baseURL: req.siteAddress, builder: builder, req.page), status: status
        )
    }

    @Sendable func feedback(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await feedbackPage(
            req, stored, values: ["open": "on", "question-1-kind": "multiple"], errors: FieldErrors(), status: .ok)
    }

    @Sendable func createForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let (form, errors) = FeedbackForm.read(input)
        let invalid = { (errors: FieldErrors) in
            try await feedbackPage(req, stored, values: input, errors: errors, status: .unprocessableEntity)
        }
        guard let form else { return try await invalid(errors) }
        return try await respond(
            req, try await service(req).createForm(stored, form, open: FormReader(input).flag("open")),
            next: SiteURL.meeting(stored.id, .feedback).path, flash: .flashCreated, invalid: invalid)
    }

    private func ownedForm(_ req: Request, _ stored: StoredMeeting) async throws -> MeetingStore.StoredForm {
        guard let form = try await service(req).form(stored, try sub(req)) else { throw Abort(.notFound) }
        return form
    }

    @Sendable func editForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        var values = form.form.input
        values["open"] = form.open ? "on" : ""
        return HTMLResponse.make(
            MeetingFeedbackView.editPage(frame(req, stored), formID: form.id, values: values, errors: FieldErrors(), req.page))
    }

    @Sendable func saveForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let existing = try await ownedForm(req, stored)
        let input = formInput(req)
        let (form, errors) = FeedbackForm.read(input)
        let invalid = { (errors: FieldErrors) in
            HTMLResponse.make(
                MeetingFeedbackView.editPage(frame(req, stored), formID: existing.id, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        }
        guard let form else { return invalid(errors) }
        return try await respond(
            req, try await service(req).updateForm(stored, existing.id, form, open: FormReader(input).flag("open")),
            next: SiteURL.meeting(stored.id, .feedback).path, flash: .flashUpdated, invalid: invalid)
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
        let csv = FeedbackSummary.csv(
            form.form, try await MeetingStore(db: req.sql).responses(form.id), header: [TextKey.feedbackResponseNumber(req.language)])
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "feedback-\(form.id).csv")
    }

    @Sendable func paperForm(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        return HTMLResponse.make(
            MeetingFeedbackView.paperPage(
                frame(req, stored), formID: form.id, form: form.form, values: [:], errors: FieldErrors(), req.page))
    }

    @Sendable func paper(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let form = try await ownedForm(req, stored)
        let values = req.formValues
        return try await respond(
            req, try await service(req).answer(form, values, source: .paper),
            next: SiteURL.meeting(stored.id, .feedbackPaper(form.id)).path,
            flash: .flashResponseSaved,
            invalid: { errors in
                HTMLResponse.make(
                    MeetingFeedbackView.paperPage(
                        frame(req, stored), formID: form.id, form: form.form, values: values, errors: errors, req.page),
                    status: .unprocessableEntity)
            })
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
                form.form, meeting: stored.meeting, token: form.token, open: form.open, values: [:], errors: FieldErrors(), done: false,
                req.page))
    }

    /// Anonymous: nothing about the person answering is stored, not even the time to the second.
    @Sendable func answer(_ req: Request) async throws -> Response {
        let (form, stored) = try await formByToken(req)
        let values = req.formValues
        func page(_ values: [String: [String]], _ errors: FieldErrors, done: Bool) -> HTML {
            MeetingFeedbackView.publicPage(
                form.form, meeting: stored.meeting, token: form.token, open: true, values: values, errors: errors, done: done, req.page)
        }
        switch try await service(req).answer(form, values, source: .link) {
        case .saved: return HTMLResponse.make(page([:], FieldErrors(), done: true))
        case .invalid(let errors): return HTMLResponse.make(page(values, errors, done: false), status: .unprocessableEntity)
        case .forbidden, .notFound: throw Abort(.notFound)
        case .conflict: throw Abort(.conflict)
        }
    }
}
