import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Partnerships on the site")
struct PartnershipPageTests {
    static func iso(_ days: Int) -> String { LocalDate(Date()).adding(days: days)!.iso }

    @Test(
        "a librarian records a partnership, money, a gift and volunteers' hours for a design, and a contact; the budget, the list and the start page show them"
    )
    func record() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let partner = try await app.id("partners", where: "name", is: "ОДК")
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let design = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")

            let form = try await librarian.get("/partnerships/new?partner=\(partner)")
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"\(partner)\" selected=\"selected\">ОДК</option>"))
            // An end before the start is refused at its field; what was typed stays.
            var values: FormInput = [
                "partner": String(partner), "library-0-id": String(library), "design-0-id": String(design), "role-in_kind": "on",
                "role-venue": "on",
                "status": "active", "starts_on": Self.iso(-300), "ends_on": Self.iso(-400), "partner_contact": "Директорът на ОДК",
            ]
            let wrong = try await librarian.post("/partnerships", values)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("id=\"field-ends_on-error\""))
            #expect(wrong.text.contains("Директорът на ОДК"))
            values["ends_on"] = Self.iso(30)
            let created = try await librarian.post("/partnerships", values)
            #expect(created.status == .seeOther)
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))

            // Money to the design's budget, and a gift in kind with its estimate.
            let empty = try await librarian.post("/partnerships/\(id)/contributions", ["received_on": Self.iso(-10), "currency": "BGN"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("id=\"field-amount-error\""))
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    ["received_on": Self.iso(-10), "amount": "1 000,00", "currency": "BGN", "design": String(design)]
                ).status == .seeOther)
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    [
                        "received_on": Self.iso(-5), "in_kind": "Зала за 10 занятия", "estimated_value": "300", "currency": "BGN",
                        "design": String(design),
                    ]
                ).status == .seeOther)
            // Volunteers' work: hours without saying what they did is refused at that field, the
            // hours kept; with the work described, the hours go in (a decimal comma is read).
            let undescribed = try await librarian.post(
                "/partnerships/\(id)/contributions",
                ["received_on": Self.iso(-4), "volunteer_hours": "12,5", "currency": "BGN", "design": String(design)])
            #expect(undescribed.status == .unprocessableEntity && undescribed.text.contains("id=\"field-in_kind-error\""))
            #expect(undescribed.text.contains("какво свършиха доброволците") && undescribed.text.contains("value=\"12,5\""))
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    [
                        "received_on": Self.iso(-4), "in_kind": "Четения за децата", "volunteer_hours": "12,5", "currency": "BGN",
                        "design": String(design),
                    ]
                ).status == .seeOther)
            // A design the partnership is not tied to takes no contribution.
            let other = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    ["received_on": Self.iso(-1), "amount": "5", "currency": "EUR", "design": String(other)]
                ).status == .unprocessableEntity)

            let budget = try await librarian.get("/services/\(design)").text
            #expect(
                budget.inOrder(
                    "Приноси на партньорите", "ОДК: в пари 1 000,00 лв., в натура 300,00 лв., 12,5 ч. доброволен труд",
                    "Остава за библиотеката: 1 950,00 лв."))
            // A contribution recorded by mistake is deleted after a question; the budget forgets it,
            // the log keeps what it was. Someone who only reads the partnership cannot.
            let mistaken = try await librarian.post(
                "/partnerships/\(id)/contributions", ["received_on": Self.iso(-3), "amount": "10 000", "currency": "BGN"])
            #expect(mistaken.status == .seeOther)
            let wrongID = try #require(
                try await PartnershipStore(db: app.sql).contributions(id).first { $0.contribution.amount?.minorUnits == 1_000_000 }?.id)
            let partnershipPage = try await librarian.get("/partnerships/\(id)").text
            #expect(partnershipPage.contains("href=\"/partnerships/\(id)/contributions/\(wrongID)/delete\""))
            let question = try await librarian.get("/partnerships/\(id)/contributions/\(wrongID)/delete")
            #expect(question.status == .ok && question.text.contains("в пари 10 000,00 лв."))
            let reader = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await reader.get("/partnerships/\(id)").status == .ok)
            #expect(try await reader.get("/partnerships/\(id)/contributions/\(wrongID)/delete").status == .forbidden)
            #expect(try await reader.post("/partnerships/\(id)/contributions/\(wrongID)/delete", [:]).status == .forbidden)
            #expect(try await librarian.post("/partnerships/\(id)/contributions/\(wrongID)/delete", [:]).status == .seeOther)
            #expect(try await librarian.post("/partnerships/\(id)/contributions/\(wrongID)/delete", [:]).status == .notFound)
            #expect(try await PartnershipStore(db: app.sql).contribution(wrongID) == nil)
            let deletedLog = try await app.sql.raw("SELECT changes FROM audit_log WHERE entity = 'partnership' AND action = 'delete'").all()
                .compactMap { try $0.decode(column: "changes", as: String?.self) }
            #expect(deletedLog.contains { $0.contains("в пари 10 000,00 лв.") })

            // Visitors see the design, not the partners' money.
            #expect(!(try await Browser(app).get("/services/\(design)").text.contains("Приноси на партньорите")))

            // A contact with a follow-up: due, on the list and on the start page, with the partnership's end.
            #expect(
                try await librarian.post("/partnerships/\(id)/interactions", ["on": Self.iso(0), "kind": "call", "note": ""]).status
                    == .unprocessableEntity)
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/interactions",
                    ["on": Self.iso(0), "kind": "call", "note": "Уговорихме есенния сезон", "follow_up_on": Self.iso(14)]
                ).status == .seeOther)
            // Each contact can be deleted after a question that names it.
            let call = try #require(try await PartnershipStore(db: app.sql).interactions([id]).first?.stored.id)
            #expect(
                try await librarian.get("/partnerships/\(id)").text.contains("href=\"/partnerships/\(id)/interactions/\(call)/delete\""))
            #expect(try await librarian.get("/partnerships/\(id)/interactions/\(call)/delete").text.contains("Уговорихме есенния сезон"))
            #expect(try await librarian.get("/partnerships/\(id)/interactions/999999/delete").status == .notFound)
            let list = try await librarian.get("/partnerships").text
            #expect(list.inOrder("Предстои в следващите 60 дни", "ОДК", "Уговорихме есенния сезон", "Партньорството изтича", "</section>"))
            #expect(try await librarian.get("/").text.inOrder("start-partnerships", "Уговорихме есенния сезон"))
            // A week before the follow-up day, the mail round reminds the library once; not earlier.
            let reminders = PartnershipReminders(db: app.db, publicURL: "https://praktika.example")
            #expect(try await reminders.enqueueFollowUps(today: LocalDate(Date())) == 0)
            let weekBefore = LocalDate(Date()).adding(days: 14 - FollowUpReminder.daysBefore)!
            async let one = reminders.enqueueFollowUps(today: weekBefore)
            async let again = reminders.enqueueFollowUps(today: weekBefore)
            let (sentOnce, sentTwice) = try await (one, again)
            #expect(sentOnce + sentTwice == 1)
            #expect(try await reminders.enqueueFollowUps(today: weekBefore) == 0)
            let followUp = try #require(
                try await MailOutbox(db: app.sql).recent(status: nil).first { $0.kind == "partnership_follow_up" })
            #expect(followUp.recipient == "smolyan@praktika.local" && followUp.subject == "Следваща стъпка с ОДК")
            let page = try await librarian.get("/partnerships/\(id)").text
            #expect(
                page.inOrder(
                    "id=\"contributions\"", "Четения за децата, 12,5 ч. доброволен труд", "Зала за 10 занятия", "id=\"interactions\"",
                    "Уговорихме есенния сезон"))
            let partnerPage = try await librarian.get("/partners/\(partner)").text
            #expect(partnerPage.inOrder("Партньорства", "href=\"/partnerships/\(id)\""))
            // The library's page: what is due in its partnerships, then its partnerships by state.
            let libraryPage = try await librarian.get("/libraries/\(library)").text
            #expect(
                libraryPage.inOrder(
                    "Предстои в следващите 60 дни", "Уговорихме есенния сезон", "Действащи партньорства", "href=\"/partnerships/\(id)\"",
                    "ОДК · дарява в натура, осигурява място"))
            #expect(!libraryPage.contains("Приключили партньорства"))
            // Another district's coordinator reads the library, not its partnerships.
            let elsewhere = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            #expect(!(try await elsewhere.get("/libraries/\(library)").text.contains("href=\"/partnerships/\(id)\"")))
            // The partner's page: where it works, its history with the libraries, newest first, and the services it took part in.
            #expect(
                partnerPage.inOrder(
                    "Области, в които работи с библиотеки", "Смолян", "Хронология на партньорствата", "<ol class=\"related-timeline\">",
                    "Уговорихме есенния сезон",
                    "Принос: Зала за 10 занятия, 300,00 лв.", "Принос: в пари 1 000,00 лв.", "Начало на партньорството",
                    "Услуги и добри практики с участието му", "Бизнес – туристически услуги"))

            // A stale edit is refused and keeps what was typed.
            let edit = try await librarian.get("/partnerships/\(id)/edit")
            #expect(edit.text.contains("name=\"version\" value=\"1\""))
            var changed = values
            changed["version"] = "1"
            changed["notes"] = "първа промяна"
            #expect(try await librarian.post("/partnerships/\(id)", changed).status == .seeOther)
            changed["notes"] = "втора промяна"
            let stale = try await librarian.post("/partnerships/\(id)", changed)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("втора промяна"))
            #expect(try await PartnershipStore(db: app.sql).find(id)?.partnership.notes == "първа промяна")
            // Its history says who changed what.
            let history = try #require(
                try await librarian.get("/partnerships/\(id)").text.components(separatedBy: "class=\"history\"").last)
            #expect(history.inOrder("Библиотекар Смолян", "Бележки", "първа промяна", "Контакти", "Уговорихме есенния сезон"))

            // Who may see it: not visitors, not another district's coordinator; the partner's own
            // account reads it (and only its own), changing nothing.
            #expect(try await Browser(app).get("/partnerships").status == .unauthorized)
            #expect(try await Browser(app).get("/partnerships/\(id)").status == .unauthorized)
            let partnerAccount = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            let own = try await partnerAccount.get("/partnerships")
            #expect(own.status == .ok && own.text.contains("href=\"/partnerships/\(id)\""))
            #expect(!own.text.contains("Регионален исторически музей") && !own.text.contains("Предстои в следващите 60 дни"))
            let read = try await partnerAccount.get("/partnerships/\(id)")
            #expect(read.status == .ok && read.text.contains("Зала за 10 занятия") && !read.text.contains("name=\"received_on\""))
            #expect(
                try await partnerAccount.post("/partnerships/\(id)/interactions", ["on": Self.iso(0), "kind": "call", "note": "x"]).status
                    == .forbidden)
            // A design kept to its libraries: the partner reads the partnership, not the design's title.
            #expect(read.text.contains("Бизнес – туристически услуги"))
            try await app.sql.update("service_designs").set("visibility", to: "libraries").where("id", .equal, design).run()
            #expect(!(try await partnerAccount.get("/partnerships/\(id)").text.contains("Бизнес – туристически услуги")))
            #expect(try await librarian.get("/partnerships/\(id)").text.contains("Бизнес – туристически услуги"))
            let partnerJSON = try await partnerAccount.send(
                .GET, "/api/v1/partnerships/\(id)", headers: try await partnerAccount.apiHeaders("partner@praktika.local"))
            #expect(partnerJSON.status == .ok && !partnerJSON.text.contains("Бизнес") && partnerJSON.text.contains("\"designs\":[]"))
            try await app.sql.update("service_designs").set("visibility", to: "public").where("id", .equal, design).run()
            let museum = try await app.id("partners", where: "name", is: "Регионален исторически музей – Пазарджик")
            let others = try #require(try await PartnershipStore(db: app.sql).list(district: nil, partnerID: museum).first?.id)
            #expect(try await partnerAccount.get("/partnerships/\(others)").status == .notFound)
            #expect(try await partnerAccount.get("/partnerships/network").status == .forbidden)
            // A partner account that speaks for no registry partner sees none.
            try await AccountStore(db: app.sql).createUser(
                email: "unlinked@partner.bg", name: "Без организация", passwordHash: try app.password.hash("unlinked-partner-1"),
                role: .partner, districtCode: nil, libraryID: nil)
            let unlinked = try await Browser.signedIn(app, "unlinked@partner.bg", "unlinked-partner-1")
            #expect(try await unlinked.get("/partnerships").status == .forbidden)
            #expect(try await unlinked.get("/partnerships/\(id)").status == .forbidden)
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            #expect(try await coordinator.get("/partnerships/\(id)").status == .notFound)
            #expect(!(try await coordinator.get("/partnerships").text.contains("href=\"/partnerships/\(id)\"")))
            #expect(
                try await coordinator.post("/partnerships/\(id)/interactions", ["on": Self.iso(0), "kind": "call", "note": "x"]).status
                    == .notFound)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            #expect(try await admin.get("/partnerships/\(id)").status == .ok)

            // Every change is in the audit log, volunteers' work in words.
            let audited = try await app.sql.select().column("action").from("audit_log").where("entity", .equal, "partnership")
                .where("entity_id", .equal, String(id)).all().count
            #expect(audited == 8)
            let logged = try await app.sql.raw("SELECT changes FROM audit_log WHERE entity = 'partnership'").all()
                .compactMap { try $0.decode(column: "changes", as: String?.self) }
            #expect(logged.contains { $0.contains("Четения за децата, 12,5 ч. доброволен труд") })

            // A newer contact with no next step replaces the earlier promise; the end stays due.
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/interactions", ["on": Self.iso(1), "kind": "visit", "note": "Договорът е подписан"]
                ).status == .seeOther)
            let after = try await librarian.get("/partnerships").text
            let dueSection = try #require(
                after.components(separatedBy: "class=\"due\"").dropFirst().first?.components(separatedBy: "</section>").first)
            #expect(!dueSection.contains("Уговорихме есенния сезон"))
            #expect(dueSection.contains("Партньорството изтича"))
        }
    }

    @Test(
        "an agreement with its signed file: a wrong file is refused at its field, the renewal is due on the list and mailed once, the file stays within the district"
    )
    func agreements() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let partner = try await app.id("partners", where: "name", is: "Община Ракитово")
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let created = try await librarian.post(
                "/partnerships", ["partner": String(partner), "library-0-id": String(library), "status": "active", "role-funding": "on"])
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let path = "/partnerships/\(id)/agreements"
            let fields = [
                "kind": "memorandum", "title": "Меморандум за сътрудничество № 7", "signed_on": Self.iso(-700), "valid_until": Self.iso(40),
                "renew_on": Self.iso(20),
            ]

            // A web page named .pdf is refused at the file field; nothing is written and what was typed stays.
            let html = try await AttachmentPageTests.upload(
                librarian, path, fields: fields, filename: "memo.pdf", bytes: Array("<html><script>alert(1)</script>".utf8))
            #expect(html.status == .unprocessableEntity)
            #expect(html.text.contains("id=\"field-file-error\""))
            #expect(html.text.contains("value=\"Меморандум за сътрудничество № 7\""))
            #expect(try await PartnershipStore(db: app.sql).agreements(id).isEmpty)
            // A renewal after the end is refused at its field.
            var late = fields
            late["renew_on"] = Self.iso(50)
            let wrong = try await AttachmentPageTests.upload(
                librarian, path, fields: late, filename: "memo.pdf", bytes: AttachmentPageTests.pdf)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("id=\"field-renew_on-error\""))
            // The good file it carried must be chosen again, and the page says so at the file field.
            #expect(wrong.text.inOrder("id=\"field-file-error\"", "Изберете файла отново"))

            let saved = try await AttachmentPageTests.upload(
                librarian, path, fields: fields, filename: "Меморандум.pdf", bytes: AttachmentPageTests.pdf)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/partnerships/\(id)#agreements")
            let stored = try #require(try await PartnershipStore(db: app.sql).agreements(id).first)
            #expect(stored.agreement.kind == .memorandum && stored.files.map(\.filename) == ["Меморандум.pdf"])
            let page = try await librarian.get("/partnerships/\(id)").text
            #expect(page.inOrder("id=\"agreements\"", "Меморандум за сътрудничество № 7", "Меморандум.pdf", "id=\"contributions\""))
            // Due on the list before its day, as a renewal.
            let list = try await librarian.get("/partnerships").text
            #expect(list.inOrder("Предстои в следващите 60 дни", "Община Ракитово", "подновяване: Меморандум за сътрудничество № 7"))

            // The file: the library and its district read it; another district, partners and visitors do not.
            let file = try #require(stored.files.first)
            let download = "/files/\(file.id)/\(AttachmentKind.safeName(file.filename))"
            #expect(try await librarian.get(download).status == .ok)
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            #expect(try await coordinator.get(download).status == .notFound)
            #expect(try await Browser(app).get(download).status == .notFound)
            #expect(try await coordinator.post("/files/\(file.id)/delete", [:]).status == .notFound)

            // An agreement recorded without its file gets it later.
            var second = fields
            second["title"] = "Писмо за подкрепа"
            second["kind"] = "letter_of_support"
            second["renew_on"] = ""
            #expect(try await librarian.post(path, second).status == .seeOther)
            let letter = try #require(
                try await PartnershipStore(db: app.sql).agreements(id).first { $0.agreement.title == "Писмо за подкрепа" })
            #expect(letter.files.isEmpty)
            let noFile = try await librarian.post("/partnerships/\(id)/agreements/\(letter.id)/attachments", [:])
            #expect(noFile.status == .unprocessableEntity)
            #expect(noFile.text.contains("id=\"field-file-\(letter.id)-error\""))
            #expect(
                try await AttachmentPageTests.upload(
                    librarian, "/partnerships/\(id)/agreements/\(letter.id)/attachments", filename: "писмо.png",
                    bytes: AttachmentPageTests.png
                ).status == .seeOther)
            #expect(try await PartnershipStore(db: app.sql).agreement(letter.id)?.files.map(\.kind) == [.png])

            // The reminder goes once to the library's librarian, in the mail round of any instance.
            let reminders = PartnershipReminders(db: app.db, publicURL: "https://praktika.example")
            async let first = reminders.enqueueRenewals(today: LocalDate(Date()))
            async let again = reminders.enqueueRenewals(today: LocalDate(Date()))
            let (a, b) = try await (first, again)
            #expect(a + b == 1)
            let mail = try await MailOutbox(db: app.sql).recent(status: nil).filter { $0.kind == "agreement_renewal" }
            #expect(mail.map(\.recipient) == ["smolyan@praktika.local"])
            #expect(mail.first?.subject == "Подновяване на споразумение с Община Ракитово")
            #expect(try await reminders.enqueueRenewals(today: LocalDate(Date())) == 0)

            // The memorandum edited on its own page: its file stays, a new day to renew it is
            // reminded of again, and a second save from the same copy is told it changed.
            let editForm = try await librarian.get("/partnerships/\(id)/agreements/\(stored.id)/edit")
            #expect(editForm.status == .ok && editForm.text.contains("value=\"Меморандум за сътрудничество № 7\""))
            #expect(editForm.text.contains("value=\"\(Self.iso(20))\"") && !editForm.text.contains("type=\"file\""))
            var edited = fields
            edited["renew_on"] = Self.iso(25)
            edited["version"] = "1"
            #expect(
                try await librarian.post("/partnerships/\(id)/agreements/\(stored.id)/edit", edited).headers.first(name: .location)
                    == "/partnerships/\(id)#agreements")
            let afterEdit = try #require(try await PartnershipStore(db: app.sql).agreement(stored.id))
            #expect(afterEdit.agreement.renewOn?.iso == Self.iso(25) && afterEdit.files.map(\.filename) == ["Меморандум.pdf"])
            #expect(try await reminders.enqueueRenewals(today: LocalDate(Date())) == 1)
            // The history says it in the reader's words, not in codes.
            let renewedLog = try await app.sql.raw(
                "SELECT changes FROM audit_log WHERE entity = 'partnership' AND action = 'update' AND entity_id = \(bind: String(id))"
            ).all().compactMap { try $0.decode(column: "changes", as: String?.self) }
            let newRenewal = "Подновяване от " + Formatting(.bg).date(LocalDate(Date()).adding(days: 25)!)
            #expect(renewedLog.contains { $0.contains("меморандум · Меморандум за сътрудничество № 7") && $0.contains(newRenewal) })
            edited["title"] = "Меморандум № 8"
            #expect(try await librarian.post("/partnerships/\(id)/agreements/\(stored.id)/edit", edited).status == .conflict)
            var early = edited
            early["version"] = "2"
            early["valid_until"] = Self.iso(10)
            let refused = try await librarian.post("/partnerships/\(id)/agreements/\(stored.id)/edit", early)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"field-renew_on-error\""))
            #expect(try await coordinator.get("/partnerships/\(id)/agreements/\(stored.id)/edit").status == .notFound)
            // Through the API, against its version: the files stay in the answer.
            var apiClient = try await MeetingAPITests.Client(app, "smolyan@praktika.local")
            apiClient.headers.replaceOrAdd(name: .ifMatch, value: "\"2\"")
            let memoBody =
                #"{"kind":"memorandum","title":"Меморандум за сътрудничество № 7","signed_on":"\#(Self.iso(-700))","valid_until":"\#(Self.iso(40))","renew_on":"\#(Self.iso(30))","notes":"Подновен"}"#
            let replaced = try await apiClient.send(.PUT, "/api/v1/partnerships/\(id)/agreements/\(stored.id)", memoBody)
            #expect(replaced.status == .ok && replaced.headers.first(name: .eTag) == "\"3\"")
            let replacedJSON = try MeetingAPITests.object(replaced)
            #expect(replacedJSON["notes"] as? String == "Подновен" && (replacedJSON["files"] as? [Any])?.count == 1)
            #expect(
                try await apiClient.send(.PUT, "/api/v1/partnerships/\(id)/agreements/\(stored.id)", memoBody).status == .preconditionFailed
            )

            // The API gives the same partnership, its agreements with their files as links, to those who may read it.
            let api = Browser(app)
            let headers = try await api.apiHeaders("smolyan@praktika.local")
            let json = try await api.send(.GET, "/api/v1/partnerships/\(id)", headers: headers)
            #expect(json.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
            let agreementsJSON = body?["agreements"] as? [[String: Any]] ?? []
            #expect(agreementsJSON.map { $0["title"] as? String } == ["Писмо за подкрепа", "Меморандум за сътрудничество № 7"])
            let files = agreementsJSON.first { $0["title"] as? String == "Меморандум за сътрудничество № 7" }?["files"] as? [[String: Any]]
            #expect(
                (files?.first?["url"] as? String)?.hasSuffix(SiteURL.file(file.id, AttachmentKind.safeName(file.filename)).path) == true)
            let listed = try await api.send(.GET, "/api/v1/partnerships", headers: headers).text
            #expect(listed.contains("\"id\":\(id)") && listed.contains("Община Ракитово"))
            let other = try await api.send(
                .GET, "/api/v1/partnerships/\(id)", headers: try await api.apiHeaders("pazardzhik@praktika.local"))
            #expect(other.status == .notFound)
            #expect(try await Browser(app).send(.GET, "/api/v1/partnerships").status == .unauthorized)

            // Deleting an agreement takes its file with it, and is in the audit log.
            #expect(
                try await librarian.get("/partnerships/\(id)/agreements/\(stored.id)/delete").text.contains(
                    "Меморандум за сътрудничество № 7"))
            #expect(try await coordinator.post("/partnerships/\(id)/agreements/\(stored.id)/delete", [:]).status == .notFound)
            #expect(try await librarian.post("/partnerships/\(id)/agreements/\(stored.id)/delete", [:]).status == .seeOther)
            #expect(try await AttachmentStore(db: app.sql).find(file.id) == nil)
            #expect(try await librarian.get(download).status == .notFound)
            let audited = try await app.sql.select().column("entity").from("audit_log").where("entity_id", .equal, String(file.id))
                .where("entity", .equal, "attachment").all().count
            #expect(audited == 2)
        }
    }

    @Test("the network overview: a coordinator sees their district's partners by kind and contributions by year; administrators choose")
    func network() async throws {
        try await withApp(demo: true) { app in
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let museum = try await app.id("partners", where: "name", is: "Регионален исторически музей – Пазарджик")
            let partnership = try #require(
                try await PartnershipStore(db: app.sql).list(district: "BG-13", partnerID: museum).first?.id)
            let year = LocalDate(Date()).year
            #expect(
                try await coordinator.post(
                    "/partnerships/\(partnership)/contributions", ["received_on": Self.iso(0), "amount": "1 200", "currency": "BGN"]
                ).status == .seeOther)
            #expect(
                try await coordinator.post(
                    "/partnerships/\(partnership)/contributions",
                    ["received_on": Self.iso(0), "in_kind": "Зала", "estimated_value": "300", "currency": "BGN"]
                ).status == .seeOther)
            #expect(
                try await coordinator.post(
                    "/partnerships/\(partnership)/contributions",
                    ["received_on": Self.iso(0), "in_kind": "Беседи на доброволци", "volunteer_hours": "16", "currency": "BGN"]
                ).status == .seeOther)
            // A year before with volunteers' work only: its bar is captioned with the hours, not with no money.
            #expect(
                try await coordinator.post(
                    "/partnerships/\(partnership)/contributions",
                    ["received_on": "\(year - 1)-06-01", "in_kind": "Доброволци в читалнята", "volunteer_hours": "40", "currency": "BGN"]
                ).status == .seeOther)

            let page = try await coordinator.get("/partnerships/network")
            #expect(page.status == .ok)
            let text = page.text
            #expect(
                text.inOrder(
                    "Партньорствата на библиотеките в област Пазарджик", "Партньори по вид", "<svg", "музей",
                    "<th scope=\"row\">музей</th>"))
            #expect(
                text.inOrder(
                    "Приноси по години", "Доброволен труд", "<th scope=\"row\">\(year)</th>", "1 200,00 лв.", "300,00 лв.", "16 ч.",
                    "1 500,00 лв."))
            #expect(text.contains("font-size=\"13\">40 ч.</text>") && !text.contains("0,00 лв. · 40 ч."))
            // Only the district's own: the Smolyan library's partners are not counted, and no district breakdown is offered.
            #expect(!text.contains("ОДК") && !text.contains("Корпус на мира") && !text.contains("id=\"by-district\""))
            #expect(!text.contains("name=\"district\""))
            #expect(try await coordinator.get("/partnerships").text.contains("href=\"/partnerships/network\""))

            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let all = try await admin.get("/partnerships/network").text
            #expect(all.inOrder("id=\"by-district\"", "Пазарджик", "Смолян"))
            #expect(all.contains("Корпус на мира") == false)  // a partner of one library only
            let smolyan = try await admin.get("/partnerships/network?district=BG-21").text
            #expect(smolyan.contains("Партньорствата на библиотеките в област Смолян") && !smolyan.contains("1 500,00 лв."))

            // The exports hold what the person may read: the coordinator's district, the partner's own.
            let csv = try await coordinator.get("/partnerships/export/partnerships.csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("Регионален исторически музей – Пазарджик") && !csv.text.contains("ОДК"))
            let money = try await coordinator.get("/partnerships/export/contributions.csv").text
            #expect(money.contains(",1200.00,,,BGN,,") && money.contains(",,Зала,300.00,BGN,,"))
            #expect(money.contains(",,Беседи на доброволци,,,16,"))
            let partner = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            let own = try await partner.get("/partnerships/export/partnerships.csv").text
            #expect(own.contains("ОДК") && !own.contains("Музей") && !own.contains("музей"))
            #expect(try await Browser(app).get("/partnerships/export/partnerships.csv").status == .unauthorized)

            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            #expect(try await librarian.get("/partnerships/network").status == .forbidden)
            #expect(!(try await librarian.get("/partnerships").text.contains("/partnerships/network")))
            #expect(try await partner.get("/partnerships/network").status == .forbidden)
            #expect(try await Browser(app).get("/partnerships/network").status == .unauthorized)
        }
    }

    @Test("a partner that worked on a similar service elsewhere is suggested in the partners block, and one click puts it in a row")
    func suggestions() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let partner = try await app.id("partners", where: "name", is: "Община Ракитово")
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let disabled = try await app.id("service_designs", where: "title", is: "Хора с двигателни увреждания")
            let created = try await librarian.post(
                "/partnerships",
                [
                    "partner": String(partner), "library-0-id": String(library), "design-0-id": String(disabled), "status": "active",
                    "role-funding": "on",
                ])
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    ["received_on": Self.iso(-30), "amount": "800", "currency": "BGN", "design": String(disabled)]
                ).status == .seeOther)

            // In Pazardzhik, the programme for people with special needs is a similar service.
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let special = try await app.id(
                "service_designs", where: "title", is: "Програма за библиотечно-информационно обслужване на лицата със специфични нужди")
            let form = try await coordinator.get("/services/\(special)/edit/partners").text
            #expect(
                form.inOrder(
                    "Предложени партньори", "Община Ракитово", "Хора с двигателни увреждания",
                    "name=\"suggest_partner\" value=\"\(partner)\""))
            let added = try await coordinator.post(
                "/services/\(special)/edit/partners", ["version": "1", "suggest_partner": String(partner)])
            #expect(added.status == .ok)
            #expect(added.text.contains("<option value=\"\(partner)\" selected=\"selected\">Община Ракитово"))
            // Once in the table, it is no longer suggested; nothing was saved yet.
            #expect(!added.text.contains("name=\"suggest_partner\" value=\"\(partner)\""))
            #expect(try await DesignStore(db: app.sql).find(special)?.design.partners.contains { $0.partnerID == partner } == false)
        }
    }

    @Test("a partnership of several libraries and designs, chosen in rows that are added without saving")
    func severalLibraries() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let partner = try await app.id("partners", where: "name", is: "ОДК")
            let smolyan = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let gyovren = try await app.id("libraries", where: "name", is: "Библиотека при НЧ „Светлина“ – Гьоврен")
            let business = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let disabled = try await app.id("service_designs", where: "title", is: "Хора с двигателни увреждания")
            var values: FormInput = [
                "partner": String(partner), "library-0-id": String(smolyan), "design-0-id": String(business), "status": "active",
                "notes": "Обща програма за лятото",
            ]
            // „Добави ред“ brings the form back with a further library row; nothing is saved.
            let before = try await app.count("partnerships")
            var adding = values
            adding["add_row"] = "library"
            let more = try await admin.post("/partnerships", adding)
            #expect(more.status == .ok)
            #expect(more.text.contains("name=\"library-1-id\"") && more.text.contains("Обща програма за лятото"))
            #expect(try await app.count("partnerships") == before)
            // No library at all is refused at the first row.
            var none = values
            none["library-0-id"] = ""
            let refused = try await admin.post("/partnerships", none)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"field-library-0-id-error\""))

            values["library-1-id"] = String(gyovren)
            values["library-2-id"] = String(smolyan)
            values["design-1-id"] = String(disabled)
            let created = try await admin.post("/partnerships", values)
            #expect(created.status == .seeOther)
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let stored = try #require(try await PartnershipStore(db: app.sql).find(id))
            #expect(Set(stored.partnership.libraryIDs) == [smolyan, gyovren] && stored.libraries.count == 2)
            #expect(Set(stored.partnership.designIDs) == [business, disabled])
            let page = try await admin.get("/partnerships/\(id)").text
            #expect(page.contains("Библиотека при НЧ „Светлина“ – Гьоврен") && page.contains("Хора с двигателни увреждания"))
            // Both libraries' pages list it; the edit form shows every row.
            #expect(try await admin.get("/libraries/\(gyovren)").text.contains("href=\"/partnerships/\(id)\""))
            let edit = try await admin.get("/partnerships/\(id)/edit").text
            #expect(edit.contains("name=\"library-1-id\"") && edit.contains("name=\"design-1-id\""))
            // Removing a row and saving leaves the one library.
            var fewer = PartnershipForms.input(stored.partnership)
            fewer["version"] = String(stored.version)
            fewer["library-1-remove"] = "on"
            #expect(try await admin.post("/partnerships/\(id)", fewer).status == .seeOther)
            #expect(try await PartnershipStore(db: app.sql).find(id)?.partnership.libraryIDs.count == 1)
        }
    }

    @Test("with a large registry, the partnership form offers the libraries' districts' partners and a search adds the rest")
    func partnerSearch() async throws {
        try await withApp(demo: true) { app in
            let registry = RegistryStore<Partner>(db: app.sql, table: .partner)
            for i in 0...DesignFormOptions.partnersOfferedWhole {
                _ = try await registry.insert(Partner(name: "Далечен партньор \(i)", kind: .ngo, districtCode: "BG-01"))
            }
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let form = try await librarian.get("/partnerships/new").text
            #expect(form.contains("name=\"partner_search\"") && form.contains("ОДК</option>"))
            #expect(!form.contains("Далечен партньор 7<"))
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let before = try await app.count("partnerships")
            let found = try await librarian.post(
                "/partnerships",
                ["library-0-id": String(library), "status": "active", "partner_search": "партньор 7", "find_partner": "1"])
            #expect(found.status == .ok)
            #expect(found.text.contains("Далечен партньор 7<") && found.text.contains("Далечен партньор 77<"))
            #expect(!found.text.contains("Далечен партньор 8<"))
            #expect(try await app.count("partnerships") == before)
            let far = try await app.id("partners", where: "name", is: "Далечен партньор 7")
            let saved = try await librarian.post(
                "/partnerships", ["partner": String(far), "library-0-id": String(library), "status": "active"])
            #expect(saved.status == .seeOther)
            // Its edit form keeps the chosen partner on offer without a search.
            let id = try #require(saved.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            #expect(try await librarian.get("/partnerships/\(id)/edit").text.contains("selected=\"selected\">Далечен партньор 7<"))
        }
    }

    @Test(
        "the API records a partnership, replaces it against its ETag, and adds contributions, contacts and agreements under the pages' rules"
    )
    func api() async throws {
        try await withApp(demo: true) { app in
            typealias Client = MeetingAPITests.Client
            let librarian = try await Client(app, "smolyan@praktika.local")
            let partner = try await app.id("partners", where: "name", is: "Община Ракитово")
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let elsewhere = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Фурнаджиев“")
            let design = try await app.id("service_designs", where: "title", is: "Хора с двигателни увреждания")
            func fields(_ r: TestingHTTPResponse) -> [String: String] {
                (try? MeetingAPITests.object(r))?["error"].flatMap { ($0 as? [String: Any])?["fields"] as? [String: String] } ?? [:]
            }
            func object(_ r: TestingHTTPResponse) -> [String: Any] { (try? MeetingAPITests.object(r)) ?? [:] }

            // Refused at the fields the body names: another district's library, control characters.
            let foreign = try await librarian.send(
                .POST, "/api/v1/partnerships", #"{"partner_id":\#(partner),"library_ids":[\#(elsewhere)],"status":"active"}"#)
            #expect(foreign.status == .unprocessableEntity && fields(foreign)["library_ids"] != nil)
            let control = try await librarian.send(
                .POST, "/api/v1/partnerships",
                #"{"partner_id":\#(partner),"library_ids":[\#(library)],"status":"active","notes":"\u001b[31m"}"#)
            #expect(control.status == .unprocessableEntity && fields(control)["notes"] != nil)
            let ended = try await librarian.send(
                .POST, "/api/v1/partnerships", #"{"partner_id":\#(partner),"library_ids":[\#(library)],"status":"ended"}"#)
            #expect(ended.status == .unprocessableEntity && fields(ended)["ends_on"] != nil)
            // A partner's account reads; it records nothing.
            let partnerAccount = try await Client(app, "partner@praktika.local")
            #expect(
                try await partnerAccount.send(
                    .POST, "/api/v1/partnerships", #"{"partner_id":\#(partner),"library_ids":[\#(library)],"status":"active"}"#
                ).status == .forbidden)

            let created = try await librarian.send(
                .POST, "/api/v1/partnerships",
                #"{"partner_id":\#(partner),"library_ids":[\#(library)],"design_ids":[\#(design)],"roles":["funding","funding"],"status":"active","starts_on":"2026-01-15","partner_contact":"  Кметът  "}"#
            )
            #expect(created.status == .created)
            #expect(created.headers.first(name: .eTag) == "\"1\"")
            let body = try MeetingAPITests.object(created)
            let id = try #require(body["id"] as? Int)
            #expect(created.headers.first(name: .location) == "/api/v1/partnerships/\(id)")
            #expect(body["roles"] as? [String] == ["funding"] && body["partner_contact"] as? String == "Кметът")

            // Replaced against the version read; a second change from the same copy is refused.
            var tagged = librarian
            tagged.headers.replaceOrAdd(name: .ifMatch, value: "\"1\"")
            let change =
                #"{"partner_id":\#(partner),"library_ids":[\#(library)],"design_ids":[\#(design)],"roles":["funding","media"],"status":"active","notes":"Общината дава и зала"}"#
            let replaced = try await tagged.send(.PUT, "/api/v1/partnerships/\(id)", change)
            #expect(replaced.status == .ok && replaced.headers.first(name: .eTag) == "\"2\"")
            #expect(object(replaced)["notes"] as? String == "Общината дава и зала")
            #expect(try await tagged.send(.PUT, "/api/v1/partnerships/\(id)", change).status == .preconditionFailed)
            let coordinator = try await Client(app, "pazardzhik@praktika.local")
            #expect(try await coordinator.send(.PUT, "/api/v1/partnerships/\(id)", change).status == .notFound)

            // Contributions: money to the design, or a gift in kind; never both.
            let both = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-01","amount_minor_units":50000,"in_kind":"зала","currency":"BGN"}"#)
            #expect(both.status == .unprocessableEntity && fields(both)["in_kind"] != nil)
            let huge = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-01","amount_minor_units":10000000001,"currency":"BGN"}"#)
            #expect(huge.status == .unprocessableEntity && fields(huge)["amount_minor_units"] != nil)
            let money = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-01","amount_minor_units":50000,"currency":"BGN","design_id":\#(design)}"#)
            #expect(money.status == .created && object(money)["amount_minor_units"] as? Int == 50000)
            let gift = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-02","in_kind":"Зала за четения","estimated_value_minor_units":12000,"currency":"EUR"}"#)
            #expect(gift.status == .created && object(gift)["currency"] as? String == "EUR")
            // A gift with no estimate has no money, so no currency is named for it.
            let unpriced = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions", #"{"received_on":"2026-02-03","in_kind":"Книги","currency":"EUR"}"#)
            #expect(unpriced.status == .created && object(unpriced)["in_kind"] as? String == "Книги")
            #expect(object(unpriced)["currency"] == nil && object(unpriced)["estimated_value_minor_units"] == nil)
            // Volunteers' hours as the document writes them, a string with a decimal point; what its
            // pattern refuses (a comma, a bare number, a negative) is 400 at the field, no hours is 422 there.
            let volunteers = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-04","in_kind":"Четения","volunteer_hours":"12.5","currency":"BGN"}"#)
            #expect(volunteers.status == .created && object(volunteers)["volunteer_hours"] as? String == "12.5")
            for sent in [#""12,5""#, "12", #""-3""#, #""1.2345""#, #""""#] {
                let refused = try await librarian.send(
                    .POST, "/api/v1/partnerships/\(id)/contributions",
                    #"{"received_on":"2026-02-04","in_kind":"Четения","volunteer_hours":\#(sent),"currency":"BGN"}"#)
                // The message says what the field takes, not "choose from the list".
                #expect(refused.status == .badRequest && fields(refused)["volunteer_hours"] == TextKey.apiExpectedDecimal(.bg), "\(sent)")
            }
            // The same for a date, a null where the document allows none, a word where a number belongs.
            for (sent, field, message) in [
                (#"{"received_on":"17.05.2012","amount_minor_units":5,"currency":"BGN"}"#, "received_on", TextKey.apiExpectedDate(.bg)),
                (#"{"received_on":null,"amount_minor_units":5,"currency":"BGN"}"#, "received_on", TextKey.apiNotNull(.bg)),
                (
                    #"{"received_on":"2012-05-17","amount_minor_units":"пет","currency":"BGN"}"#, "amount_minor_units",
                    TextKey.validationInteger(.bg)
                ),
                (#"{"received_on":"2012-05-17","amount_minor_units":5,"currency":"USD"}"#, "currency", TextKey.validationOption(.bg)),
            ] {
                let refused = try await librarian.send(.POST, "/api/v1/partnerships/\(id)/contributions", sent)
                #expect(refused.status == .badRequest && fields(refused)[field] == message, "\(sent): \(fields(refused))")
            }
            let none = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions",
                #"{"received_on":"2026-02-04","in_kind":"Четения","volunteer_hours":"0","currency":"BGN"}"#)
            #expect(none.status == .unprocessableEntity && fields(none)["volunteer_hours"] != nil)
            // A contribution recorded by mistake is deleted, once, by those who change the partnership.
            let mistake = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions", #"{"received_on":"2026-02-05","amount_minor_units":99,"currency":"BGN"}"#
            )
            let mistakeID = try #require(object(mistake)["id"] as? Int)
            #expect(try await coordinator.send(.DELETE, "/api/v1/partnerships/\(id)/contributions/\(mistakeID)").status == .notFound)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/contributions/\(mistakeID)").status == .noContent)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/contributions/\(mistakeID)").status == .notFound)
            // Eight deletes of one at once: one is done and logged, the others are told it is gone.
            let twice = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/contributions", #"{"received_on":"2026-02-06","amount_minor_units":98,"currency":"BGN"}"#
            )
            let twiceID = try #require(object(twice)["id"] as? Int)
            let client = librarian
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.send(.DELETE, "/api/v1/partnerships/\(id)/contributions/\(twiceID)").status }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .noContent }.count == 1 && statuses.filter { $0 == .notFound }.count == 7)
            #expect(try await PartnershipStore(db: app.sql).contributions(design: design).count == 1)
            #expect(
                try await coordinator.send(
                    .POST, "/api/v1/partnerships/\(id)/contributions",
                    #"{"received_on":"2026-02-01","amount_minor_units":1,"currency":"BGN"}"#
                ).status == .notFound)

            // A contact, its note kept without the spaces around it.
            let contact = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/interactions",
                #"{"on":"2026-03-01","kind":"call","note":"  Уговорихме дарение  ","follow_up_on":"2026-03-20"}"#)
            #expect(contact.status == .created && object(contact)["note"] as? String == "Уговорихме дарение")
            let blank = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/interactions", #"{"on":"2026-03-01","kind":"call","note":"  "}"#)
            #expect(blank.status == .unprocessableEntity && fields(blank)["note"] != nil)
            let wrongCall = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/interactions", #"{"on":"2026-03-02","kind":"call","note":"Не беше с тях"}"#)
            let wrongCallID = try #require(object(wrongCall)["id"] as? Int)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/interactions/\(wrongCallID)").status == .noContent)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/interactions/\(wrongCallID)").status == .notFound)

            // An agreement: its renewal falls between signing and the end; deleted once.
            let late = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/agreements",
                #"{"kind":"memorandum","title":"Меморандум","signed_on":"2026-01-15","valid_until":"2027-01-15","renew_on":"2027-02-01"}"#)
            #expect(late.status == .unprocessableEntity && fields(late)["renew_on"] != nil)
            let memo = try await librarian.send(
                .POST, "/api/v1/partnerships/\(id)/agreements",
                #"{"kind":"memorandum","title":"Меморандум","signed_on":"2026-01-15","valid_until":"2027-01-15","renew_on":"2026-12-15"}"#)
            #expect(memo.status == .created)
            let agreement = try #require(try MeetingAPITests.object(memo)["id"] as? Int)
            let read = try MeetingAPITests.object(try await librarian.send(.GET, "/api/v1/partnerships/\(id)"))
            #expect((read["agreements"] as? [Any])?.count == 1 && (read["contributions"] as? [Any])?.count == 4)
            #expect((read["interactions"] as? [Any])?.count == 1)
            #expect(try await partnerAccount.send(.DELETE, "/api/v1/partnerships/\(id)/agreements/\(agreement)").status == .notFound)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/agreements/\(agreement)").status == .noContent)
            #expect(try await librarian.send(.DELETE, "/api/v1/partnerships/\(id)/agreements/\(agreement)").status == .notFound)

            // Each change is in the partnership's history, as on the pages.
            let audited = try await app.sql.select().column("action").from("audit_log").where("entity", .equal, "partnership")
                .where("entity_id", .equal, String(id)).all().count
            #expect(audited == 15)

            // The history names what a partnership refers to and shows its choices by label: the
            // design taken off it by its title, the roles added in words.
            var current = librarian
            current.headers.replaceOrAdd(name: .ifMatch, value: "\"2\"")
            let untied = try await current.send(
                .PUT, "/api/v1/partnerships/\(id)",
                #"{"partner_id":\#(partner),"library_ids":[\#(library)],"design_ids":[],"roles":["funding","media","venue"],"status":"active"}"#
            )
            #expect(untied.status == .ok)
            let history =
                try await app.sql.raw(
                    "SELECT changes FROM audit_log WHERE entity = 'partnership' AND action = 'update' AND entity_id = \(bind: String(id)) ORDER BY id DESC"
                ).first()?.decode(column: "changes", as: String?.self) ?? ""
            #expect(history.contains("Хора с двигателни увреждания") && !history.contains("\"partner_id\""))
            let shown = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword).get("/partnerships/\(id)")
                .text
            func roles(_ r: [PartnershipRole]) -> String {
                PartnershipRole.allCases.filter(r.contains).map { $0.label(.bg) }.joined(separator: ", ")
            }
            #expect(shown.contains("<del>" + roles([.funding, .media]) + "</del> → <ins>" + roles([.funding, .media, .venue]) + "</ins>"))
        }
    }

    @Test(
        "a contribution and a contact are edited on their own pages and through the API: the log keeps both, a stale copy is told so with what was typed kept, another partnership's row is 404"
    )
    func edit() async throws {
        try await withApp(demo: true) { app in
            typealias Client = MeetingAPITests.Client
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let partner = try await app.id("partners", where: "name", is: "ОДК")
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let design = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let created = try await librarian.post(
                "/partnerships",
                ["partner": String(partner), "library-0-id": String(library), "design-0-id": String(design), "status": "active"])
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions",
                    ["received_on": "2026-02-01", "amount": "1 000,50", "currency": "BGN", "design": String(design)]
                ).status == .seeOther)
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/interactions",
                    ["on": "2026-02-02", "kind": "call", "note": "Обещаха зала", "follow_up_on": "2026-03-01"]
                ).status == .seeOther)
            let store = PartnershipStore(db: app.sql)
            let money = try #require(try await store.contributions(id).first)
            let call = try #require(try await store.interactions([id]).first?.stored)

            // The page links to the edit form, which shows the contribution as it was entered.
            let page = try await librarian.get("/partnerships/\(id)").text
            #expect(page.contains("href=\"/partnerships/\(id)/contributions/\(money.id)/edit\""))
            #expect(page.contains("href=\"/partnerships/\(id)/interactions/\(call.id)/edit\""))
            let form = try await librarian.get("/partnerships/\(id)/contributions/\(money.id)/edit")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"1000,50\"") && form.text.contains("value=\"2026-02-01\""))
            #expect(form.text.contains("name=\"version\" value=\"1\""))

            // A mistake is told at its field, what was typed kept; nothing is written.
            let wrong = try await librarian.post(
                "/partnerships/\(id)/contributions/\(money.id)/edit",
                ["received_on": "2026-02-01", "amount": "-5", "currency": "BGN", "version": "1"])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("id=\"field-amount-error\""))
            #expect(wrong.text.contains("value=\"-5\""))
            #expect(try await store.contribution(money.id)?.contribution.amount?.minorUnits == 100_050)

            // Saved: the budget shows the new amount, the history both.
            let saved = try await librarian.post(
                "/partnerships/\(id)/contributions/\(money.id)/edit",
                ["received_on": "2026-02-01", "amount": "1 500", "currency": "BGN", "design": String(design), "version": "1"])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/partnerships/\(id)#contributions")
            #expect(try await store.contribution(money.id)?.version == 2)
            #expect(try await librarian.get("/services/\(design)").text.contains("ОДК: в пари 1 500,00 лв."))
            let logged = try await app.sql.raw(
                "SELECT changes FROM audit_log WHERE entity = 'partnership' AND action = 'update' AND entity_id = \(bind: String(id))"
            ).all().compactMap { try $0.decode(column: "changes", as: String?.self) }
            #expect(logged.contains { $0.contains("1 000,50 лв.") && $0.contains("1 500,00 лв.") })
            // The log names a public design by its title; one not everyone may read, by its number
            // (all who change the partnership read its history). Its edit form still offers it, by
            // number to someone who may not read it, so that saving does not unlink the money.
            #expect(logged.contains { $0.contains("Услуга „Бизнес – туристически услуги“") })
            try await app.sql.raw("UPDATE service_designs SET visibility = 'private' WHERE id = \(bind: design)").run()
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/contributions/\(money.id)/edit",
                    ["received_on": "2026-02-01", "amount": "1 600", "currency": "BGN", "design": String(design), "version": "2"]
                ).status == .seeOther)
            let privateLog =
                try await app.sql.raw(
                    "SELECT changes FROM audit_log WHERE entity = 'partnership' AND action = 'update' AND entity_id = \(bind: String(id)) ORDER BY id DESC"
                ).first()?.decode(column: "changes", as: String?.self) ?? ""
            #expect(privateLog.contains("Услуга № \(design)") && !privateLog.contains("Бизнес – туристически услуги"))
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            #expect(try await admin.get("/partnerships/\(id)/contributions/\(money.id)/edit").text.contains("Бизнес – туристически услуги"))
            try await app.sql.raw("UPDATE service_designs SET visibility = 'public' WHERE id = \(bind: design)").run()

            // The same form saved again from the old copy: not written, told so, what was typed kept,
            // the form now carrying the version stored so that saving again replaces it.
            let stale = try await librarian.post(
                "/partnerships/\(id)/contributions/\(money.id)/edit",
                ["received_on": "2026-02-01", "amount": "777", "currency": "BGN", "version": "1"])
            #expect(stale.status == .conflict && stale.text.contains("value=\"777\""))
            #expect(stale.text.contains(TextKey.conflictRecordChanged(.bg)) && stale.text.contains("name=\"version\" value=\"3\""))
            #expect(try await store.contribution(money.id)?.contribution.amount?.minorUnits == 160_000)

            // A contact: a new next-step day is reminded of again.
            let contactForm = try await librarian.get("/partnerships/\(id)/interactions/\(call.id)/edit").text
            #expect(contactForm.contains("Обещаха зала") && contactForm.contains("value=\"2026-03-01\""))
            #expect(
                try await librarian.post(
                    "/partnerships/\(id)/interactions/\(call.id)/edit",
                    ["on": "2026-02-02", "kind": "meeting", "note": "Дадоха зала", "follow_up_on": "2026-04-01", "version": "1"]
                ).status == .seeOther)
            let changedCall = try #require(try await store.interaction(call.id))
            #expect(changedCall.interaction.note == "Дадоха зала" && changedCall.interaction.kind == .meeting)
            #expect(changedCall.interaction.followUpOn?.iso == "2026-04-01" && changedCall.version == 2)

            // Rows of another partnership are not found through this one; readers cannot edit.
            let other = try await librarian.post(
                "/partnerships", ["partner": String(partner), "library-0-id": String(library), "status": "active"])
            let otherID = try #require(Int64(other.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            #expect(try await librarian.get("/partnerships/\(otherID)/contributions/\(money.id)/edit").status == .notFound)
            #expect(
                try await librarian.post(
                    "/partnerships/\(otherID)/contributions/\(money.id)/edit",
                    ["received_on": "2026-02-01", "amount": "1", "currency": "BGN"]
                ).status == .notFound)
            let reader = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await reader.get("/partnerships/\(id)/contributions/\(money.id)/edit").status == .forbidden)
            #expect(
                try await reader.post(
                    "/partnerships/\(id)/interactions/\(call.id)/edit", ["on": "2026-02-02", "kind": "call", "note": "x", "version": "2"]
                ).status == .forbidden)

            // The API: each row carries its version; a change names it in If-Match, and a stale one is 412.
            let api = try await Client(app, "smolyan@praktika.local")
            let read = try MeetingAPITests.object(try await api.send(.GET, "/api/v1/partnerships/\(id)"))
            let rows = try #require(read["contributions"] as? [[String: Any]])
            #expect(rows.first?["version"] as? Int == 3)
            var tagged = api
            tagged.headers.replaceOrAdd(name: .ifMatch, value: "\"3\"")
            let body = #"{"received_on":"2026-02-01","in_kind":"Зала","estimated_value_minor_units":30000,"currency":"BGN"}"#
            let replaced = try await tagged.send(.PUT, "/api/v1/partnerships/\(id)/contributions/\(money.id)", body)
            #expect(replaced.status == .ok && replaced.headers.first(name: .eTag) == "\"4\"")
            let answer = try MeetingAPITests.object(replaced)
            #expect(answer["in_kind"] as? String == "Зала" && answer["amount_minor_units"] == nil && answer["version"] as? Int == 4)
            #expect(
                try await tagged.send(.PUT, "/api/v1/partnerships/\(id)/contributions/\(money.id)", body).status == .preconditionFailed)
            let both = try await api.send(
                .PUT, "/api/v1/partnerships/\(id)/contributions/\(money.id)",
                #"{"received_on":"2026-02-01","amount_minor_units":5,"in_kind":"Зала","currency":"BGN"}"#)
            #expect(both.status == .unprocessableEntity)
            #expect(
                try await api.send(.PUT, "/api/v1/partnerships/\(otherID)/contributions/\(money.id)", body).status == .notFound)
            let contact = try await api.send(
                .PUT, "/api/v1/partnerships/\(id)/interactions/\(call.id)", #"{"on":"2026-02-03","kind":"visit","note":"  Посещение  "}"#)
            #expect(contact.status == .ok)
            let contactBody = try MeetingAPITests.object(contact)
            #expect(
                contactBody["note"] as? String == "Посещение" && contactBody["follow_up_on"] == nil && contactBody["version"] as? Int == 3)
            let coordinator = try await Client(app, "pazardzhik@praktika.local")
            #expect(
                try await coordinator.send(
                    .PUT, "/api/v1/partnerships/\(id)/interactions/\(call.id)", #"{"on":"2026-02-03","kind":"visit","note":"x"}"#
                )
                .status == .notFound)

            // Two saves of one version at once: one is written, the other told it changed.
            let client = tagged
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for amount in [10, 20, 30, 40] {
                    var one = client
                    one.headers.replaceOrAdd(name: .ifMatch, value: "\"4\"")
                    group.addTask {
                        try await one.send(
                            .PUT, "/api/v1/partnerships/\(id)/contributions/\(money.id)",
                            #"{"received_on":"2026-02-01","amount_minor_units":\#(amount),"currency":"BGN"}"#
                        ).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .preconditionFailed }.count == 3)
            #expect(try await store.contribution(money.id)?.version == 5)
        }
    }

    @Test("the demo holds the partnerships the Velingrad report names, with nothing it does not say")
    func demo() async throws {
        try await withApp(demo: true) { app in
            let all = try await PartnershipStore(db: app.sql).list(district: nil)
            #expect(all.count == VelingradDemo.partnerships.count)
            #expect(try await app.count("partnership_contributions") == 0)
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let page = try await coordinator.get("/partnerships").text
            for name in ["Общинска администрация – Пазарджик", "Младежки дом – Пазарджик", "Регионален исторически музей – Пазарджик"] {
                #expect(page.contains(name))
            }
            #expect(!page.contains("Корпус на мира"))
            let museum = try await app.id("partners", where: "name", is: "Регионален исторически музей – Пазарджик")
            let id = try #require(all.first { $0.partnerID == museum }?.id)
            #expect(try await coordinator.get("/partnerships/\(id)").text.contains("Културен фестивал"))
        }
    }
}
