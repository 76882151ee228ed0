import Fluent
import Foundation
import PraktikaDomain
import SQLKit

extension MeetingService {
    // MARK: Feedback forms

    func createForm(_ stored: StoredMeeting, _ form: FeedbackForm, open: Bool) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        let errors = MeetingValidation.feedbackForm(form)
        guard errors.isEmpty else { return .invalid(errors) }
        return .saved(
            try await inTransaction { store, sql in
                let id = try await store.insertForm(stored.id, form, open: open)
                try await auditForm(sql, .create, stored, id, form)
                return id
            })
    }

    func updateForm(_ stored: StoredMeeting, _ formID: Int64, _ form: FeedbackForm, open: Bool) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await self.form(stored, formID) != nil else { return .notFound }
        let errors = MeetingValidation.feedbackForm(form)
        guard errors.isEmpty else { return .invalid(errors) }
        try await inTransaction { store, sql in
            try await store.updateForm(formID, form, open: open)
            try await auditForm(sql, .update, stored, formID, form)
        }
        return .saved(formID)
    }

    /// The form of this meeting with that id.
    func form(_ stored: StoredMeeting, _ formID: Int64) async throws -> MeetingStore.StoredForm? {
        guard let form = try await store.form(formID), form.meetingID == stored.id else { return nil }
        return form
    }

    /// An answer, checked against the form's questions: anonymous through the link while the
    /// form is open, or typed in from paper by an organiser. Nothing about who answered is kept.
    func answer(_ form: MeetingStore.StoredForm, _ values: [String: [String]], source: ResponseSource) async throws -> Outcome {
        switch source {
        case .link:
            guard form.open else { return .notFound }
        case .paper:
            guard let stored = try await store.find(form.meetingID), mayOrganise(stored) else { return .forbidden }
        }
        let (response, errors) = form.form.readResponse(values)
        guard let response else { return .invalid(errors) }
        try await store.insertResponse(form.id, response, source: source.rawValue)
        return .saved(form.id)
    }

    static let formEntity = "feedback_form"

    private func auditForm(_ sql: any SQLDatabase, _ action: AuditAction, _ stored: StoredMeeting, _ id: Int64, _ form: FeedbackForm)
        async throws
    {
        try await AuditStore(db: sql).record(
            actor: actor, action: action, entity: Self.formEntity, entityID: String(id),
            entityName: "\(form.title) · \(stored.meeting.title)")
    }

    /// How an answer reached the meeting.
    enum ResponseSource: String, Sendable {
        case link, paper
    }
}
