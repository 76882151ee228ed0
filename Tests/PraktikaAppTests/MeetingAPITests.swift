import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Meetings API")
struct MeetingAPITests {
    /// A JSON client with a bearer token for a demo account.
    struct Client {
        let browser: Browser
        var headers = HTTPHeaders()

        init(_ app: Application, _ email: String?) async throws {
            browser = Browser(app)
            headers.contentType = .json
            if let email { headers = try await browser.apiHeaders(email) }
        }

        func send(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
            try await browser.send(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
        }
    }

    static func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any] ?? [:]
    }

    @Test("a meeting is created, programmed, filled, seated, given feedback and reported through the API")
    func wholeMeeting() async throws {
        try await withApp(demo: true) { app in
            let organiser = try await Client(app, "pazardzhik@praktika.local")
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")

            let invalid = try await organiser.send(
                .POST, "/api/v1/meetings", #"{"title":"","starts_on":"2026-05-01","venue":"x","district_codes":["BG-13"]}"#)
            #expect(invalid.status == .unprocessableEntity)
            #expect(
                try Self.object(invalid)["error"].flatMap { ($0 as? [String: Any])?["fields"] as? [String: String] }?["title"]
                    == "Полето е задължително.")

            let created = try await organiser.send(
                .POST, "/api/v1/meetings",
                #"{"title":"API среща","starts_on":"2026-05-01","ends_on":"2026-05-02","venue":"Пазарджик","district_codes":["BG-13","BG-21"],"organiser_library_ids":[\#(rb)],"status":"registration"}"#
            )
            #expect(created.status == .created)
            let id = try #require(Self.object(created)["id"] as? Int)
            #expect((try Self.object(created)["registration_url"] as? String)?.contains("/register/") == true)

            #expect(
                try await organiser.send(
                    .POST, "/api/v1/meetings/\(id)/agenda",
                    #"{"day":"2026-05-01","title":"Сесия","starts":"10:00","items":[{"kind":"presentation","title":"Опит","speaker":"Ива"}]}"#
                ).status == .created)
            let wrongDay = try await organiser.send(.POST, "/api/v1/meetings/\(id)/agenda", #"{"day":"2026-06-01","title":"Сесия"}"#)
            #expect(wrongDay.status == .unprocessableEntity)
            let agenda = try await Client(app, nil).send(.GET, "/api/v1/meetings/\(id)/agenda")
            #expect(agenda.text.contains("\"speaker\":\"Ива\""))

            for n in 1...2 {
                #expect(
                    try await organiser.send(
                        .POST, "/api/v1/meetings/\(id)/tables", #"{"number":\#(n),"target_group":"Група \#(n)","category":"pupils"}"#
                    ).status == .created)
            }
            let people = (1...8).map { i in
                #"{"full_name":"Човек \#(i)","organisation":"Орг \#(i % 4)","district_code":"\#(i % 2 == 0 ? "BG-13" : "BG-21")","role":"librarian"}"#
            }.joined(separator: ",")
            let added = try await organiser.send(.POST, "/api/v1/meetings/\(id)/participants", "[\(people)]")
            #expect(added.status == .created)
            let bad = try await organiser.send(
                .POST, "/api/v1/meetings/\(id)/participants", #"[{"full_name":"Х","organisation":"Y","district_code":"BG-99"}]"#)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("[0].district"))

            // Weights that do not read are refused at their field, saying what a weight may be;
            // nothing is seated with the usual weights instead.
            for (body, field) in [(#"{"weights":{"district":5000}}"#, "district"), (#"{"weights":{"role":"high"}}"#, "role")] {
                let refused = try await organiser.send(.POST, "/api/v1/meetings/\(id)/seating", body)
                let fields = (try? Self.object(refused))?["error"].flatMap { ($0 as? [String: Any])?["fields"] as? [String: String] }
                #expect(refused.status == .badRequest && fields?[field] != nil, "\(body)")
                if field == "district" { #expect(fields?[field] == "Цяло число от 0 до 1000.") }
            }
            let seated = try await organiser.send(.POST, "/api/v1/meetings/\(id)/seating", #"{"weights":{"district":12}}"#)
            #expect(seated.status == .ok)
            let seating = try #require(Self.object(seated)["seating"] as? [String: Int])
            #expect(seating.count == 8)
            let penalty = try #require(Self.object(seated)["penalty"] as? [String: Int])
            #expect(penalty["district"] == 0 && penalty["organization"] == 0)

            let tables = try #require(
                try JSONSerialization.jsonObject(with: Data(try await organiser.send(.GET, "/api/v1/meetings/\(id)/tables").text.utf8))
                    as? [[String: Any]])
            let tableID = try #require((tables.first?["table"] as? [String: Any])?["id"] as? Int)
            let result = try await organiser.send(.POST, "/api/v1/meetings/\(id)/tables/\(tableID)/result")
            #expect(result.status == .created)

            let form = try await organiser.send(
                .POST, "/api/v1/meetings/\(id)/feedback",
                #"{"form":{"title":"Отзив","questions":[{"id":"q1","kind":"rating","prompt":"Оценка"},{"id":"q2","kind":"text","prompt":"Коментар"}]}}"#
            )
            #expect(form.status == .created)
            let forms = try #require(
                try JSONSerialization.jsonObject(with: Data(try await organiser.send(.GET, "/api/v1/meetings/\(id)/feedback").text.utf8))
                    as? [[String: Any]])
            let answerURL = try #require(forms.first?["answer_url"] as? String)
            let answerPath = String(answerURL[answerURL.range(of: "/api/v1/feedback/")!.lowerBound...])
            let anonymous = try await Client(app, nil)
            #expect(try await anonymous.send(.POST, answerPath, #"{"answers":{"q1":["4"],"q2":["Полезно"]}}"#).status == .created)
            #expect(try await anonymous.send(.POST, answerPath, #"{"answers":{"q1":["9"]}}"#).status == .unprocessableEntity)
            let formID = try #require(forms.first?["id"] as? Int)
            let results = try await organiser.send(.GET, "/api/v1/meetings/\(id)/feedback/\(formID)/results")
            #expect(results.text.contains("\"average\":4") && results.text.contains("Полезно"))

            // The report: the organiser reads the draft; the public only once published.
            let draft = try await organiser.send(.GET, "/api/v1/meetings/\(id)/report?format=md")
            #expect(draft.status == .ok && draft.text.hasPrefix("# API среща"))
            #expect(try await organiser.send(.GET, "/api/v1/meetings/\(id)/report?format=html").text.contains("<h2>API среща</h2>"))
            #expect(try await anonymous.send(.GET, "/api/v1/meetings/\(id)/report").status == .notFound)
            #expect(try await organiser.send(.GET, "/api/v1/meetings/\(id)/report?format=pdf").status == .badRequest)

            // Roles: the public reads the meeting, not its people; a partner may not change it.
            #expect(try await anonymous.send(.GET, "/api/v1/meetings/\(id)").status == .ok)
            #expect(try await anonymous.send(.GET, "/api/v1/meetings/\(id)/participants").status == .unauthorized)
            let partner = try await Client(app, "partner@praktika.local")
            #expect(try await partner.send(.GET, "/api/v1/meetings/\(id)/participants").status == .forbidden)
            #expect(try await partner.send(.POST, "/api/v1/meetings/\(id)/seating").status == .forbidden)
            #expect(try await partner.send(.DELETE, "/api/v1/meetings/\(id)").status == .forbidden)
            #expect(try await organiser.send(.DELETE, "/api/v1/meetings/\(id)").status == .noContent)
            #expect(try await anonymous.send(.GET, "/api/v1/meetings/\(id)").status == .notFound)
            #expect(try await app.count("meeting_participants") == 95)
        }
    }

    @Test("sessions, items and participants are changed and removed one by one; a participant links to the registry")
    func changeOneByOne() async throws {
        try await withApp(demo: true) { app in
            let organiser = try await Client(app, "pazardzhik@praktika.local")
            let partner = try await Client(app, "partner@praktika.local")
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let youth = try await app.id("partners", where: "name", is: "Младежки дом – Пазарджик")
            let created = try await organiser.send(
                .POST, "/api/v1/meetings",
                #"{"title":"Среща","starts_on":"2026-05-01","ends_on":"2026-05-02","venue":"Пазарджик","district_codes":["BG-13"],"organiser_library_ids":[\#(rb)]}"#
            )
            let id = try #require(Self.object(created)["id"] as? Int)
            let opened = try await organiser.send(
                .POST, "/api/v1/meetings/\(id)/agenda",
                #"{"day":"2026-05-01","title":"Откриване","items":[{"kind":"presentation","title":"Опит","speaker":"Ива"}]}"#)
            let session = try #require(Self.object(opened)["id"] as? Int, "\(opened.status) \(opened.text)")

            // A session's own fields change; its items stay, even when the body names others.
            let changed = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/agenda/\(session)", #"{"day":"2026-05-02","title":"Добри практики","chair":"Ива","items":[]}"#
            )
            #expect(changed.status == .ok)
            #expect(try Self.object(changed)["title"] as? String == "Добри практики")
            #expect((try Self.object(changed)["items"] as? [Any])?.count == 1)
            let wrongDay = try await organiser.send(.PUT, "/api/v1/meetings/\(id)/agenda/\(session)", #"{"day":"2026-07-01","title":"Х"}"#)
            #expect(wrongDay.status == .unprocessableEntity && wrongDay.text.contains("\"day\""))
            #expect(
                try await organiser.send(.PUT, "/api/v1/meetings/\(id)/agenda/999999", #"{"day":"2026-05-01","title":"Х"}"#).status
                    == .notFound)
            #expect(
                try await partner.send(.PUT, "/api/v1/meetings/\(id)/agenda/\(session)", #"{"day":"2026-05-01","title":"Х"}"#).status
                    == .forbidden)

            // Items: added at the end, changed, refused without a title, removed.
            let item = try #require(
                Self.object(
                    try await organiser.send(
                        .POST, "/api/v1/meetings/\(id)/agenda/\(session)/items", #"{"kind":"discussion","title":"Въпроси"}"#))["id"] as? Int
            )
            let renamed = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/agenda/items/\(item)", #"{"kind":"discussion","title":"Въпроси и отговори","speaker":"Ива"}"#)
            #expect(renamed.status == .ok)
            #expect(try Self.object(renamed)["title"] as? String == "Въпроси и отговори")
            let untitled = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/agenda/items/\(item)", #"{"kind":"discussion","title":""}"#)
            #expect(untitled.status == .unprocessableEntity && untitled.text.contains("\"title\""))
            var agenda = try await MeetingStore(db: app.sql).agenda(Int64(id))
            #expect(agenda.sessions.first?.items.map(\.title) == ["Опит", "Въпроси и отговори"])
            #expect(try await organiser.send(.DELETE, "/api/v1/meetings/\(id)/agenda/items/\(item)").status == .noContent)
            #expect(try await organiser.send(.DELETE, "/api/v1/meetings/\(id)/agenda/items/\(item)").status == .notFound)
            #expect(try await organiser.send(.DELETE, "/api/v1/meetings/\(id)/agenda/\(session)").status == .noContent)
            agenda = try await MeetingStore(db: app.sql).agenda(Int64(id))
            #expect(agenda.sessions.isEmpty)

            // A participant: linked to a registry library, then changed; unknown records and a
            // second person with the same name and organisation are refused at the field.
            let added = try await organiser.send(
                .POST, "/api/v1/meetings/\(id)/participants",
                #"[{"full_name":"Анна Петрова","organisation":"РБ Пазарджик","district_code":"BG-13","role":"librarian","library_id":\#(rb)},{"full_name":"Иван Иванов","organisation":"Читалище","district_code":"BG-13","role":"librarian"}]"#
            )
            #expect(added.status == .created)
            let people = try await MeetingStore(db: app.sql).participants(Int64(id))
            let anna = try #require(people.first { $0.fullName == "Анна Петрова" })
            #expect(anna.libraryID == rb)
            let pid = try #require(anna.id)
            let moved = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/participants/\(pid)",
                #"{"full_name":"Анна Петрова-Илиева","organisation":"Младежки дом","district_code":"BG-13","role":"ngo","partner_id":\#(youth),"consent_listed":true}"#
            )
            #expect(moved.status == .ok)
            let saved = try #require(try await MeetingStore(db: app.sql).participant(Int64(id), pid))
            #expect(saved.fullName == "Анна Петрова-Илиева" && saved.partnerID == youth && saved.libraryID == nil && saved.consentListed)
            #expect(saved.source == anna.source)
            let unknown = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/participants/\(pid)",
                #"{"full_name":"Анна","organisation":"X","district_code":"BG-13","role":"librarian","library_id":999999}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("\"libraryID\""))
            let twin = try await organiser.send(
                .PUT, "/api/v1/meetings/\(id)/participants/\(pid)",
                #"{"full_name":"Иван Иванов","organisation":"Читалище","district_code":"BG-13","role":"librarian"}"#)
            #expect(twin.status == .unprocessableEntity && twin.text.contains("\"fullName\""))
            let badLink = try await organiser.send(
                .POST, "/api/v1/meetings/\(id)/participants",
                #"[{"full_name":"Нов","organisation":"Y","district_code":"BG-13","partner_id":999999}]"#)
            #expect(badLink.status == .unprocessableEntity && badLink.text.contains("[0].partnerID"))
            #expect(
                try await partner.send(.PUT, "/api/v1/meetings/\(id)/participants/\(pid)", #"{"full_name":"Х","organisation":"Y"}"#).status
                    == .forbidden)
            #expect(
                try await organiser.send(.PUT, "/api/v1/meetings/\(id)/participants/999999", #"{"full_name":"Х","organisation":"Y"}"#)
                    .status == .notFound)
        }
    }

    @Test("seating that cannot be done says why in the caller's language")
    func unseatable() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Client(app, "admin@praktika.local")
            let created = try await admin.send(
                .POST, "/api/v1/meetings", #"{"title":"Малка","starts_on":"2026-05-01","venue":"x","district_codes":["BG-13"]}"#)
            let id = try #require(Self.object(created)["id"] as? Int)
            let noTables = try await admin.send(.POST, "/api/v1/meetings/\(id)/seating")
            #expect(noTables.status == .unprocessableEntity && noTables.text.contains("Още няма работни маси."))
            _ = try await admin.send(.POST, "/api/v1/meetings/\(id)/tables", #"{"number":1,"target_group":"a","capacity":1}"#)
            _ = try await admin.send(
                .POST, "/api/v1/meetings/\(id)/participants",
                #"[{"full_name":"А","organisation":"x","district_code":"BG-13"},{"full_name":"Б","organisation":"y","district_code":"BG-13"}]"#
            )
            let full = try await admin.send(.POST, "/api/v1/meetings/\(id)/seating")
            #expect(full.status == .unprocessableEntity && full.text.contains("Участниците са 2, а местата – 1."))
        }
    }

    @Test(
        "while the solver is taken and its line is full, seating is refused as busy (503, Retry-After) on the page and in the API, and nothing changes"
    )
    func solverBusy() async throws {
        try await withApp(demo: true) { app in
            let gate = SolverGate(slots: 1, waiting: 0)
            app.seatingGate = gate
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let admin = try await Client(app, "admin@praktika.local")
            func seating() async throws -> [String: Int] {
                try #require(Self.object(try await admin.send(.GET, "/api/v1/meetings/\(id)/seating"))["seating"] as? [String: Int])
            }
            let before = try await seating()
            try await gate.enter()
            let api = try await admin.send(.POST, "/api/v1/meetings/\(id)/seating")
            #expect(api.status == .serviceUnavailable)
            #expect(api.headers.first(name: .retryAfter) == "2")
            #expect(api.text.contains("\"busy\"") && api.text.contains(TextKey.seatingBusy(.bg)))
            let service = try await admin.send(
                .POST, "/api/v1/seating", String(decoding: try JSONEncoder().encode(SyntheticMeeting.velingrad()), as: UTF8.self))
            #expect(service.status == .serviceUnavailable && service.headers.first(name: .retryAfter) == "2")
            // The page keeps the organiser on the tables, with the reason above them.
            let organiser = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let page = try await organiser.post("/meetings/\(id)/tables/seat", [:])
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: .retryAfter) == "2")
            #expect(page.text.contains(TextKey.seatingBusy(.bg)))
            #expect(try await seating() == before)
            // Once the gate is free, the same request seats.
            await gate.leave()
            #expect(try await admin.send(.POST, "/api/v1/meetings/\(id)/seating").status == .ok)
        }
    }
}
