import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Everyday use: small things a librarian meets")
struct EverydayUseTests {
    @Test(
        "a new budget line starts with its currency and source chosen, both marked required, signs not codes; versions compare block by block"
    )
    func budgetRowDefaults() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let page = try await admin.get("/services/\(id)/edit/budget").text
            // Design 9 has no budget: its only row is the new one.
            let row = try #require(
                page.components(separatedBy: "data-row=\"0\"").dropFirst().first?.components(separatedBy: "</fieldset>").first)
            #expect(row.contains("<option value=\"\(FundingSource.undecided.rawValue)\" selected=\"selected\">"))
            #expect(row.contains("<option value=\"EUR\" selected=\"selected\">€</option>"))
            #expect(row.contains("<option value=\"BGN\">лв.</option>"))
            #expect(!row.contains(">BGN<"))
            #expect(row.components(separatedBy: "class=\"required\"").count - 1 == 4)
            // Saved as rendered, with only the line's name and price typed: it is kept.
            let version = try #require(try await DesignStore(db: app.sql).find(id)).version
            let saved = try await admin.post(
                "/services/\(id)/edit/budget",
                [
                    "version": String(version), "budget-0-item": "Таблети", "budget-0-quantity": "2", "budget-0-unit_cost": "150",
                    "budget-0-currency": "EUR", "budget-0-source": "own_budget",
                ])
            #expect(saved.status == .seeOther)
            let line = try #require(try await DesignStore(db: app.sql).find(id)?.design.budget.first)
            #expect(line.item == "Таблети" && line.source == .ownBudget)

            // The two versions compared: block by block, side by side, the new line marked as added;
            // the comparison is asked for by GET and carries no CSRF token in its address.
            let history = try await admin.get("/services/\(id)/history").text
            let compareForm = try #require(
                history.components(separatedBy: "<form method=\"get\"").dropFirst().first?.components(separatedBy: "</form>").first)
            #expect(!compareForm.contains("_csrf"))
            let compared = try await admin.get("/services/\(id)/history/compare?from=\(version)&to=\(version + 1)").text
            #expect(compared.contains("<caption>\(DesignBlock.budget.title(.bg))</caption>"))
            #expect(compared.contains("<th scope=\"col\">\(TextKey.versionNumber(.bg, ["version": String(version)]))</th>"))
            #expect(compared.contains("<ins>Таблети</ins>"))
            #expect(!compared.contains("<caption>\(DesignBlock.target.title(.bg))</caption>"))
        }
    }

    @Test("the catalogue offers only the stages a practice can be at, and a practice's page marks the catalogue in the menu")
    func catalogue() async throws {
        try await withApp(demo: true) { app in
            let visitor = Browser(app)
            let catalogue = try await visitor.get("/practices").text
            #expect(!catalogue.contains("<option value=\"idea\""))
            #expect(!catalogue.contains("<option value=\"planned\""))
            #expect(catalogue.contains("<option value=\"running\""))
            #expect(try await visitor.get("/services").text.contains("<option value=\"idea\""))
            let practice = try await app.id("service_designs", where: "title", is: VelingradDemo.practices[0].design.title)
            let page = try await visitor.get("/services/\(practice)").text
            #expect(page.contains("<a href=\"/practices\" aria-current=\"page\">"))
            #expect(!page.contains("<a href=\"/services\" aria-current=\"page\">"))
        }
    }

    @Test("numbers people would rather see: participants by district on the report and the participants page, indicators against targets")
    func charts() async throws {
        try await withApp(demo: true) { app in
            // Velingrad: 46 from Pazardzhik, 44 from Smolyan, 5 not given.
            let report = try await Browser(app).get("/meetings/1/report").text
            #expect(report.inOrder("class=\"district-chart\"", "<svg", "Пазарджик", "Смолян", "</svg>"))
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            #expect(try await admin.get("/meetings/1/participants").text.inOrder("class=\"district-chart\"", "<svg", "Пазарджик", "</svg>"))

            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            #expect(!(try await Browser(app).get("/services/\(id)").text.contains("indicator-chart")))
            let store = DesignStore(db: app.sql)
            let stored = try #require(try await store.find(id))
            var design = stored.design
            design.indicators = [Indicator(name: "Обучени пенсионери", unit: .people, target: FixedDecimal(20), actual: FixedDecimal(24))]
            #expect(
                try await store.update(id, design, expectedVersion: stored.version, by: nil, block: nil)
                    == .saved(version: stored.version + 1))
            let page = try await Browser(app).get("/services/\(id)").text
            #expect(page.inOrder("class=\"indicator-chart\"", "Обучени пенсионери", "24 / 20 (120,0\u{00A0}%)", "</svg>", "<table"))
        }
    }
}
