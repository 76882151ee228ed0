import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Meetings on the web")
struct MeetingPageTests {
    static let password = VelingradDemo.demoPassword

    static func location(_ response: TestingHTTPResponse) -> String { response.headers.first(name: .location) ?? "" }

    /// A CSV of `count` people from three districts and several organisations, with wishes for tables 1–3.
    static func csv(_ count: Int) -> String {
        let districts = ["Смолян", "Пазарджик", "Пловдив"]
        let roles = ["библиотекар", "читалищен секретар", "общински служител", "неправителствена организация"]
        var lines = ["Име;Роля;Организация;Област;Имейл;Съгласие за списък;Снимки;Нужди;Маси"]
        for i in 1...count {
            let d = districts[i % 3]
            lines.append(
                "Участник \(i);\(roles[i % 4]);Организация \(i % 40) – \(d);\(d);;\(i % 2 == 0 ? "да" : "не");не;;\((i / 3) % 3 + 1)")
        }
        return lines.joined(separator: "\n")
    }

    @Test(
        "an organiser creates a meeting of three districts, imports 100 participants, seats them, prints, collects feedback and publishes the report"
    )
    func organiserFlow() async throws {
        try await withApp(demo: true) { app in
            let organiser = try await Browser.signedIn(app, "pazardzhik@praktika.local", Self.password)
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")

            // Bad dates come back at their field, in Bulgarian, with what was typed.
            let bad = try await organiser.post(
                "/meetings",
                [
                    "title": "Пролетна среща", "starts_on": "20.04.2026", "ends_on": "19.04.2026", "venue": "РБ Пазарджик",
                    "status": "registration",
                    "districts-BG-13": "on", "districts-BG-21": "on", "districts-BG-16": "on", "organisers-\(rb)": "on",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("<p class=\"error\" id=\"field-ends_on-error\">Краят е преди началото.</p>"))
            #expect(bad.text.contains("Пролетна среща"))

            let created = try await organiser.post(
                "/meetings",
                [
                    "title": "Пролетна среща", "starts_on": "20.04.2026", "ends_on": "21.04.2026", "venue": "РБ Пазарджик",
                    "place": "Пазарджик",
                    "status": "registration", "districts-BG-13": "on", "districts-BG-21": "on", "districts-BG-16": "on",
                    "organisers-\(rb)": "on",
                    "host": String(rb), "series": "Пролетни срещи",
                ])
            #expect(created.status == .seeOther)
            let path = Self.location(created)
            let id = try #require(Int64(path.split(separator: "/").last ?? ""))

            // Programme: a session with a presentation.
            #expect(
                try await organiser.post(
                    "\(path)/agenda", ["day": "2026-04-20", "title": "Добри практики", "starts": "10:00", "ends": "12:30"]
                ).status == .seeOther)
            let sessionID = try await app.id("agenda_sessions", where: "title", is: "Добри практики")
            let noSpeaker = try await organiser.post(
                "\(path)/agenda/sessions/\(sessionID)/items", ["kind": "presentation", "title": "Клуб за четене"])
            #expect(noSpeaker.status == .unprocessableEntity)
            #expect(
                try await organiser.post(
                    "\(path)/agenda/sessions/\(sessionID)/items",
                    [
                        "kind": "presentation", "title": "Клуб за четене", "speaker": "Мария Петрова", "affiliation": "РБ Пазарджик",
                        "starts": "10:00",
                    ]
                ).status == .seeOther)

            // Three tables, then 100 participants from CSV.
            for (n, group, category) in [(1, "Ученици", "pupils"), (2, "Пенсионери", "pensioners"), (3, "Безработни", "unemployed")] {
                #expect(
                    try await organiser.post("\(path)/tables", ["number": String(n), "target_group": group, "category": category]).status
                        == .seeOther)
            }
            let duplicateNumber = try await organiser.post("\(path)/tables", ["number": "2", "target_group": "x", "category": "other"])
            #expect(duplicateNumber.status == .unprocessableEntity)
            #expect(duplicateNumber.text.contains("Вече има маса с този номер."))
            let imported = try await organiser.post("\(path)/participants/import", ["csv": Self.csv(100)])
            #expect(imported.status == .seeOther)
            #expect(try await MeetingStore(db: app.sql).participants(id).count == 100)

            // One click seats everyone, and every table mixes the districts.
            #expect(try await organiser.post("\(path)/tables/seat", [:]).status == .seeOther)
            let participants = try await MeetingStore(db: app.sql).participants(id)
            #expect(participants.allSatisfy { $0.tableID != nil })
            for table in try await MeetingStore(db: app.sql).tables(id) {
                let districts = Set(participants.filter { $0.tableID == table.id }.compactMap(\.districtCode))
                #expect(districts.count == 3, "table \(table.number) has \(districts)")
            }
            let tablesPage = try await organiser.get("\(path)/tables")
            #expect(tablesPage.text.contains("Разпределени: 100 от 100"))
            #expect(!tablesPage.text.contains("work-table is-off"))

            // A move by hand is flagged at the table it unbalances.
            let first = try #require(participants.first)
            let other = try #require(try await MeetingStore(db: app.sql).tables(id).first { $0.id != first.tableID })
            #expect(
                try await organiser.post("\(path)/tables/move", ["participant": String(first.id!), "table": String(other.id)]).status
                    == .seeOther)
            #expect(try await organiser.get("\(path)/tables").text.contains("work-table is-off"))
            // Pressing "move" without choosing anyone brings the page back with a message.
            let nobody = try await organiser.post("\(path)/tables/move", ["participant": "", "table": String(other.id)])
            #expect(nobody.status == .seeOther)
            #expect(try await organiser.get("\(path)/tables").text.contains("Изберете кого да преместите."))

            let badges = try await organiser.get("\(path)/badges")
            #expect(badges.text.contains("Участник 1<") && badges.text.contains("Маса "))
            let programme = try await Browser(app).get("\(path)/programme")
            #expect(programme.text.contains("Клуб за четене") && programme.text.contains("20 и 21 април 2026 г."))
            let ics = try await Browser(app).get("\(path)/programme.ics")
            #expect(ics.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(ics.text.contains("DTSTART;TZID=Europe/Sofia:20260420T100000"))

            // Feedback: a form, an anonymous answer through its link, the results.
            #expect(
                try await organiser.post(
                    "\(path)/feedback",
                    [
                        "title": "Как беше?", "open": "on", "question-1-prompt": "Какво ще използвате?", "question-1-kind": "multiple",
                        "question-1-options": "Умната диаграма\nПартньорства", "question-2-prompt": "Оценка", "question-2-kind": "rating",
                    ]
                ).status == .seeOther)
            let form = try #require(try await MeetingStore(db: app.sql).forms(id).first)
            let visitor = Browser(app)
            #expect(try await visitor.get("/feedback/\(form.token)").text.contains("Какво ще използвате?"))
            let empty = try await visitor.post("/feedback/\(form.token)", [:])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await visitor.post("/feedback/\(form.token)", ["q-q1": "0", "q-q2": "5"]).text.contains("Благодарим ви!"))
            let results = try await organiser.get("\(path)/feedback/\(form.id)/results")
            #expect(results.text.contains("<svg") && results.text.contains("Средна оценка: 5,00 от 5"))
            #expect(try await organiser.get("\(path)/feedback/\(form.id)/results.csv").text.contains("Умната диаграма"))
            #expect(try await visitor.get("\(path)/feedback/\(form.id)/results").status == .unauthorized)

            // The report: hidden until published, then public, as HTML and Markdown.
            #expect(try await visitor.get("\(path)/report").status == .notFound)
            let draft = try await organiser.get("\(path)/report")
            #expect(draft.text.contains("На 20 и 21 април 2026 г."))
            #expect(draft.text.contains("100 участници"))
            let statusBefore = try #require(try await MeetingStore(db: app.sql).find(id)).meeting.status
            #expect(try await organiser.post("\(path)/report/publish", ["publish": "1"]).status == .seeOther)
            let published = try await visitor.get("\(path)/report")
            #expect(published.status == .ok && published.text.contains("Мария Петрова"))
            #expect(try await visitor.get("\(path)/report.md").text.hasPrefix("# Пролетна среща"))
            // Publishing alone leaves the status as the organisers set it; they may ask for both.
            #expect(try await MeetingStore(db: app.sql).find(id)?.meeting.status == statusBefore)
            _ = try await organiser.post("\(path)/report/publish", ["publish": "0"])
            _ = try await organiser.post("\(path)/report/publish", ["publish": "1", "mark_reported": "on"])
            #expect(try await MeetingStore(db: app.sql).find(id)?.meeting.status == .reported)

            let series = try await visitor.get(
                "/meetings/series?name=\("Пролетни срещи".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(series.text.contains("Пролетна среща"))
        }
    }

    @Test("a CSV with mistakes is reported by row and column; the valid rows can then be added")
    func importReport() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app)
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let before = try await MeetingStore(db: app.sql).participants(id).count
            let csv = "name,organisation,district\nНова Колежка,НЧ Искра,Смолян\nБез Област,НЧ Искра,\nДаринa,НЧ,Марс\n"
            let report = try await admin.post("/meetings/\(id)/participants/import", ["csv": csv])
            #expect(report.status == .unprocessableEntity)
            #expect(report.text.contains("<td>3</td><td>district</td><td>Полето е задължително.</td>"))
            #expect(report.text.contains("Няма област „Марс“."))
            #expect(try await MeetingStore(db: app.sql).participants(id).count == before)
            #expect(try await admin.post("/meetings/\(id)/participants/import", ["csv": csv, "confirm": "valid"]).status == .seeOther)
            #expect(try await MeetingStore(db: app.sql).participants(id).count == before + 1)

            // A file upload in Windows-1251, as older spreadsheets save it.
            let boundary = "praktika-test-boundary"
            var body = ByteBuffer()
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(admin.cookies[Cookies.csrf] ?? "")\r\n")
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            body.writeBytes("Име;Организация;Област\nИван Иванов;Читалище Светлина;Пазарджик\n".data(using: .windowsCP1251)!)
            body.writeString("\r\n--\(boundary)--\r\n")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let upload = try await admin.send(.POST, "/meetings/\(id)/participants/import", headers: headers, body: body)
            #expect(upload.status == .seeOther)
            #expect(
                try await MeetingStore(db: app.sql).participants(id).contains { $0.fullName == "Иван Иванов" && $0.districtCode == "BG-13" }
            )
        }
    }

    @Test("a person already among the participants is refused by the organisers' form and the API alike")
    func duplicateParticipantRefused() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let store = MeetingStore(db: app.sql)
            let person = try #require(try await store.participants(id).first { !$0.placeholder })
            let before = try await store.participants(id).count
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            // The same name and organisation, typed with other capitals and spaces.
            var values = person.input
            values["full_name"] = "  " + person.fullName.uppercased()
            let form = try await admin.post("/meetings/\(id)/participants", values)
            #expect(form.status == .unprocessableEntity && form.text.contains("field-full_name-error"))
            let body = """
                {"full_name":"\(person.fullName)","organisation":"\(person.organisation)","district_code":"\(person.districtCode ?? "BG-13")","role":"librarian"}
                """
            let api = try await admin.send(
                .POST, "/api/v1/meetings/\(id)/participants",
                headers: try await admin.apiHeaders("admin@praktika.local", VelingradDemo.demoPassword),
                body: ByteBuffer(string: body))
            #expect(api.status == .unprocessableEntity && api.text.contains("\"[0].fullName\""))
            #expect(try await store.participants(id).count == before)
            // A new person goes through the same form.
            values["full_name"] = "Съвсем Нов Участник"
            #expect(try await admin.post("/meetings/\(id)/participants", values).status == .seeOther)
            #expect(try await store.participants(id).count == before + 1)
        }
    }

    @Test("an organiser links a participant to a registry library of the meeting's districts; other values are refused at the field")
    func participantRegistryLink() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let smolyanRB = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let youth = try await app.id("partners", where: "name", is: "Младежки дом – Пазарджик")
            let store = MeetingStore(db: app.sql)
            let person = try #require(try await store.participants(id).first { $0.libraryID == nil && $0.partnerID == nil })
            let pid = try #require(person.id)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let form = try await admin.get("/meetings/\(id)/participants/\(pid)")
            #expect(form.text.contains("name=\"library\"") && form.text.contains("Регионална библиотека „Никола Вранчев“"))
            #expect(form.text.contains("name=\"partner\"") && form.text.contains("Младежки дом – Пазарджик"))
            var values = person.input
            for want in person.wants { values["want-\(want)"] = "on" }
            values["table"] = person.tableID.map(String.init) ?? ""
            values["library"] = "999999"
            let refused = try await admin.post("/meetings/\(id)/participants/\(pid)", values)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("field-library-error"))
            #expect(try await store.participant(id, pid)?.libraryID == nil)
            values["library"] = String(smolyanRB)
            values["partner"] = String(youth)
            #expect(try await admin.post("/meetings/\(id)/participants/\(pid)", values).status == .seeOther)
            let linked = try #require(try await store.participant(id, pid))
            #expect(linked.libraryID == smolyanRB && linked.partnerID == youth && linked.fullName == person.fullName)
            #expect(linked.source == person.source && linked.tableID == person.tableID)
            // The edit form shows the links; the public registration form offers none.
            #expect(try await admin.get("/meetings/\(id)/participants/\(pid)").text.contains("value=\"\(smolyanRB)\" selected"))
            let token = try #require(try await store.find(id)).registrationToken
            #expect(!(try await Browser(app).get("/register/\(token)").text.contains("name=\"library\"")))
        }
    }

    @Test("the Velingrad demo meeting: 95 participants at nine mixed tables, the nine designs as results, the seed's facts in the report")
    func velingradDemo() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let store = MeetingStore(db: app.sql)
            let participants = try await store.participants(id)
            let tables = try await store.tables(id)
            #expect(participants.count == 95)
            #expect(tables.count == 9 && tables.allSatisfy { $0.designID != nil })
            for table in tables {
                let here = participants.filter { $0.tableID == table.id }
                #expect(Set(here.compactMap(\.districtCode)).isSuperset(of: ["BG-13", "BG-21"]))
                #expect((10...11).contains(here.count))
            }
            let visitor = Browser(app)
            let report = try await visitor.get("/meetings/\(id)/report")
            #expect(report.status == .ok)
            for fact in [
                "На 17 и 18 май 2012 г.", "95 участници", "Балнеологичен център „Камена“ ЕАД", "Група 3: Жени, жертви на домашно насилие",
                "Умната диаграма",
            ] {
                #expect(report.text.contains(fact.htmlEscaped) || report.text.contains(fact), "missing \(fact)")
            }
            // The public sees the tables but not who sits at them, and no participant list.
            let tablesPage = try await visitor.get("/meetings/\(id)/tables")
            #expect(tablesPage.text.contains("Пенсионери 60+"))
            #expect(!tablesPage.text.contains("Лъчезар Риков"))
            #expect(try await visitor.get("/meetings/\(id)/participants").status == .unauthorized)
            let partner = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            #expect(try await partner.get("/meetings/\(id)/participants").status == .forbidden)
            #expect(try await partner.post("/meetings/\(id)/tables/seat", [:]).status == .forbidden)
            // A librarian whose library organises the meeting may run it.
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            #expect(try await librarian.get("/meetings/\(id)/participants").status == .ok)
            // Forms without the CSRF token are refused.
            #expect(try await librarian.post("/meetings/\(id)/tables/seat", [:], csrf: false).status == .forbidden)
        }
    }

    @Test("public registration works while registration is open, refuses duplicates, and closes with the status")
    func registration() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app)
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let created = try await admin.post(
                "/meetings",
                [
                    "title": "Есенна среща", "starts_on": "01.10.2026", "venue": "Смолян", "status": "registration",
                    "districts-BG-21": "on",
                    "organisers-\(rb)": "on",
                ])
            let id = try #require(Int64(Self.location(created).split(separator: "/").last ?? ""))
            let token = try #require(try await MeetingStore(db: app.sql).find(id)).registrationToken
            let visitor = Browser(app)
            #expect(try await visitor.get("/register/\(token)").text.contains("Регистрация: Есенна среща"))
            let missing = try await visitor.post("/register/\(token)", ["full_name": "Ана Маринова", "role": "librarian"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("field-organisation-error"))
            let ok = try await visitor.post(
                "/register/\(token)",
                [
                    "full_name": "Ана Маринова", "role": "librarian", "organisation": "НЧ Родина", "district": "BG-21",
                    "consent_listed": "on",
                    "needs": "достъп с количка",
                ])
            // Registered: on to the person's own page, which says so and keeps the link.
            let personal = try #require(ok.headers.first(name: .location))
            #expect(personal.hasPrefix("/r/"))
            let own = try await visitor.get(personal)
            #expect(own.text.contains("Регистрацията ви е приета"))
            #expect(own.text.contains(TextKey.personalConfirmed(.bg)))
            let again = try await visitor.post(
                "/register/\(token)", ["full_name": "Ана  Маринова", "role": "librarian", "organisation": "нч родина", "district": "BG-21"])
            #expect(again.status == .unprocessableEntity)
            let person = try #require(try await MeetingStore(db: app.sql).participants(id).first)
            #expect(person.source == .link && person.consentListed && !person.consentPhoto && person.needs == "достъп с количка")
            // Seating without tables is refused with the reason above the tables, not an error page.
            let refused = try await admin.post("/meetings/\(id)/tables/seat", [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Разпределянето не е възможно: Още няма работни маси."))
            // A table's result needs an organising library to belong to: the edit page says so.
            var bare = VelingradDemo.meeting
            bare.title = "Без организатори"
            let bareID = try await MeetingStore(db: app.sql).insert(bare)
            let tableID = try await MeetingStore(db: app.sql).insertTable(
                bareID, WorkTable(id: 0, number: 1, targetGroup: "Ученици", category: .pupils))
            let noOrganiser = try await admin.post("/meetings/\(bareID)/tables/\(tableID)/result", [:])
            #expect(Self.location(noOrganiser) == "/meetings/\(bareID)/edit")
            #expect(try await admin.get("/meetings/\(bareID)/edit").text.contains("Посочете поне една организираща библиотека"))
            #expect(try await visitor.get("/register/not-a-token").status == .notFound)

            var meeting = try #require(try await MeetingStore(db: app.sql).find(id)).meeting
            meeting.status = .held
            try await MeetingStore(db: app.sql).update(id, meeting)
            #expect(try await visitor.get("/register/\(token)").text.contains("Регистрацията за тази среща не е отворена."))
            #expect(try await visitor.post("/register/\(token)", ["full_name": "X"]).status == .notFound)
        }
    }

    @Test("a table's result becomes a draft design of the organisers, linked both ways; a presentation becomes a practice")
    func tableResult() async throws {
        try await withApp(demo: true) { app in
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", Self.password)
            let rb = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let created = try await coordinator.post(
                "/meetings",
                [
                    "title": "Лятна среща", "starts_on": "01.07.2026", "venue": "Пазарджик", "status": "planned", "districts-BG-13": "on",
                    "organisers-\(rb)": "on",
                ])
            let path = Self.location(created)
            let id = try #require(Int64(path.split(separator: "/").last ?? ""))
            _ = try await coordinator.post(
                "\(path)/tables", ["number": "1", "target_group": "Пенсионери в селата", "category": "pensioners"])
            let table = try #require(try await MeetingStore(db: app.sql).tables(id).first)
            let made = try await coordinator.post("\(path)/tables/\(table.id)/result", [:])
            #expect(made.status == .seeOther)
            let designID = try #require(Int64(Self.location(made).split(separator: "/").last ?? ""))
            let design = try #require(try await DesignStore(db: app.sql).find(designID)).design
            #expect(design.status == .idea && design.libraryIDs == [rb] && design.targetGroup.category == .pensioners)
            #expect(try await MeetingStore(db: app.sql).tables(id).first?.designID == designID)
            let chart = try await coordinator.get("/services/\(designID)")
            #expect(chart.text.contains("Лятна среща"))
            // Asking again opens the same design.
            #expect(Self.location(try await coordinator.post("\(path)/tables/\(table.id)/result", [:])) == "/services/\(designID)")
            // Deleting the design leaves the table without a result, ready for a new one.
            #expect(try await coordinator.post("/services/\(designID)/delete", [:]).status == .seeOther)
            #expect(try await MeetingStore(db: app.sql).tables(id).first?.designID == nil)
            #expect(try await coordinator.get("\(path)/tables").text.contains("Записване на резултата"))
        }
    }

    @Test("a series shows its meetings side by side, with the feedback questions they share")
    func series() async throws {
        try await withApp(demo: true) { app in
            let store = MeetingStore(db: app.sql)
            var next = VelingradDemo.meeting
            next.title = "Втора среща"
            next.startsOn = LocalDate(year: 2013, month: 5, day: 16)!
            next.endsOn = next.startsOn
            let id = try await store.insert(next)
            let form = try await store.insertForm(id, VelingradDemo.feedbackForm, open: true)
            try await store.insertResponse(form, FeedbackResponse(answers: ["q1": ["10"]]), source: "link")
            let page = try await Browser(app).get(SiteURL.meetingSeries.with([("name", VelingradDemo.series)]))
            #expect(page.text.contains("Втора среща") && page.text.contains(VelingradDemo.meetingTitle.htmlEscaped))
            #expect(page.text.contains("Обратната връзка една до друга"))
            // "Умната диаграма": 1 of 11 in 2012, 1 of 1 in 2013.
            #expect(
                page.text.contains(
                    "<th scope=\"row\">Умната диаграма</th><td class=\"number\">9,1\u{00A0}%</td><td class=\"number\">100,0\u{00A0}%</td>"))
        }
    }

    @Test("a presentation of good practice is recorded as a design of the organisers, published without a chart of its own, and linked")
    func presentationAsPractice() async throws {
        try await withApp(demo: true) { app in
            let meeting = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let programme = try await Browser(app).get("/meetings/\(meeting)")
            // The demo's practices are the meeting's presentations, and its programme links to them.
            for demo in VelingradDemo.practices {
                let practice = try await app.id("service_designs", where: "title", is: demo.design.title)
                let linked = try await app.sql.select().column("title").from("agenda_items").where("practice_design_id", .equal, practice)
                    .all()
                #expect(try linked.map { try $0.decode(column: "title", as: String.self) } == [demo.presentation])
                #expect(programme.text.contains("href=\"/services/\(practice)\""), "\(demo.presentation)")
            }
            let catalogue = try await Browser(app).get("/practices").text
            #expect(catalogue.contains("Записи: \(VelingradDemo.practices.count)"))
            // Dated as the meeting: the year they were presented, the day they were entered.
            #expect(catalogue.contains("<a href=\"/practices?year=2012\">2012 (\(VelingradDemo.practices.count))</a>"))
            let changed = "<td data-label=\"\(TextKey.lastChanged(.bg))\">"
            #expect(catalogue.contains(changed + "18.05.2012 г., 12:00</td>") && catalogue.contains(changed + "17.05.2012 г., 12:00</td>"))
            let rikov = try await app.id("service_designs", where: "title", is: VelingradDemo.practices[0].design.title)
            #expect(
                try await Browser(app).get("/services/\(rikov)").text.contains(
                    "Представена на срещата <a href=\"/meetings/\(meeting)\">\(VelingradDemo.meetingTitle.htmlEscaped)</a> · 17.05.2012 г. · Лъчезар Риков"
                ))

            // The festival was still to come, so the demo left it unrecorded.
            let item = try await app.id("agenda_items", where: "speaker", is: "Борис Хаджийски")
            let organiser = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let made = try await organiser.post("/meetings/\(meeting)/agenda/items/\(item)/practice", [:])
            #expect(made.status == .seeOther)
            let designID = try #require(Int64(Self.location(made).split(separator: "/").last ?? ""))
            let design = try #require(try await DesignStore(db: app.sql).find(designID)).design
            #expect(design.title == "Културен фестивал на културните институти в Пазарджик")
            #expect(design.summary?.contains("Борис Хаджийски") == true)
            #expect(design.libraryIDs.count == 2 && design.status == .idea)
            #expect(
                design.presentedAt
                    == PresentedAt(meetingTitle: VelingradDemo.meetingTitle, day: VelingradDemo.meeting.endsOn, speaker: "Борис Хаджийски"))
            #expect(try await Browser(app).get("/meetings/\(meeting)").text.contains("href=\"/services/\(designID)\""))
            // A second click does not make a second design.
            #expect(
                Self.location(try await organiser.post("/meetings/\(meeting)/agenda/items/\(item)/practice", [:]))
                    == "/services/\(designID)")

            // What the library ran before the meeting is told, not planned: it may be marked
            // completed and published without needs, activities or indicators.
            let library = String(design.libraryIDs[0])
            let completed = try await organiser.post(
                "/services/\(designID)/edit/basics",
                ["version": "1", "title": design.title, "library-0-id": library, "status": "completed", "visibility": "public"])
            #expect(completed.status == .seeOther)
            let published = try await organiser.post(
                "/services/\(designID)/publish", ["what_worked": "Десет дни програма на музея и библиотеките"])
            #expect(published.status == .seeOther)
            #expect(try await Browser(app).get("/practices?q=фестивал").readable.contains("Културен фестивал"))
            // Its copy is a design like any other: planning it asks for the whole chart.
            let adopted = try #require(try await DesignStore(db: app.sql).find(designID)).design.adopted(from: designID, by: 1)
            #expect(adopted.presentedAt == nil)
            var planned = adopted
            planned.status = .planned
            #expect(DesignValidation.validate(planned)["indicators"] != nil)

            let partner = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await partner.post("/meetings/\(meeting)/agenda/items/\(item)/practice", [:]).status == .forbidden)
        }
    }
}
