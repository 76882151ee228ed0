import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Good practices")
struct PracticeTests {
    static let password = VelingradDemo.demoPassword

    @Test("a design that has run is published, listed at /practices, adopted by another district's library, and withdrawn")
    func publishAndAdopt() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)

            let early = try await librarian.post("/services/\(id)/publish", ["what_worked": "Анкетите в клуба"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("Само услуга, която се изпълнява"))

            // The service runs: needs, an activity, an indicator with a target and what was achieved.
            let store = DesignStore(db: app.sql)
            var design = try #require(try await store.find(id)).design
            design.status = .running
            design.needs = "Умения за интернет и нови контакти"
            design.indicators = [Indicator(name: "Обучени пенсионери", unit: .people, target: FixedDecimal(20), actual: FixedDecimal(24))]
            #expect(try await store.update(id, design, expectedVersion: 1, by: nil, block: nil) == .saved(version: 2))

            let published = try await librarian.post(
                "/services/\(id)/publish", ["what_worked": "Анкетите в пенсионерския клуб", "what_did_not": "Вечерните часове"])
            #expect(published.status == .seeOther)
            let catalogue = try await Browser(app).get("/practices")
            #expect(catalogue.text.contains("Пенсионери ONLINE"))
            #expect(catalogue.text.contains("Записи: \(VelingradDemo.practices.count + 1)"))
            #expect(try await Browser(app).get("/practices?q=pensioneri").readable.contains("Пенсионери ONLINE"))

            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", Self.password)
            #expect(try await coordinator.get("/services/\(id)/adopt").status == .ok)
            let pazardzhikRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let adopted = try await coordinator.post("/services/\(id)/adopt", ["library_id": String(pazardzhikRB)])
            #expect(adopted.status == .seeOther)
            let copyID = try #require(Int64(adopted.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let copy = try #require(try await store.find(copyID)).design
            #expect(copy.adoptedFrom == id && copy.status == .idea && copy.libraryIDs == [pazardzhikRB] && copy.practice == nil)
            #expect(copy.indicators.first?.actual == nil)

            let page = try await Browser(app).get("/services/\(id)")
            #expect(page.text.contains("Анкетите в пенсионерския клуб"))
            #expect(page.text.inOrder("class=\"breadcrumbs\"", "href=\"/practices\"", "Добри практики", "<h1>"))
            #expect(page.text.contains("Адаптирана от 1 библиотека: Пазарджик (1)"))
            let copyPage = try await coordinator.get("/services/\(copyID)").text
            #expect(copyPage.contains("Адаптирана от:"))
            // The copy is a design, not (yet) a practice.
            #expect(copyPage.inOrder("class=\"breadcrumbs\"", "href=\"/services\"", "<h1>"))

            // The copy runs too; the practice page then compares what each reached of its own target.
            var copied = try #require(try await store.find(copyID)).design
            copied.indicators = [Indicator(name: "Обучени  пенсионери", unit: .people, target: FixedDecimal(10), actual: FixedDecimal(5))]
            #expect(try await store.update(copyID, copied, expectedVersion: 1, by: nil, block: nil) == .saved(version: 2))
            let compared = try await coordinator.get("/services/\(id)")
            #expect(compared.text.contains("Резултатите на адаптиралите"))
            #expect(compared.text.contains("24 / 20 (120,0\u{00A0}%)"))
            #expect(compared.text.contains("5 / 10 (50,0\u{00A0}%)"))
            #expect(try await Browser(app).post("/services/\(id)/adopt", ["library_id": String(pazardzhikRB)]).status == .unauthorized)

            // A librarian adopts in one step: the practice page's button makes the copy for their library at once.
            let smolyan = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            let practicePage = try await smolyan.get("/services/\(id)").text
            let marker = "name=\"library_id\" value=\""
            let start = try #require(practicePage.range(of: marker)?.upperBound)
            let ownLibrary = String(practicePage[start...].prefix { $0 != "\"" })
            #expect(practicePage.inOrder("action=\"/services/\(id)/adopt\"", "name=\"_csrf\"", marker))
            let oneStep = try await smolyan.post("/services/\(id)/adopt", ["library_id": ownLibrary])
            #expect(oneStep.status == .seeOther)
            let ownCopyID = try #require(Int64(oneStep.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let ownCopy = try #require(try await store.find(ownCopyID)).design
            #expect(ownCopy.libraryIDs.map(String.init) == [ownLibrary] && ownCopy.adoptedFrom == id && ownCopy.summary == nil)

            #expect(try await librarian.post("/services/\(id)/unpublish", [:]).status == .seeOther)
            #expect(try await Browser(app).get("/practices").text.contains("Записи: \(VelingradDemo.practices.count)"))
        }
    }

    @Test("the practices API lists, shows and adopts published practices only")
    func practicesAPI() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let store = DesignStore(db: app.sql)
            var design = try #require(try await store.find(id)).design
            design.status = .completed
            design.needs = "Умения"
            design.indicators = [Indicator(name: "Обучени", unit: .people, target: FixedDecimal(20), actual: FixedDecimal(24))]
            design.practice = PracticeStory(whatWorked: "Анкетите", publishedOn: LocalDate(year: 2026, month: 1, day: 10)!)
            #expect(try await store.update(id, design, expectedVersion: 1, by: nil, block: nil) == .saved(version: 2))
            let client = Browser(app)
            var json = HTTPHeaders()
            json.contentType = .json
            let list = try await client.send(.GET, "/api/v1/practices?q=pensioneri")
            #expect(list.status == .ok && list.text.contains("\"id\":\(id)") && list.text.contains("\"total\":1"))
            #expect(try await client.send(.GET, "/api/v1/practices?q=безработни").text.contains("\"total\":0"))
            let one = try await client.send(.GET, "/api/v1/practices/\(id)")
            #expect(one.status == .ok && one.text.contains("\"what_worked\":\"Анкетите\"") && one.text.contains("\"adoptions\":0"))
            let unpublished = try await app.id("service_designs", where: "title", is: "Безработни")
            #expect(try await client.send(.GET, "/api/v1/practices/\(unpublished)").status == .notFound)

            let auth = try await client.apiHeaders("pazardzhik@praktika.local", Self.password)
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            #expect(
                try await client.send(.POST, "/api/v1/practices/\(id)/adopt", headers: auth, body: ByteBuffer(string: "{}")).status
                    == .unprocessableEntity)
            let adopted = try await client.send(
                .POST, "/api/v1/practices/\(id)/adopt", headers: auth, body: ByteBuffer(string: "{\"library_id\":\(rb)}"))
            #expect(adopted.status == .created)
            #expect(try await client.send(.GET, "/api/v1/practices/\(id)").text.contains("\"adoptions\":1"))
            #expect(
                try await client.send(.POST, "/api/v1/practices/\(id)/adopt", headers: json, body: ByteBuffer(string: "{}")).status
                    == .unauthorized)
        }
    }
}
