import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("The leaflet as the library writes it")
struct LeafletPageTests {
    @Test("a librarian edits what the public reads, puts a photo on the cover, and cannot save an empty heading")
    func edit() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let page = "/services/\(id)/leaflet"

            // Until someone edits it, the form holds the chart's suggestion, and the leaflet shows it.
            let form = try await librarian.get(page + "/edit")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"Пенсионери ONLINE\""))
            #expect(try await librarian.get(page).text.contains("href=\"\(page)/edit\""))

            // An empty heading is refused at its field; what was typed stays.
            let empty = try await librarian.post(
                page, ["title": "  ", "hours": "вторник и четвъртък, 14–17 ч.", "offer": "Безплатни уроци по интернет"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("id=\"field-title-error\""))
            #expect(empty.text.contains("вторник и четвъртък, 14–17 ч."))
            #expect(try await DesignStore(db: app.sql).leaflet(id) == nil)

            // A photo must be one of this design's images, and say what it shows.
            let ok = try await AttachmentPageTests.upload(
                librarian, "/services/\(id)/attachments", filename: "клуб.png", bytes: AttachmentPageTests.png)
            #expect(ok.status == .seeOther)
            let photo = try #require(try await AttachmentStore(db: app.sql).list(.design(id)).first { $0.kind == .png })
            let other = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let foreign = try await AttachmentStore(db: app.sql).insert(
                .design(other), filename: "чужда.png", kind: .png, bytes: AttachmentPageTests.png, by: nil)
            var values: FormInput = [
                "title": "Интернет за всяка възраст", "tagline": "Научете се да пишете на внуците си",
                "offer": "Уроци в малки групи\n- как се пише писмо\n- как се говори по видео", "hours": "вторник и четвъртък, 14–17 ч.",
                "contact_note": "Записване на място или на 0301 62 000", "photo": String(foreign), "photo_alt": "Читатели пред компютрите",
            ]
            let wrongPhoto = try await librarian.post(page, values)
            #expect(wrongPhoto.status == .unprocessableEntity)
            #expect(wrongPhoto.text.contains("id=\"field-photo-error\""))
            values["photo"] = String(photo.id)
            values["photo_alt"] = ""
            #expect(try await librarian.post(page, values).text.contains("id=\"field-photo_alt-error\""))
            values["photo_alt"] = "Читатели пред компютрите"
            let saved = try await librarian.post(page, values)
            #expect(saved.status == .seeOther)

            let leaflet = try await Browser(app).get(page).text
            #expect(leaflet.inOrder("class=\"panel flap\"", "вторник и четвъртък, 14–17 ч.", "Записване на място или на 0301 62 000"))
            #expect(
                leaflet.inOrder(
                    "class=\"panel cover\"", "src=\"/files/\(photo.id)/", "alt=\"Читатели пред компютрите\"", "Интернет за всяка възраст"))
            #expect(leaflet.contains("<li>как се пише писмо</li>"))
            #expect(!leaflet.contains("href=\"\(page)/edit\""))
            // The change is in the audit log, field by field.
            let audit = try await app.sql.raw(
                "SELECT changes FROM audit_log WHERE entity = 'service' AND entity_id = \(bind: String(id)) ORDER BY id DESC"
            )
            .first()?.decode(column: "changes", as: String.self)
            #expect(audit?.contains("Интернет за всяка възраст") == true)

            // Deleted, the photo leaves the cover rather than showing broken.
            #expect(try await librarian.post("/files/\(photo.id)/delete", [:]).status == .seeOther)
            #expect(!(try await Browser(app).get(page).text.contains("cover-photo")))

            // Only those who may change the design may change its leaflet.
            #expect(try await Browser(app).get(page + "/edit").status == .unauthorized)
            #expect(try await Browser(app).post(page, values).status == .unauthorized)
            let partner = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await partner.get(page + "/edit").status == .forbidden)
            #expect(try await partner.post(page, values).status == .forbidden)
            #expect(try await DesignStore(db: app.sql).leaflet(id)?.title == "Интернет за всяка възраст")
        }
    }
}
