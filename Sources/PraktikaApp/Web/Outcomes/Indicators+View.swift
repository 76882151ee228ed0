import Foundation
import Plot
import PraktikaDomain

/// The indicators of a service by reporting period: charts, results, the forms to add a period,
/// enter a result, and review one.
struct IndicatorSectionModel: Sendable {
    let designID: Int64
    let indicators: [Indicator]
    let periods: [StoredPeriod]
    let canManage: Bool
    let canReview: Bool
    /// A form sent back with problems: "new", "result-<id>" or "review-<id>", with what was typed.
    var returned: (form: String, values: FormInput, errors: FieldErrors)?
}

enum IndicatorView {
    static func section(_ model: IndicatorSectionModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        let today = LocalDate(Date())
        var parts: [Node<HTML.BodyContext>] = [.h2(.id("indicators"), .safe(TextKey.periodsTitle(l)))]
        if model.periods.isEmpty { parts.append(.p(.class("empty"), .safe(TextKey.periodNone(l)))) }
        let byIndicator = Dictionary(grouping: model.periods, by: \.period.indicator)
        for name in model.indicators.map(\.name) + byIndicator.keys.filter({ k in !model.indicators.contains { $0.name == k } }).sorted() {
            guard let periods = byIndicator[name] else { continue }
            parts.append(.h3(.safe(name)))
            let columns = periods.map {
                IndicatorChart.Column(
                    label: "\(f.date($0.period.startsOn))–\(f.date($0.period.endsOn))".replacingOccurrences(of: " г.", with: ""),
                    value: $0.result?.value, target: $0.period.target, approved: $0.result?.status == .approved)
            }
            parts.append(.div(.class("table-wrap"), .raw(IndicatorChart.svg(columns, title: name, format: f))))
            for stored in periods { parts.append(periodRow(stored, model, today: today, context)) }
        }
        if model.canManage && !model.indicators.isEmpty { parts.append(newPeriodForm(model, context)) }
        return .section(.class("indicators"), .group(parts))
    }

    static func returned(_ model: IndicatorSectionModel, _ form: String) -> (FormInput, FieldErrors) {
        guard let returned = model.returned, returned.form == form else { return ([:], FieldErrors()) }
        return (returned.values, returned.errors)
    }

    static func periodRow(_ stored: StoredPeriod, _ model: IndicatorSectionModel, today: LocalDate, _ context: PageContext)
        -> Node<HTML.BodyContext>
    {
        let l = context.language
        let f = context.format
        let period = stored.period
        let state = PeriodState.of(period, stored.result, today: today)
        var lines: [Node<HTML.BodyContext>] = [
            .p(
                .strong(.safe("\(f.date(period.startsOn)) – \(f.date(period.endsOn))")), .text(" "),
                .span(.class("tag state-\(state.rawValue)"), .safe(state.label(l))),
                .safe(
                    " · " + period.direction.label(l) + (period.target.map { " · " + TextKey.periodTarget(l) + ": " + f.number($0) } ?? ""))
            )
        ]
        if let result = stored.result {
            lines.append(
                .p(
                    .strong(.safe(TextKey.periodValue(l) + ": " + f.number(result.value))),
                    .safe(period.reached(result.value).map { $0 ? " ✓" : " ✗" } ?? ""),
                    result.enteredBy.map { .safe(" · " + TextKey.periodEnteredBy(l, ["name": $0])) } ?? .empty))
            if let note = result.note { lines.append(.p(.class("muted"), .safe(note))) }
            if let comment = result.reviewComment {
                lines.append(
                    .p(
                        .class(result.status == .returned ? "error" : "muted"), .safe(comment),
                        result.reviewedBy.map { .safe(" · " + TextKey.periodReviewedBy(l, ["name": $0])) } ?? .empty))
            }
        }
        if model.canManage && state.mayEnter {
            let (values, errors) = returned(model, "result-\(stored.id)")
            var shown = values
            if shown.isEmpty, let result = stored.result {
                shown = ["value": f.plainNumber(result.value), "note": result.note ?? ""]
            }
            let form = FormModel(
                title: "", action: SiteURL.serviceOutcomes(model.designID, .periodResult(stored.id)).path,
                fields: [
                    FormField(name: "value", label: .periodValue, kind: .decimal, required: true),
                    FormField(name: "note", label: .periodNote, kind: .textarea, hint: .hintPeriodNote),
                ], values: shown, errors: errors, cancelHref: "")
            lines.append(
                .details(
                    errors.isEmpty ? .empty : .attribute(named: "open", value: "open"),
                    .summary(.safe(TextKey.periodEnter(l))),
                    .form(
                        .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form"),
                        Layout.csrfField(context), FormView.errorSummary(form, l), .group(form.fields.map { FormView.field(form, $0, l) }),
                        .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l)))))))
        }
        if model.canReview && state == .submitted {
            let (values, errors) = returned(model, "review-\(stored.id)")
            let form = FormModel(
                title: "", action: SiteURL.serviceOutcomes(model.designID, .periodReview(stored.id)).path,
                fields: [FormField(name: "review_comment", label: .periodReviewComment, kind: .textarea)], values: values, errors: errors,
                cancelHref: "")
            lines.append(
                .form(
                    .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form review"),
                    Layout.csrfField(context), FormView.errorSummary(form, l), .group(form.fields.map { FormView.field(form, $0, l) }),
                    .div(
                        .class("actions"),
                        .button(.type(.submit), .name("decision"), .value("approve"), .class("button"), .safe(TextKey.periodApprove(l))),
                        .button(
                            .type(.submit), .name("decision"), .value("return"), .class("button secondary"), .safe(TextKey.periodReturn(l)))
                    )))
        }
        return .div(.class("period"), .group(lines))
    }

    static func newPeriodForm(_ model: IndicatorSectionModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let (values, errors) = returned(model, "new")
        var shown = values
        if shown.isEmpty { shown = ["direction": IndicatorDirection.increase.rawValue] }
        let form = FormModel(
            title: "", action: SiteURL.serviceOutcomes(model.designID, .periods).path,
            fields: [
                FormField(
                    name: "indicator", label: .periodIndicator,
                    kind: .select(model.indicators.map { FormOption(value: $0.name, label: $0.name) }),
                    required: true),
                FormField(name: "starts_on", label: .periodStarts, kind: .date, required: true, hint: .hintDate),
                FormField(name: "ends_on", label: .periodEnds, kind: .date, required: true, hint: .hintDate),
                FormField(name: "target", label: .periodTarget, kind: .decimal),
                FormField(name: "direction", label: .periodDirection, kind: .select(.choices(IndicatorDirection.self, l))),
            ], values: shown, errors: errors, cancelHref: "")
        return .details(
            errors.isEmpty ? .empty : .attribute(named: "open", value: "open"),
            .summary(.safe(TextKey.periodAdd(l))),
            .form(
                .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form"),
                Layout.csrfField(context), FormView.errorSummary(form, l), .group(form.fields.map { FormView.field(form, $0, l) }),
                .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l))))))
    }

    /// A coordinator's list: what is due, submitted, returned or overdue in the district.
    static func reviews(_ rows: [(StoredPeriod, String)], district: String?, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let today = LocalDate(Date())
        let shown = rows.filter {
            [.due, .overdue, .submitted, .returned].contains(PeriodState.of($0.0.period, $0.0.result, today: today))
        }
        let body: Node<HTML.BodyContext> =
            shown.isEmpty
            ? .p(.class("empty"), .safe(TextKey.periodsDueNone(l)))
            : .table(
                .thead(
                    .tr(
                        .th(.safe(TextKey.navServices(l))), .th(.safe(TextKey.periodIndicator(l))), .th(.safe(TextKey.periodEnds(l))),
                        .th(.safe(TextKey.periodState(l))), .th(.class("number"), .safe(TextKey.periodValue(l))))),
                .tbody(
                    .group(
                        shown.map { stored, title in
                            let state = PeriodState.of(stored.period, stored.result, today: today)
                            return .tr(
                                .td(.link(SiteURL.serviceOutcomes(stored.designID, .overview).path + "#indicators", title)),
                                .td(.safe(stored.period.indicator)), .td(.safe(f.date(stored.period.endsOn))),
                                .td(.span(.class("tag state-\(state.rawValue)"), .safe(state.label(l)))),
                                .td(.class("number"), .safe(stored.result.map { f.number($0.value) } ?? "")))
                        })))
        return Layout.page(
            context, title: TextKey.periodsDueTitle(l),
            breadcrumbs: [(SiteURL.outcomes.path, TextKey.dashboardTitle(l))],
            body: [
                .h1(.safe(TextKey.periodsDueTitle(l) + (district.flatMap(District.named).map { " · " + $0.name(l) } ?? ""))),
                body,
            ])
    }
}
