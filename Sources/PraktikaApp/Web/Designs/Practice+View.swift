import Foundation
import Plot
import PraktikaDomain

/// Publishing a design as a good practice, and adopting one.
enum PracticeFormView {
    static func publish(id: Int64, title: String, values: FormInput, errors: FieldErrors, _ context: PageContext) -> HTML {
        let l = context.language
        let model = FormModel(
            title: TextKey.practicePublish(l), action: SiteURL.publishService(id).path,
            fields: [
                FormField(name: "what_worked", label: .practiceWhatWorked, kind: .textarea, required: true),
                FormField(name: "what_did_not", label: .practiceWhatDidNot, kind: .textarea),
            ], values: values, errors: errors, cancelHref: SiteURL.service(id).path)
        return Layout.page(
            context, title: "\(TextKey.practicePublish(l)) · \(title)",
            breadcrumbs: [(SiteURL.services.path, TextKey.servicesTitle(l)), (SiteURL.service(id).path, title)],
            body: [.h1(.safe(TextKey.practicePublish(l))), FormView.render(model, context)])
    }

    static func adopt(id: Int64, title: String, libraries: [FormOption], values: FormInput, errors: FieldErrors, _ context: PageContext)
        -> HTML
    {
        let l = context.language
        let model = FormModel(
            title: TextKey.practiceAdopt(l), action: SiteURL.adoptService(id).path,
            fields: [FormField(name: "library_id", label: .library, kind: .select(libraries), required: true)], values: values,
            errors: errors, cancelHref: SiteURL.service(id).path)
        return Layout.page(
            context, title: "\(TextKey.practiceAdopt(l)) · \(title)",
            breadcrumbs: [(SiteURL.practices.path, TextKey.navPractices(l)), (SiteURL.service(id).path, title)],
            body: [
                .h1(.safe(TextKey.practiceAdopt(l))), .p(.class("lead"), .safe(TextKey.practiceAdoptIntro(l))),
                FormView.render(model, context),
            ])
    }
}

extension DesignChartView {
    /// The practice's story, its adoption across districts, and where a copy came from.
    static func practice(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        let adoptedOrigin: Node<HTML.BodyContext> =
            model.design.adoptedFrom.map { original in
                .p(
                    .class("adopted-from"), .safe(TextKey.practiceAdoptedFrom(l) + " "),
                    .link(SiteURL.service(original).path, model.adoptedFromTitle ?? "#\(original)"))
            } ?? .empty
        let meeting: Node<HTML.BodyContext> =
            model.meetingOrigin.map { m in
                .p(
                    .class("adopted-from"), .safe(TextKey.designFromMeeting(l, ["number": String(m.number)]) + " "),
                    .link(SiteURL.meeting(m.id, .tables).path, m.title))
            } ?? .empty
        let presented: Node<HTML.BodyContext> =
            model.design.presentedAt.map { p in
                let details = [p.day.map { f.date($0) }, p.speaker].compactMap { $0 }
                return .p(
                    .class("adopted-from"), .safe(TextKey.designPresentedAt(l) + " "),
                    model.presentedAtMeetingID.map { .link(SiteURL.meeting($0, .overview).path, p.meetingTitle) } ?? .text(p.meetingTitle),
                    .text(details.isEmpty ? "" : " · " + details.joined(separator: " · ")))
            } ?? .empty
        let origin: Node<HTML.BodyContext> = .group(adoptedOrigin, meeting, presented)
        guard let story = model.design.practice else { return origin }
        let districts = model.adoptions.districts.sorted { $0.value > $1.value }
            .map { "\(District.named($0.key)?.name(l) ?? $0.key) (\(f.integer($0.value)))" }.joined(separator: ", ")
        let adoption: Node<HTML.BodyContext> =
            model.adoptions.count == 0
            ? .p(.class("muted"), .safe(TextKey.practiceNoAdoptions(l)))
            : .p(
                .safe(
                    (model.adoptions.count == 1
                        ? TextKey.practiceAdoptionsOne(l) : TextKey.practiceAdoptions(l, ["count": f.integer(model.adoptions.count)]))
                        + (districts.isEmpty ? "" : ": " + districts))
            )
        return .element(
            named: "section",
            nodes: [
                .class("practice"), .attr("aria-labelledby", "practice-heading"),
                .h2(.id("practice-heading"), .safe(TextKey.practiceTitle(l))),
                .p(.class("muted"), .safe(TextKey.practicePublishedOn(l, ["date": f.date(story.publishedOn)]))),
                .h3(.safe(TextKey.practiceWhatWorked(l))), .p(.safe(story.whatWorked)),
                story.whatDidNot.map { .group(.h3(.safe(TextKey.practiceWhatDidNot(l))), .p(.safe($0))) } ?? .empty,
                adoption,
                comparison(model, context),
                evidence(model, context),
                model.mayAdopt ? adoptButton(model.id, context) : .empty,
                origin,
            ])
    }

    /// One step for someone who works in one library: the copy is made for it at once. Others
    /// (coordinators, administrators) choose the library first.
    static func adoptButton(_ id: Int64, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard let library = context.actor?.libraryID else {
            return .p(.link(SiteURL.adoptService(id).path, TextKey.practiceAdopt(l), .class("button")))
        }
        return .form(
            .method(.post), .action(SiteURL.adoptService(id).path), .class("adopt-form"),
            Layout.csrfField(context),
            .input(.type(.hidden), .name("library_id"), .value(String(library))),
            .button(.type(.submit), .class("button"), .safe(TextKey.practiceAdopt(l))))
    }

    /// What the people served said, in the practice's library and in those that adopted it.
    static func evidence(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !model.evidence.isEmpty else {
            return .group(.h3(.safe(TextKey.practiceEvidence(l))), .p(.class("muted"), .safe(TextKey.practiceEvidenceNone(l))))
        }
        let items = SurveyKind.immediate.items
        return .group(
            .h3(.safe(TextKey.practiceEvidence(l))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("outcome-table stack"),
                    .thead(
                        .tr(
                            .th(.attr("scope", "col"), .safe(TextKey.library(l))),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.dashboardAnswers(l))),
                            .group(items.map { .th(.attr("scope", "col"), .class("number"), .safe($0.short(l))) }))),
                    .tbody(
                        .group(
                            model.evidence.enumerated().map { index, row in
                                .tr(
                                    .td(
                                        .link(SiteURL.serviceOutcomes(row.designID, .overview).path, row.libraries),
                                        index > 0 ? .text(" · " + TextKey.practiceEvidenceAdopters(l)) : .empty),
                                    .td(.class("number"), .attr("data-label", TextKey.dashboardAnswers(l)), .safe(f.integer(row.answers))),
                                    .group(
                                        items.map { item in
                                            .td(
                                                .class("number"), .attr("data-label", item.short(l)),
                                                .safe(row.tallies[item]?.perMille.map { f.perMille($0) } ?? "—"))
                                        }))
                            })))))
    }

    /// The original's indicators beside each adopter's: what each reached of its own target.
    static func comparison(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !model.adopters.isEmpty else { return .empty }
        let rows = AdoptionComparison.rows([model.design] + model.adopters.map(\.design))
        guard !rows.isEmpty else { return .p(.class("muted"), .safe(TextKey.practiceNoResultsYet(l))) }
        let head: [Node<HTML.TableRowContext>] =
            [.th(.attr("scope", "col"), .safe(TextKey.fieldIndicator(l))), .th(.attr("scope", "col"), .safe(TextKey.practiceOriginal(l)))]
            + model.adopters.map { a in
                .th(.attr("scope", "col"), .link(SiteURL.service(a.id).path, a.libraries.isEmpty ? "#\(a.id)" : a.libraries))
            }
        let body: [Node<HTML.TableContext>] = rows.map { row in
            let cells: [Node<HTML.TableRowContext>] = row.cells.map { cell in
                guard let cell else { return .td(.class("muted"), .text("—")) }
                var text = (cell.actual.map { f.number($0) } ?? "—") + " / " + (cell.target.map { f.number($0) } ?? "—")
                if let share = cell.perMille { text += " (" + f.perMille(share) + ")" }
                return .td(.class("number"), .safe(text))
            }
            return .tr(.th(.attr("scope", "row"), .safe(row.name + " (" + row.unit.label(l) + ")")), .group(cells))
        }
        return .div(
            .class("table-wrap"),
            .table(.class("indicators"), .caption(.safe(TextKey.practiceComparison(l))), .thead(.tr(.group(head))), .tbody(.group(body))))
    }

    /// Publish or withdraw, for those who may change the design.
    static func practiceActions(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard model.canEdit else { return .empty }
        if model.design.practice != nil {
            return .form(
                .class("inline"), .method(.post), .action(SiteURL.unpublishService(model.id).path), Layout.csrfField(context),
                .button(.type(.submit), .class("button secondary"), .safe(TextKey.practiceUnpublish(l))))
        }
        guard model.design.mayBePublished else { return .empty }
        return .link(SiteURL.publishService(model.id).path, TextKey.practicePublish(l), .class("button"))
    }
}
