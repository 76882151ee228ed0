import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/services/{id}/outcomes`, its surveys and indicator periods, and the anonymous answer
/// by a survey's token. Bodies become the same form values the pages send, so that one workflow
/// (`OutcomeService`, `IndicatorService`) decides for both.
struct OutcomeAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.api(.serviceOutcomes(id)), use: outcomes)
        routes.post(.api(.serviceSurveys(id)), use: setUp)
        routes.put(.api(.serviceSurvey(id, .immediate)), use: saveSurvey)
        routes.post(.api(.surveyAnswers(SiteURL.anyText)), use: answer)
        routes.get(.api(.servicePeriods(id)), use: periods)
        routes.post(.api(.servicePeriods(id)), use: addPeriod)
        routes.put(.api(.servicePeriodResult(id, id)), use: submitResult)
        routes.post(.api(.servicePeriodReview(id, id)), use: review)
    }

    // MARK: What the API says

    struct Pooled: Content {
        let answered: Int
        let agreed: Int
        let share: Double?

        init(_ tally: ItemTally) {
            answered = tally.answered
            agreed = tally.agreed
            share = tally.perMille.map { Double($0) / 1000 }
        }

        enum CodingKeys: String, CodingKey { case answered, agreed, share }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(answered, forKey: .answered)
            try c.encode(agreed, forKey: .agreed)
            try c.encode(share, forKey: .share)
        }
    }

    struct ItemResult: Content {
        let item: OutcomeItem
        let service: Pooled
        let district: Pooled?
        let network: Pooled?

        enum CodingKeys: String, CodingKey { case item, service, district, network }

        /// Absent figures are written as null, so that every key is always there.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(item, forKey: .item)
            try c.encode(service, forKey: .service)
            try c.encode(district, forKey: .district)
            try c.encode(network, forKey: .network)
        }
    }

    struct SurveyResult: Content {
        let id: Int64
        let kind: SurveyKind
        let open: Bool
        let closesOn: LocalDate?
        let takesAnswers: Bool
        let answerURL: String?
        let apiAnswerURL: String?
        let answers: Int
        let paper: Int
        let examples: Int
        let questions: [FeedbackQuestion]
        let items: [ItemResult]

        enum CodingKeys: String, CodingKey {
            case id, kind, open
            case closesOn = "closes_on"
            case takesAnswers = "takes_answers"
            case answerURL = "answer_url"
            case apiAnswerURL = "api_answer_url"
            case answers, paper, examples, questions, items
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(open, forKey: .open)
            try c.encode(closesOn, forKey: .closesOn)
            try c.encode(takesAnswers, forKey: .takesAnswers)
            try c.encode(answerURL, forKey: .answerURL)
            try c.encode(apiAnswerURL, forKey: .apiAnswerURL)
            try c.encode(answers, forKey: .answers)
            try c.encode(paper, forKey: .paper)
            try c.encode(examples, forKey: .examples)
            try c.encode(questions, forKey: .questions)
            try c.encode(items, forKey: .items)
        }
    }

    struct ResultBody: Content {
        let value: String
        let note: String?
        let status: ResultStatus
        let enteredBy: String?
        let reviewComment: String?
        let reviewedBy: String?

        enum CodingKeys: String, CodingKey {
            case value, note, status
            case enteredBy = "entered_by"
            case reviewComment = "review_comment"
            case reviewedBy = "reviewed_by"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(note, forKey: .note)
            try c.encode(status, forKey: .status)
            try c.encode(enteredBy, forKey: .enteredBy)
            try c.encode(reviewComment, forKey: .reviewComment)
            try c.encode(reviewedBy, forKey: .reviewedBy)
        }
    }

    struct PeriodResult: Content {
        let id: Int64
        let indicator: String
        let startsOn: LocalDate
        let endsOn: LocalDate
        let target: String?
        let direction: IndicatorDirection
        let state: String
        let result: ResultBody?

        init(_ stored: StoredPeriod, today: LocalDate) {
            id = stored.id
            indicator = stored.period.indicator
            startsOn = stored.period.startsOn
            endsOn = stored.period.endsOn
            target = stored.period.target?.description
            direction = stored.period.direction
            state = PeriodState.of(stored.period, stored.result, today: today).rawValue
            result = stored.result.map {
                ResultBody(
                    value: $0.value.description, note: $0.note, status: $0.status, enteredBy: $0.enteredBy, reviewComment: $0.reviewComment,
                    reviewedBy: $0.reviewedBy)
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, indicator
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case target, direction, state, result
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(indicator, forKey: .indicator)
            try c.encode(startsOn, forKey: .startsOn)
            try c.encode(endsOn, forKey: .endsOn)
            try c.encode(target, forKey: .target)
            try c.encode(direction, forKey: .direction)
            try c.encode(state, forKey: .state)
            try c.encode(result, forKey: .result)
        }
    }

    struct Outcomes: Content {
        let serviceID: Int64
        /// Area codes: the standard ones and `custom-N` for those an administrator added.
        let areas: [String]
        let followUpWeeks: Int?
        let surveys: [SurveyResult]
        let periods: [PeriodResult]

        enum CodingKeys: String, CodingKey {
            case serviceID = "service_id"
            case areas
            case followUpWeeks = "follow_up_weeks"
            case surveys, periods
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(serviceID, forKey: .serviceID)
            try c.encode(areas, forKey: .areas)
            try c.encode(followUpWeeks, forKey: .followUpWeeks)
            try c.encode(surveys, forKey: .surveys)
            try c.encode(periods, forKey: .periods)
        }
    }

    // MARK: Helpers

    private func load(_ req: Request) async throws -> StoredDesign {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self), let stored = try await DesignStore(db: req.sql).find(id),
            Policy.allows(req.actor, .view, design: stored.scope)
        else { throw APIFailure.notFound }
        return stored
    }

    private func done(_ req: Request, _ outcome: OutcomeService.Outcome) throws {
        switch outcome {
        case .saved: return
        case .invalid(let errors): throw APIFailure.invalid(errors)
        case .forbidden: throw APIFailure.refused(req.actor)
        case .notFound: throw APIFailure.notFound
        }
    }

    private func outcomesBody(_ req: Request, _ stored: StoredDesign) async throws -> Outcomes {
        let store = OutcomeStore(db: req.sql)
        let manages = OutcomeService(db: req.db, actor: req.actor).mayManage(stored)
        let district = stored.districtCodes.sorted().first
        var surveys: [SurveyResult] = []
        for survey in try await store.surveys(stored.id) {
            let kind = survey.survey.kind
            let counts = try await store.counts(survey.id)
            let rows = OutcomeResults.compare(
                kind: kind, service: try await store.tallies(survey.id),
                district: district == nil ? [:] : try await store.pooled(kind, .district(district!)),
                network: try await store.pooled(kind, .network))
            surveys.append(
                SurveyResult(
                    id: survey.id, kind: kind, open: survey.survey.open, closesOn: survey.survey.closesOn,
                    takesAnswers: survey.survey.takesAnswers(on: LocalDate(Date())),
                    answerURL: manages ? req.siteAddress + SiteURL.survey(survey.token).path : nil,
                    apiAnswerURL: manages ? req.siteAddress + SiteURL.api(.surveyAnswers(survey.token)).path : nil,
                    answers: counts.total, paper: counts.paper, examples: counts.examples, questions: survey.survey.questions,
                    items: rows.map {
                        ItemResult(
                            item: $0.item, service: Pooled($0.service), district: $0.district.map(Pooled.init),
                            network: $0.network.map(Pooled.init))
                    }))
        }
        let plan = try await store.plan(stored.id)
        let today = LocalDate(Date())
        return Outcomes(
            serviceID: stored.id, areas: plan?.areas ?? [], followUpWeeks: plan?.followUpWeeks, surveys: surveys,
            periods: try await IndicatorStore(db: req.sql).periods(stored.id).map { PeriodResult($0, today: today) })
    }

    // MARK: Surveys

    @Sendable func outcomes(_ req: Request) async throws -> Response {
        try APIResponses.json(try await outcomesBody(req, try await load(req)))
    }

    /// Gives the service its two standard surveys, open for answers.
    @Sendable func setUp(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        try done(req, try await OutcomeService(db: req.db, actor: req.actor).setUp(stored))
        return try APIResponses.json(try await outcomesBody(req, stored), .created)
    }

    struct SurveyBody: Decodable {
        let open: Bool?
        let closesOn: String?
        let questions: [FeedbackQuestion]?
        let areas: [String]?
        let followUpWeeks: Int?

        enum CodingKeys: String, CodingKey {
            case open
            case closesOn = "closes_on"
            case questions, areas
            case followUpWeeks = "follow_up_weeks"
        }
    }

    /// Opens or closes a survey, sets its last day and its own questions (and, on the immediate
    /// survey, the outcome areas and the follow-up's weeks). What the body leaves out stays.
    @Sendable func saveSurvey(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard let kind = req.parameters.get("kind").flatMap(SurveyKind.init(rawValue:)),
            let existing = try await OutcomeStore(db: req.sql).survey(stored.id, kind)
        else { throw APIFailure.notFound }
        let body = try req.decodeBody(SurveyBody.self)
        let known = try await OutcomeStore(db: req.sql).areas()
        if let areas = body.areas, areas.contains(where: { code in !known.all.contains { $0.code == code } }) {
            var errors = FieldErrors()
            errors.add("areas", .validationOption)
            throw APIFailure.invalid(errors)
        }
        // The weeks belong to the immediate survey's plan, but a value out of range is wrong on any kind.
        if let weeks = body.followUpWeeks, !OutcomePlan.followUpWeeksRange.contains(weeks) {
            var errors = FieldErrors()
            errors.add(
                "follow_up_weeks", .validationBetween,
                ["min": String(OutcomePlan.followUpWeeksRange.lowerBound), "max": String(OutcomePlan.followUpWeeksRange.upperBound)])
            throw APIFailure.invalid(errors)
        }
        if let questions = body.questions {
            let errors = FeedbackQuestion.checkSent(questions)
            guard errors.isEmpty else { throw APIFailure.invalid(errors) }
        }
        var survey = existing.survey
        if let questions = body.questions { survey.questions = questions }
        var input = survey.input
        input["open"] = (body.open ?? survey.open) ? "on" : ""
        if let closesOn = body.closesOn { input["closes_on"] = closesOn }
        if kind == .immediate {
            let plan = try await OutcomeStore(db: req.sql).plan(stored.id) ?? OutcomePlan()
            for area in body.areas ?? plan.areas { input["area-\(area)"] = "on" }
            input["follow_up_weeks"] = String(body.followUpWeeks ?? plan.followUpWeeks)
        }
        let (read, plan, errors) = OutcomeSurvey.read(input, kind: kind, areas: known)
        guard let read else { throw APIFailure.invalid(errors) }
        try done(req, try await OutcomeService(db: req.db, actor: req.actor).save(stored, kind, read, plan: plan))
        return try APIResponses.json(try await outcomesBody(req, stored))
    }

    struct AnswerBody: Decodable {
        let scores: [String: Int]?
        let texts: [String: String]?
        let own: [String: [String]]?
        let profile: Profile?
        let followUpEmail: String?
        let followUpConsent: Bool?
        let submission: String?

        struct Profile: Decodable {
            let ageBand: String?
            let gender: String?
            let firstVisit: Bool?

            enum CodingKeys: String, CodingKey {
                case ageBand = "age_band"
                case gender
                case firstVisit = "first_visit"
            }
        }

        enum CodingKeys: String, CodingKey {
            case scores, texts, own, profile
            case followUpEmail = "follow_up_email"
            case followUpConsent = "follow_up_consent"
            case submission
        }

        /// The same fields the answer page sends.
        var values: [String: [String]] {
            var values: [String: [String]] = [:]
            for (item, score) in scores ?? [:] { values["item-\(item)"] = [String(score)] }
            for (question, text) in texts ?? [:] { values["open-\(question)"] = [text] }
            for (id, answers) in own ?? [:] { values["q-\(id)"] = answers }
            if let band = profile?.ageBand { values["age_band"] = [band] }
            if let gender = profile?.gender { values["gender"] = [gender] }
            if let first = profile?.firstVisit { values["first_visit"] = [first ? "yes" : "no"] }
            if let email = followUpEmail { values["follow_up_email"] = [email] }
            if followUpConsent == true { values["follow_up_consent"] = ["yes"] }
            if let submission { values["submission"] = [submission] }
            return values
        }
    }

    /// Anonymous, by the survey's token: 201 when recorded, 200 when this `submission` was
    /// recorded before, 410 when the survey is closed, 429 after too many from one address.
    @Sendable func answer(_ req: Request) async throws -> Response {
        guard let token = req.parameters.get("token"), let survey = try await OutcomeStore(db: req.sql).survey(token: token) else {
            throw APIFailure.notFound
        }
        let body = try req.decodeBody(AnswerBody.self)
        let result = try await OutcomeService(db: req.db, actor: nil).answer(
            survey, body.values, channel: .web, submission: body.submission, client: req.client, language: req.language)
        switch result {
        case .saved: return Response(status: .created)
        case .duplicate: return Response(status: .ok)
        case .invalid(let errors): throw APIFailure.invalid(errors)
        case .closed: throw APIFailure(status: .gone, code: "closed", message: TextKey.surveyClosed(req.language))
        case .throttled: throw APIFailure(status: .tooManyRequests, code: "too_many", message: TextKey.surveyThrottled(req.language))
        case .forbidden: throw APIFailure.notFound
        }
    }

    // MARK: Indicator periods

    @Sendable func periods(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let today = LocalDate(Date())
        return try APIResponses.json(try await IndicatorStore(db: req.sql).periods(stored.id).map { PeriodResult($0, today: today) })
    }

    struct PeriodBody: Decodable {
        let indicator: String
        let startsOn: String
        let endsOn: String
        let target: String?
        let direction: IndicatorDirection?

        enum CodingKeys: String, CodingKey {
            case indicator
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case target, direction
        }
    }

    @Sendable func addPeriod(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let body = try req.decodeBody(PeriodBody.self)
        let input: FormInput = [
            "indicator": body.indicator, "starts_on": body.startsOn, "ends_on": body.endsOn, "target": body.target ?? "",
            "direction": (body.direction ?? .increase).rawValue,
        ]
        let outcome = try await IndicatorService(db: req.db, actor: req.actor).addPeriod(stored, input)
        try done(req, outcome)
        guard case .saved(let id) = outcome, let period = try await IndicatorStore(db: req.sql).period(id) else {
            throw APIFailure.notFound
        }
        return try APIResponses.json(PeriodResult(period, today: LocalDate(Date())), .created)
    }

    struct ValueBody: Decodable {
        let value: String
        let note: String?
    }

    @Sendable func submitResult(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard let periodID = req.parameters.get("sub", as: Int64.self) else { throw APIFailure.notFound }
        let body = try req.decodeBody(ValueBody.self)
        try done(
            req,
            try await IndicatorService(db: req.db, actor: req.actor).submit(
                stored, periodID, ["value": body.value, "note": body.note ?? ""]))
        guard let period = try await IndicatorStore(db: req.sql).period(periodID) else { throw APIFailure.notFound }
        return try APIResponses.json(PeriodResult(period, today: LocalDate(Date())))
    }

    struct ReviewBody: Decodable {
        enum Decision: String, Decodable { case approve, `return` }
        let decision: Decision
        let comment: String?
    }

    @Sendable func review(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard let periodID = req.parameters.get("sub", as: Int64.self) else { throw APIFailure.notFound }
        let body = try req.decodeBody(ReviewBody.self)
        try done(
            req,
            try await IndicatorService(db: req.db, actor: req.actor).review(
                stored, periodID, approve: body.decision == .approve, comment: body.comment.flatMap { $0.isEmpty ? nil : $0 }))
        guard let period = try await IndicatorStore(db: req.sql).period(periodID) else { throw APIFailure.notFound }
        return try APIResponses.json(PeriodResult(period, today: LocalDate(Date())))
    }
}
