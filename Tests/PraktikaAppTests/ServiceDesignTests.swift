import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Service designs (the smart chart) over HTTP")
struct ServiceDesignTests {
    static let password = VelingradDemo.demoPassword

    func version(_ app: Application, _ id: Int64) async throws -> Int {
        try await app.sql.select().column("version").from("service_designs").where("id", .equal, id).first()!
            .decode(column: "version", as: Int.self)
    }

    func stored(_ app: Application, _ id: Int64) async throws -> ServiceDesign {
        try #require(try await DesignStore(db: app.sql).find(id)).design
    }

    func jsonBody(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(string: String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }

    func location(_ response: TestingHTTPResponse) -> String { response.headers.first(name: .location) ?? "" }

    @Test("the nine Velingrad designs render; the one for women at risk stays private")
    func demoDesigns() async throws {
        try await withApp(demo: true) { app in
            #expect(try await app.count("service_designs") == VelingradDemo.designs.count + VelingradDemo.practices.count)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            for demo in VelingradDemo.designs {
                let id = try await app.id("service_designs", where: "title", is: demo.design.title)
                let page = try await admin.get("/services/\(id)")
                #expect(page.status == .ok, "group \(demo.table)")
                #expect(page.text.contains(demo.design.title.htmlEscaped), "group \(demo.table)")
                for activity in demo.design.activities {
                    #expect(page.text.contains(activity.title.htmlEscaped), "group \(demo.table)")
                }
            }
            let first = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            #expect(try await admin.get("/services/\(first)").text.contains("2 950,00 лв. (≈ 1 508,31 €)"))

            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            let visitor = Browser(app)
            let list = try await visitor.get("/services")
            #expect(list.text.contains("Пенсионери ONLINE"))
            #expect(!list.text.contains("Жени, жертва на домашно насилие"))
            // Not found, as for a design that does not exist: a visitor cannot tell private designs exist.
            #expect(try await visitor.get("/services/\(women)").status == .notFound)
            #expect(try await visitor.get("/services/999999").status == .notFound)
            // Both offer to sign in, back to the same page: the librarian whose design it is gets there, no one learns more.
            #expect(try await visitor.get("/services/\(women)").text.contains("href=\"/sign-in?back=/services/\(women)\""))
            #expect(try await visitor.get("/services/999999").text.contains("href=\"/sign-in?back=/services/999999\""))
            #expect(try await visitor.send(.GET, "/api/v1/services/\(women)").status == .notFound)
            let partner = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            #expect(try await partner.get("/services/\(women)").status == .notFound)
            // Changing it through the API is "not found" too, not "forbidden", for someone who may not read it.
            let stored = try #require(try await DesignStore(db: app.sql).find(women))
            let body =
                #"{"version":\#(stored.version),"design":"# + String(decoding: try JSONEncoder().encode(stored.design), as: UTF8.self) + "}"
            let client = Browser(app)
            let headers = try await client.apiHeaders("partner@praktika.local", Self.password)
            #expect(
                try await client.send(.PUT, "/api/v1/services/\(women)", headers: headers, body: ByteBuffer(string: body)).status
                    == .notFound)
            #expect(try await client.send(.DELETE, "/api/v1/services/\(women)", headers: headers).status == .notFound)
            #expect(!(try await partner.get("/services").text.contains("Жени, жертва на домашно насилие")))
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            #expect(try await librarian.get("/services/\(women)").status == .ok)
            #expect(try await librarian.get("/services").text.contains("Жени, жертва на домашно насилие"))
        }
    }

    @Test("a librarian designs a service from scratch: budget in euro and leva, two partners, indicators, then planned")
    func designFromScratch() async throws {
        try await withApp(demo: true) { app in
            let smolyanRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let youth = try await app.id("partners", where: "name", is: "Младежки дом – Пазарджик")
            let peace = try await app.id("partners", where: "name", is: "Корпус на мира")
            let me = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)

            let missing = try await me.post("/services", ["title": "", "library-0-id": String(smolyanRB), "target_category": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("id=\"field-title-error\""))
            #expect(missing.text.contains("id=\"field-target_category-error\""))

            let created = try await me.post(
                "/services", ["title": "Дигитални умения 60+", "library-0-id": String(smolyanRB), "target_category": "pensioners"])
            #expect(created.status == .seeOther)
            let id = try #require(Int64(location(created).split(separator: "/").last ?? ""))
            #expect(try await stored(app, id).visibility == .public)

            let budget = try await me.post(
                "/services/\(id)/edit/budget",
                [
                    "version": "1",
                    "budget-0-item": "Дипляни", "budget-0-quantity": "1", "budget-0-unit_cost": "300", "budget-0-currency": "BGN",
                    "budget-0-source": "own_budget",
                    "budget-1-item": "Таблети", "budget-1-quantity": "2", "budget-1-unit_cost": "45,50", "budget-1-currency": "EUR",
                    "budget-1-source": "project_grant",
                    "budget-2-item": "", "budget-2-currency": "EUR", "budget-2-source": "undecided",
                ])
            #expect(budget.status == .seeOther)
            let chart = try await me.get("/services/\(id)")
            // 300 лв. = 153,39 €; + 2 × 45,50 € = 244,39 € ≈ 477,99 лв.
            #expect(chart.text.contains("244,39 € (≈ 477,99 лв.)"))
            #expect(chart.text.contains("300,00 лв."))

            let partners = try await me.post(
                "/services/\(id)/edit/partners",
                [
                    "version": "2", "partner-0-id": String(youth), "partner-0-role": "доброволци-обучители",
                    "partner-1-id": String(peace), "partner-1-role": "методическа помощ",
                    "partner-2-name": "Пенсионерски клуб „Родопа“", "partner-2-kind": "pensioners_club", "partner-2-role": "събира групата",
                    "partner-2-register": "on",
                ])
            #expect(partners.status == .seeOther)
            let linked = try await stored(app, id).partners
            #expect(linked.map(\.name) == ["Младежки дом – Пазарджик", "Корпус на мира", "Пенсионерски клуб „Родопа“"])
            #expect(linked.map(\.kind) == [.youthCentre, .volunteerOrganisation, .pensionersClub])
            // The new partner was recorded in the registry on the spot, in the library's district, and linked.
            let club = try await app.id("partners", where: "name", is: "Пенсионерски клуб „Родопа“")
            #expect(linked[2].partnerID == club)
            let registered = try #require(try await RegistryStore<Partner>(db: app.sql, table: .partner).find(club))
            #expect(registered.districtCode == "BG-21")

            // "Planned" asks for needs, activities and indicators: refused, and the stage field says what is missing.
            let early = try await me.post(
                "/services/\(id)/edit/basics",
                [
                    "version": "3", "title": "Дигитални умения 60+", "library-0-id": String(smolyanRB), "status": "planned",
                    "visibility": "public",
                ])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("За този етап попълнете първо: Потребности и услуга, Дейности, Ефект."))
            #expect(try await stored(app, id).status == .idea)

            _ = try await me.post("/services/\(id)/edit/service", ["version": "3", "needs": "Страх от компютъра; самота"])
            _ = try await me.post(
                "/services/\(id)/edit/activities",
                [
                    "version": "4", "activity-0-title": "Анкета в пенсионерския клуб", "activity-0-start": "01.03.2026",
                    "activity-0-end": "15.03.2026", "activity-1-title": "Курс по ИКТ", "activity-1-start": "01.04.2026",
                ])
            let badIndicator = try await me.post(
                "/services/\(id)/edit/effect",
                ["version": "5", "indicator-0-name": "Обучени", "indicator-0-unit": "people", "indicator-0-target": "двайсет"])
            #expect(badIndicator.status == .unprocessableEntity)
            #expect(badIndicator.text.contains("Въведете число"))
            _ = try await me.post(
                "/services/\(id)/edit/effect",
                [
                    "version": "5", "indicator-0-name": "Обучени пенсионери", "indicator-0-unit": "people", "indicator-0-baseline": "0",
                    "indicator-0-target": "20",
                ])
            let planned = try await me.post(
                "/services/\(id)/edit/basics",
                [
                    "version": "6", "title": "Дигитални умения 60+", "library-0-id": String(smolyanRB), "status": "planned",
                    "visibility": "public",
                ])
            #expect(planned.status == .seeOther)
            let design = try await stored(app, id)
            #expect(design.status == .planned)
            #expect(design.activities.map(\.start) == [LocalDate(year: 2026, month: 3, day: 1), LocalDate(year: 2026, month: 4, day: 1)])
            #expect(design.indicators.first?.target == FixedDecimal(20))
            #expect(try await version(app, id) == 7)
            #expect(try await app.count("design_revisions") == VelingradDemo.designs.count + VelingradDemo.practices.count + 7)
        }
    }

    @Test("without JavaScript, lines are added and moved by the server: the form comes back changed and nothing is saved")
    func rowButtons() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let before = try await stored(app, id)
            let form = try await admin.get("/services/\(id)/edit/activities")
            #expect(form.text.contains("value=\"activity-1-up\"") && form.text.contains("value=\"activity-0-down\""))
            #expect(!form.text.contains("value=\"activity-0-up\""))
            // Move the second activity up: the form returns with the two swapped, the design unchanged.
            let titles = before.activities.map(\.title)
            try #require(titles.count >= 2)
            var typed = ["version": "1", "move_row": "activity-1-up"]
            for (i, title) in titles.enumerated() { typed["activity-\(i)-title"] = title }
            let moved = try await admin.post("/services/\(id)/edit/activities", typed)
            #expect(moved.status == .ok)
            let first = try #require(moved.text.range(of: "value=\"\(titles[1].htmlEscaped)\""))
            let second = try #require(moved.text.range(of: "value=\"\(titles[0].htmlEscaped)\""))
            #expect(first.lowerBound < second.lowerBound)
            #expect(try await version(app, id) == 1)
            #expect(try await stored(app, id).activities == before.activities)
            // Saving that form keeps the new order.
            typed["move_row"] = nil
            (typed["activity-0-title"], typed["activity-1-title"]) = (titles[1], titles[0])
            #expect(try await admin.post("/services/\(id)/edit/activities", typed).status == .seeOther)
            #expect(try await stored(app, id).activities.prefix(2).map(\.title) == [titles[1], titles[0]])

            // On the new-design form, "add a line" gives another library row instead of creating the design.
            let designs = try await app.count("service_designs")
            let added = try await admin.post("/services", ["title": "Нова услуга", "library-0-id": "1", "add_row": "library"])
            #expect(added.status == .ok)
            #expect(added.text.contains("name=\"library-1-id\"") && added.text.contains("value=\"Нова услуга\""))
            #expect(try await app.count("service_designs") == designs)
        }
    }

    @Test("with a large registry, partner rows offer the design's districts and a search adds the rest; searching saves nothing")
    func partnerSearch() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let registry = RegistryStore<Partner>(db: app.sql, table: .partner)
            for i in 0...DesignFormOptions.partnersOfferedWhole {
                _ = try await registry.insert(Partner(name: "Далечен партньор \(i)", kind: .ngo, districtCode: "BG-01"))
            }
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let form = try await admin.get("/services/\(id)/edit/partners")
            #expect(form.text.contains("name=\"partner_search\""))
            // Enter in the search box presses its own button where JavaScript runs.
            #expect(form.text.contains("data-enter-button=\"find_partner\""))
            #expect(form.text.contains("name=\"find_partner\""))
            #expect(!form.text.contains("Далечен партньор 7<"))
            let found = try await admin.post(
                "/services/\(id)/edit/partners", ["version": "1", "partner_search": "партньор 7", "find_partner": "1"])
            #expect(found.status == .ok)
            #expect(found.text.contains("Далечен партньор 7<") && found.text.contains("Далечен партньор 77<"))
            #expect(!found.text.contains("Далечен партньор 8<"))
            #expect(try await version(app, id) == 1)
            let far = try await app.id("partners", where: "name", is: "Далечен партньор 7")
            let saved = try await admin.post(
                "/services/\(id)/edit/partners", ["version": "1", "partner-0-id": String(far), "partner-0-role": "домакин"])
            #expect(saved.status == .seeOther)
            #expect(try await stored(app, id).partners.first?.partnerID == far)
            // Once linked, it stays on offer without a search.
            #expect(try await admin.get("/services/\(id)/edit/partners").text.contains("Далечен партньор 7<"))
        }
    }

    @Test("validation messages at the field in English too, and nothing saved")
    func englishValidation() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            _ = try await admin.get("/language/en")
            let response = try await admin.post(
                "/services/\(id)/edit/budget",
                [
                    "version": "1", "budget-0-item": "Laptop", "budget-0-quantity": "1", "budget-0-unit_cost": "-5",
                    "budget-0-currency": "EUR", "budget-0-source": "donation",
                ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("id=\"field-budget-0-unit_cost-error\">The value cannot be negative."))
            #expect(response.text.contains("value=\"Laptop\""))
            #expect(try await version(app, id) == 1)
        }
    }

    @Test("two people editing the same block: the second save is caught, shows the other's change and keeps what was typed")
    func concurrentEdit() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            let base = try await version(app, id)
            var form = DesignForm.input(try await stored(app, id), .budget, .bg)
            form["version"] = String(base)

            var adminForm = form
            adminForm["budget-0-unit_cost"] = "350,00"
            #expect(try await admin.post("/services/\(id)/edit/budget", adminForm).status == .seeOther)

            var mine = form
            mine["budget-1-item"] = "Закупуване на DVD дискове"
            let caught = try await librarian.post("/services/\(id)/edit/budget", mine)
            #expect(caught.status == .conflict)
            #expect(caught.text.contains("Междувременно някой друг е записал промени"))
            #expect(caught.text.contains("Администратор"))
            #expect(caught.text.contains("<del>300,00 лв.</del> → <ins>350,00 лв.</ins>"))
            #expect(caught.text.contains("value=\"Закупуване на DVD дискове\""))
            #expect(try await stored(app, id).budget[0].unitCost == Money(major: 350, currency: .BGN))
            #expect(try await stored(app, id).budget[1].item == "Закупуване на дискове")

            // Saving again from the conflict page is a deliberate choice and goes through.
            mine["version"] = String(base + 1)
            #expect(try await librarian.post("/services/\(id)/edit/budget", mine).status == .seeOther)
            #expect(try await stored(app, id).budget[1].item == "Закупуване на DVD дискове")
        }
    }

    @Test("a conflict is listed in the reader's language")
    func conflictInEnglish() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            #expect(try await librarian.post("/language/en", [:]).status == .seeOther)
            let base = try await version(app, id)
            var form = DesignForm.input(try await stored(app, id), .budget, .bg)
            form["version"] = String(base)
            var adminForm = form
            adminForm["budget-0-unit_cost"] = "350,00"
            #expect(try await admin.post("/services/\(id)/edit/budget", adminForm).status == .seeOther)
            let caught = try await librarian.post("/services/\(id)/edit/budget", form)
            #expect(caught.status == .conflict)
            #expect(caught.text.contains("<del>BGN 300.00</del> → <ins>BGN 350.00</ins>"))
            #expect(!caught.text.contains("350,00 лв."))
        }
    }

    @Test("edits of different blocks on the same version are merged, nothing is lost")
    func mergedEdit() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", Self.password)
            #expect(
                try await admin.post("/services/\(id)/edit/service", ["version": "1", "needs": "Самота и липса на умения"]).status
                    == .seeOther)
            let merged = try await coordinator.post(
                "/services/\(id)/edit/target", ["version": "1", "target_category": "pensioners", "expected_reach": "25"])
            #expect(merged.status == .seeOther)
            let design = try await stored(app, id)
            #expect(design.needs == "Самота и липса на умения")
            #expect(design.targetGroup.expectedReach == 25)
            #expect(try await version(app, id) == 3)
        }
    }

    @Test("history lists every version, compares two, and restores an old one as a new version")
    func history() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            _ = try await admin.post("/services/\(id)/edit/service", ["version": "1", "needs": "Умения за интернет"])
            let page = try await admin.get("/services/\(id)/history")
            #expect(page.status == .ok)
            #expect(page.text.contains("Потребности и услуга"))
            let compare = try await admin.get("/services/\(id)/history/compare?from=1&to=2")
            #expect(
                compare.text.contains(
                    "<th scope=\"row\">Потребности</th><td data-label=\"версия 1\"><span class=\"muted\">—</span></td><td data-label=\"версия 2\"><ins>Умения за интернет</ins></td>"
                ))
            // Restoring asks first, on a page of its own; the history has no form inside another.
            let history = try await admin.get("/services/\(id)/history")
            #expect(history.text.contains("href=\"/services/\(id)/history/1/restore\""))
            let compareForm = try #require(history.text.range(of: "action=\"/services/\(id)/history/compare\""))
            let inside = history.text[compareForm.upperBound...].prefix { _ in true }
            let formBody = String(inside[..<(inside.range(of: "</form>")?.lowerBound ?? inside.endIndex)])
            #expect(!formBody.contains("<form") && !formBody.contains("_csrf"), "no form inside the comparison's, no token in its address")
            let question = try await admin.get("/services/\(id)/history/1/restore")
            #expect(
                question.text.contains(
                    TextKey.historyRestoreQuestion(.bg, ["version": "1", "date": "", "current": "2", "next": "3"]).prefix(30)))
            #expect(question.text.contains("action=\"/services/\(id)/history/1/restore\""))
            #expect(try await version(app, id) == 2, "asking changes nothing")
            #expect(try await Browser(app).get("/services/\(id)/history/1/restore").status == .unauthorized)
            let restored = try await admin.post("/services/\(id)/history/1/restore", [:])
            #expect(restored.status == .seeOther)
            #expect(try await stored(app, id).needs == nil)
            #expect(try await version(app, id) == 3)
            #expect(try await admin.get("/services/\(id)/history").text.contains("възстановена версия 1"))
            // Every save is in the audit log too.
            let audited = try await app.sql.select().column("id").from("audit_log").where("entity", .equal, "service").all()
            #expect(audited.count == 2)
        }
    }

    @Test("who may do what with designs, through the routes")
    func permissions() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let steps: [(String?, HTTPMethod, String, HTTPStatus)] = [
                (nil, .GET, "/services", .ok), (nil, .GET, "/services/\(id)", .ok), (nil, .GET, "/services/new", .unauthorized),
                (nil, .GET, "/services/\(id)/edit/budget", .unauthorized),
                ("partner@praktika.local", .GET, "/services/\(id)/edit/budget", .forbidden),
                ("partner@praktika.local", .GET, "/services/new", .forbidden),
                ("smolyan@praktika.local", .GET, "/services/\(id)/edit/budget", .ok),
                ("smolyan@praktika.local", .GET, "/services/\(id)/delete", .forbidden),
                ("smolyan@praktika.local", .GET, "/services/\(id)/edit/nonsense", .notFound),
                ("pazardzhik@praktika.local", .GET, "/services/\(id)/delete", .ok),
                ("admin@praktika.local", .GET, "/services/new", .ok),
            ]
            var browsers: [String: Browser] = [:]
            for (who, method, path, expected) in steps {
                var browser = Browser(app)
                if let who {
                    if browsers[who] == nil { browsers[who] = try await Browser.signedIn(app, who, Self.password) }
                    browser = browsers[who]!
                }
                #expect(try await browser.send(method, path).status == expected, "\(who ?? "anonymous") \(path)")
            }
            let partner = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            #expect(try await partner.post("/services/\(id)/edit/service", ["version": "1", "needs": "x"]).status == .forbidden)
            #expect(try await stored(app, id).needs == nil)
        }
    }

    @Test("a library with designs cannot be deleted; a design can, with its history")
    func deleting() async throws {
        try await withApp(demo: true) { app in
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let refused = try await admin.post("/libraries/\(library)/delete", [:])
            #expect(refused.status == .conflict)
            // The nine designs of the work tables and three of the practices presented.
            #expect(refused.text.contains("услуги (12)"))
            let before = try await app.count("service_designs")
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            #expect(try await admin.post("/services/\(id)/delete", [:]).status == .seeOther)
            #expect(try await app.count("service_designs") == before - 1)
            #expect(try await app.count("design_revisions") == before - 1)
        }
    }

    @Test("print view, SVG diagram and leaflet are served, and only to those who may read the design")
    func output() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            let visitor = Browser(app)
            let print = try await visitor.get("/services/\(id)/print")
            #expect(print.status == .ok)
            #expect(print.text.contains("<svg"))
            #expect(print.text.contains("2 950,00 лв. (≈ 1 508,31 €)"))
            let svg = try await visitor.get("/services/\(id)/chart.svg")
            #expect(svg.status == .ok)
            #expect(svg.headers.contentType?.subType == "svg+xml")
            #expect(svg.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            let leaflet = try await visitor.get("/services/\(id)/leaflet")
            #expect(leaflet.status == .ok)
            #expect(leaflet.text.contains("class=\"sheet\""))
            #expect(leaflet.text.contains("Регионална библиотека „Никола Вранчев“"))
            for path in ["print", "chart.svg", "leaflet"] {
                #expect(try await visitor.get("/services/\(women)/\(path)").status == .notFound, "\(path)")
            }
        }
    }

    @Test("the API: list, read, create, replace with the version it was based on, conflict, delete")
    func api() async throws {
        try await withApp(demo: true) { app in
            let client = Browser(app)
            let auth = try await client.apiHeaders("smolyan@praktika.local")

            let anonymousList = try await client.send(.GET, "/api/v1/services")
            #expect(anonymousList.status == .ok)
            // Eight public designs of the work tables and the practices presented.
            #expect(anonymousList.text.contains("\"total\":\(8 + VelingradDemo.practices.count)"))
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            #expect(try await client.send(.GET, "/api/v1/services/\(women)").status == .notFound)

            let first = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let read = try await client.send(.GET, "/api/v1/services/\(first)")
            #expect(read.status == .ok)
            #expect(read.text.contains("\"minor_units\":150831"))

            let smolyanRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            var design = ServiceDesign(title: "Четене за бебета", libraryIDs: [smolyanRB], targetGroup: TargetGroup(category: .children))
            design.budget = [
                BudgetLine(
                    item: "Книжки", quantity: FixedDecimal(10), unitCost: Money(minorUnits: 1_250, currency: .EUR), source: .donation)
            ]
            let created = try await client.send(.POST, "/api/v1/services", headers: auth, body: try jsonBody(design))
            #expect(created.status == .created)
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            #expect(created.text.contains("\"version\":1"))

            // A list item names every library of its design, in name order (one statement reads them with the rows).
            let momchilovtsi = try await app.id("libraries", where: "name", is: "Библиотека при НЧ „Светлина“ – Момчиловци")
            var shared = ServiceDesign(
                title: "Споделено четене", libraryIDs: [smolyanRB, momchilovtsi], targetGroup: TargetGroup(category: .children))
            shared.needs = "Две библиотеки заедно"
            #expect(try await client.send(.POST, "/api/v1/services", headers: auth, body: try jsonBody(shared)).status == .created)
            let listed = try await client.send(.GET, "/api/v1/services", headers: auth)
            let items = try #require(
                (try JSONSerialization.jsonObject(with: Data(listed.text.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
            let libraries = { (title: String) in items.first { $0["title"] as? String == title }?["libraries"] as? [String] }
            #expect(
                libraries("Споделено четене") == ["Библиотека при НЧ „Светлина“ – Момчиловци", "Регионална библиотека „Никола Вранчев“"])
            #expect(libraries("Четене за бебета") == ["Регионална библиотека „Никола Вранчев“"])

            design.needs = "Родителите търсят книжки за най-малките"
            struct Body: Encodable {
                let version: Int
                let design: ServiceDesign
            }
            let saved = try await client.send(
                .PUT, "/api/v1/services/\(id)", headers: auth, body: try jsonBody(Body(version: 1, design: design)))
            #expect(saved.status == .ok)
            #expect(saved.text.contains("\"version\":2"))

            design.goal = "Четене всяка седмица"
            let stale = try await client.send(
                .PUT, "/api/v1/services/\(id)", headers: auth, body: try jsonBody(Body(version: 1, design: design)))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("\"code\":\"conflict\""))
            #expect(stale.text.contains("Родителите търсят книжки за най-малките"))

            design.budget[0].unitCost = Money(minorUnits: -1, currency: .EUR)
            let invalid = try await client.send(
                .PUT, "/api/v1/services/\(id)", headers: auth, body: try jsonBody(Body(version: 2, design: design)))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("budget-0-unit_cost"))

            let revisions = try await client.send(.GET, "/api/v1/services/\(id)/revisions", headers: auth)
            #expect(revisions.text.contains("\"version\":2"))
            #expect(try await client.send(.DELETE, "/api/v1/services/\(id)", headers: auth).status == .forbidden)
        }
    }
}
