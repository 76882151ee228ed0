import Foundation
import Plot
import PraktikaDomain

/// The overview of a district's or the whole network's partnerships: partners by kind and by
/// district, contributions by year (each as a small chart of the main figure, with all the
/// figures in a table below it), partners of several libraries, and partnerships that lapsed.
enum PartnershipNetworkView {
    struct Model {
        let network: PartnershipNetwork
        /// The district shown; nil for the whole network.
        let district: String?
        /// Administrators choose the district; a coordinator sees their own.
        let mayChooseDistrict: Bool
    }

    static func page(_ model: Model, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let n = model.network
        func chart(_ rows: [BarChart.Row], title: String) -> Node<HTML.BodyContext> {
            rows.isEmpty ? .empty : .div(.class("network-chart"), .attr("aria-hidden", "true"), .raw(BarChart.svg(rows, title: title)))
        }
        func countTable(_ first: String, _ rows: [(String, PartnershipNetwork.Count)]) -> Node<HTML.BodyContext> {
            .div(
                .class("table-wrap"),
                .table(
                    .class("stack"),
                    .thead(
                        .tr(
                            .th(.attr("scope", "col"), .safe(first)),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.partners(l))),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.partnershipsTitle(l))))),
                    .tbody(
                        .group(
                            rows.map { label, count in
                                .tr(
                                    .th(.attr("scope", "row"), .safe(label)),
                                    .td(.class("number"), .attr("data-label", TextKey.partners(l)), .safe(f.integer(count.partners))),
                                    .td(
                                        .class("number"), .attr("data-label", TextKey.partnershipsTitle(l)),
                                        .safe(f.integer(count.partnerships))))
                            }))))
        }

        let kinds = n.byKind.map { ($0.kind.label(l), $0.count) }
        let byKind: Node<HTML.BodyContext> = .section(
            .id("by-kind"), .h2(.safe(TextKey.networkByKind(l))),
            chart(
                n.byKind.map {
                    BarChart.Row(label: $0.kind.label(l), value: Int64($0.count.partners), caption: f.integer($0.count.partners))
                },
                title: TextKey.networkByKind(l)),
            countTable(TextKey.fieldKind(l), kinds))

        let districtName = { (code: String?) in code.flatMap { District.named($0)?.name(l) } ?? TextKey.notKnown(l) }
        let byDistrict: Node<HTML.BodyContext> =
            model.district == nil && !n.byDistrict.isEmpty
            ? .section(
                .id("by-district"), .h2(.safe(TextKey.networkByDistrict(l))),
                chart(
                    n.byDistrict.map {
                        BarChart.Row(label: districtName($0.code), value: Int64($0.count.partners), caption: f.integer($0.count.partners))
                    }, title: TextKey.networkByDistrict(l)),
                countTable(TextKey.district(l), n.byDistrict.map { (districtName($0.code), $0.count) }))
            : .empty

        let yearRows: [Node<HTML.TableContext>] = n.perYear.map { y in
            .tr(
                .th(.attr("scope", "row"), .safe(String(y.year))),
                .td(.class("number"), .attr("data-label", TextKey.partnershipCash(l)), .safe(f.money(y.cash))),
                .td(.class("number"), .attr("data-label", TextKey.partnershipGift(l)), .safe(f.money(y.inKind))),
                .td(
                    .class("number"), .attr("data-label", TextKey.partnershipVolunteerWork(l)),
                    .safe(y.hours > .zero ? TextKey.hoursShort(l, ["hours": f.number(y.hours)]) : "—")),
                .td(.class("number"), .attr("data-label", TextKey.networkTotal(l)), .safe(f.money(y.total))))
        }
        let perYear: Node<HTML.BodyContext> = .section(
            .id("per-year"), .h2(.safe(TextKey.networkPerYear(l))),
            n.perYear.isEmpty
                ? .p(.class("muted"), .safe(TextKey.networkNoContributions(l)))
                : .group(
                    chart(
                        n.perYear.map { y in
                            // A year of volunteers' work only is captioned with its hours, not "0,00 лв.".
                            BarChart.Row(
                                label: String(y.year), value: y.total.minorUnits,
                                caption: [
                                    y.total.minorUnits != 0 || y.hours == .zero ? f.money(y.total) : nil,
                                    y.hours > .zero ? TextKey.hoursShort(l, ["hours": f.number(y.hours)]) : nil,
                                ].compactMap { $0 }.joined(separator: " · "))
                        }, title: TextKey.networkPerYear(l)),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .class("stack"),
                            .thead(
                                .tr(
                                    .th(.attr("scope", "col"), .safe(TextKey.networkYear(l))),
                                    .th(.attr("scope", "col"), .class("number"), .safe(TextKey.partnershipCash(l))),
                                    .th(.attr("scope", "col"), .class("number"), .safe(TextKey.partnershipGift(l))),
                                    .th(.attr("scope", "col"), .class("number"), .safe(TextKey.partnershipVolunteerWork(l))),
                                    .th(.attr("scope", "col"), .class("number"), .safe(TextKey.networkTotal(l))))),
                            .tbody(.group(yearRows))))))

        /// A section listing something, or saying there is nothing.
        func listing(_ id: String, _ title: TextKey, _ none: TextKey, _ items: [Node<HTML.ListContext>]) -> Node<HTML.BodyContext> {
            .section(
                .id(id), .h2(.safe(title(l))),
                items.isEmpty ? .p(.class("muted"), .safe(none(l))) : .ul(.class("plain-list"), .group(items)))
        }
        let shared = listing(
            "shared", .networkShared, .networkNoneShared,
            n.sharedPartners.map { s in
                .li(.link(SiteURL.record(.partners, String(s.partnerID)).path, s.name), .safe(" · " + s.libraries.joined(separator: "; ")))
            })
        let lapsed = listing(
            "lapsed", .networkLapsed, .networkNoneLapsed,
            n.lapsed.map { x in
                .li(
                    .link(SiteURL.partnership(x.partnershipID).path, x.partnerName), .safe(" · " + x.libraries.joined(separator: "; ")),
                    x.endedOn.map { .safe(" · " + f.date($0)) } ?? .empty,
                    x.stillMarkedRunning ? .span(.class("tag flag"), .safe(TextKey.networkStillRunning(l))) : .empty)
            })

        let filter: Node<HTML.BodyContext> =
            model.mayChooseDistrict
            ? .form(
                .class("filters"), .method(.get), .action(SiteURL.partnershipNetwork.path),
                FilterView.select("district", .fieldDistrict, .allDistricts, .districts(l), model.district, l),
                .div(.class("filter-actions"), .button(.type(.submit), .class("button"), .safe(TextKey.filter(l)))))
            : .empty
        let lead =
            model.district.map { TextKey.networkLeadDistrict(l, ["district": districtName($0)]) } ?? TextKey.networkLead(l)
        let empty = n.byKind.isEmpty
        return Layout.page(
            context, title: TextKey.networkTitle(l), breadcrumbs: [(SiteURL.partnerships.path, TextKey.partnershipsTitle(l))],
            body: [
                .h1(.safe(TextKey.networkTitle(l))),
                .p(.class("lead"), .safe(lead)),
                filter,
                empty ? .p(.class("muted"), .safe(TextKey.networkNone(l))) : .group(byKind, byDistrict, perYear, shared, lapsed),
            ])
    }
}
