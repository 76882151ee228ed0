import Fluent
import Foundation
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// The outcome pages of a service (results, surveys, paper, QR, typing in), and the anonymous
/// answer page. Every rule is `OutcomeService`'s.
struct OutcomeController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.serviceOutcomes(id, .overview), use: overview)
        routes.post(.serviceOutcomes(id, .setUp), use: setUp)
        routes.get(.serviceOutcomes(id, .answersCSV), use: answersCSV)
        routes.get(.serviceOutcomes(id, .resultsCSV), use: resultsCSV)
        routes.get(.serviceOutcomes(id, .settings(.immediate)), use: settings)
        routes.post(.serviceOutcomes(id, .settings(.immediate)), use: saveSettings)
        routes.get(.serviceOutcomes(id, .paper(.immediate)), use: paper)
        routes.get(.serviceOutcomes(id, .entry(.immediate)), use: entry)
        routes.post(.serviceOutcomes(id, .entry(.immediate)), use: saveEntry)
        routes.get(.serviceOutcomes(id, .qr(.immediate)), use: qr)
        routes.get(.serviceOutcomes(id, .poster(.immediate)), use: poster)
        routes.post(.serviceOutcomes(id, .periods), use: addPeriod)
        routes.post(.serviceOutcomes(id, .periodResult(id)), use: submitResult)
        routes.post(.serviceOutcomes(id, .periodReview(id)), use: review)
        routes.get(.outcomeReviews, use: reviews)
        routes.get(.survey(SiteURL.anyText), use: answerPage)
        routes.post(.survey(SiteURL.anyText), use: answer)
    }

    func service(_ req: Request) -> OutcomeService { OutcomeService(db: req.db, actor: req.actor) }

    // MARK: The service's results

    @Sendable func overview(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        return HTMLResponse.make(ServiceOutcomesView.render(try await model(req, stored), req.page))
    }

    func model(_ req: Request, _ stored: StoredDesign) async throws -> ServiceOutcomesModel {
        let store = OutcomeStore(db: req.sql)
        let canManage = service(req).mayManage(stored)
        let district = stored.districtCodes.sorted().first
        var blocks: [ServiceOutcomesModel.SurveyBlock] = []
        for stored in try await store.surveys(stored.id) {
            let kind = stored.survey.kind
            let counts = try await store.counts(stored.id)
            let rows = OutcomeResults.compare(
                kind: kind, service: try await store.tallies(stored.id),
                district: district == nil ? [:] : try await store.pooled(kind, .district(district!)),
                network: try await store.pooled(kind, .network))
            var texts: [OutcomeOpenQuestion: [String]] = [:]
            var own: [QuestionSummary] = []
            if counts.total > 0 && (canManage || !stored.survey.questions.isEmpty) {
                let answers = try await store.answers(stored.id, limit: 5000)
                if canManage {
                    for question in kind.openQuestions {
                        texts[question] = answers.reversed().compactMap { $0.answer.texts[question] }
                    }
                }
                own = FeedbackSummary.summarise(
                    FeedbackForm(title: "", questions: stored.survey.questions), answers.map { FeedbackResponse(answers: $0.answer.own) })
            }
            blocks.append(
                ServiceOutcomesModel.SurveyBlock(
                    stored: stored, counts: counts, rows: rows, texts: texts, own: own,
                    profile: OutcomeResults.profiles(try await store.profiles(stored.id)),
                    link: req.siteAddress + SiteURL.survey(stored.token).path))
        }
        return ServiceOutcomesModel(
            id: stored.id, title: stored.design.title, canManage: canManage, mayMeasure: OutcomeService.mayMeasure(stored.design),
            plan: try await store.plan(stored.id), surveys: blocks,
            contactsWaiting: canManage ? try await store.contactCount(stored.id) : 0,
            districtName: district.flatMap(District.named)?.name(req.language), areas: try await store.areas(),
            indicators: IndicatorSectionModel(
                designID: stored.id, indicators: stored.design.indicators,
                periods: try await IndicatorStore(db: req.sql).periods(stored.id),
                canManage: canManage, canReview: IndicatorService(db: req.db, actor: req.actor).mayReview(stored)))
    }

    @Sendable func setUp(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        switch try await service(req).setUp(stored) {
        case .saved: return req.seeOther(SiteURL.serviceOutcomes(stored.id, .overview).path, flash: .flashCreated)
        case .invalid: return req.seeOther(SiteURL.serviceOutcomes(stored.id, .overview).path)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The design, which this person must manage, and its survey of the kind in the path.
    func managed(_ req: Request) async throws -> (StoredDesign, StoredSurvey) {
        let stored = try await DesignController().load(req)
        try DesignController().requireUpdate(req, stored)
        guard let kind = req.parameters.get("kind").flatMap(SurveyKind.init(rawValue:)),
            let survey = try await OutcomeStore(db: req.sql).survey(stored.id, kind)
        else { throw Abort(.notFound) }
        return (stored, survey)
    }

    func frame(_ req: Request, _ stored: StoredDesign, _ survey: StoredSurvey) async throws -> SurveyFrame {
        let names = try await DesignStore(db: req.sql).libraryNames(stored.design.libraryIDs)
        return SurveyFrame(
            designID: stored.id, serviceTitle: stored.design.title,
            libraries: req.page.format.list(stored.design.libraryIDs.compactMap { names[$0] }), survey: survey,
            link: req.siteAddress + SiteURL.survey(survey.token).path)
    }

    // MARK: Settings

    @Sendable func settings(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        var values = survey.survey.input
        if survey.survey.kind == .immediate {
            let plan = try await OutcomeStore(db: req.sql).plan(stored.id) ?? OutcomePlan()
            for area in plan.areas { values["area-\(area)"] = "on" }
            values["follow_up_weeks"] = String(plan.followUpWeeks)
        }
        return HTMLResponse.make(
            ServiceOutcomesView.settings(
                try await model(req, stored), kind: survey.survey.kind, values: values, errors: FieldErrors(), req.page))
    }

    @Sendable func saveSettings(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        let kind = survey.survey.kind
        let (read, plan, errors) = OutcomeSurvey.read(input, kind: kind, areas: try await OutcomeStore(db: req.sql).areas())
        var outcome: OutcomeService.Outcome = .invalid(errors)
        if let read { outcome = try await service(req).save(stored, kind, read, plan: plan) }
        switch outcome {
        case .saved: return req.seeOther(SiteURL.serviceOutcomes(stored.id, .overview).path, flash: .flashUpdated)
        case .invalid(let errors):
            return HTMLResponse.make(
                ServiceOutcomesView.settings(try await model(req, stored), kind: kind, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: Paper, poster, QR

    @Sendable func paper(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        return HTMLResponse.make(SurveyView.paper(try await frame(req, stored, survey), req.page))
    }

    @Sendable func qr(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        let frame = try await frame(req, stored, survey)
        guard let code = QRCode(frame.link) else { throw Abort(.internalServerError) }
        return TextDownload.response(
            code.svg(label: frame.link), contentType: "image/svg+xml", filename: "survey-\(stored.id)-\(survey.survey.kind.rawValue).svg",
            inline: true)
    }

    @Sendable func poster(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        let frame = try await frame(req, stored, survey)
        guard let code = QRCode(frame.link) else { throw Abort(.internalServerError) }
        return HTMLResponse.make(SurveyView.poster(frame, qr: code.svg(label: frame.link), req.page))
    }

    // MARK: Typing in paper forms

    @Sendable func entry(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        let saved = (try? req.query.get(Int.self, at: "n")).flatMap { $0 > 0 ? $0 : nil }
        return HTMLResponse.make(
            SurveyView.entry(
                try await frame(req, stored, survey), values: [:], errors: FieldErrors(), saved: saved, submission: UUID().uuidString,
                req.page))
    }

    @Sendable func saveEntry(_ req: Request) async throws -> Response {
        let (stored, survey) = try await managed(req)
        let values = req.formValues
        let batch = Int(values["batch"]?.first ?? "") ?? 0
        let result = try await service(req).answer(
            survey, values, channel: .paper, submission: values["submission"]?.first, client: nil, language: req.language)
        let next = SiteURL.serviceOutcomes(stored.id, .entry(survey.survey.kind))
        switch result {
        case .saved: return req.seeOther(next.with([("n", String(batch + 1))]))
        case .duplicate: return req.seeOther(next.with([("n", String(batch))]))
        case .invalid(let errors):
            return HTMLResponse.make(
                SurveyView.entry(
                    try await frame(req, stored, survey), values: values, errors: errors, saved: nil,
                    submission: values["submission"]?.first ?? UUID().uuidString, req.page),
                status: .unprocessableEntity)
        case .forbidden, .closed, .throttled: throw Abort(.forbidden)
        }
    }

    // MARK: Indicator periods

    private func formInput(_ req: Request) -> FormInput {
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        return input
    }

    /// After an indicator form: back to the section, or the page again with the form's problems.
    private func respond(_ req: Request, _ stored: StoredDesign, _ outcome: OutcomeService.Outcome, form: String, flash: TextKey)
        async throws -> Response
    {
        switch outcome {
        case .saved: return req.seeOther(SiteURL.serviceOutcomes(stored.id, .overview).path + "#indicators", flash: flash)
        case .invalid(let errors):
            var model = try await model(req, stored)
            model.indicators.returned = (form, formInput(req), errors)
            return HTMLResponse.make(ServiceOutcomesView.render(model, req.page), status: .unprocessableEntity)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    @Sendable func addPeriod(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        let outcome = try await IndicatorService(db: req.db, actor: req.actor).addPeriod(stored, formInput(req))
        return try await respond(req, stored, outcome, form: "new", flash: .flashCreated)
    }

    @Sendable func submitResult(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        guard let period = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
        let outcome = try await IndicatorService(db: req.db, actor: req.actor).submit(stored, period, formInput(req))
        return try await respond(req, stored, outcome, form: "result-\(period)", flash: .flashResultSubmitted)
    }

    @Sendable func review(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        guard let period = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
        let input = formInput(req)
        let approve = input["decision"] == "approve"
        let outcome = try await IndicatorService(db: req.db, actor: req.actor).review(
            stored, period, approve: approve, comment: FormReader(input).text("review_comment"))
        return try await respond(
            req, stored, outcome, form: "review-\(period)", flash: approve ? .flashResultApproved : .flashResultReturned)
    }

    /// A coordinator's district (an administrator picks one with `district`).
    @Sendable func reviews(_ req: Request) async throws -> Response {
        guard let actor = req.actor else { throw Abort(.unauthorized) }
        let district: String?
        switch actor.role {
        case .admin: district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        case .coordinator: district = actor.districtCode
        default: throw Abort(.forbidden)
        }
        var rows: [(StoredPeriod, String)] = []
        if let district {
            let periods = try await IndicatorStore(db: req.sql).periods(district: district)
            let titles = try await DesignStore(db: req.sql).titles(Array(Set(periods.map(\.designID))))
            rows = periods.map { ($0, titles[$0.designID] ?? "#\($0.designID)") }
        }
        return HTMLResponse.make(IndicatorView.reviews(rows, district: district, req.page))
    }

    // MARK: CSV

    /// The service's shares beside its district's and the network's, as the page shows them.
    @Sendable func resultsCSV(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        let model = try await model(req, stored)
        let l = req.language
        let csv = OutcomeResults.csv(
            model.surveys.map { ($0.stored.survey.kind, $0.rows) }, columns: ServiceOutcomesView.series(model, l).map(\.name), language: l)
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "outcome-results-\(stored.id).csv")
    }

    @Sendable func answersCSV(_ req: Request) async throws -> Response {
        let stored = try await DesignController().load(req)
        try DesignController().requireUpdate(req, stored)
        let store = OutcomeStore(db: req.sql)
        let l = req.language
        var csv = "\u{FEFF}"
        for survey in try await store.surveys(stored.id) {
            let kind = survey.survey.kind
            let own = survey.survey.questions
            csv += CSV.line(
                [
                    TextKey.fieldKind(l), TextKey.feedbackResponseNumber(l), TextKey.csvAnswerDate(l), TextKey.csvChannel(l),
                    TextKey.csvExample(l),
                ]
                    + kind.items.map { $0.short(l) } + kind.openQuestions.map { $0.prompt(l) } + own.map(\.prompt))
            var after: Int64 = 0
            var number = 0
            while true {
                let page = try await store.answers(survey.id, after: after, limit: 1000)
                guard let last = page.last else { break }
                after = last.id
                for answer in page {
                    number += 1
                    var row = [
                        kind.label(l), String(number), answer.answeredOn, answer.channel.label(l),
                        answer.example ? TextKey.yes(l) : TextKey.no(l),
                    ]
                    row += kind.items.map { answer.answer.scores[$0].map(String.init) ?? "" }
                    row += kind.openQuestions.map { answer.answer.texts[$0] ?? "" }
                    row += own.map { q in
                        let values = answer.answer.own[q.id] ?? []
                        switch q.kind {
                        case .single, .multiple:
                            return values.compactMap(Int.init).filter { q.options.indices.contains($0) }.map { q.options[$0] }.joined(
                                separator: "; ")
                        default: return values.joined(separator: " ")
                        }
                    }
                    csv += CSV.line(row)
                }
            }
        }
        return TextDownload.response(csv, contentType: "text/csv; charset=utf-8", filename: "outcomes-\(stored.id).csv")
    }

    // MARK: The anonymous answer page

    private func surveyByToken(_ req: Request) async throws -> (StoredSurvey, StoredDesign) {
        guard let token = req.parameters.get("token"), let survey = try await OutcomeStore(db: req.sql).survey(token: token),
            let stored = try await DesignStore(db: req.sql).find(survey.designID)
        else { throw Abort(.notFound) }
        return (survey, stored)
    }

    /// The respondent's language: `lang` in the link or the form, else the site's choice.
    private func respondentContext(_ req: Request, _ given: String?) -> PageContext {
        var context = req.page
        if let given, let language = Language(rawValue: given) { context.language = language }
        return context
    }

    @Sendable func answerPage(_ req: Request) async throws -> Response {
        let (survey, stored) = try await surveyByToken(req)
        let context = respondentContext(req, try? req.query.get(String.self, at: "lang"))
        let state: SurveyView.AnswerPageState = survey.survey.takesAnswers(on: LocalDate(Date())) ? .form : .closed
        return HTMLResponse.make(
            SurveyView.answerPage(
                try await frame(req, stored, survey), values: [:], errors: FieldErrors(), state: state, submission: UUID().uuidString,
                context))
    }

    @Sendable func answer(_ req: Request) async throws -> Response {
        let (survey, stored) = try await surveyByToken(req)
        let values = req.formValues
        let context = respondentContext(req, values["lang"]?.first)
        let frame = try await frame(req, stored, survey)
        func page(_ state: SurveyView.AnswerPageState, _ errors: FieldErrors = FieldErrors(), status: HTTPStatus = .ok) -> Response {
            HTMLResponse.make(
                SurveyView.answerPage(
                    frame, values: state == .form ? values : [:], errors: errors, state: state,
                    submission: values["submission"]?.first ?? UUID().uuidString, context),
                status: status)
        }
        // A filled-in honeypot is a script: it is thanked and nothing is kept.
        if !(values[SurveyView.honeypotField]?.first ?? "").isEmpty { return page(.thanks) }
        switch try await service(req).answer(
            survey, values, channel: .web, submission: values["submission"]?.first, client: req.client, language: context.language)
        {
        case .saved: return page(.thanks)
        case .duplicate: return page(.duplicate)
        case .invalid(let errors): return page(.form, errors, status: .unprocessableEntity)
        case .closed: return page(.closed, status: .gone)
        case .throttled: return page(.throttled, status: .tooManyRequests)
        case .forbidden: throw Abort(.notFound)
        }
    }
}
