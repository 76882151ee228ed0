import Foundation
import Plot
import PraktikaDomain

/// A design as the smart chart: its blocks laid out as one diagram, read at a glance, each
/// with a link to its own form.
enum DesignChartView {
    static func render(_ model: DesignChartModel, _ context: PageContext) -> HTML {
        let l = context.language
        let d = model.design
        let f = context.format
        let who = model.updatedBy ?? TextKey.auditSystem(l)
        let meta: Node<HTML.BodyContext> = .element(
            named: "dl",
            nodes: [
                .class("chart-meta"),
                .dt(.safe(TextKey.fieldStatus(l))), .dd(.span(.class("status status-\(d.status.rawValue)"), .safe(d.status.label(l)))),
                .dt(.safe(TextKey.libraries(l))),
                .dd(
                    .group(
                        model.libraries.enumerated().map { i, lib in
                            .group(i > 0 ? .text("; ") : .empty, .link(SiteURL.record(.libraries, String(lib.id)).path, lib.name))
                        })),
                model.districts.isEmpty ? .empty : .dt(.safe(TextKey.districts(l))),
                model.districts.isEmpty ? .empty : .dd(.safe(model.districts.map { $0.name(l) }.joined(separator: ", "))),
                .dt(.safe(TextKey.fieldVisibility(l))), .dd(.safe(d.visibility.label(l))),
                .dt(.safe(TextKey.lastChanged(l))),
                .dd(
                    .safe("\(f.dateTime(model.updatedAt)) · \(who) · "),
                    .link(SiteURL.serviceHistory(model.id).path, TextKey.versionNumber(l, ["version": String(model.version)]))),
            ])
        let actions: Node<HTML.BodyContext> = .div(
            .class("record-actions"),
            .link(SiteURL.servicePrint(model.id).path, TextKey.printChart(l), .class("button secondary")),
            .link(SiteURL.serviceLeaflet(model.id).path, TextKey.leafletTitle(l), .class("button secondary")),
            .link(SiteURL.serviceSVG(model.id).path, TextKey.diagramSVG(l), .class("button secondary")),
            .link(SiteURL.serviceDocx(model.id).path, TextKey.downloadWord(l), .class("button secondary")),
            .link(SiteURL.serviceHistory(model.id).path, TextKey.historyTitle(l), .class("button secondary")),
            d.status >= .planned
                ? .link(SiteURL.serviceOutcomes(model.id, .overview).path, TextKey.outcomesServiceTitle(l), .class("button secondary"))
                : .empty,
            practiceActions(model, context),
            model.canDelete ? .link(SiteURL.serviceDelete(model.id).path, TextKey.delete(l), .class("button danger")) : .empty)
        var context = context
        if d.practice != nil { context.section = SiteURL.practices.path }
        return Layout.page(
            context, title: d.title,
            // A published practice is reached from the catalogue, and leads back to it.
            breadcrumbs: [
                d.practice == nil ? (SiteURL.services.path, TextKey.servicesTitle(l)) : (SiteURL.practices.path, TextKey.navPractices(l))
            ],
            body: [
                .h1(.safe(d.title)),
                d.summary.map { .p(.class("lead"), .safe($0)) } ?? .empty,
                meta, actions, practice(model, context),
                // The arrow diagram, as printed; on a phone the blocks below say the same, and the SVG is a button away.
                .element(
                    named: "figure",
                    nodes: [.class("diagram diagram-inline"), .raw(ChartDiagram.svg(d, l))]),
                .element(
                    named: "div",
                    nodes: [
                        .class("chart"), .attr("role", "group"), .attr("aria-label", TextKey.chartLabel(l)),
                        .group(
                            DesignBlock.screenOrder.map { b in
                                let inside = content(b, d, context)
                                return block(
                                    b, model, context, b == .budget ? .group(inside, partnerFunding(model.partnerFunding, context)) : inside
                                )
                            }),
                    ]),
                files(model, context),
                similar(model, context),
            ])
    }

    /// Photos, slides and documents of the design; editors manage them on their own page.
    static func files(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !model.attachments.isEmpty || model.canEdit else { return .empty }
        return .section(
            .class("files-section"),
            .h2(.safe(TextKey.attachmentsTitle(l))),
            model.attachments.isEmpty
                ? .p(.class("muted"), .safe(TextKey.attachmentNone(l))) : AttachmentView.list(model.attachments, context),
            model.canEdit
                ? .p(.link(SiteURL.serviceAttachments(model.id).path, TextKey.attachmentUpload(l), .class("button secondary"))) : .empty)
    }

    static func block(_ block: DesignBlock, _ model: DesignChartModel, _ context: PageContext, _ content: Node<HTML.BodyContext>)
        -> Node<HTML.BodyContext>
    {
        let l = context.language
        let edit: Node<HTML.BodyContext> =
            model.canEdit
            ? .element(
                named: "a",
                nodes: [
                    .class("block-edit"), .attr("href", SiteURL.serviceBlock(model.id, block).path), .safe(TextKey.edit(l)),
                    .span(.class("visually-hidden"), .safe(": " + block.title(l))),
                ]) : .empty
        return .element(
            named: "section",
            nodes: [
                .class("block block-\(block.rawValue)"), .id("block-\(block.rawValue)"),
                .attr("aria-labelledby", "heading-\(block.rawValue)"),
                .div(.class("block-head"), .h2(.id("heading-\(block.rawValue)"), .safe(block.title(l))), edit),
                content,
            ])
    }

    static func similar(_ model: DesignChartModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !model.similar.isEmpty else { return .empty }
        return .element(
            named: "section",
            nodes: [
                .class("similar"), .attr("aria-labelledby", "similar-heading"),
                .h2(
                    .id("similar-heading"),
                    .safe(model.design.practice != nil ? TextKey.similarPractices(l) : TextKey.similarServices(l))),
                .ul(
                    .group(
                        model.similar.map { item in
                            let practice = model.design.practice == nil && item.design.practice != nil
                            return .li(
                                .link(SiteURL.service(item.id).path, item.design.title),
                                .span(
                                    .class("muted"),
                                    .safe(
                                        " · " + item.design.targetGroup.category.label(l)
                                            + (practice ? " · " + TextKey.similarIsPractice(l) : ""))))
                        })),
            ])
    }

    static func content(_ block: DesignBlock, _ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        switch block {
        case .target: target(d, context)
        case .service: service(d, context)
        case .effect: effect(d, context)
        case .resources: resources(d, context)
        case .budget: budget(d, context)
        case .partners: partners(d, context)
        case .channels: channels(d, context)
        case .basics: basics(d, context)
        case .activities: activities(d, context)
        }
    }

    static func text(_ label: TextKey, _ value: String?, _ l: Language) -> Node<HTML.BodyContext> {
        guard let value, !value.isEmpty else { return .empty }
        return .group(.h3(.safe(label(l))), .p(.safe(value)))
    }

    static func emptyNote(_ l: Language) -> Node<HTML.BodyContext> { .p(.class("muted"), .safe(TextKey.chartEmptyBlock(l))) }

    static func choices<E: LabelledChoice>(_ values: [E], _ l: Language) -> Node<HTML.BodyContext> {
        guard !values.isEmpty else { return .empty }
        return .ul(.class("tags"), .group(values.map { .li(.safe($0.label(l))) }))
    }

    static func target(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        return .group(
            .p(.strong(.safe(d.targetGroup.category.label(l)))),
            d.targetGroup.description.map { .p(.safe($0)) } ?? .empty,
            d.targetGroup.expectedReach.map {
                .p(.safe(TextKey.fieldExpectedReach(l) + ": " + context.format.integer($0)))
            } ?? .empty)
    }

    static func service(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard d.needs != nil || d.service != nil || d.goal != nil else { return emptyNote(l) }
        return .group(text(.fieldNeeds, d.needs, l), text(.fieldService, d.service, l), text(.fieldGoal, d.goal, l))
    }

    static func resources(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let r = d.resources
        guard !r.existing.isEmpty || r.existingNotes != nil || r.needed != nil else { return emptyNote(l) }
        return .group(
            r.existing.isEmpty ? .empty : .h3(.safe(TextKey.fieldExistingResources(l))), choices(r.existing, l),
            r.existingNotes.map { .p(.safe($0)) } ?? .empty, text(.fieldNeededResources, r.needed, l))
    }

    static func budget(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !d.budget.isEmpty else { return emptyNote(l) }
        return BudgetTableView.render(d, context)
    }

    /// Partners' money and gifts to the budget, per partner, and what the library still pays.
    static func partnerFunding(_ funding: PartnerFunding?, _ context: PageContext) -> Node<HTML.BodyContext> {
        guard let funding else { return .empty }
        let l = context.language
        let f = context.format
        return .div(
            .class("partner-funding"), .h3(.safe(TextKey.partnerFundingTitle(l))),
            .ul(
                .group(
                    funding.shares.map { s in
                        let parts = [
                            s.cash.minorUnits > 0 ? TextKey.partnershipCash(l) + " " + f.money(s.cash) : nil,
                            s.inKind.minorUnits > 0 ? TextKey.partnershipGift(l) + " " + f.money(s.inKind) : nil,
                            s.hours > .zero ? TextKey.volunteerHours(l, ["hours": f.number(s.hours)]) : nil,
                        ].compactMap { $0 }
                        // A gift in kind whose worth nobody estimated is still named.
                        return .li(.safe(s.partner + ": " + (parts.isEmpty ? TextKey.partnershipGift(l) : parts.joined(separator: ", "))))
                    })),
            .p(.strong(.safe(TextKey.partnerFundingLeft(l) + ": " + f.moneyWithEquivalent(funding.leftForLibrary)))))
    }

    static func partners(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !d.partners.isEmpty else { return emptyNote(l) }
        return .ul(
            .class("partners"),
            .group(
                d.partners.map { p in
                    let name: Node<HTML.BodyContext> =
                        p.partnerID.map { .link(SiteURL.record(.partners, String($0)).path, p.name) } ?? .safe(p.name)
                    return .li(
                        name,
                        p.kind.map { .span(.class("muted"), .safe(" · " + $0.label(l))) } ?? .empty,
                        p.role.map { .div(.class("role"), .safe($0)) } ?? .empty)
                }))
    }

    static func channels(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !d.channels.isEmpty || d.channelNotes != nil else { return emptyNote(l) }
        return .group(choices(d.channels, l), d.channelNotes.map { .p(.safe($0)) } ?? .empty)
    }

    static func activities(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !d.activities.isEmpty else { return emptyNote(l) }
        return .ol(
            .class("activities"),
            .group(
                d.activities.map { a in
                    let dates = [a.start.map(f.date), a.end.map(f.date)].compactMap { $0 }.joined(separator: " – ")
                    let who = [a.responsible, a.partner].compactMap { $0 }.joined(separator: " · ")
                    return .li(
                        .safe(a.title),
                        dates.isEmpty ? .empty : .div(.class("muted"), .safe(dates)),
                        who.isEmpty ? .empty : .div(.class("muted"), .safe(who)))
                }))
    }

    static func effect(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard d.expectedResults != nil || d.socialEffect != nil || d.economicEffect != nil || !d.indicators.isEmpty else {
            return emptyNote(l)
        }
        return .group(
            text(.fieldExpectedResults, d.expectedResults, l), text(.fieldSocialEffect, d.socialEffect, l),
            text(.fieldEconomicEffect, d.economicEffect, l),
            d.indicators.isEmpty ? .empty : IndicatorTableView.render(d.indicators, context))
    }

    static func basics(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        return .group(
            .h3(.safe(TextKey.fieldInnovations(l))),
            d.innovations.isEmpty ? .p(.class("muted"), .safe(TextKey.chartEmptyBlock(l))) : choices(d.innovations, l))
    }
}

/// The budget as a table with its totals: per line in its own currency, then per currency,
/// per source, and the whole with its equivalent in the other currency.
enum BudgetTableView {
    static func render(_ d: ServiceDesign, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        let totals = d.totals
        let lines: [Node<HTML.TableContext>] = d.budget.map { line in
            .tr(
                .th(.attr("scope", "row"), .safe(line.item)),
                .td(.class("number"), .attr("data-label", TextKey.fieldQuantity(l)), .safe(f.number(line.quantity))),
                .td(.class("number"), .attr("data-label", TextKey.fieldUnitCost(l)), .safe(f.money(line.unitCost))),
                .td(.class("number"), .attr("data-label", TextKey.fieldAmount(l)), .safe(line.amount.map(f.money) ?? "—")),
                .td(.attr("data-label", TextKey.fieldFundingSource(l)), .safe(line.source.label(l))))
        }
        let main = totals.mainCurrency
        var footer: [Node<HTML.TableContext>] = Currency.allCases.compactMap { currency in
            guard totals.byCurrency.count > 1, let sum = totals.byCurrency[currency] else { return nil }
            return .tr(
                .th(
                    .attr("scope", "row"), .attr("colspan", "3"), .safe(TextKey.totalInCurrency(l, ["currency": f.currencySign(currency)]))),
                .td(.class("number"), .safe(f.money(sum))), .td())
        }
        footer.append(
            .tr(
                .class("grand-total"),
                .th(.attr("scope", "row"), .attr("colspan", "3"), .safe(TextKey.budgetTotal(l))),
                .td(.class("number"), .attr("colspan", "2"), .strong(.safe(f.moneyWithEquivalent(totals.total(in: main)))))))
        let header: Node<HTML.TableContext> = .thead(
            .tr(
                .th(.attr("scope", "col"), .safe(TextKey.fieldItem(l))), .th(.attr("scope", "col"), .safe(TextKey.fieldQuantity(l))),
                .th(.attr("scope", "col"), .safe(TextKey.fieldUnitCost(l))), .th(.attr("scope", "col"), .safe(TextKey.fieldAmount(l))),
                .th(.attr("scope", "col"), .safe(TextKey.fieldFundingSource(l)))))
        let bySourceRows = totals.sources.map { source in
            let amount = totals.total(for: source, in: main)
            return BarChart.Row(label: source.label(l), value: amount.minorUnits, caption: f.money(amount))
        }
        let bySource: Node<HTML.BodyContext> = .group(
            .h3(.safe(TextKey.budgetBySource(l))),
            // The shares seen at a glance; the list below says the same in words, with both currencies.
            bySourceRows.count > 1
                ? .div(
                    .class("budget-chart"), .attr("aria-hidden", "true"), .raw(BarChart.svg(bySourceRows, title: TextKey.budgetBySource(l)))
                ) : .empty,
            .ul(
                .class("by-source"),
                .group(
                    totals.sources.map { source in
                        .li(.safe("\(source.label(l)): \(f.moneyWithEquivalent(totals.total(for: source, in: main)))"))
                    })))
        return .group(
            .div(.class("table-wrap"), .table(.class("budget stack"), header, .tbody(.group(lines)), .tfoot(.group(footer)))), bySource)
    }
}

enum IndicatorTableView {
    static func render(_ indicators: [Indicator], _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        func value(_ v: FixedDecimal?, _ label: TextKey) -> Node<HTML.TableRowContext> {
            .td(.class("number"), .attr("data-label", label(l)), v.map { .safe(f.number($0)) } ?? .span(.class("muted"), .text("—")))
        }
        let rows: [Node<HTML.TableContext>] = indicators.map { i in
            .tr(
                .th(.attr("scope", "row"), .safe(i.name), i.period.map { .span(.class("muted"), .safe(" · " + $0)) } ?? .empty),
                .td(.attr("data-label", TextKey.fieldUnit(l)), .safe(i.unit.label(l))), value(i.baseline, .fieldBaseline),
                value(i.target, .fieldTarget), value(i.actual, .fieldActual))
        }
        // What each reached of its target, at a glance; the table says the same in numbers.
        let bars = BarChart.indicatorRows(indicators, f)
        let chart: Node<HTML.BodyContext> =
            bars.isEmpty
            ? .empty
            : .div(
                .class("indicator-chart"), .attr("aria-hidden", "true"),
                .raw(BarChart.svg(bars, title: TextKey.indicatorChartTitle(l), reference: (1000, TextKey.fieldTarget(l)))))
        return .group(
            chart,
            .div(
                .class("table-wrap"),
                .table(
                    .class("indicators stack"),
                    .thead(
                        .tr(
                            .th(.attr("scope", "col"), .safe(TextKey.fieldIndicator(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.fieldUnit(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.fieldBaseline(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.fieldTarget(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.fieldActual(l))))),
                    .tbody(.group(rows)))))
    }
}
