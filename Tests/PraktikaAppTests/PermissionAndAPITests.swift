import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Permissions over HTTP and the API")
struct PermissionAndAPITests {
    /// Who may do what through the real routes, on the demo data (password praktika-demo).
    struct Step: Sendable {
        let who: String?
        let method: HTTPMethod
        let path: String
        let expected: HTTPStatus
    }

    @Test("role × action table walked through the pages")
    func roleTable() async throws {
        try await withApp(demo: true) { app in
            let smolyanRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let pazardzhikRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let steps: [Step] = [
                Step(who: nil, method: .GET, path: "/libraries", expected: .ok),
                Step(who: nil, method: .GET, path: "/people", expected: .unauthorized),
                Step(who: nil, method: .GET, path: "/libraries/new", expected: .unauthorized),
                Step(who: "partner@praktika.local", method: .GET, path: "/people", expected: .ok),
                Step(who: "partner@praktika.local", method: .GET, path: "/libraries/\(smolyanRB)/edit", expected: .forbidden),
                Step(who: "smolyan@praktika.local", method: .GET, path: "/libraries/\(smolyanRB)/edit", expected: .ok),
                Step(who: "smolyan@praktika.local", method: .GET, path: "/libraries/\(pazardzhikRB)/edit", expected: .forbidden),
                Step(who: "smolyan@praktika.local", method: .GET, path: "/libraries/new", expected: .forbidden),
                Step(who: "smolyan@praktika.local", method: .GET, path: "/partners/new", expected: .ok),
                Step(who: "smolyan@praktika.local", method: .GET, path: "/audit", expected: .forbidden),
                Step(who: "pazardzhik@praktika.local", method: .GET, path: "/libraries/\(pazardzhikRB)/edit", expected: .ok),
                Step(who: "pazardzhik@praktika.local", method: .GET, path: "/libraries/\(smolyanRB)/edit", expected: .forbidden),
                Step(who: "pazardzhik@praktika.local", method: .GET, path: "/libraries/\(pazardzhikRB)/delete", expected: .ok),
                Step(who: "admin@praktika.local", method: .GET, path: "/libraries/\(smolyanRB)/delete", expected: .ok),
                Step(who: "admin@praktika.local", method: .GET, path: "/users", expected: .ok),
            ]
            var browsers: [String: Browser] = [:]
            for step in steps {
                let browser: Browser
                if let who = step.who {
                    if browsers[who] == nil { browsers[who] = try await Browser.signedIn(app, who, VelingradDemo.demoPassword) }
                    browser = browsers[who]!
                } else {
                    browser = Browser(app)
                }
                let response = try await browser.send(step.method, step.path)
                #expect(response.status == step.expected, "\(step.who ?? "anonymous") \(step.method) \(step.path)")
            }
        }
    }

    @Test("a coordinator cannot record a library in another district; the message is at the district field")
    func notYourDistrict() async throws {
        try await withApp(demo: true) { app in
            let browser = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let before = try await app.count("libraries")
            let refused = try await browser.post("/libraries", ["name": "Нова", "kind": "municipal", "district_code": "BG-21"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Можете да записвате само данни от своята област."))
            let accepted = try await browser.post("/libraries", ["name": "Нова", "kind": "municipal", "district_code": "BG-13"])
            #expect(accepted.status == .seeOther)
            #expect(try await app.count("libraries") == before + 1)
        }
    }

    @Test("the API: token, create, validation, permissions, revoke")
    func api() async throws {
        try await withApp(demo: true) { app in
            let client = Browser(app)
            var headers = HTTPHeaders()
            headers.contentType = .json
            let bad = try await client.send(
                .POST, "/api/v1/tokens", headers: headers,
                body: ByteBuffer(string: #"{"email":"smolyan@praktika.local","password":"nope"}"#))
            #expect(bad.status == .unauthorized)
            let good = try await client.send(
                .POST, "/api/v1/tokens", headers: headers,
                body: ByteBuffer(string: #"{"email":"smolyan@praktika.local","password":"praktika-demo"}"#))
            #expect(good.status == .created)
            let token = try JSONDecoder().decode([String: String].self, from: Data(good.text.utf8))["token"]!
            headers.bearerAuthorization = BearerAuthorization(token: token)

            let invalid = try await client.send(
                .POST, "/api/v1/partners", headers: headers,
                body: ByteBuffer(string: #"{"name":"","kind":"museum","district_code":"BG-21"}"#))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("Полето е задължително."))
            let elsewhere = try await client.send(
                .POST, "/api/v1/partners", headers: headers,
                body: ByteBuffer(string: #"{"name":"Музей","kind":"museum","district_code":"BG-13"}"#))
            #expect(elsewhere.status == .unprocessableEntity)
            let created = try await client.send(
                .POST, "/api/v1/partners", headers: headers,
                body: ByteBuffer(string: #"{"name":"Исторически музей – Смолян","kind":"museum","district_code":"BG-21"}"#))
            #expect(created.status == .created)
            let partner = try JSONDecoder().decode(Partner.self, from: Data(created.text.utf8))
            #expect(partner.name == "Исторически музей – Смолян")
            let listed = try await client.send(.GET, "/api/v1/partners?district=BG-21&kind=museum")
            #expect(listed.text.contains("Исторически музей – Смолян"))
            #expect(try await client.send(.GET, "/api/v1/people").status == .unauthorized)
            #expect(try await client.send(.GET, "/api/v1/people", headers: headers).status == .ok)
            #expect(try await client.send(.DELETE, "/api/v1/partners/\(partner.id!)", headers: headers).status == .forbidden)

            #expect(try await client.send(.DELETE, "/api/v1/tokens/current", headers: headers).status == .noContent)
            #expect(try await client.send(.GET, "/api/v1/people", headers: headers).status == .unauthorized)
        }
    }

    @Test(
        "a stored record that cannot be read is the server's error (500), not the visitor's (400); a malformed sign-in is a failed sign-in")
    func unreadableRecord() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            try await app.sql.raw("UPDATE service_designs SET content = '{\"title\": 5}' WHERE id = \(bind: id)").run()
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let page = try await admin.get("/services/\(id)")
            #expect(page.status == .internalServerError)
            #expect(
                page.text.contains("Нещо се обърка от наша страна") && !page.text.contains("typeMismatch")
                    && !page.text.contains("Expected"))
            let client = Browser(app)
            #expect(
                try await client.send(.GET, "/api/v1/services/\(id)", headers: try await client.apiHeaders("admin@praktika.local")).status
                    == .internalServerError)
            // A sign-in whose fields do not decode (a JSON number for the e-mail, with the CSRF token)
            // is refused like a wrong password, with the form again.
            let visitor = Browser(app)
            try await visitor.get("/")
            var json = HTTPHeaders()
            json.contentType = .json
            let csrf = try #require(visitor.cookies[Cookies.csrf])
            let signIn = try await visitor.send(
                .POST, "/sign-in", headers: json, body: ByteBuffer(string: #"{"email": 5, "_csrf": "\#(csrf)"}"#))
            #expect(signIn.status == .unauthorized || signIn.status == .unprocessableEntity || signIn.status == .ok)
            #expect(signIn.text.contains("name=\"password\""))
        }
    }

    @Test("the OpenAPI document describes exactly the API's routes and the records' fields")
    func openAPIMatchesRoutes() async throws {
        try await withApp { app in
            let document = OpenAPIDocument.make()
            guard case .object(let paths) = document["paths"] ?? .null else {
                Issue.record("no paths")
                return
            }
            var documented: Set<String> = []
            for (path, item) in paths {
                guard case .object(let operations) = item else { continue }
                for (method, _) in operations where method != "parameters" { documented.insert("\(method.uppercased()) \(path)") }
            }
            var served: Set<String> = []
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                if path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.json" { served.insert("\(route.method.rawValue) \(path)") }
            }
            #expect(documented == served)
            #expect(document["openapi"] == .string("3.1.0"))

            // Every record encodes exactly the properties its schema lists.
            let samples: [(String, any Encodable)] = [
                ("Municipality", Municipality(id: 1, name: "a", districtCode: "BG-01")),
                ("Settlement", Settlement(id: 1, name: "a", kind: .town, municipalityID: 1, population: 1)),
                (
                    "Library",
                    Library(
                        id: 1, name: "a", kind: .other, chitalishteName: "a", settlementID: 1, districtCode: "BG-01",
                        networkMemberSince: LocalDate(year: 2010, month: 1, day: 1), address: "a", email: "a", phone: "a", website: "a",
                        notes: "a")
                ),
                (
                    "Partner",
                    Partner(
                        id: 1, name: "a", kind: .other, settlementID: 1, districtCode: "BG-01", contactPerson: "a", address: "a",
                        email: "a", phone: "a", website: "a", notes: "a")
                ),
                (
                    "Person",
                    Person(
                        id: 1, fullName: "a", networkRole: .other, position: "a", organisation: "a", libraryID: 1, partnerID: 1,
                        districtCode: "BG-01", email: "a", phone: "a", consentRecordedOn: LocalDate(year: 2010, month: 1, day: 1),
                        notes: "a")
                ),
            ]
            // Meetings: samples with every optional field filled, so that each key is encoded.
            let participant = MeetingParticipant(
                id: 1, fullName: "a", role: .other, organisation: "a", libraryID: 1, partnerID: 1, districtCode: "BG-01", email: "a@b.bg",
                needs: "a", wants: [1], tableID: 1)
            let item = AgendaItem(
                id: 1, kind: .presentation, starts: ClockTime(hour: 9, minute: 0), ends: ClockTime(hour: 10, minute: 0), title: "a",
                speaker: "a",
                affiliation: "a", summary: "a", practiceDesignID: 2)
            let session = AgendaSession(
                id: 1, day: VelingradDemo.meeting.startsOn, starts: ClockTime(hour: 9, minute: 0), ends: ClockTime(hour: 10, minute: 0),
                title: "a",
                chair: "a", items: [item], capacity: 20)
            var meeting = VelingradDemo.meeting
            meeting.hostLibraryID = 1
            meeting.capacity = 40
            meeting.startsAt = ClockTime(hour: 10, minute: 0)
            meeting.endsAt = ClockTime(hour: 16, minute: 0)
            let meetingSamples: [(String, any Encodable)] = [
                ("Meeting", meeting), ("MeetingParticipant", participant), ("AgendaItem", item), ("AgendaSession", session),
                ("WorkTable", WorkTable(id: 1, number: 1, targetGroup: "a", category: .other, capacity: 3, designID: 1)),
                ("FeedbackForm", VelingradDemo.feedbackForm), ("FeedbackQuestion", VelingradDemo.feedbackForm.questions[0]),
                ("FeedbackResponse", VelingradDemo.feedbackResponses[0]),
            ]
            for (name, sample) in meetingSamples {
                let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample)) as! [String: Any]
                guard case .object(let properties) = document["components"]?["schemas"]?[name]?["properties"] ?? .null else {
                    Issue.record("no schema \(name)")
                    continue
                }
                #expect(Set(encoded.keys) == Set(properties.map(\.0)), "\(name)")
            }
            for (name, sample) in samples {
                let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample)) as! [String: Any]
                guard case .object(let properties) = document["components"]?["schemas"]?[name]?["properties"] ?? .null else {
                    Issue.record("no schema \(name)")
                    continue
                }
                #expect(Set(encoded.keys) == Set(properties.map(\.0)), "\(name)")
            }
            // A full design encodes exactly the properties of its schema, nested parts included.
            let design = ServiceDesign(
                title: "a", summary: "a", libraryIDs: [1], status: .planned, visibility: .district, innovations: [.newService],
                targetGroup: TargetGroup(category: .pupils, description: "a", expectedReach: 1), needs: "a", service: "a", goal: "a",
                resources: Resources(existing: [.room], existingNotes: "a", needed: "a"),
                budget: [BudgetLine(item: "a", unitCost: Money(major: 1, currency: .EUR), source: .donation)],
                partners: [DesignPartner(partnerID: 1, name: "a", kind: .school, role: "a")], channels: [.website], channelNotes: "a",
                activities: [
                    Activity(
                        title: "a", start: LocalDate(year: 2026, month: 1, day: 1), end: LocalDate(year: 2026, month: 1, day: 2),
                        responsible: "a", partner: "a")
                ],
                expectedResults: "a", socialEffect: "a", economicEffect: "a",
                indicators: [Indicator(name: "a", unit: .people, baseline: .zero, target: .one, period: "a", actual: .one)])
            var published = design
            published.practice = PracticeStory(whatWorked: "a", whatDidNot: "a", publishedOn: LocalDate(year: 2026, month: 1, day: 1)!)
            published.adoptedFrom = 1
            published.presentedAt = PresentedAt(meetingTitle: "a", day: LocalDate(year: 2026, month: 1, day: 1), speaker: "a")
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(published)) as! [String: Any]
            let designSchema = document["components"]?["schemas"]?["ServiceDesign"]?["properties"]
            func keys(_ schema: JSONValue?) -> Set<String> {
                guard case .object(let properties) = schema ?? .null else { return [] }
                return Set(properties.map(\.0))
            }
            #expect(Set(encoded.keys) == keys(designSchema))
            #expect(
                Set((encoded["practice"] as! [String: Any]).keys)
                    == keys(document["components"]?["schemas"]?["PracticeStory"]?["properties"]))
            for (name, value) in [
                ("target_group", encoded["target_group"]), ("resources", encoded["resources"]), ("presented_at", encoded["presented_at"]),
            ] {
                #expect(Set((value as! [String: Any]).keys) == keys(designSchema?[name]?["properties"]), "\(name)")
            }
            for list in ["budget", "partners", "activities", "indicators"] {
                let first = (encoded[list] as! [[String: Any]])[0]
                #expect(Set(first.keys) == keys(designSchema?[list]?["items"]?["properties"]), "\(list)")
            }
            let money = ((encoded["budget"] as! [[String: Any]])[0]["unit_cost"] as! [String: Any])
            #expect(Set(money.keys) == keys(document["components"]?["schemas"]?["Money"]?["properties"]))

            let servedDocument = try await Browser(app).get("/api/v1/openapi.json")
            #expect(servedDocument.status == .ok)
            #expect(servedDocument.text.contains("\"openapi\":\"3.1.0\""))
        }
    }
}
