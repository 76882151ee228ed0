import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// Outcome surveys from the librarian's side and the respondent's, with the follow-up mail
/// delivered to a local SMTP server.
@Suite("Outcome surveys on the site", .serialized)
struct OutcomeFlowTests {
    static let centre = "Центърът – място, където всички поколения се срещат"
    static let librarian = "smolyan@praktika.local"

    static func designID(_ app: Application, _ title: String) async throws -> Int64 {
        try #require(try await app.sql.select().column("id").from("service_designs").where("title", .equal, title).first())
            .decode(column: "id", as: Int64.self)
    }

    /// The one-time key the form carries.
    static func submissionKey(_ html: String) throws -> String {
        let marker = "name=\"submission\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    /// Removes the demo's example surveys, so that a test counts only its own answers.
    static func clearDemoOutcomes(_ app: Application) async throws {
        for table in [
            "outcome_tallies", "outcome_answers", "outcome_profiles", "outcome_contacts", "outcome_surveys", "outcome_plans",
            "outcome_rollups",
            "outcome_contributors", "outcome_scope_services",
        ] {
            try await app.sql.delete(from: table).run()
        }
    }

    static func delivery(_ app: Application, port: Int) -> MailDelivery {
        MailDelivery(
            db: app.db, settings: MailSettings(smtp: SMTPSettings(host: "127.0.0.1", port: port), from: "praktika@test.bg", interval: 1),
            transport: SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: port), timeout: .seconds(5)),
            publicURL: "https://praktika.example.bg", logger: app.logger)
    }

    static func setUp(_ app: Application, _ id: Int64) async throws -> (Browser, StoredSurvey, StoredSurvey) {
        try await clearDemoOutcomes(app)
        let librarian = try await Browser.signedIn(app, Self.librarian, VelingradDemo.demoPassword)
        let response = try await librarian.post("/services/\(id)/outcomes/set-up", [:])
        #expect(response.status == .seeOther)
        let surveys = try await OutcomeStore(db: app.sql).surveys(id)
        try #require(surveys.count == 2)
        return (librarian, surveys[0], surveys[1])
    }

    @Test("Thirty answer by phone, ten paper forms are typed in, the follow-up reaches those who left an address")
    func librarianPath() async throws {
        let sink = try await SMTPSink.start()
        try await withApp(demo: true) { app in
            let id = try await Self.designID(app, Self.centre)
            let librarian = try await Browser.signedIn(app, Self.librarian, VelingradDemo.demoPassword)
            #expect(try await librarian.get("/services/\(id)").text.contains("/services/\(id)/outcomes"))
            // The demo's running services come with example answers, marked as such.
            let demo = try await librarian.get("/services/\(id)/outcomes")
            let examples = try await OutcomeStore(db: app.sql).counts(
                try #require(try await OutcomeStore(db: app.sql).survey(id, .immediate)).id)
            #expect(examples.total > 0 && examples.examples == examples.total)
            #expect(demo.text.contains(TextKey.outcomesExamples(.bg, ["count": String(examples.examples)])))
            try await Self.clearDemoOutcomes(app)
            #expect(try await librarian.get("/services/\(id)/outcomes").text.contains(TextKey.outcomesSetUp(.bg)))
            let (_, immediate, followUp) = try await Self.setUp(app, id)
            #expect(immediate.survey.kind == .immediate && followUp.survey.kind == .followUp)
            // Setting up again changes nothing.
            _ = try await librarian.post("/services/\(id)/outcomes/set-up", [:])
            #expect(try await OutcomeStore(db: app.sql).surveys(id).count == 2)

            for n in 0..<30 {
                let phone = Browser(app)
                let page = try await phone.get("/s/\(immediate.token)")
                #expect(page.status == .ok)
                #expect(!page.text.contains("main-nav"), "the answer page has no site menu")
                var form = [
                    "submission": try Self.submissionKey(page.text), "item-learned": String(n % 5 + 1), "item-confident": "4",
                    "open-liked": "Отговор \(n)",
                ]
                if n < 12 {
                    form["follow_up_email"] = "person\(n)@example.bg"
                    form["follow_up_consent"] = "yes"
                }
                if n < 6 { form["age_band"] = "65_plus" }
                let answer = try await phone.post("/s/\(immediate.token)", form)
                #expect(answer.status == .ok)
                #expect(answer.text.contains(TextKey.surveyThanks(.bg)))
            }
            for n in 0..<10 {
                let entry = try await librarian.get("/services/\(id)/outcomes/immediate/entry" + (n == 0 ? "" : "?n=\(n)"))
                if n > 0 { #expect(entry.text.contains(TextKey.entrySaved(.bg, ["count": String(n)]))) }
                let saved = try await librarian.post(
                    "/services/\(id)/outcomes/immediate/entry",
                    ["submission": try Self.submissionKey(entry.text), "batch": String(n), "item-learned": "5", "item-aware": "3"])
                #expect(saved.status == .seeOther)
                #expect(saved.headers.first(name: .location)?.hasSuffix("?n=\(n + 1)") == true)
            }
            let store = OutcomeStore(db: app.sql)
            let counts = try await store.counts(immediate.id)
            #expect(counts.total == 40)
            #expect(counts.paper == 10)
            // 30 phones: learned 1…5 six times each (12 agree); 10 paper forms: 5 (10 agree).
            #expect(try await store.tallies(immediate.id)[.learned] == ItemTally(answered: 40, agreed: 22))
            #expect(try await store.contactCount(id) == 12)
            let results = try await librarian.get("/services/\(id)/outcomes")
            let f = Formatting(.bg)
            #expect(results.text.contains(TextKey.outcomesAnswers(.bg, ["count": "40", "paper": "10"])))
            #expect(results.text.contains(f.perMille(550)), "22 of 40 learned something new")
            #expect(results.text.contains("Отговор 29"), "the librarian reads the open answers")
            #expect(results.text.contains(TextKey.outcomesProfileHidden(.bg, ["min": "5"])) == false, "six gave their age")
            // A visitor sees the shares but not the open answers.
            let visitor = try await Browser(app).get("/services/\(id)/outcomes")
            #expect(visitor.status == .ok)
            #expect(visitor.text.contains(f.perMille(550)))
            #expect(!visitor.text.contains("Отговор 29"))

            // Seven weeks later the sender writes and delivers the invitations.
            let later = Date().addingTimeInterval(43 * 86400)
            let round = try await Self.delivery(app, port: sink.port).runOnce(now: later)
            #expect(round == MailDelivery.Round(invited: 12, sent: 12, failed: 0))
            let messages = await sink.messages
            #expect(messages.count == 12)
            #expect(Set(messages.flatMap(\.to)) == Set((0..<12).map { "person\($0)@example.bg" }))
            let first = try #require(messages.first)
            let body = first.data.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
            let text = String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self)
            #expect(text.contains("https://praktika.example.bg/s/\(followUp.token)"))
            #expect(try await store.contactCount(id) == 0, "addresses are erased once the invitation is written")
            let sent = try await MailOutbox(db: app.sql).recent(status: .sent)
            #expect(sent.count == 12)
            #expect(sent.allSatisfy { !$0.recipient.contains("person") && $0.recipient.contains("•••@example.bg") })
            // A second round sends nothing again.
            #expect(try await Self.delivery(app, port: sink.port).runOnce(now: later) == MailDelivery.Round())

            // The follow-up survey takes its own items.
            let phone = Browser(app)
            let page = try await phone.get("/s/\(followUp.token)")
            #expect(page.text.contains(TextKey.itemApplied(.bg)))
            #expect(!page.text.contains("follow_up_email"))
            let answer = try await phone.post(
                "/s/\(followUp.token)", ["submission": try Self.submissionKey(page.text), "item-applied": "5", "item-used_more": "2"])
            #expect(answer.status == .ok)
            #expect(try await store.tallies(followUp.id)[.applied] == ItemTally(answered: 1, agreed: 1))

            // The answers as CSV: 40 + 1 rows and two headers, and no address anywhere.
            let csv = try await librarian.get("/services/\(id)/outcomes/answers.csv")
            #expect(csv.status == .ok)
            #expect(csv.text.split(whereSeparator: \.isNewline).count == 43)
            #expect(!csv.text.contains("@example.bg"))
            #expect(csv.text.contains(TextKey.csvExample(.bg)), "the CSV's headers are in the reader's language")
        }
        await sink.stop()
    }

    /// Every scope's figures, as the dashboards read them.
    static func rollups(_ app: Application) async throws -> [String] {
        var lines: [String] = []
        for row in try await app.sql.raw("SELECT scope, kind, item, answered, agreed FROM outcome_rollups ORDER BY scope, kind, item").all()
        {
            lines.append(
                "\(try row.decode(column: "scope", as: String.self)) \(try row.decode(column: "kind", as: String.self)) "
                    + "\(try row.decode(column: "item", as: String.self)) \(try row.decode(column: "answered", as: Int64.self)) "
                    + "\(try row.decode(column: "agreed", as: Int64.self))")
        }
        for row in try await app.sql.raw(
            "SELECT scope, kind, item, library_id FROM outcome_contributors ORDER BY scope, kind, item, library_id"
        )
        .all() {
            lines.append(
                "\(try row.decode(column: "scope", as: String.self)) \(try row.decode(column: "kind", as: String.self)) "
                    + "\(try row.decode(column: "item", as: String.self)) lib \(try row.decode(column: "library_id", as: Int64.self))")
        }
        for row in try await app.sql.raw("SELECT scope, design_id, answers FROM outcome_scope_services ORDER BY scope, design_id").all() {
            lines.append(
                "\(try row.decode(column: "scope", as: String.self)) design \(try row.decode(column: "design_id", as: Int64.self)) "
                    + "\(try row.decode(column: "answers", as: Int64.self))")
        }
        return lines
    }

    @Test("The figures kept per scope as answers arrive equal those the migration adds up from the tallies")
    func rollupsAgree() async throws {
        try await withApp(demo: true) { app in
            let kept = try await Self.rollups(app)
            #expect(kept.contains { $0.hasPrefix("network immediate * ") })
            #expect(kept.contains { $0.hasPrefix("district:BG-21 immediate learned ") })
            let migration = Migrations024.CreateOutcomeRollups()
            try await migration.revert(on: app.db)
            try await migration.prepare(on: app.db)
            #expect(try await Self.rollups(app) == kept)
        }
    }

    @Test("Two senders at once deliver each message once")
    func concurrentSenders() async throws {
        let sink = try await SMTPSink.start()
        try await withApp { app in
            let outbox = MailOutbox(db: app.sql)
            for n in 0..<20 {
                try await outbox.enqueue(
                    MailMessage(recipient: "r\(n)@example.bg", subject: "Тест \(n)", body: "Текст", kind: "test"), eraseWhenSent: false)
            }
            async let a = Self.delivery(app, port: sink.port).runOnce()
            async let b = Self.delivery(app, port: sink.port).runOnce()
            let (first, second) = try await (a, b)
            #expect(first.sent + second.sent == 20)
            let messages = await sink.messages
            #expect(messages.count == 20)
            #expect(Set(messages.flatMap(\.to)).count == 20)
            #expect(try await outbox.counts()[.sent] == 20)
        }
        await sink.stop()
    }

    @Test("A refused message is retried with growing pauses, then marked failed and listed for the administrator")
    func retries() async throws {
        let sink = try await SMTPSink.start(refuse: true)
        try await withApp { app in
            let outbox = MailOutbox(db: app.sql)
            let start = Date()
            let id = try await outbox.enqueue(
                MailMessage(recipient: "nobody@example.bg", subject: "Покана", body: "Текст", kind: "test"), eraseWhenSent: false,
                at: Int64(start.timeIntervalSince1970))
            let delivery = Self.delivery(app, port: sink.port)
            #expect(try await delivery.runOnce(now: start).failed == 1)
            var listed = try #require(try await outbox.recent(status: nil).first)
            #expect(listed.status == .waiting)
            #expect(listed.attempts == 1)
            #expect(listed.nextAttemptAt == Int64(start.timeIntervalSince1970) + 60)
            #expect(listed.lastError?.contains("550") == true)
            // Not due yet.
            #expect(try await delivery.runOnce(now: start.addingTimeInterval(30)) == MailDelivery.Round())
            var now = start
            for attempt in 1..<MailRetry.maxAttempts {
                now = now.addingTimeInterval(TimeInterval(MailRetry.delay(afterAttempt: attempt)!))
                #expect(try await delivery.runOnce(now: now).failed == 1)
            }
            listed = try #require(try await outbox.recent(status: nil).first)
            #expect(listed.status == .failed)
            #expect(listed.attempts == MailRetry.maxAttempts)

            let admin = try await Browser.signedIn(app)
            let page = try await admin.get("/mail")
            #expect(page.text.contains(TextKey.mailOffNotice(.bg)), "this test app has no SMTP address configured")
            #expect(page.text.contains("nobody@example.bg"))
            #expect(page.text.contains("550 no such mailbox"))
            #expect(try await admin.post("/mail/\(id)/retry", [:]).status == .seeOther)
            #expect(try await outbox.recent(status: .waiting).count == 1)
            // Only administrators see the outbox.
            let coordinator = try await Browser.signedIn(app, "admin@test.bg", "secret-admin")
            _ = coordinator
            #expect(try await Browser(app).get("/mail").status == .unauthorized)
        }
        await sink.stop()
    }

    @Test("Bots, double submissions, closed surveys and floods are refused without losing a genuine answer")
    func guards() async throws {
        try await withApp(demo: true) { app in
            let id = try await Self.designID(app, Self.centre)
            let (librarian, immediate, _) = try await Self.setUp(app, id)
            let store = OutcomeStore(db: app.sql)
            let phone = Browser(app)
            var page = try await phone.get("/s/\(immediate.token)")
            // A filled-in honeypot is thanked and dropped.
            let bot = try await phone.post(
                "/s/\(immediate.token)", ["submission": try Self.submissionKey(page.text), "item-learned": "5", "website": "http://spam"])
            #expect(bot.text.contains(TextKey.surveyThanks(.bg)))
            #expect(try await store.counts(immediate.id).total == 0)
            // The same form sent twice is counted once.
            page = try await phone.get("/s/\(immediate.token)")
            let key = try Self.submissionKey(page.text)
            #expect(
                try await phone.post("/s/\(immediate.token)", ["submission": key, "item-learned": "5"]).text.contains(
                    TextKey.surveyThanks(.bg)))
            let again = try await phone.post("/s/\(immediate.token)", ["submission": key, "item-learned": "5"])
            #expect(again.text.contains(TextKey.surveyAlreadyRecorded(.bg)))
            #expect(try await store.counts(immediate.id).total == 1)
            #expect(try await store.tallies(immediate.id)[.learned] == ItemTally(answered: 1, agreed: 1))
            // A mistake keeps what was typed and says where.
            let wrong = try await phone.post(
                "/s/\(immediate.token)",
                ["submission": UUID().uuidString, "item-learned": "5", "open-liked": "Много!", "follow_up_email": "a@b.bg"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Много!"))
            #expect(wrong.text.contains("id=\"field-follow_up_consent\""))
            #expect(wrong.text.contains(TextKey.validationFollowUpConsent(.bg)))
            // In English when asked.
            #expect(try await phone.get("/s/\(immediate.token)?lang=en").text.contains(TextKey.itemLearned(.en)))
            // Closed by the librarian: the page says so and nothing is taken.
            let closed = try await librarian.post("/services/\(id)/outcomes/immediate/settings", ["follow_up_weeks": "6"])
            #expect(closed.status == .seeOther)
            #expect(try await phone.get("/s/\(immediate.token)").text.contains(TextKey.surveyClosed(.bg)))
            let late = try await phone.post("/s/\(immediate.token)", ["submission": UUID().uuidString, "item-learned": "5"])
            #expect(late.status == .gone)
            #expect(try await store.counts(immediate.id).total == 1)
            // Reopened: a flood from one address stops at the limit.
            _ = try await librarian.post("/services/\(id)/outcomes/immediate/settings", ["open": "on", "follow_up_weeks": "6"])
            var statuses: [HTTPStatus] = []
            for _ in 0..<AnonymousThrottle.Scope.answers.limit {
                statuses.append(
                    try await phone.post("/s/\(immediate.token)", ["submission": UUID().uuidString, "item-learned": "4"]).status)
            }
            // Two came from this address before: the answer and its repetition.
            #expect(statuses.filter { $0 == .ok }.count == AnonymousThrottle.Scope.answers.limit - 2)
            #expect(statuses.suffix(2) == [.tooManyRequests, .tooManyRequests])
            // The sender's round forgets counters older than the last ten minutes.
            let counters = {
                try await app.sql.raw("SELECT COUNT(*) AS n FROM answer_throttle").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            #expect(try await counters() >= 1)
            _ = try await MailDelivery(db: app.db, settings: .off, transport: nil, publicURL: "", logger: app.logger)
                .runOnce(now: Date().addingTimeInterval(1200))
            #expect(try await counters() == 0)
            #expect(try await store.counts(immediate.id).total == AnonymousThrottle.Scope.answers.limit - 1)
        }
    }

    @Test("Only those who manage a service set up its surveys and type in its paper forms")
    func permissions() async throws {
        try await withApp(demo: true) { app in
            let id = try await Self.designID(app, Self.centre)
            #expect(try await Browser(app).post("/services/\(id)/outcomes/set-up", [:]).status == .unauthorized)
            let partner = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await partner.post("/services/\(id)/outcomes/set-up", [:]).status == .forbidden)
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            #expect(try await coordinator.post("/services/\(id)/outcomes/set-up", [:]).status == .forbidden)
            _ = try await Self.setUp(app, id)
            for path in ["immediate/entry", "immediate/paper", "immediate/qr.svg", "immediate/poster", "immediate/settings"] {
                #expect(try await coordinator.get("/services/\(id)/outcomes/\(path)").status == .forbidden, "\(path)")
                #expect(try await Browser(app).get("/services/\(id)/outcomes/\(path)").status == .unauthorized, "\(path)")
            }
            #expect(try await coordinator.get("/services/\(id)/outcomes/answers.csv").status == .forbidden)
            let entry = try await coordinator.post("/services/\(id)/outcomes/immediate/entry", ["item-learned": "5"])
            #expect(entry.status == .forbidden)
            #expect(
                try await OutcomeStore(db: app.sql).counts(try #require(try await OutcomeStore(db: app.sql).survey(id, .immediate)).id)
                    .total == 0)
            #expect(try await Browser(app).get("/s/nosuchtoken").status == .notFound)
        }
    }

    @Test("The QR code, the poster and the paper form carry the survey's link")
    func printables() async throws {
        try await withApp(demo: true, publicURL: "https://praktika.example.bg") { app in
            let id = try await Self.designID(app, Self.centre)
            let (librarian, immediate, _) = try await Self.setUp(app, id)
            let link = "https://praktika.example.bg/s/\(immediate.token)"
            let svg = try await librarian.get("/services/\(id)/outcomes/immediate/qr.svg")
            #expect(svg.headers.contentType?.description.hasPrefix("image/svg+xml") == true)
            #expect(svg.text == QRCode(link)?.svg(label: link))
            let poster = try await librarian.get("/services/\(id)/outcomes/immediate/poster")
            #expect(poster.text.contains(link))
            #expect(poster.text.contains("<svg"))
            let paper = try await librarian.get("/services/\(id)/outcomes/immediate/paper")
            for item in SurveyKind.immediate.items { #expect(paper.text.contains(item.statement(.bg))) }
            #expect(paper.text.contains(TextKey.paperInstructions(.bg)))
        }
    }

    @Test("The network's figures appear once five libraries have answers, a district's once five of its own have")
    func comparison() async throws {
        try await withApp(demo: true) { app in
            try await Self.clearDemoOutcomes(app)
            let store = OutcomeStore(db: app.sql)
            // Four libraries of Smolyan (BG-21) and one of Pazardzhik (BG-13).
            var libraries = try await app.sql.select().column("id").from("libraries").where("district_code", .equal, "BG-21").orderBy("id")
                .all().map { try $0.decode(column: "id", as: Int64.self) }
            libraries.append(
                try await RegistryStore<Library>(db: app.sql, table: .library).insert(
                    Library(name: "Читалищна библиотека – проба", kind: .chitalishte, districtCode: "BG-21")))
            libraries = Array(libraries.prefix(4))
            libraries.append(
                try #require(try await app.sql.select().column("id").from("libraries").where("district_code", .equal, "BG-13").first())
                    .decode(column: "id", as: Int64.self))
            try #require(libraries.count == 5)
            var designs: [Int64] = []
            for (n, library) in libraries.enumerated() {
                let design = ServiceDesign(
                    title: "Курс \(n)", libraryIDs: [library], status: .running, visibility: .public,
                    targetGroup: TargetGroup(category: .pensioners))
                let designID = try await DesignStore(db: app.sql).insert(design, by: nil)
                designs.append(designID)
                let surveyID = try #require(try await store.insertSurvey(designID, OutcomeSurvey(kind: .immediate)))
                let survey = StoredSurvey(id: surveyID, designID: designID, token: "t\(n)", survey: OutcomeSurvey(kind: .immediate))
                // Service n: n + 1 answers, all agreeing that they learned something.
                for _ in 0...n {
                    _ = try await store.insertAnswer(
                        survey, OutcomeAnswer(scores: [.learned: 5]), channel: .web, submission: nil, on: LocalDate(Date()))
                }
                let visitor = try await Browser(app).get("/services/\(designID)/outcomes")
                let f = Formatting(.bg)
                let pooled = "\(f.perMille(1000)) (\(f.integer((n + 1) * (n + 2) / 2)))"
                // The network shows with the fifth library; Smolyan's four never make a district figure.
                // (With one library the pooled figure equals the service's own, so it says nothing.)
                if n > 0 { #expect(visitor.text.contains(pooled) == (n == 4), "after \(n + 1) libraries") }
            }
            let network = try await store.pooled(.immediate, .network)
            #expect(network[.learned] == PooledTally(tally: ItemTally(answered: 15, agreed: 15), libraries: 5))
            // The same figures as CSV: the service's column and the network's.
            let results = try await Browser(app).get("/services/\(designs[4])/outcomes/results.csv")
            let lines = results.text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.count == 1 + 4, "a header and the four statements of its one survey")
            #expect(lines[1].hasSuffix(",5,5,100.0,,,,15,15,100.0"), "\(lines[1])")
            let networkCSV = try await Browser(app).get("/outcomes/results.csv")
            #expect(networkCSV.text.contains("15,15,100.0"))
            let dashboard = try await Browser(app).get("/outcomes")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("Курс 4"))
            #expect(dashboard.text.contains(TextKey.dashboardServicesMeasured(.bg)))
            #expect(dashboard.text.contains(TextKey.dashboardRunning(.bg)) && dashboard.text.contains(TextKey.dashboardResultsDue(.bg)))
            let running = try await OutcomeDashboardQuery(db: app.sql).figures(.network)
            #expect(running.services == 5)
            #expect(running.answers == 15)
            #expect(running.libraries == 5)
            #expect(running.running >= 5, "the five services and the demo's running practices")
            let english = Browser(app)
            _ = try await english.post("/language/en", ["back": "/outcomes"])
            let page = try await english.get("/outcomes?district=BG-21")
            #expect(page.text.contains(TextKey.dashboardTitle(.en)))
            #expect(page.text.contains(TextKey.itemLearnedShort(.en)))
        }
    }
}
