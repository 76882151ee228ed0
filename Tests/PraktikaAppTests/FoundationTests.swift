import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Foundation")
struct FoundationTests {
    @Test("migrations create the schema, seed the 28 districts, and /healthz reports the database")
    func migrationsAndHealth() async throws {
        try await withApp { app in
            #expect(try await app.count("districts") == 28)
            let response = try await Browser(app).get("/healthz")
            #expect(response.status == .ok)
            let kind = (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").hasPrefix("postgres") ? "postgres" : "sqlite"
            #expect(response.text.contains("\"database\":\"\(kind)\""))
            // The newest migration folder is the schema version every fresh database reaches.
            let folders = try FileManager.default.contentsOfDirectory(
                atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                    "../../Sources/PraktikaApp/Persistence/Migrations"
                ).path)
            let newest = folders.compactMap { Int($0) }.max() ?? 0
            #expect(newest >= 11)
            #expect(response.text.contains("\"schemaVersion\":\(newest)"))
            // On PostgreSQL the documents' vectors are kept in their rows (016).
            if app.sql.dialect.name == "postgresql" {
                let storage = try await app.sql.raw(
                    "SELECT attstorage::text AS s FROM pg_attribute WHERE attrelid = 'search_documents'::regclass AND attname = 'document'"
                ).first()?.decode(column: "s", as: String.self)
                #expect(storage == "m")
                // Its connections plan without parallel workers.
                let workers = try await app.sql.raw("SHOW max_parallel_workers_per_gather").first()?
                    .decode(column: "max_parallel_workers_per_gather", as: String.self)
                #expect(workers == "0")
            }
            // Migrating again changes nothing.
            try await app.migrateDatabase()
            #expect(try await app.count("districts") == 28)
        }
    }

    @Test("loading the demo twice changes nothing and duplicates nothing")
    func demoTwice() async throws {
        try await withApp(demo: true) { app in
            let tables = ["municipalities", "settlements", "libraries", "partners", "people", "users"]
            var before: [Int] = []
            for t in tables { before.append(try await app.count(t)) }
            #expect(before[2] == VelingradDemo.libraries.count)
            let again = try await DemoLoader(db: app.sql, passwordHasher: { try Bcrypt.hash($0, cost: 4) }).load()
            #expect(again.inserted == 0)
            var after: [Int] = []
            for t in tables { after.append(try await app.count(t)) }
            #expect(before == after)
            let page = try await Browser(app).get("/libraries")
            #expect(page.text.contains("Регионална библиотека „Никола Фурнаджиев“"))
            #expect(page.text.contains("с. Момчиловци"))
        }
    }

    @Test("a form posted without the CSRF token is refused and saves nothing")
    func csrf() async throws {
        try await withApp { app in
            let browser = try await Browser.signedIn(app)
            let refused = try await browser.post("/municipalities", ["name": "Девин", "district_code": "BG-21"], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Формулярът е изтекъл"))
            #expect(try await app.count("municipalities") == 0)
            let forged = try await browser.post(
                "/municipalities", ["name": "Девин", "district_code": "BG-21", "_csrf": "forged"], csrf: false)
            #expect(forged.status == .forbidden)
            let accepted = try await browser.post("/municipalities", ["name": "Девин", "district_code": "BG-21"])
            #expect(accepted.status == .seeOther)
            #expect(try await app.count("municipalities") == 1)
        }
    }

    @Test("validation errors are shown at the field in the user's language, keeping what was typed")
    func validationMessages() async throws {
        try await withApp { app in
            let browser = try await Browser.signedIn(app)
            let form = [
                "name": "", "kind": "regional", "email": "нещо-без-маймунка", "address": "ул. „Ген. Гурко“ 1", "district_code": "BG-13",
            ]
            let bg = try await browser.post("/libraries", form)
            #expect(bg.status == .unprocessableEntity)
            #expect(bg.text.contains("Полето е задължително."))
            #expect(bg.text.contains("Въведете имейл адрес"))
            #expect(bg.text.contains("value=\"ул. „Ген. Гурко“ 1\""))
            #expect(bg.text.contains("value=\"нещо-без-маймунка\""))
            #expect(try await app.count("libraries") == 0)

            try await browser.get("/language/en?back=/libraries")
            #expect(browser.cookies[Cookies.language] == "en")
            let en = try await browser.post("/libraries", form)
            #expect(en.text.contains("This field is required."))
            #expect(en.text.contains("Enter an e-mail address"))
            #expect(!en.text.contains("Полето е задължително."))
        }
    }

    @Test("what people type is escaped wherever it is shown")
    func outputIsEscaped() async throws {
        try await withApp { app in
            let browser = try await Browser.signedIn(app)
            let hostile = "\"><script>alert(1)</script>"
            let created = try await browser.post("/libraries", ["name": hostile, "kind": "other", "district_code": "BG-13"])
            #expect(created.status == .seeOther)
            let location = created.headers.first(name: .location) ?? ""
            let page = try await browser.get(location)
            #expect(!page.text.contains("<script>alert(1)</script>"))
            #expect(page.text.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            let edit = try await browser.get(location + "/edit")
            #expect(edit.text.contains("value=\"&quot;&gt;&lt;script&gt;"))
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            // Error pages too: a page that is not there, a form without its CSRF token.
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound && missing.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(missing.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            let refused = try await browser.post("/libraries", ["name": "x"], csrf: false)
            #expect(refused.status == .forbidden && refused.headers.first(name: "X-Content-Type-Options") == "nosniff")
            // Someone not signed in is refused before the form is read, CSRF token or not.
            let anonymous = try await Browser(app).post("/libraries", ["name": "x"])
            #expect(anonymous.status == .unauthorized && anonymous.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test("an edit is saved and appears in the audit log with what changed")
    func editAndAudit() async throws {
        try await withApp(demo: true) { app in
            let browser = try await Browser.signedIn(app)
            let id = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let edit = try await browser.get("/libraries/\(id)/edit")
            #expect(edit.status == .ok)
            var form: [String: String] = [:]
            let library = try await RegistryStore<Library>(db: app.sql, table: .library).find(id)!
            form = library.formInput
            form["phone"] = "0301 6 27 55"
            let saved = try await browser.post("/libraries/\(id)", form)
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/libraries/\(id)")
            #expect(page.text.contains("0301 6 27 55"))
            #expect(page.text.contains("Промените са запазени."))
            let audit = try await browser.get("/audit")
            #expect(audit.status == .ok)
            #expect(audit.text.contains("Регионална библиотека „Никола Вранчев“"))
            #expect(audit.text.contains("<ins>0301 6 27 55</ins>"))
            #expect(audit.text.contains("<li>Телефон: <del>"))
            // Others may not read it.
            let other = Browser(app)
            #expect(try await other.get("/audit").status == .unauthorized)
        }
    }

    @Test("deleting a record others refer to is refused with an explanation")
    func deleteRefused() async throws {
        try await withApp(demo: true) { app in
            let browser = try await Browser.signedIn(app)
            let id = try await app.id("settlements", where: "name", is: "Пазарджик")
            let refused = try await browser.post("/settlements/\(id)/delete", [:])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("не може да бъде изтрит"))
            #expect(refused.text.contains("библиотеки (1)"))
            #expect(try await app.count("settlements") == VelingradDemo.settlements.count)
            let person = try await app.id("people", where: "full_name", is: "Мирова")
            #expect(try await browser.post("/people/\(person)/delete", [:]).status == .seeOther)
            #expect(try await Browser(app).get("/people/\(person)").status == .unauthorized)
            #expect(try await browser.get("/people/\(person)").status == .notFound)
        }
    }

    @Test("sign-in is throttled after repeated failures, even with the right password")
    func throttling() async throws {
        try await withApp { app in
            let browser = Browser(app)
            for _ in 0..<5 {
                let failed = try await browser.post("/sign-in", ["email": "admin@test.bg", "password": "wrong"])
                #expect(failed.status == .unauthorized)
                #expect(failed.text.contains("Грешен имейл или парола."))
            }
            let throttled = try await browser.post("/sign-in", ["email": "admin@test.bg", "password": "secret-admin"])
            #expect(throttled.status == .unauthorized)
            #expect(throttled.text.contains("Твърде много неуспешни опита"))
            #expect(browser.cookies[Cookies.session] == nil)
        }
    }

    @Test("served over HTTPS, every cookie the site sets is Secure and HttpOnly")
    func secureCookies() async throws {
        try await withApp(secureCookies: true) { app in
            let browser = Browser(app)
            let signIn = try await browser.post("/sign-in", ["email": "admin@test.bg", "password": "secret-admin"])
            let language = try await browser.get("/language/en")
            let cookies = signIn.headers[.setCookie] + language.headers[.setCookie]
            #expect(cookies.contains { $0.hasPrefix(Cookies.session + "=") })
            #expect(cookies.contains { $0.hasPrefix(Cookies.flash + "=") })
            #expect(cookies.contains { $0.hasPrefix(Cookies.language + "=") })
            for cookie in cookies {
                #expect(cookie.contains("Secure"), "\(cookie)")
                #expect(cookie.contains("HttpOnly"), "\(cookie)")
            }
        }
    }

    @Test("sessions live in the database: signing out ends them")
    func sessions() async throws {
        try await withApp { app in
            let browser = try await Browser.signedIn(app)
            let token = try #require(browser.cookies[Cookies.session])
            #expect(try await app.count("auth_tokens") == 1)
            #expect(try await browser.get("/audit").status == .ok)
            try await browser.post("/sign-out", [:])
            #expect(try await app.count("auth_tokens") == 0)
            let replay = Browser(app)
            replay.cookies[Cookies.session] = token
            #expect(try await replay.get("/audit").status == .unauthorized)
        }
    }
}

@Suite("Links")
struct LinkTests {
    @Test("query values are percent-encoded as Foundation encodes them with the query set less the separators")
    func percentEncoding() {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        for value in ["пенсионери online", "a&b=c+d?e#f", "50% / 2:1 @home (ок)!", "~.-_*,;$'", "ѝ 😀 \"<>\\ ^`{|}", "BG-13", ""] {
            #expect(SiteURL.percentEncoded(value) == value.addingPercentEncoding(withAllowedCharacters: allowed), "\(value)")
        }
        #expect(
            SiteURL.practices.with([("q", "клуб пенсионери"), ("district", ""), ("page", "2")])
                == "/practices?q=%D0%BA%D0%BB%D1%83%D0%B1%20%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8&page=2")
    }
}

@Suite("Redirects")
struct RedirectTests {
    @Test("a page to return to after signing in or switching language stays on this site, whatever the browser would make of it")
    func safeBack() async throws {
        let hostile = [
            "//evil.example/", "/\t/evil.example/", "/\n/evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example",
            "/%09/evil.example/", " /x", "/\u{0}x", "javascript:alert(1)", "", String(repeating: "/a", count: 300),
        ]
        for back in hostile { #expect(AccountController.safeBack(back.removingPercentEncoding ?? back) == nil, "\(back)") }
        #expect(AccountController.safeBack("/libraries?district=BG-13&page=2") == "/libraries?district=BG-13&page=2")
        #expect(
            AccountController.safeBack("/services?q=пенсионери")
                == "/services?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8")
        try await withApp { app in
            for payload in ["/%09/evil.example/", "%2F%2Fevil.example", "/%5Cevil.example", "https:%2F%2Fevil.example"] {
                let response = try await Browser(app).get("/language/en?back=\(payload)")
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/", "\(payload)")
            }
        }
    }
}

@Suite("praktika seat")
struct SeatCommandTests {
    @Test("the answer is {\"seating\": {participant: table}, \"penalty\": {…}} with ids as they came")
    func answerShape() throws {
        let problem = SeatingProblem(
            tables: [SeatingTable(id: .number(1), targetGroup: "pupils"), SeatingTable(id: .text("t2"), targetGroup: "farmers")],
            participants: [
                SeatingParticipant(id: .text("p1"), district: "BG-13", role: "librarian", organization: "RB", wants: ["farmers"]),
                SeatingParticipant(id: .number(2), district: "BG-21", role: "ngo", organization: "NGO", table: .number(1)),
            ])
        let text = String(decoding: try SeatingAnswer(try SeatingSolver.solve(problem)).json(), as: UTF8.self)
        #expect(text == #"{"penalty":{"district":0,"organization":0,"preference":0,"role":0,"total":0},"seating":{"2":1,"p1":"t2"}}"#)
    }
}

@Suite("Seating API")
struct SeatingAPITests {
    @Test("POST /api/v1/seating seats a Velingrad-sized meeting for a signed-in caller and refuses what cannot be seated")
    func seating() async throws {
        try await withApp(demo: true) { app in
            let body = String(decoding: try JSONEncoder().encode(SyntheticMeeting.velingrad()), as: UTF8.self)
            var headers = HTTPHeaders()
            headers.contentType = .json
            #expect(
                try await Browser(app).send(.POST, "/api/v1/seating", headers: headers, body: ByteBuffer(string: body)).status
                    == .unauthorized)
            let client = Browser(app)
            headers = try await client.apiHeaders("partner@praktika.local")
            let answer = try await client.send(.POST, "/api/v1/seating", headers: headers, body: ByteBuffer(string: body))
            #expect(answer.status == .ok)
            struct Answer: Decodable {
                struct Penalty: Decodable { let total: Int }
                let seating: [String: Int]
                let penalty: Penalty
            }
            let decoded = try JSONDecoder().decode(Answer.self, from: Data(answer.text.utf8))
            #expect(decoded.seating.count == 95)
            #expect(decoded.penalty.total == 0)
            let impossible =
                #"{"tables":[{"id":1,"targetGroup":"g","capacity":1}],"participants":[{"id":1,"district":"A","role":"x","organization":"o"},{"id":2,"district":"A","role":"x","organization":"o"}]}"#
            let refused = try await client.send(.POST, "/api/v1/seating", headers: headers, body: ByteBuffer(string: impossible))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Участниците са 2, а местата – 1."))
        }
    }
}

@Suite("Registry name search")
struct RegistryNameSearchTests {
    @Test("the name filter of a registry list finds records by part of their name, in any case; % and _ are literal")
    func nameSearch() async throws {
        try await withApp(demo: true) { app in
            let page = try await Browser(app).get("/libraries?q=%D0%B2%D1%80%D0%B0%D0%BD%D1%87%D0%B5%D0%B2")
            #expect(page.text.contains("Записи: 1"))
            #expect(page.text.contains("Регионална библиотека „Никола Вранчев“"))
            #expect(try await Browser(app).get("/libraries?q=%25").text.contains("Записи: 0"))
        }
    }
}

@Suite("Routes")
struct RouteTableTests {
    /// One of every kind of link the pages and the API print.
    static let links: [SiteURL] = {
        var links: [SiteURL] = [
            .home, .signIn, .signOut, .language(.en), .asset("app.css"), .favicon, .health, .meetings, .newMeeting, .meetingSeries,
            .register("t"),
            .answerFeedback("t"), .file(1, "slides.pdf"), .fileDelete(1), .serviceAttachments(1), .services, .newService, .service(1),
            .serviceBlock(1, .budget), .serviceHistory(1), .serviceCompare(1), .serviceRestore(1, 2), .serviceDelete(1), .practices,
            .publishService(1), .unpublishService(1), .adoptService(1), .servicePrint(1), .serviceSVG(1), .serviceLeaflet(1), .audit,
            .users, .newUser, .eraseUser(1), .account, .accountLanguage, .accountPassword, .accountRevokeToken(1), .accountExport,
            .personExport("1"), .outcomes, .survey("t"), .mail, .mailRetry(1), .serviceOutcomes(1, .overview),
            .serviceOutcomes(1, .setUp), .serviceOutcomes(1, .answersCSV), .serviceOutcomes(1, .settings(.immediate)),
            .serviceOutcomes(1, .paper(.followUp)), .serviceOutcomes(1, .entry(.immediate)), .serviceOutcomes(1, .qr(.immediate)),
            .serviceOutcomes(1, .poster(.followUp)), .serviceOutcomes(1, .periods), .serviceOutcomes(1, .periodResult(2)),
            .serviceOutcomes(1, .periodReview(2)), .outcomeReviews, .outcomesCSV, .outcomeAreas,
            .serviceOutcomes(1, .resultsCSV), .registration("t"), .registrationWithdraw("t"), .registrationCertificate("t"),
            .registrationLeaveSession("t", 2),
            .certificates, .certificate("2012-1-ABCDEFGH"), .serviceLeafletEdit(1), .serviceDocx(1), .serviceLeafletDocx(1),
            .meeting(1, .reportDocx), .forgotPassword, .resetPassword("t"), .partnerships, .newPartnership, .partnership(1),
            .editPartnership(1), .partnershipContributions(1), .partnershipInteractions(1), .partnershipAgreements(1),
            .partnershipAgreementFile(1, 2), .partnershipAgreementDelete(1, 2), .partnershipNetwork, .partnershipsCSV,
            .partnershipContributionsCSV, .partnershipContributionDelete(1, 2), .partnershipInteractionDelete(1, 2),
        ]
        for area in RegistryArea.allCases {
            links.append(.registry(area))
            links.append(.record(area, "1"))
            if area != .districts { links += [.newRecord(area), .editRecord(area, "1"), .deleteRecord(area, "1")] }
        }
        let pages: [MeetingPage] = [
            .overview, .edit, .delete, .agenda, .session(2), .sessionDelete(2), .items(2), .item(2), .itemDelete(2), .itemPractice(2),
            .itemAttachments(2), .programme, .calendar, .participants, .participant(2), .participantDelete(2), .importCSV, .participantsCSV,
            .badges, .tables, .tableDelete(2), .seat, .move, .tableResult(2), .feedback, .feedbackForm(2), .feedbackResults(2),
            .feedbackCSV(2), .feedbackPaper(2), .report, .reportMarkdown, .reportPublish, .checkIn, .checkInPerson(2),
            .checkInUndo(2), .checkInSession, .unpin, .tableCards, .participantWithdraw(2), .certificates, .certificate(2), .messages,
            .sendAfter,
            .actions, .action(2),
        ]
        links += pages.map { .meeting(1, $0) }
        return links
    }()

    @Test("every link the site prints leads to a registered route, matched by the same SiteURL case")
    func linksAreRouted() async throws {
        try await withApp { app in
            let registered = Set(app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            for link in Self.links {
                #expect(registered.contains(link.route.map(\.description).joined(separator: "/")), "\(link.path)")
                // The path a page prints has as many parts as the route it is served by.
                #expect(link.path.split(separator: "/").count == link.route.count, "\(link.path)")
            }
            #expect(SiteURL.meeting(7, .feedbackCSV(3)).path == "/meetings/7/feedback/3/results.csv")
            #expect(SiteURL.api(.meetingItem(7, 3)).path == "/api/v1/meetings/7/agenda/items/3")
        }
    }
}
