import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// A meeting with a capacity from registration to certificates: the waiting list, the messages
/// through a local SMTP server, check-in from badges, seating that keeps hand moves, and
/// certificates that can be checked.
@Suite("Meetings on the day and after", .serialized)
struct MeetingDayTests {
    static let coordinator = "pazardzhik@praktika.local"

    /// A two-district meeting a month ahead, open for registration, made through the page.
    static func createMeeting(_ app: Application, _ organiser: Browser, capacity: Int) async throws -> StoredMeeting {
        let starts = try #require(LocalDate(Date()).adding(days: 30))
        let created = try await organiser.post(
            "/meetings",
            [
                "title": "Партньорства за нови услуги", "starts_on": starts.iso, "starts_at": "10:00", "ends_on": starts.iso,
                "ends_at": "16:30",
                "venue": "Читалище „Отец Паисий“", "place": "Велинград", "districts-BG-13": "on", "districts-BG-21": "on",
                "status": "registration", "capacity": String(capacity), "reminder_days": "2",
            ])
        #expect(created.status == .seeOther, "\(created.text.prefix(2000))")
        let id = try #require(created.headers.first(name: .location).flatMap { Int64($0.split(separator: "/").last ?? "") })
        let stored = try #require(try await MeetingStore(db: app.sql).find(id))
        #expect(stored.meeting.capacity == capacity)
        #expect(stored.meeting.startsAt == ClockTime(hour: 10, minute: 0))
        _ = try await MeetingStore(db: app.sql).insertSession(
            id,
            AgendaSession(
                day: starts, starts: ClockTime(hour: 10, minute: 0), ends: ClockTime(hour: 13, minute: 0), title: "Добри практики",
                items: [AgendaItem(kind: .presentation, title: "Центърът за всички поколения", speaker: "Мария Иванова")]))
        _ = try await MeetingStore(db: app.sql).insertSession(
            id,
            AgendaSession(
                day: starts, starts: ClockTime(hour: 14, minute: 0), ends: ClockTime(hour: 16, minute: 30), title: "Работа по маси"))
        return stored
    }

    static func person(_ n: Int) -> MeetingParticipant {
        MeetingParticipant(
            fullName: "Участник \(n)", role: .librarian, organisation: "Библиотека \(n)", districtCode: n % 2 == 0 ? "BG-13" : "BG-21",
            email: "person\(n)@example.bg", consentListed: true)
    }

    static func service(_ app: Application, _ language: Language = .bg, actor: Actor? = nil) -> MeetingService {
        MeetingService(
            db: app.db, actor: actor, language: language, siteAddress: "https://praktika.example.bg", seatingGate: app.seatingGate)
    }

    /// The decoded text part of a message.
    static func text(_ data: String) throws -> String {
        let parts = data.components(separatedBy: "\r\n\r\n")
        let textStart = try #require(parts.firstIndex { $0.contains("text/plain") })
        let encoded = parts[textStart + 1].components(separatedBy: "\r\n--")[0].replacingOccurrences(of: "\r\n", with: "")
        return String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
    }

    @Test("45 register for 40 places: five wait; a withdrawal promotes the first and tells them; check-in, seating and certificates")
    func meetingDay() async throws {
        let sink = try await SMTPSink.start()
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let organiser = try await Browser.signedIn(app, Self.coordinator, VelingradDemo.demoPassword)
            let stored = try await Self.createMeeting(app, organiser, capacity: 40)
            let store = MeetingStore(db: app.sql)
            // Forty-five at once through the public link; every fifth in English.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<45 {
                    group.addTask {
                        let outcome = try await Self.service(app, n % 5 == 0 ? .en : .bg).register(stored, Self.person(n))
                        guard case .registered = outcome else {
                            Issue.record("registration \(n) refused")
                            return
                        }
                    }
                }
                try await group.waitForAll()
            }
            let everyone = try await store.participants(stored.id)
            #expect(everyone.count == 45)
            #expect(everyone.filter { $0.status == .confirmed }.count == 40)
            let waiting = try await store.waitingIDs(stored.id)
            #expect(waiting.count == 5)
            // The waiting list is the last five to arrive, in their order.
            let byArrival = everyone.compactMap(\.id).sorted()
            #expect(waiting == Array(byArrival.suffix(5)))

            // The same person registering again is told so, at the name.
            guard case .invalid(let again) = try await Self.service(app).register(stored, Self.person(3)) else {
                Issue.record("a second registration of the same person went through")
                return
            }
            #expect(again["full_name"]?.key == .importDuplicate)

            // The first waiting sees their place in the queue on their page.
            let firstWaiting = try #require(waiting.first)
            let waitingToken = try #require(try await store.accessToken(firstWaiting))
            let waitingPage = try await Browser(app).get("/r/\(waitingToken)")
            #expect(
                waitingPage.text.contains(TextKey.personalWaiting(.bg, ["position": "1"]))
                    || waitingPage.text.contains(
                        TextKey.personalWaiting(.en, ["position": "1"]))
            )
            #expect(!waitingPage.text.contains("main-nav"))

            // One with a place withdraws through their own link.
            let leaver = try #require(everyone.first { $0.status == .confirmed && $0.id != nil })
            let leaverToken = try #require(try await store.accessToken(leaver.id!))
            let visitor = Browser(app)
            let withdrawn = try await visitor.post("/r/\(leaverToken)/withdraw", [:])
            #expect(withdrawn.status == .seeOther)
            #expect(try await store.participant(stored.id, leaver.id!)?.status == .withdrawn)
            #expect(try await store.participant(stored.id, firstWaiting)?.status == .confirmed)
            #expect(try await store.confirmedCount(stored.id) == 40)
            #expect(try await store.waitingIDs(stored.id) == Array(waiting.dropFirst()))

            // The messages go out: 40 confirmations, 5 waiting notices, 1 place opened.
            let delivery = OutcomeFlowTests.delivery(app, port: sink.port)
            let round = try await delivery.runOnce()
            #expect(round.sent == 46 && round.failed == 0 && round.reminded == 0)
            let messages = await sink.messages
            let promotedTo = try #require(try await store.participant(stored.id, firstWaiting)?.email)
            let promoted = messages.filter { $0.to == [promotedTo] }
            #expect(promoted.count == 2, "the waiting notice, then the place")
            let placeText = try Self.text(try #require(promoted.last).data)
            #expect(placeText.contains("Партньорства за нови услуги"))
            #expect(placeText.contains("/r/\(waitingToken)"), "the personal link, on the site's address")
            let bulgarianPlace = try #require(
                try await store.confirmedParticipants(stored.id).first { $0.language == .bg && $0.id != firstWaiting }?.email)
            let confirmation = try #require(messages.first { $0.to == [bulgarianPlace] })
            #expect(confirmation.data.contains("multipart/mixed"))
            #expect(confirmation.data.contains("text/calendar"))
            let confirmationText = try Self.text(confirmation.data)
            #expect(confirmationText.contains("Добри практики") && confirmationText.contains("10:00–13:00"))
            // Every fifth registered in English; which of them got a place depends on who came first.
            let englishPlace = try #require(
                try await store.confirmedParticipants(stored.id).first { $0.language == .en && $0.id != firstWaiting }?.email)
            let english = try Self.text(try #require(messages.first { $0.to == [englishPlace] }).data)
            #expect(english.contains("your place at"), "a person who registered in English is written to in English")
            // The organiser sees who was sent what.
            let sent = try await organiser.get("/meetings/\(stored.id)/messages")
            #expect(sent.status == .ok)
            #expect(sent.text.contains(TextKey.mailKindPromoted(.bg)))

            // Two days before, the reminder goes to the forty with a place, once.
            let reminderDay = try #require(Calendar.current.date(byAdding: .day, value: 29, to: Date()))
            #expect(try await delivery.runOnce(now: reminderDay).reminded == 40)
            #expect(try await delivery.runOnce(now: reminderDay).reminded == 0)

            // On the day: badges carry a QR code that opens each person's check-in.
            let badges = try await organiser.get("/meetings/\(stored.id)/badges")
            #expect(badges.text.components(separatedBy: "<svg").count - 1 == 40)
            // No badge names the withdrawn person ("Участник 4" may still begin "Участник 40").
            let mentions = badges.text.components(separatedBy: leaver.fullName).dropFirst()
            #expect(mentions.allSatisfy { $0.first?.isNumber == true }, "the withdrawn person has no badge")
            let present = try await store.confirmedParticipants(stored.id).prefix(30).compactMap(\.id)
            for id in present {
                let page = try await organiser.get("/meetings/\(stored.id)/checkin/\(id)")
                #expect(page.text.contains(TextKey.checkInButton(.bg)))
                #expect(try await organiser.post("/meetings/\(stored.id)/checkin/\(id)", [:]).status == .seeOther)
            }
            // Twice: the first time stays, and the organiser is told.
            let twice = try await organiser.post("/meetings/\(stored.id)/checkin/\(present[0])", [:])
            #expect(twice.headers.first(name: .location) == "/meetings/\(stored.id)/checkin/\(present[0])")
            let firstTime = try await store.participant(stored.id, present[0])?.checkedInAt
            #expect(firstTime != nil)
            // A withdrawn person's badge does not check them in.
            _ = try await organiser.post("/meetings/\(stored.id)/checkin/\(leaver.id!)", [:])
            #expect(try await store.participant(stored.id, leaver.id!)?.checkedInAt == nil)
            #expect(
                try await organiser.get("/meetings/\(stored.id)/checkin/\(leaver.id!)").text.contains(
                    TextKey.checkInNotConfirmed(.bg, ["status": RegistrationStatus.withdrawn.label(.bg)])))
            // A visitor cannot check anyone in.
            #expect(try await Browser(app).post("/meetings/\(stored.id)/checkin/\(present[1])", [:]).status == .unauthorized)
            let list = try await organiser.get("/meetings/\(stored.id)/checkin")
            #expect(list.text.contains(TextKey.checkInCount(.bg, ["present": "30", "count": "40"])))

            // Seating: a hand move is pinned and survives seating everyone again.
            for number in 1...4 {
                _ = try await organiser.post(
                    "/meetings/\(stored.id)/tables",
                    ["number": String(number), "target_group": "Група \(number)", "category": "other", "capacity": "10"])
            }
            let tables = try await store.tables(stored.id)
            #expect(tables.count == 4)
            let question = try await organiser.get("/meetings/\(stored.id)/tables/seat")
            #expect(question.text.contains(TextKey.seatQuestionUnseated(.bg, ["count": "40"])))
            #expect(try await organiser.post("/meetings/\(stored.id)/tables/seat", [:]).status == .seeOther)
            let mover = try #require(try await store.confirmedParticipants(stored.id).first { $0.tableID != tables[3].id })
            _ = try await organiser.post(
                "/meetings/\(stored.id)/tables/move", ["participant": String(mover.id!), "table": String(tables[3].id)])
            #expect(try await store.participant(stored.id, mover.id!)?.pinned == true)
            _ = try await organiser.post("/meetings/\(stored.id)/tables/seat", [:])
            #expect(try await store.participant(stored.id, mover.id!)?.tableID == tables[3].id, "the hand move is kept")
            // Printable cards: each table's number, target group and people.
            let cards = try await organiser.get("/meetings/\(stored.id)/tables/cards")
            #expect(cards.text.components(separatedBy: "class=\"table-card\"").count - 1 == 4)
            #expect(cards.text.contains("Група 4") && cards.text.contains(mover.fullName))
            #expect(try await Browser(app).get("/meetings/\(stored.id)/tables/cards").status == .unauthorized)
            _ = try await organiser.post("/meetings/\(stored.id)/tables/unpin", ["participant": String(mover.id!)])
            #expect(try await store.participant(stored.id, mover.id!)?.pinned == false)

            // After: those present get verifiable certificates; others get a clear refusal.
            let attendee = present[2]
            let token = try #require(try await store.accessToken(attendee))
            let certificate = try await Browser(app).get("/r/\(token)/certificate")
            #expect(certificate.status == .ok)
            let serial = try #require(try await store.certificateSerial(attendee))
            #expect(certificate.text.contains(serial))
            #expect(
                certificate.text.contains(TextKey.certificateHoursValue(.bg, ["hours": "5,5"]))
                    || certificate.text.contains(
                        TextKey.certificateHoursValue(.en, ["hours": "5.5"]))
            )
            let verified = try await Browser(app).get("/certificates/\(serial)")
            #expect(verified.status == .ok)
            #expect(verified.text.contains(TextKey.verifyValid(.bg)))
            #expect(try await Browser(app).get("/certificates/\(serial.lowercased())").status == .ok, "typed in lower case")
            #expect(try await Browser(app).get("/certificates/2099-1-ABCDEFGH").status == .notFound)
            let absent = try #require(try await store.confirmedParticipants(stored.id).first { $0.checkedInAt == nil })
            let absentToken = try #require(try await store.accessToken(absent.id!))
            let refused = try await Browser(app).get("/r/\(absentToken)/certificate")
            #expect(refused.status == .conflict)
            #expect(
                refused.text.contains(TextKey.certificateNotAttended(.bg)) || refused.text.contains(TextKey.certificateNotAttended(.en)))
            #expect(try await store.certificateSerial(absent.id!) == nil)

            // The message after the meeting goes to the thirty present, once.
            #expect(try await organiser.post("/meetings/\(stored.id)/messages/after", [:]).status == .seeOther)
            _ = try await organiser.post("/meetings/\(stored.id)/messages/after", [:])
            #expect(try await delivery.runOnce().sent == 30)
            let attendeeEmail = try #require(try await store.participant(stored.id, attendee)?.email)
            let after = try Self.text(try #require(await sink.messages.last { $0.to == [attendeeEmail] }).data)
            #expect(after.contains("/r/\(token)/certificate"), "the message after the meeting links the certificate")

            // Decisions and actions: recorded against the programme, owned, on the owner's start page and in the report.
            let path = "/meetings/\(stored.id)/actions"
            let noOwner = try await organiser.post(path, ["kind": "action", "text": "Да се подготви споразумение"])
            #expect(noOwner.status == .unprocessableEntity)
            #expect(noOwner.text.contains(TextKey.validationActionOwner(.bg)))
            #expect(noOwner.text.contains("Да се подготви споразумение"), "what was typed stays")
            let ownerID = try #require(
                try await app.sql.select().column("id").from("users").where("email", .equal, Self.coordinator).first()?.decode(
                    column: "id", as: Int64.self))
            let item = try #require(try await store.agenda(stored.id).sessions.first?.items.first?.id)
            #expect(
                try await organiser.post(
                    path, ["kind": "decision", "text": "Срещите продължават два пъти годишно", "agenda_item": String(item)]
                )
                .status == .seeOther)
            #expect(
                try await organiser.post(
                    path, ["kind": "action", "text": "Да се подготви споразумение", "owner": String(ownerID), "due_on": "2027-02-01"]
                ).status == .seeOther)
            #expect(try await organiser.post(path, ["kind": "action", "text": "Чужд", "owner": "999999"]).status == .unprocessableEntity)
            let home = try await organiser.get("/")
            #expect(home.text.contains(TextKey.homeMyActions(.bg)) && home.text.contains("Да се подготви споразумение"))
            let report = try await organiser.get("/meetings/\(stored.id)/report")
            #expect(report.text.contains(TextKey.reportDecisions(.bg)) && report.text.contains("Срещите продължават два пъти годишно"))
            #expect(report.text.contains(TextKey.reportOpenActions(.bg)))
            #expect(report.text.contains(TextKey.reportAttendance(.bg, ["present": "30", "confirmed": "40", "absent": "10"])))
            // Closed, it leaves the start page.
            let actionID = try #require(try await store.actions(stored.id).first { $0.kind == .action }?.id)
            _ = try await organiser.post(
                "\(path)/\(actionID)",
                ["kind": "action", "text": "Да се подготви споразумение", "owner": String(ownerID), "status": "done"])
            #expect(!(try await organiser.get("/").text.contains("Да се подготви споразумение")))
        }
        await sink.stop()
    }

    @Test("Concurrent registrations and withdrawals never overfill a meeting, lose nobody, or break the order")
    func concurrentRegistrations() async throws {
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let organiser = try await Browser.signedIn(app, Self.coordinator, VelingradDemo.demoPassword)
            let stored = try await Self.createMeeting(app, organiser, capacity: 10)
            let store = MeetingStore(db: app.sql)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<30 { group.addTask { _ = try await Self.service(app).register(stored, Self.person(n)) } }
                try await group.waitForAll()
            }
            #expect(try await store.confirmedCount(stored.id) == 10)
            let waiting = try await store.waitingIDs(stored.id)
            #expect(waiting.count == 20)
            let confirmed = try await store.confirmedParticipants(stored.id).compactMap(\.id)
            // Five withdraw at once while five more register.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in confirmed.prefix(5) {
                    group.addTask { _ = try await Self.service(app).withdraw(stored, participantID: id, byOrganiser: false) }
                }
                for n in 30..<35 { group.addTask { _ = try await Self.service(app).register(stored, Self.person(n)) } }
                try await group.waitForAll()
            }
            #expect(try await store.confirmedCount(stored.id) == 10)
            let now = try await store.waitingIDs(stored.id)
            #expect(now.count == 20)
            #expect(Array(now.prefix(15)) == Array(waiting.dropFirst(5)), "the first five waiting moved up, the rest kept their order")
            #expect(try await store.participants(stored.id).count == 35)
        }
    }

    @Test("An English reader of a Bulgarian report gets it written from the data in English, marked, with the original a click away")
    func reportInReadersLanguage() async throws {
        try await withApp(demo: true) { app in
            let id = try #require(
                try await app.sql.select().column("id").from("meetings").where("title", .equal, VelingradDemo.meeting.title).first()?
                    .decode(column: "id", as: Int64.self))
            let reader = Browser(app)
            let bulgarian = try await reader.get("/meetings/\(id)/report")
            #expect(bulgarian.text.contains("<article class=\"report-text\" lang=\"bg\""))
            _ = try await reader.post("/language/en", ["back": "/"])
            let english = try await reader.get("/meetings/\(id)/report")
            #expect(english.text.contains("<article class=\"report-text\" lang=\"en\""))
            #expect(english.text.contains("The organisers wrote this report in Bulgarian"))
            #expect(english.text.contains(TextKey.reportProgramme(.en)), "the headings are English")
            let original = try await reader.get("/meetings/\(id)/report?original=1")
            #expect(original.text.contains("<article class=\"report-text\" lang=\"bg\""))
            #expect(original.text.contains(TextKey.reportProgramme(.bg)))
        }
    }

    @Test("A workshop with its own places: the third to sign up waits, and takes the place when someone leaves the session")
    func sessionPlaces() async throws {
        let sink = try await SMTPSink.start()
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let organiser = try await Browser.signedIn(app, Self.coordinator, VelingradDemo.demoPassword)
            let stored = try await Self.createMeeting(app, organiser, capacity: 3)
            let store = MeetingStore(db: app.sql)
            let day = stored.meeting.startsOn
            let workshop = try await store.insertSession(
                stored.id, AgendaSession(day: day, starts: ClockTime(hour: 17, minute: 0), title: "Работилница по QR кодове", capacity: 2))
            // The form offers the workshop with its free places.
            let form = try await Browser(app).get("/register/\(stored.registrationToken)")
            #expect(form.text.contains("Работилница по QR кодове") && form.text.contains(TextKey.sessionFreePlaces(.bg, ["count": "2"])))
            var tokens: [String] = []
            for n in 0..<4 {
                let visitor = Browser(app)
                let response = try await visitor.post(
                    "/register/\(stored.registrationToken)",
                    [
                        "full_name": "Участник \(n)", "organisation": "Библиотека \(n)", "role": "librarian", "district": "BG-13",
                        "email": "person\(n)@example.bg", "session-\(workshop)": "on",
                    ])
                #expect(response.status == .seeOther)
                tokens.append(String(try #require(response.headers.first(name: .location)).dropFirst(3).prefix { $0 != "?" }))
            }
            var places = try await store.sessionPlaces(stored.id)
            #expect(places.filter { $0.status == .confirmed }.count == 2)
            #expect(places.filter { $0.status == .waiting }.count == 2, "the third waits for the workshop, the fourth for the meeting too")
            #expect(try await Browser(app).get("/r/\(tokens[2])").text.contains(TextKey.registrationWaitingNumber(.bg, ["position": "1"])))
            // A made-up session is refused at the field.
            let forged = try await Browser(app).post(
                "/register/\(stored.registrationToken)",
                ["full_name": "Друг", "organisation": "Друга", "role": "librarian", "district": "BG-13", "session-999999": "on"])
            #expect(forged.status == .unprocessableEntity)

            // The first takes themselves off the workshop: the third gets it and a message.
            #expect(try await Browser(app).post("/r/\(tokens[0])/sessions/\(workshop)/leave", [:]).status == .seeOther)
            places = try await store.sessionPlaces(stored.id)
            let third = try #require(try await store.participant(accessToken: tokens[2])?.participant.id)
            let fourth = try #require(try await store.participant(accessToken: tokens[3])?.participant.id)
            #expect(places.first { $0.participantID == third }?.status == .confirmed)
            #expect(places.first { $0.participantID == fourth }?.status == .waiting, "no workshop place before a place at the meeting")
            let organiserView = try await organiser.get("/meetings/\(stored.id)/participants")
            #expect(
                organiserView.text.contains(
                    TextKey.sessionLine(.bg, ["title": "Работилница по QR кодове", "confirmed": "2", "capacity": "2", "waiting": "1"])))
            _ = try await OutcomeFlowTests.delivery(app, port: sink.port).runOnce()
            let toThird = await sink.messages.filter { $0.to == ["person2@example.bg"] }
            #expect(try toThird.contains { try Self.text($0.data).contains("Работилница по QR кодове") && $0.data.contains("Subject:") })
        }
        await sink.stop()
    }
}
