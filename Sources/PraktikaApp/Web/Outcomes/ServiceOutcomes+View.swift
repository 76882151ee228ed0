import Foundation
import Plot
import PraktikaDomain

/// Everything the outcomes page of one service shows.
struct ServiceOutcomesModel: Sendable {
    struct SurveyBlock: Sendable {
        let stored: StoredSurvey
        let counts: OutcomeStore.AnswerCounts
        let rows: [OutcomeComparisonRow]
        /// Open answers, newest first; only for those who manage the service.
        let texts: [OutcomeOpenQuestion: [String]]
        let own: [QuestionSummary]
        let profile: OutcomeResults.ProfileSummary?
        let link: String
    }

    let id: Int64
    let title: String
    let canManage: Bool
    let mayMeasure: Bool
    let plan: OutcomePlan?
    let surveys: [SurveyBlock]
    let contactsWaiting: Int
    let districtName: String?
    /// Every area a design may choose, for their names.
    let areas: OutcomeAreas
    var indicators: IndicatorSectionModel
}

enum ServiceOutcomesView {
    static func series(_ model: ServiceOutcomesModel, _ l: Language) -> [OutcomeChart.Series] {
        [
            OutcomeChart.Series(name: TextKey.outcomesSeriesService(l), fill: "#2f6f8f"),
            OutcomeChart.Series(name: TextKey.outcomesSeriesDistrict(l) + (model.districtName.map { " (\($0))" } ?? ""), fill: "#8fb3c4"),
            OutcomeChart.Series(name: TextKey.outcomesSeriesNetwork(l), fill: "#c9d9e0"),
        ]
    }

    static func render(_ model: ServiceOutcomesModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        var body: [Node<HTML.BodyContext>] = [
            .h1(.safe(TextKey.outcomesServiceTitle(l))),
            .p(.class("lead"), .link(SiteURL.service(model.id).path, model.title)),
            .p(.safe(TextKey.outcomesIntro(l))),
        ]
        if let plan = model.plan {
            body.append(
                .p(
                    .strong(.safe(TextKey.outcomesAreas(l) + ": ")),
                    .safe(plan.areas.isEmpty ? TextKey.outcomesNoAreas(l) : f.list(plan.areas.map { model.areas.name($0, l) }))))
        }
        if model.surveys.isEmpty {
            body.append(.p(.class("empty"), .safe(TextKey.outcomesNoSurveys(l))))
            if model.canManage {
                body.append(
                    model.mayMeasure
                        ? .form(
                            .method(.post), .action(SiteURL.serviceOutcomes(model.id, .setUp).path), Layout.csrfField(context),
                            .button(.type(.submit), .class("button"), .safe(TextKey.outcomesSetUp(l))))
                        : .p(.class("hint"), .safe(TextKey.validationMeasureNeedsPlanned(l))))
            }
        }
        for block in model.surveys {
            body.append(section(block, model, context))
        }
        if model.canManage && model.contactsWaiting > 0 {
            body.append(.p(.class("muted"), .safe(TextKey.outcomesContactsWaiting(l, ["count": f.integer(model.contactsWaiting)]))))
        }
        if !model.surveys.isEmpty {
            body.append(
                .p(
                    .class("record-actions"),
                    .link(SiteURL.serviceOutcomes(model.id, .resultsCSV).path, TextKey.outcomesResultsCSV(l), .class("button secondary")),
                    model.canManage
                        ? .link(SiteURL.serviceOutcomes(model.id, .answersCSV).path, TextKey.outcomesCSV(l), .class("button secondary"))
                        : .empty))
        }
        if !model.indicators.indicators.isEmpty || !model.indicators.periods.isEmpty {
            body.append(IndicatorView.section(model.indicators, context))
        }
        return Layout.page(
            context, title: TextKey.outcomesServiceTitle(l) + " · " + model.title,
            breadcrumbs: [(SiteURL.services.path, TextKey.navServices(l)), (SiteURL.service(model.id).path, model.title)], body: body)
    }

    static func section(_ block: ServiceOutcomesModel.SurveyBlock, _ model: ServiceOutcomesModel, _ context: PageContext)
        -> Node<HTML.BodyContext>
    {
        let l = context.language
        let f = context.format
        let survey = block.stored.survey
        let kind = survey.kind
        let today = LocalDate(Date())
        var parts: [Node<HTML.BodyContext>] = [
            .h2(
                .safe(kind.label(l) + " "),
                .span(.class("tag"), .safe(survey.takesAnswers(on: today) ? TextKey.feedbackOpen(l) : TextKey.feedbackClosed(l)))),
            .p(.safe(TextKey.outcomesAnswers(l, ["count": f.integer(block.counts.total), "paper": f.integer(block.counts.paper)]))),
        ]
        if let closes = survey.closesOn { parts.append(.p(.class("muted"), .safe(TextKey.outcomesClosedOn(l, ["date": f.date(closes)])))) }
        if kind == .immediate, let plan = model.plan {
            parts.append(.p(.class("muted"), .safe(TextKey.outcomesFollowUpSends(l, ["weeks": String(plan.followUpWeeks)]))))
        }
        if block.counts.examples > 0 {
            parts.append(.p(.class("tag example"), .safe(TextKey.outcomesExamples(l, ["count": f.integer(block.counts.examples)]))))
        }
        if model.canManage {
            let k = kind
            parts.append(.p(.safe(TextKey.outcomesLink(l) + ": "), .code(.safe(block.link))))
            parts.append(
                .div(
                    .class("record-actions"),
                    .link(SiteURL.serviceOutcomes(model.id, .poster(k)).path, TextKey.outcomesPoster(l), .class("button secondary")),
                    .link(SiteURL.serviceOutcomes(model.id, .qr(k)).path, TextKey.outcomesQR(l)),
                    .link(SiteURL.serviceOutcomes(model.id, .paper(k)).path, TextKey.outcomesPaperForm(l)),
                    .link(SiteURL.serviceOutcomes(model.id, .entry(k)).path, TextKey.outcomesTypeIn(l)),
                    .link(SiteURL.serviceOutcomes(model.id, .settings(k)).path, TextKey.outcomesSettings(l))))
        }
        if block.counts.total == 0 {
            parts.append(.p(.class("empty"), .safe(TextKey.outcomesNotYet(l))))
            return .section(.class("outcome-survey"), .group(parts))
        }
        parts.append(
            .raw(OutcomeChart.svg(block.rows, series: series(model, l), title: kind.label(l), language: l, format: f)))
        parts.append(.p(.class("hint"), .safe(TextKey.outcomesSuppressionNote(l, ["min": String(OutcomeResults.minimumLibraries)]))))
        parts.append(comparisonTable(block.rows, model, l, f))
        for question in kind.openQuestions {
            guard let texts = block.texts[question], !texts.isEmpty else { continue }
            parts.append(
                .details(
                    .summary(.safe(question.prompt(l) + " (\(f.integer(texts.count)))")),
                    .ul(.class("open-answers"), .group(texts.map { .li(.safe($0)) }))))
        }
        for summary in block.own {
            parts.append(.h3(.safe(summary.question.prompt)))
            parts.append(.p(.class("muted"), .safe(TextKey.feedbackAnswered(l, ["count": f.integer(summary.answered)]))))
            if summary.question.kind == .text {
                if model.canManage { parts.append(.ul(.class("open-answers"), .group(summary.texts.map { .li(.safe($0)) }))) }
            } else {
                parts.append(.raw(BarChart.svg(summary.bars, title: summary.question.prompt, format: f)))
            }
        }
        parts.append(.h3(.safe(TextKey.outcomesProfileTitle(l))))
        if let profile = block.profile {
            let ages = AgeBand.allCases.map { "\($0.label(l)): \(f.integer(profile.ageBands[$0] ?? 0))" }
            let genders = Gender.allCases.map { "\($0.label(l)): \(f.integer(profile.genders[$0] ?? 0))" }
            parts.append(
                .ul(
                    .li(.strong(.safe(TextKey.surveyAge(l) + ": ")), .safe(ages.joined(separator: "; "))),
                    .li(.strong(.safe(TextKey.surveyGender(l) + ": ")), .safe(genders.joined(separator: "; "))),
                    .li(
                        .strong(.safe(TextKey.surveyFirstVisit(l) + " ")),
                        .safe("\(TextKey.yes(l)): \(f.integer(profile.firstVisits)); \(TextKey.no(l)): \(f.integer(profile.returning))"))))
        } else {
            parts.append(
                .p(.class("muted"), .safe(TextKey.outcomesProfileHidden(l, ["min": String(OutcomeResults.minimumAnswersForProfile)]))))
        }
        return .section(.class("outcome-survey"), .group(parts))
    }

    static func comparisonTable(_ rows: [OutcomeComparisonRow], _ model: ServiceOutcomesModel, _ l: Language, _ f: Formatting)
        -> Node<HTML.BodyContext>
    {
        func cell(_ tally: ItemTally?) -> Node<HTML.TableRowContext> {
            guard let tally, let share = tally.perMille else { return .td(.class("number muted"), .text("—")) }
            return .td(.class("number"), .safe("\(f.perMille(share)) (\(f.integer(tally.answered)))"))
        }
        let names = series(model, l).map(\.name)
        return .div(
            .class("table-wrap"),
            .table(
                .class("outcome-table"),
                .thead(.tr(.th(.safe(TextKey.outcomesItem(l))), .group(names.map { .th(.class("number"), .safe($0)) }))),
                .tbody(
                    .group(
                        rows.map { row in
                            .tr(.td(.safe(row.item.statement(l))), cell(row.service), cell(row.district), cell(row.network))
                        }))))
    }

    // MARK: Settings

    static func settings(
        _ model: ServiceOutcomesModel, kind: SurveyKind, values: FormInput, errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let action = SiteURL.serviceOutcomes(model.id, .settings(kind)).path
        var fields = [
            FormField(name: "open", label: .outcomesOpenField, kind: .checkbox),
            FormField(name: "closes_on", label: .outcomesClosesOn, kind: .date, hint: .hintDate),
        ]
        if kind == .immediate {
            let options = model.areas.all.map { FormOption(value: $0.code, label: $0.name(l)) }
            fields.append(FormField(name: "area", label: .outcomesAreas, kind: .checkboxes(options)))
            fields.append(FormField(name: "follow_up_weeks", label: .outcomesFollowUpWeeks, kind: .integer, hint: .hintFollowUpWeeks))
        }
        let top = FormModel(title: "", action: action, fields: fields, values: values, errors: errors, cancelHref: "")
        let standard: [Node<HTML.ListContext>] =
            kind.items.map { .li(.safe($0.statement(l))) } + kind.openQuestions.map { .li(.safe($0.prompt(l))) }
        let builder = MeetingFeedbackView.questionRows(values: values, errors: errors, limit: OutcomeSurvey.maxOwnQuestions, l)
        return Layout.page(
            context, title: TextKey.outcomesSettings(l),
            breadcrumbs: [
                (SiteURL.services.path, TextKey.navServices(l)), (SiteURL.service(model.id).path, model.title),
                (SiteURL.serviceOutcomes(model.id, .overview).path, TextKey.outcomesServiceTitle(l)),
            ],
            body: [
                .h1(.safe(TextKey.outcomesSettings(l))),
                .p(.class("lead"), .safe(model.title + " · " + kind.label(l))),
                .h2(.safe(TextKey.outcomesStandardItems(l))),
                .ol(.group(standard)),
                .form(
                    .method(.post), .action(action), .attribute(named: "novalidate"), .class("record-form"),
                    Layout.csrfField(context),
                    FormView.errorSummary(top, l),
                    .group(top.fields.map { FormView.field(top, $0, l) }),
                    .h2(.safe(TextKey.outcomesOwnQuestions(l))),
                    .p(.class("hint"), .safe(TextKey.hintOwnQuestions(l, ["max": String(OutcomeSurvey.maxOwnQuestions)]))),
                    builder,
                    .div(
                        .class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l))),
                        .link(SiteURL.serviceOutcomes(model.id, .overview).path, TextKey.cancel(l)))),
            ])
    }
}
