import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Outcomes API")
struct OutcomeAPITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The problems per field of an API error.
    static func fields(_ text: String) throws -> [String: String] {
        (try json(text)["error"] as? [String: Any])?["fields"] as? [String: String] ?? [:]
    }

    static func body(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(string: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    @Test("Surveys are created, answered by token, closed; periods are reported and reviewed, with the pages' rules")
    func surveysAndPeriods() async throws {
        try await withApp(demo: true) { app in
            try await OutcomeFlowTests.clearDemoOutcomes(app)
            let id = try await OutcomeFlowTests.designID(app, OutcomeFlowTests.centre)
            let client = Browser(app)
            let librarian = try await client.apiHeaders(OutcomeFlowTests.librarian)
            let partner = try await client.apiHeaders("partner@praktika.local")
            #expect(try await client.send(.POST, "/api/v1/services/\(id)/surveys", headers: partner).status == .forbidden)
            let created = try await client.send(.POST, "/api/v1/services/\(id)/surveys", headers: librarian)
            #expect(created.status == .created)
            let surveys = try #require(try Self.json(created.text)["surveys"] as? [[String: Any]])
            #expect(surveys.map { $0["kind"] as? String } == ["immediate", "follow_up"])
            let answerURL = try #require(surveys[0]["api_answer_url"] as? String)
            let path = try #require(URL(string: answerURL)?.path)

            var json = HTTPHeaders()
            json.contentType = .json
            let answer: [String: Any] = [
                "scores": ["learned": 5, "confident": 2], "texts": ["liked": "Всичко"], "profile": ["age_band": "65_plus"],
                "submission": "api-0000000000000001",
            ]
            #expect(try await client.send(.POST, path, headers: json, body: try Self.body(answer)).status == .created)
            #expect(
                try await client.send(.POST, path, headers: json, body: try Self.body(answer)).status == .ok, "the same submission again")
            let wrong = try await client.send(.POST, path, headers: json, body: try Self.body(["scores": ["learned": 9]]))
            #expect(wrong.status == .unprocessableEntity)
            #expect(try Self.fields(wrong.text)["item-learned"] != nil)
            let noConsent = try await client.send(
                .POST, path, headers: json, body: try Self.body(["scores": ["aware": 4], "follow_up_email": "a@b.bg"]))
            #expect(try Self.fields(noConsent.text)["follow_up_consent"] != nil)

            // Anyone reads the shares of a public service; only its managers get the links.
            let outcomes = try await client.send(.GET, "/api/v1/services/\(id)/outcomes")
            let read = try Self.json(outcomes.text)
            let first = try #require((read["surveys"] as? [[String: Any]])?.first)
            #expect(first["answers"] as? Int == 1)
            #expect(first["answer_url"] is NSNull)
            let learned = try #require((first["items"] as? [[String: Any]])?.first)
            #expect((learned["service"] as? [String: Any])?["share"] as? Double == 1.0)

            let unknownArea = try await client.send(
                .PUT, "/api/v1/services/\(id)/surveys/immediate", headers: librarian, body: try Self.body(["areas": ["moon"]]))
            #expect(unknownArea.status == .unprocessableEntity)
            // The weeks are held to 1–26 whichever survey carries them; the follow-up survey ignores them otherwise.
            for kind in ["immediate", "follow_up"] {
                let tooMany = try await client.send(
                    .PUT, "/api/v1/services/\(id)/surveys/\(kind)", headers: librarian, body: try Self.body(["follow_up_weeks": 1_005_670]))
                #expect(tooMany.status == .unprocessableEntity)
                #expect(try Self.fields(tooMany.text)["follow_up_weeks"] != nil)
            }
            let closed = try await client.send(
                .PUT, "/api/v1/services/\(id)/surveys/immediate", headers: librarian,
                body: try Self.body(["open": false, "areas": ["digital_skills"], "follow_up_weeks": 5]))
            #expect(closed.status == .ok)
            #expect(try Self.json(closed.text)["areas"] as? [String] == ["digital_skills"])
            #expect(try await client.send(.POST, path, headers: json, body: try Self.body(["scores": ["learned": 4]])).status == .gone)

            // Indicator periods.
            let period = try await client.send(
                .POST, "/api/v1/services/\(id)/indicator-periods", headers: librarian,
                body: try Self.body([
                    "indicator": VelingradDemo.exampleIndicator, "starts_on": "2026-01-01", "ends_on": "2026-06-30", "target": "400",
                    "direction": "increase",
                ]))
            #expect(period.status == .created)
            let periodID = try #require(try Self.json(period.text)["id"] as? Int)
            let bad = try await client.send(
                .POST, "/api/v1/services/\(id)/indicator-periods", headers: librarian,
                body: try Self.body(["indicator": "Няма такъв", "starts_on": "2026-01-01", "ends_on": "2026-06-30"]))
            #expect(bad.status == .unprocessableEntity)
            let result = try await client.send(
                .PUT, "/api/v1/services/\(id)/indicator-periods/\(periodID)/result", headers: librarian,
                body: try Self.body(["value": "412", "note": "Дневник"]))
            #expect(try Self.json(result.text)["state"] as? String == "submitted")
            let selfApproval = try await client.send(
                .POST, "/api/v1/services/\(id)/indicator-periods/\(periodID)/review", headers: librarian,
                body: try Self.body(["decision": "approve"]))
            #expect(selfApproval.status == .forbidden)
            let admin = try await client.apiHeaders("admin@praktika.local")
            let approved = try await client.send(
                .POST, "/api/v1/services/\(id)/indicator-periods/\(periodID)/review", headers: admin,
                body: try Self.body(["decision": "approve"]))
            #expect(approved.status == .ok)
            #expect((try Self.json(approved.text)["result"] as? [String: Any])?["status"] as? String == "approved")
            let locked = try await client.send(
                .PUT, "/api/v1/services/\(id)/indicator-periods/\(periodID)/result", headers: librarian,
                body: try Self.body(["value": "999"]))
            #expect(locked.status == .unprocessableEntity)
        }
    }

    @Test("Administrators add outcome areas for the network; services choose them on the page and through the API")
    func addedAreas() async throws {
        try await withApp(demo: true) { app in
            let id = try await OutcomeFlowTests.designID(app, OutcomeFlowTests.centre)
            let librarian = try await Browser.signedIn(app, OutcomeFlowTests.librarian, VelingradDemo.demoPassword)
            #expect(
                try await librarian.post("/outcomes/areas", ["name_bg": "Местна история", "name_en": "Local history"]).status == .forbidden)
            let admin = try await Browser.signedIn(app)
            #expect(try await admin.post("/outcomes/areas", ["name_bg": "Местна история", "name_en": "Local history"]).status == .seeOther)
            let again = try await admin.post("/outcomes/areas", ["name_bg": "местна история", "name_en": "Heritage"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains(TextKey.validationAreaExists(.bg)))
            let code = try #require(try await OutcomeStore(db: app.sql).addedAreas().first?.code)
            #expect(try await Browser(app).get("/outcomes/areas").text.contains("Местна история"))

            let settings = try await librarian.get("/services/\(id)/outcomes/immediate/settings")
            #expect(settings.text.contains("name=\"area-\(code)\""))
            let saved = try await librarian.post(
                "/services/\(id)/outcomes/immediate/settings",
                ["open": "on", "follow_up_weeks": "6", "area-\(code)": "on", "area-reading": "on"])
            #expect(saved.status == .seeOther)
            #expect(try await OutcomeStore(db: app.sql).plan(id)?.areas == ["reading", code])
            #expect(try await librarian.get("/services/\(id)/outcomes").text.contains("Местна история"))

            let client = Browser(app)
            let headers = try await client.apiHeaders(OutcomeFlowTests.librarian)
            let unknown = try await client.send(
                .PUT, "/api/v1/services/\(id)/surveys/immediate", headers: headers, body: try Self.body(["areas": ["custom-999"]]))
            #expect(unknown.status == .unprocessableEntity)
            let viaAPI = try await client.send(
                .PUT, "/api/v1/services/\(id)/surveys/immediate", headers: headers, body: try Self.body(["areas": [code]]))
            #expect(try Self.json(viaAPI.text)["areas"] as? [String] == [code])
        }
    }

    @Test("The answers of the outcomes API have exactly the properties the OpenAPI document lists")
    func schemas() async throws {
        try await withApp(demo: true) { app in
            let id = try await OutcomeFlowTests.designID(app, OutcomeFlowTests.centre)
            let client = Browser(app)
            let document = OpenAPIDocument.make()
            func properties(_ name: String) -> Set<String> {
                guard case .object(let members) = document["components"]?["schemas"]?[name]?["properties"] ?? .null else { return [] }
                return Set(members.map(\.0))
            }
            let librarian = try await client.apiHeaders(OutcomeFlowTests.librarian)
            let outcomes = try Self.json(try await client.send(.GET, "/api/v1/services/\(id)/outcomes", headers: librarian).text)
            #expect(Set(outcomes.keys) == properties("ServiceOutcomes"))
            let survey = try #require((outcomes["surveys"] as? [[String: Any]])?.first)
            #expect(Set(survey.keys) == properties("OutcomeSurvey"))
            let period = try #require((outcomes["periods"] as? [[String: Any]])?.first)
            #expect(Set(period.keys) == properties("IndicatorPeriod"))
        }
    }
}
