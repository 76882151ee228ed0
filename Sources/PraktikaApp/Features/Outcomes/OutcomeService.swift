import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// The rules of outcome measurement, for the pages and the API alike: who sets up a service's
/// surveys, what an answer must hold, how answers are counted, and what happens to an address
/// left for the follow-up.
struct OutcomeService {
    let db: any Database
    let actor: Actor?

    var sql: any SQLDatabase { db as! any SQLDatabase }

    enum Outcome: Equatable {
        case saved(Int64)
        case invalid(FieldErrors)
        case forbidden
        case notFound
    }

    static let surveyEntity = "outcome_survey"

    /// Outcomes are measured once a service is at least planned.
    static func mayMeasure(_ design: ServiceDesign) -> Bool { design.status >= .planned }

    func mayManage(_ stored: StoredDesign) -> Bool { Policy.allows(actor, .update, design: stored.scope) }

    /// Gives a service its two standard surveys (and a plan), open for answers. Doing it again
    /// changes nothing.
    func setUp(_ stored: StoredDesign) async throws -> Outcome {
        guard Policy.allows(actor, .view, design: stored.scope) else { return .notFound }
        guard mayManage(stored) else { return .forbidden }
        guard Self.mayMeasure(stored.design) else {
            var errors = FieldErrors()
            errors.add("status", .validationMeasureNeedsPlanned)
            return .invalid(errors)
        }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let store = OutcomeStore(db: sql)
            if try await store.plan(stored.id) == nil { try await store.savePlan(stored.id, OutcomePlan()) }
            var first: Int64?
            for kind in SurveyKind.allCases {
                if let id = try await store.insertSurvey(stored.id, OutcomeSurvey(kind: kind)) {
                    first = first ?? id
                    try await AuditStore(db: sql).record(
                        actor: actor, action: .create, entity: Self.surveyEntity, entityID: String(id),
                        entityName: "\(kind.label(.bg)) · \(stored.design.title)")
                }
            }
            return .saved(first ?? stored.id)
        }
    }

    /// Saves a survey's own questions, its open state and closing day; the plan with the
    /// immediate survey.
    func save(_ stored: StoredDesign, _ kind: SurveyKind, _ survey: OutcomeSurvey, plan: OutcomePlan?) async throws -> Outcome {
        guard Policy.allows(actor, .view, design: stored.scope) else { return .notFound }
        guard mayManage(stored) else { return .forbidden }
        guard let existing = try await OutcomeStore(db: sql).survey(stored.id, kind) else { return .notFound }
        var errors = FieldErrors()
        if survey.questions.count > OutcomeSurvey.maxOwnQuestions {
            errors.add("question-1-prompt", .validationTooManyQuestions, ["max": String(OutcomeSurvey.maxOwnQuestions)])
        }
        guard errors.isEmpty else { return .invalid(errors) }
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let store = OutcomeStore(db: sql)
            try await store.updateSurvey(existing.id, survey)
            if let plan { try await store.savePlan(stored.id, plan) }
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.surveyEntity, entityID: String(existing.id),
                entityName: "\(kind.label(.bg)) · \(stored.design.title)")
        }
        return .saved(existing.id)
    }

    // MARK: Answers

    enum AnswerResult: Equatable {
        case saved
        /// The same filled-in form came a second time; the first is kept.
        case duplicate
        case invalid(FieldErrors)
        case closed
        /// Too many answers from one address in a short time.
        case throttled
        case forbidden
    }

    /// Answers from one network address allowed per ten minutes and survey: a room of people
    /// on one library's wireless shares an address, a script does not need more.

    /// Stores an answer: anonymously through the link (checked against flooding), or typed in
    /// from a paper form by someone who manages the service. The optional profile goes to its
    /// own table, the address for the follow-up to another, with nothing linking them.
    func answer(
        _ survey: StoredSurvey, _ values: [String: [String]], channel: AnswerChannel, submission: String?, client: String?,
        language: Language, now: Date = Date()
    ) async throws -> AnswerResult {
        let today = LocalDate(now)
        switch channel {
        case .web:
            guard survey.survey.takesAnswers(on: today) else { return .closed }
        case .paper:
            guard let stored = try await DesignStore(db: sql).find(survey.designID), mayManage(stored) else { return .forbidden }
        }
        let (read, errors) = survey.survey.readSubmission(values)
        guard let submission = read else { return .invalid(errors) }
        let plan = try await OutcomeStore(db: sql).plan(survey.designID) ?? OutcomePlan()
        let formKey = Self.validSubmissionKey(values["submission"]?.first)
        return try await db.writeTransaction { db in
            let store = OutcomeStore(db: db as! any SQLDatabase)
            if channel == .web, let client {
                let admitted = try await AnonymousThrottle(db: db as! any SQLDatabase).admit(
                    .answers, client: client, subject: survey.id, now: now)
                if !admitted { return .throttled }
            }
            guard try await store.insertAnswer(survey, submission.answer, channel: channel, submission: formKey, on: today) != nil else {
                return .duplicate
            }
            try await store.insertProfile(survey.id, submission.profile)
            if let email = submission.followUpEmail, let sendOn = today.adding(days: plan.followUpWeeks * 7) {
                try await store.insertContact(survey.designID, email: email, language: language, sendOn: sendOn, today: today)
            }
            return .saved
        }
    }

    /// The form's one-time key, if it looks like one we issued.
    static func validSubmissionKey(_ given: String?) -> String? {
        guard let key = given, key.count >= 16, key.count <= 64, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            return nil
        }
        return key
    }

}

/// Follow-up invitations: each address left with the immediate survey gets one message with the
/// follow-up survey's link when its day comes, and is erased as the message is written; any
/// address still kept after `keepDays` is erased unsent.
struct FollowUps {
    let db: any Database
    let publicURL: String

    static let keepDays = 90
    static let mailKind = "outcome_follow_up"

    func enqueueDue(today: LocalDate, now: Date = Date()) async throws -> Int {
        let sql = db as! any SQLDatabase
        let store = OutcomeStore(db: sql)
        if let cutoff = today.adding(days: -Self.keepDays) { try await store.eraseContacts(createdBefore: cutoff) }
        // The flood counters matter for the current ten minutes only.
        try await AnonymousThrottle(db: sql).forget(before: Int64(now.timeIntervalSince1970) / AnonymousThrottle.windowSeconds - 1)
        var invited = 0
        for contact in try await store.dueContacts(today) {
            let survey = try await store.survey(contact.designID, .followUp)
            let title = try await DesignStore(db: sql).find(contact.designID)?.design.title
            let written: Bool = try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                guard try await OutcomeStore(db: sql).take(contact.id) else { return false }
                guard let survey, survey.survey.takesAnswers(on: today), let title else { return false }
                let link = publicURL + SiteURL.survey(survey.token).path
                let l = contact.language
                try await MailOutbox(db: sql).enqueue(
                    MailMessage(
                        recipient: contact.email, subject: TextKey.mailFollowUpSubject(l, ["service": title]),
                        body: TextKey.mailFollowUpBody(l, ["service": title, "link": link]), kind: Self.mailKind),
                    eraseWhenSent: true)
                return true
            }
            if written { invited += 1 }
        }
        return invited
    }
}
