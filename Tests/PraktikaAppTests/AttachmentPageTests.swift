import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Attached files")
struct AttachmentPageTests {
    static let pdf = Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n".utf8)
    /// A one-pixel PNG made here, chunk by chunk, so that it holds together as the upload checks ask.
    static let png: [UInt8] = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            let be = { (v: UInt32) in [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
            return be(UInt32(data.count)) + body + be(CRC32.checksum(body[...]))
        }
        let header: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]
        let pixels: [UInt8] = [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", pixels) + chunk("IEND", [])
    }()
    static let pptx = ZipArchive.stored([
        ("[Content_Types].xml", Array("<Types/>".utf8)), ("ppt/presentation.xml", Array("<p:presentation/>".utf8)),
    ])

    /// A multipart form as a browser sends it: the fields, then the file.
    static func upload(_ browser: Browser, _ path: String, fields: [String: String] = [:], filename: String, bytes: [UInt8]) async throws
        -> TestingHTTPResponse
    {
        if browser.cookies[Cookies.csrf] == nil { try await browser.get("/") }
        let boundary = "praktika-boundary-7"
        var body = ByteBuffer()
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.cookies[Cookies.csrf] ?? "")\r\n")
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await browser.send(.POST, path, headers: headers, body: body)
    }

    @Test("a practice gets a PDF; wrong types are refused at the field; private designs' files stay private")
    func designFiles() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let pensioners = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let html = try await Self.upload(
                librarian, "/services/\(pensioners)/attachments", filename: "x.html", bytes: Array("<script>alert(1)</script>".utf8))
            #expect(html.status == .unprocessableEntity)
            #expect(html.text.contains("Приемат се PDF"))
            let renamed = try await Self.upload(librarian, "/services/\(pensioners)/attachments", filename: "photo.pdf", bytes: Self.png)
            #expect(renamed.text.contains("Съдържанието е PNG"))
            let ok = try await Self.upload(librarian, "/services/\(pensioners)/attachments", filename: "Анкета.pdf", bytes: Self.pdf)
            #expect(ok.status == .seeOther)
            let files = try await AttachmentStore(db: app.sql).list(.design(pensioners))
            #expect(files.map(\.filename) == ["Анкета.pdf"])

            let visitor = Browser(app)
            let chart = try await visitor.get("/services/\(pensioners)")
            #expect(chart.text.contains("Анкета.pdf"))
            let download = try await visitor.get(SiteURL.file(files[0].id, "Анкета.pdf").path)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(Array(download.body.readableBytesView) == Self.pdf)
            #expect(try await visitor.post("/services/\(pensioners)/attachments", [:]).status == .unauthorized)
            #expect(try await visitor.post("/files/\(files[0].id)/delete", [:]).status == .unauthorized)

            // Group 3's design is private to its libraries: so are its files.
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            #expect(
                try await Self.upload(librarian, "/services/\(women)/attachments", filename: "a.pdf", bytes: Self.pdf).status == .seeOther)
            let hidden = try #require(try await AttachmentStore(db: app.sql).list(.design(women)).first)
            #expect(try await visitor.get("/files/\(hidden.id)/a.pdf").status == .notFound)
            #expect(try await librarian.get("/files/\(hidden.id)/a.pdf").status == .ok)

            #expect(try await librarian.post("/files/\(files[0].id)/delete", [:]).status == .seeOther)
            #expect(try await AttachmentStore(db: app.sql).list(.design(pensioners)).isEmpty)
        }
    }

    @Test("slides of a presentation are uploaded by the organisers and shown in the programme")
    func slides() async throws {
        try await withApp(demo: true) { app in
            let meeting = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let item = try await app.id("agenda_items", where: "speaker", is: "Наталия Георгиева")
            let organiser = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let path = "/meetings/\(meeting)/agenda/items/\(item)/attachments"
            let first = try await organiser.get(path)
            #expect(first.status == .ok, "\(first.status) \(first.text.prefix(300))")
            #expect(try await Self.upload(organiser, path, filename: "umna-diagrama.pptx", bytes: Self.pptx).status == .seeOther)
            let programme = try await Browser(app).get("/meetings/\(meeting)")
            #expect(programme.text.contains("umna-diagrama.pptx"))
            let partner = try await Browser.signedIn(app, "partner@praktika.local", VelingradDemo.demoPassword)
            #expect(try await Self.upload(partner, path, filename: "x.pdf", bytes: Self.pdf).status == .forbidden)
            // Deleting the meeting takes its files along.
            #expect(try await organiser.post("/meetings/\(meeting)/delete", [:]).status == .seeOther)
            #expect(try await app.count("attachments") == 0)
        }
    }
}
