import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// The home page and the districts (reference data).
struct SitePagesController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.home, use: home)
        routes.get(.registry(.districts), use: districts)
        routes.get(.record(.districts, SiteURL.anyText), use: district)
    }

    static let counted: [(RegistryArea, String)] = [
        (.libraries, "libraries"), (.partners, "partners"), (.settlements, "settlements"), (.municipalities, "municipalities"),
    ]

    @Sendable func home(_ req: Request) async throws -> Response {
        let context = req.page
        let l = context.language
        var figures: [(RegistryArea, Int)] = []
        for (area, table) in Self.counted {
            let n =
                try await req.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?
                .decode(column: "n", as: Int.self) ?? 0
            figures.append((area, n))
        }
        // The newest designs this person may read.
        var recent = ListQuery()
        recent.sort = "updated"
        recent.descending = true
        let (designs, designCount) = try await DesignListQuery.rows(req.sql, recent, context.actor)
        let latest: Node<HTML.BodyContext> =
            designs.isEmpty
            ? .empty
            : .group(
                .h2(.safe(TextKey.homeLatestServices(l))),
                .ul(
                    .class("latest"),
                    .group(
                        designs.prefix(5).map { row in
                            .li(
                                .link(SiteURL.service(row.id).path, row.title), .text(" "),
                                .span(
                                    .class("status status-\(row.status)"), .safe(DesignStatus(rawValue: row.status)?.label(l) ?? row.status)
                                ))
                        })),
                .p(.link(SiteURL.services.path, TextKey.homeAllServices(l, ["count": context.format.integer(designCount)]))))
        // Someone signed in starts with their own work; the network's page follows it.
        let today = LocalDate(Date())
        let start: Node<HTML.BodyContext>? = try await context.actor.asyncFlatMap { actor in
            StartPageView.render(try await StartPageQuery.load(req.sql, actor, today: today), actor, today: today, context)
        }
        return HTMLResponse.make(
            Layout.page(
                context, title: context.actor == nil ? TextKey.homeTitle(l) : TextKey.startTitle(l),
                body: [
                    start ?? .h1(.safe(TextKey.homeTitle(l))),
                    start == nil ? .empty : .h2(.class("start-network"), .safe(TextKey.startNetwork(l))),
                    .p(.class("lead"), .safe(TextKey.homeIntro(l))),
                    .h2(.safe(TextKey.homeNetworkFigures(l))),
                    .ul(
                        .class("figures"),
                        .group(
                            figures.map { area, n in
                                .li(
                                    .a(
                                        .attr("href", SiteURL.registry(area).path),
                                        .span(.class("figure"), .safe(context.format.integer(n))),
                                        .span(.safe(area.title(l)))))
                            })),
                    latest,
                    .p(.safe(TextKey.homeRegistryIntro(l))),
                    Layout.registryNav(context, current: .libraries),
                ]))
    }

    @Sendable func districts(_ req: Request) async throws -> Response {
        let context = req.page
        let l = context.language
        let counts = try await req.sql.raw(
            "SELECT district_code, COUNT(*) AS n FROM libraries WHERE district_code IS NOT NULL GROUP BY district_code"
        ).all()
        var libraries: [String: Int] = [:]
        for row in counts {
            libraries[try row.decode(column: "district_code", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let model = RegistryListModel(
            area: .districts,
            columns: [ListColumn(header: .fieldCode), ListColumn(header: .fieldName), ListColumn(header: .libraries)],
            rows: District.all.map { d in
                [
                    .text(d.code), .link(SiteURL.record(.districts, d.code).path, d.name(l)),
                    .text(context.format.integer(libraries[d.code] ?? 0)),
                ]
            },
            total: District.all.count, query: ListQuery(), kindOptions: [], canCreate: false, newTitle: .districts,
            showFilters: false)
        return HTMLResponse.make(RegistryListView.render(model, context))
    }

    @Sendable func district(_ req: Request) async throws -> Response {
        let context = req.page
        let l = context.language
        guard let code = req.parameters.get(SiteURL.idParameter), let district = District.named(code) else { throw Abort(.notFound) }
        let municipalities = try await Lookups.related(
            req.sql, area: .municipalities, table: "municipalities", column: "district_code", value: code)
        let libraries = try await Lookups.related(req.sql, area: .libraries, table: "libraries", column: "district_code", value: code)
        let partners = try await Lookups.related(req.sql, area: .partners, table: "partners", column: "district_code", value: code)
        let model = RegistryRecordModel(
            area: .districts, id: code, name: district.name(l),
            details: [
                DetailRow(label: .fieldCode, value: .text(district.code)),
                DetailRow(label: .fieldNameBG, value: .text(district.nameBG)),
                DetailRow(label: .fieldNameEN, value: .text(district.nameEN)),
            ],
            related: [
                RelatedSection(title: .municipalities, items: municipalities),
                RelatedSection(title: .relatedLibraries, items: libraries),
                RelatedSection(title: .relatedPartners, items: partners),
            ],
            canEdit: false, canDelete: false)
        return HTMLResponse.make(RegistryRecordView.render(model, context))
    }
}
