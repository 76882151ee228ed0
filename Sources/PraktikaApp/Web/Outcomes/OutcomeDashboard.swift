import Fluent
import Foundation
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// What a dashboard shows: the scope's figures and per-item shares beside the network's.
struct OutcomeDashboardModel: Sendable {
    let scopeName: String
    let district: String?
    let libraryID: Int64?
    let figures: OutcomeDashboardQuery.Figures
    /// Per survey kind, the scope's shares beside the network's.
    let rows: [(SurveyKind, [OutcomeComparisonRow])]
    let byDistrict: [OutcomeDashboardQuery.DistrictRow]
    let services: [OutcomeDashboardQuery.ServiceRow]
    let libraries: [FormOption]
    let isNetwork: Bool
    /// Coordinators and administrators review indicator results.
    let mayReview: Bool
    let areas: OutcomeAreas

    var csvQuery: [(String, String)] { [("district", district ?? ""), ("library", libraryID.map(String.init) ?? "")] }
}

/// „Резултати“: the network's, a district's or a library's outcomes.
struct OutcomeDashboardController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.outcomes, use: dashboard)
        routes.get(.outcomesCSV, use: csv)
        routes.get(.outcomeAreas, use: areas)
        routes.post(.outcomeAreas, use: addArea)
    }

    // MARK: Outcome areas

    @Sendable func areas(_ req: Request) async throws -> Response {
        try await areasPage(req, values: [:], errors: FieldErrors(), status: .ok)
    }

    private func areasPage(_ req: Request, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let areas = try await OutcomeStore(db: req.sql).areas()
        return HTMLResponse.make(
            OutcomeDashboardView.areas(areas, mayAdd: req.actor?.role == .admin, values: values, errors: errors, req.page), status: status)
    }

    /// Administrators add an area for the whole network; it cannot be changed once services use it.
    @Sendable func addArea(_ req: Request) async throws -> Response {
        guard let actor = req.actor else { throw Abort(.unauthorized) }
        guard actor.role == .admin else { throw Abort(.forbidden) }
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        let reader = FormReader(input)
        let store = OutcomeStore(db: req.sql)
        let (nameBG, nameEN) = (reader.text("name_bg"), reader.text("name_en"))
        let errors = AreaChoice.validate(nameBG: nameBG, nameEN: nameEN, existing: try await store.areas().all)
        guard errors.isEmpty, let nameBG, let nameEN else {
            return try await areasPage(req, values: input, errors: errors, status: .unprocessableEntity)
        }
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let code = try await OutcomeStore(db: sql).addArea(nameBG: nameBG, nameEN: nameEN)
            try await AuditStore(db: sql).record(actor: actor, action: .create, entity: "outcome_area", entityID: code, entityName: nameBG)
        }
        return req.seeOther(SiteURL.outcomeAreas.path, flash: .flashCreated)
    }

    @Sendable func dashboard(_ req: Request) async throws -> Response {
        HTMLResponse.make(OutcomeDashboardView.render(try await model(req), req.page))
    }

    /// The dashboard's shares as CSV, for the scope the query names.
    @Sendable func csv(_ req: Request) async throws -> Response {
        let model = try await model(req)
        let l = req.language
        let columns: [String?] = [model.scopeName, nil, model.isNetwork ? nil : TextKey.outcomesSeriesNetwork(l)]
        let text = OutcomeResults.csv(model.rows, columns: columns, language: l)
        return TextDownload.response(text, contentType: "text/csv; charset=utf-8", filename: "outcome-results.csv")
    }

    func model(_ req: Request) async throws -> OutcomeDashboardModel {
        let l = req.language
        let district = (try? req.query.get(String.self, at: "district")).flatMap { District.named($0)?.code }
        let libraryID = (try? req.query.get(Int64.self, at: "library"))
        let lookups = RegistryLookups(db: req.sql)
        let libraryName = libraryID == nil ? nil : try await lookups.names(.libraries, [libraryID!])[libraryID!]
        let scope: OutcomeStore.Scope
        let scopeName: String
        if let libraryID, let libraryName {
            scope = .library(libraryID)
            scopeName = libraryName
        } else if let district, let named = District.named(district) {
            scope = .district(district)
            scopeName = named.name(l)
        } else {
            scope = .network
            scopeName = TextKey.dashboardNetwork(l)
        }
        let query = OutcomeDashboardQuery(db: req.sql)
        let store = OutcomeStore(db: req.sql)
        var rows: [(SurveyKind, [OutcomeComparisonRow])] = []
        for kind in SurveyKind.allCases {
            let network = try await store.pooled(kind, .network)
            let own = scope == .network ? network : try await store.pooled(kind, scope)
            // A library's own figures are its own; a district's follow the five-library rule.
            let service: [OutcomeItem: ItemTally] = own.compactMapValues { pooled in
                if case .library = scope { return pooled.tally }
                return pooled.libraries >= OutcomeResults.minimumLibraries ? pooled.tally : nil
            }
            rows.append(
                (kind, OutcomeResults.compare(kind: kind, service: service, district: [:], network: scope == .network ? [:] : network)))
        }
        var services: [OutcomeDashboardQuery.ServiceRow] = []
        for row in try await query.services(scope) where services.count < 50 {
            if row.visibility == .public {
                services.append(row)
            } else if let stored = try await DesignStore(db: req.sql).find(row.id), Policy.allows(req.actor, .view, design: stored.scope) {
                services.append(row)
            }
        }
        let model = OutcomeDashboardModel(
            scopeName: scopeName, district: district, libraryID: libraryName == nil ? nil : libraryID,
            figures: try await query.figures(scope),
            rows: rows, byDistrict: scope == .network ? try await query.byDistrict() : [],
            services: services,
            libraries: district == nil ? [] : RegistryLookups.options(try await lookups.choices(.libraries, districts: [district!]), l),
            isNetwork: scope == .network, mayReview: req.actor?.role == .admin || req.actor?.role == .coordinator,
            areas: try await store.areas())
        return model
    }
}

enum OutcomeDashboardView {
    static func areas(_ areas: OutcomeAreas, mayAdd: Bool, values: FormInput, errors: FieldErrors, _ context: PageContext) -> HTML {
        let l = context.language
        let form = FormModel(
            title: "", action: SiteURL.outcomeAreas.path,
            fields: [
                FormField(name: "name_bg", label: .fieldNameBGArea, kind: .text, required: true),
                FormField(name: "name_en", label: .fieldNameENArea, kind: .text, required: true),
            ], values: values, errors: errors, cancelHref: "")
        return Layout.page(
            context, title: TextKey.areasTitle(l), breadcrumbs: [(SiteURL.outcomes.path, TextKey.dashboardTitle(l))],
            body: [
                .h1(.safe(TextKey.areasTitle(l))),
                .p(.class("lead"), .safe(TextKey.areasIntro(l))),
                .h2(.safe(TextKey.areasStandard(l))),
                .ul(.group(OutcomeArea.allCases.map { .li(.safe($0.label(l))) })),
                areas.added.isEmpty
                    ? .empty : .group(.h2(.safe(TextKey.areasAdded(l))), .ul(.group(areas.added.map { .li(.safe($0.name(l))) }))),
                mayAdd
                    ? .group(
                        .h2(.safe(TextKey.areasAdd(l))),
                        .form(
                            .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form"),
                            Layout.csrfField(context), FormView.errorSummary(form, l),
                            .group(form.fields.map { FormView.field(form, $0, l) }),
                            .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l))))))
                    : .empty,
            ])
    }

    static func render(_ model: OutcomeDashboardModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let shown: [(TextKey, Int)] = [
            (.dashboardRunning, model.figures.running), (.dashboardServicesMeasured, model.figures.services),
            (.dashboardAnswers, model.figures.answers), (.dashboardLibraries, model.figures.libraries),
            (.dashboardResultsDue, model.figures.resultsDue),
        ]
        let figures: Node<HTML.BodyContext> = .element(
            named: "dl",
            nodes: [
                .class("figures"),
                .group(
                    shown.map { key, value in
                        .div(.element(named: "dt", nodes: [.safe(key(l))]), .element(named: "dd", nodes: [.safe(f.integer(value))]))
                    }),
            ])
        let scopeForm: Node<HTML.BodyContext> = .form(
            .method(.get), .action(SiteURL.outcomes.path), .class("filters"),
            .label(.attr("for", "district"), .safe(TextKey.district(l))),
            .element(
                named: "select",
                nodes: [
                    .attr("name", "district"), .attr("id", "district"),
                    .element(named: "option", nodes: [.attr("value", ""), .safe(TextKey.dashboardNetwork(l))]),
                    .group(
                        District.all.map { d in
                            .element(
                                named: "option",
                                nodes: [
                                    .attr("value", d.code),
                                    model.district == d.code ? .attribute(named: "selected", value: "selected") : .empty, .safe(d.name(l)),
                                ])
                        }),
                ]),
            model.district == nil
                ? .empty
                : .group(
                    .label(.attr("for", "library"), .safe(TextKey.library(l))),
                    .element(
                        named: "select",
                        nodes: [
                            .attr("name", "library"), .attr("id", "library"),
                            .element(named: "option", nodes: [.attr("value", ""), .safe(TextKey.noneSelected(l))]),
                            .group(
                                model.libraries.map { option in
                                    .element(
                                        named: "option",
                                        nodes: [
                                            .attr("value", option.value),
                                            model.libraryID.map(String.init) == option.value
                                                ? .attribute(named: "selected", value: "selected") : .empty,
                                            .safe(option.label),
                                        ])
                                }),
                        ])),
            .button(.type(.submit), .class("button secondary"), .safe(TextKey.dashboardShow(l))))
        var body: [Node<HTML.BodyContext>] = [
            .h1(.safe(TextKey.dashboardTitle(l) + " · " + model.scopeName)),
            .p(.class("lead"), .safe(TextKey.dashboardIntro(l))),
            scopeForm,
            model.mayReview ? .p(.link(SiteURL.outcomeReviews.path, TextKey.periodsDueTitle(l), .class("button secondary"))) : .empty,
            figures,
            .p(.link(SiteURL.outcomesCSV.with(model.csvQuery), TextKey.outcomesResultsCSV(l))),
        ]
        if model.figures.answers == 0 {
            body.append(.p(.class("empty"), .safe(TextKey.dashboardNoAnswers(l))))
        }
        let series = [
            OutcomeChart.Series(name: model.scopeName, fill: "#2f6f8f"),
            OutcomeChart.Series(name: "", fill: "#8fb3c4"),
            OutcomeChart.Series(name: TextKey.outcomesSeriesNetwork(l), fill: "#c9d9e0"),
        ]
        for (kind, rows) in model.rows where rows.contains(where: { $0.service.answered > 0 || $0.network != nil }) {
            body.append(.h2(.safe(kind.label(l))))
            body.append(
                .raw(OutcomeChart.svg(rows, series: series, title: kind.label(l) + " · " + model.scopeName, language: l, format: f)))
        }
        body.append(.p(.class("hint"), .safe(TextKey.outcomesSuppressionNote(l, ["min": String(OutcomeResults.minimumLibraries)]))))
        if !model.figures.areas.isEmpty {
            body.append(.h2(.safe(TextKey.dashboardAreasCovered(l))))
            body.append(
                .ul(
                    .group(
                        model.areas.all.compactMap { area in
                            model.figures.areas[area.code].map { .li(.safe("\(area.name(l)): \(f.integer($0))")) }
                        })))
        }
        body.append(.p(.link(SiteURL.outcomeAreas.path, TextKey.areasTitle(l))))
        if !model.byDistrict.isEmpty {
            body.append(.h2(.safe(TextKey.dashboardByDistrict(l))))
            body.append(
                .table(
                    .class("stack"),
                    .thead(
                        .tr(
                            .th(.attr("scope", "col"), .safe(TextKey.district(l))),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.dashboardServicesMeasured(l))),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.dashboardLibraries(l))),
                            .th(.attr("scope", "col"), .class("number"), .safe(TextKey.dashboardAnswers(l))))),
                    .tbody(
                        .group(
                            model.byDistrict.map { row in
                                .tr(
                                    .td(
                                        .link(
                                            SiteURL.outcomes.with([("district", row.code)]), District.named(row.code)?.name(l) ?? row.code)),
                                    .td(
                                        .class("number"), .attr("data-label", TextKey.dashboardServicesMeasured(l)),
                                        .safe(f.integer(row.services))),
                                    .td(
                                        .class("number"), .attr("data-label", TextKey.dashboardLibraries(l)),
                                        .safe(f.integer(row.libraries))),
                                    .td(.class("number"), .attr("data-label", TextKey.dashboardAnswers(l)), .safe(f.integer(row.answers))))
                            }))))
        }
        if !model.services.isEmpty {
            body.append(.h2(.safe(TextKey.dashboardServices(l))))
            body.append(
                .ul(
                    .class("outcome-services"),
                    .group(
                        model.services.map { row in
                            .li(.link(SiteURL.serviceOutcomes(row.id, .overview).path, row.title), .safe(" · " + f.integer(row.answers)))
                        })))
        }
        return Layout.page(context, title: TextKey.dashboardTitle(l), body: body)
    }
}
