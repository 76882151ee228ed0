import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Accounts and personal data")
struct AccountTests {
    static let password = VelingradDemo.demoPassword

    @Test("an administrator creates an account on the web; the form checks what it must")
    func createAccount() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            #expect(try await admin.get("/users/new").status == .ok)
            let bad = try await admin.post(
                "/users",
                [
                    "name": "Мария", "email": "smolyan@praktika.local", "role": "librarian", "password": "кратка",
                    "password_confirmation": "друга",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Вече има профил с този имейл."))
            #expect(bad.text.contains("Задължително за тази роля."))
            #expect(bad.text.contains("Паролата трябва да е поне 10 знака."))
            #expect(!bad.text.contains("кратка"), "a password is never sent back")
            let library = try await app.id("libraries", where: "name", is: "Библиотека при НЧ „Светлина“ – Момчиловци")
            let good = try await admin.post(
                "/users",
                [
                    "name": "Васка Мавродиева", "email": "vaska@example.bg", "role": "librarian", "library_id": String(library),
                    "password": "дълга-парола-2026", "password_confirmation": "дълга-парола-2026",
                ])
            #expect(good.status == .seeOther)
            let user = try #require(try await AccountStore(db: app.sql).user(email: "vaska@example.bg"))
            #expect(user.role == .librarian && user.libraryID == library && user.districtCode == "BG-21")
            let vaska = try await Browser.signedIn(app, "vaska@example.bg", "дълга-парола-2026")
            #expect(try await vaska.get("/account").status == .ok)
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            #expect(try await librarian.get("/users/new").status == .forbidden)

            // A partner's account speaks for a registry partner that exists.
            let partnerForm = [
                "name": "Иван от Младежкия дом", "email": "ivan@partner.bg", "role": "partner", "partner_id": "999999",
                "password": "дълга-парола-2026", "password_confirmation": "дълга-парола-2026",
            ]
            let unknown = try await admin.post("/users", partnerForm)
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("id=\"field-partner_id-error\""))
            let youth = try await app.id("partners", where: "name", is: "Младежки дом – Пазарджик")
            var linked = partnerForm
            linked["partner_id"] = String(youth)
            #expect(try await admin.post("/users", linked).status == .seeOther)
            #expect(try await AccountStore(db: app.sql).user(email: "ivan@partner.bg")?.actor.partnerID == youth)
        }
    }

    @Test("changing the password needs the current one and ends the other sessions")
    func changePassword() async throws {
        try await withApp(demo: true) { app in
            let here = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            let elsewhere = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            let wrong = try await here.post(
                "/account/password",
                ["current_password": "не-е-тази", "new_password": "нова-парола-123", "new_password_confirmation": "нова-парола-123"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Текущата парола не е вярна."))
            let changed = try await here.post(
                "/account/password",
                ["current_password": Self.password, "new_password": "нова-парола-123", "new_password_confirmation": "нова-парола-123"])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/account").status == .ok)
            #expect(try await elsewhere.get("/account").status == .unauthorized)
            _ = try await Browser.signedIn(app, "smolyan@praktika.local", "нова-парола-123")
        }
    }

    @Test("the language is remembered per person, on any browser")
    func languagePerPerson() async throws {
        try await withApp(demo: true) { app in
            let first = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            // A link cannot change the account: a GET only sets this browser's cookie.
            _ = try await first.get("/language/en")
            #expect(
                try await Browser.signedIn(app, "partner@praktika.local", Self.password).get("/libraries").text.contains(
                    "<html lang=\"bg\">"))
            // The header's switch posts, and the choice follows the person to another browser.
            let switched = try await first.post("/language/en", ["back": "/meetings"])
            #expect(switched.headers.first(name: .location) == "/meetings")
            #expect(try await first.post("/language/en", [:], csrf: false).status == .forbidden)
            let second = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            #expect(try await second.get("/libraries").text.contains("<html lang=\"en\">"))
        }
    }

    @Test("a person downloads their own data: no password hash, no token secrets")
    func exportOwnData() async throws {
        try await withApp(demo: true) { app in
            let me = try await Browser.signedIn(app, "pazardzhik@praktika.local", Self.password)
            let export = try await me.get("/account/export.json")
            #expect(export.status == .ok)
            #expect(export.text.contains("\"email\" : \"pazardzhik@praktika.local\""))
            #expect(export.text.contains("\"sign_in\""))
            #expect(!export.text.contains("password_hash") && !export.text.contains("$2b$"))
            #expect(!export.text.contains("token_hash"))
            #expect(try await Browser(app).get("/account/export.json").status == .unauthorized)
        }
    }

    @Test("erasing an account removes it and its name from the audit log and the design history")
    func eraseAccount() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", Self.password)
            let design = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            #expect(try await librarian.post("/services/\(design)/edit/service", ["version": "1", "needs": "Умения"]).status == .seeOther)
            let id = try await app.id("users", where: "email", is: "smolyan@praktika.local")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            #expect(try await admin.get("/users/\(id)/erase").status == .ok)
            let adminID = try await app.id("users", where: "email", is: "admin@praktika.local")
            #expect(try await admin.post("/users/\(adminID)/erase", [:]).status == .forbidden)
            #expect(try await admin.post("/users/\(id)/erase", [:]).status == .seeOther)
            #expect(try await AccountStore(db: app.sql).user(email: "smolyan@praktika.local") == nil)
            let named = try await app.sql.select().column("id").from("audit_log")
                .where(SQLColumn("user_name"), .equal, SQLBind("Библиотекар Смолян")).all()
            #expect(named.isEmpty)
            let revisions = try await DesignStore(db: app.sql).revisions(design)
            #expect(revisions.first?.userName == "изтрит потребител #\(id)")
            #expect(try await librarian.get("/account").status == .unauthorized)
        }
    }

    @Test("a person's data can be exported, and deleting the person erases it from the audit log")
    func personalData() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            let created = try await admin.post(
                "/people",
                [
                    "full_name": "Иван Тестов", "network_role": "volunteer", "district_code": "BG-21", "email": "ivan@example.bg",
                    "consent": "on",
                ])
            #expect(created.status == .seeOther)
            let id = try await app.id("people", where: "full_name", is: "Иван Тестов")
            let export = try await admin.get("/people/\(id)/export.json")
            #expect(export.status == .ok)
            #expect(export.text.contains("ivan@example.bg"))
            #expect(try await Browser(app).get("/people/\(id)/export.json").status == .unauthorized)
            let partner = try await Browser.signedIn(app, "partner@praktika.local", Self.password)
            #expect(try await partner.get("/people/\(id)/export.json").status == .forbidden)

            #expect(try await admin.post("/people/\(id)/delete", [:]).status == .seeOther)
            let rows = try await app.sql.select().columns("entity_name", "changes").from("audit_log")
                .where("entity", .equal, "person").where("entity_id", .equal, String(id)).all()
            #expect(rows.count == 2)
            for row in rows {
                #expect(try row.decode(column: "changes", as: String?.self) == nil)
                #expect(try row.decode(column: "entity_name", as: String?.self) == "изтрит запис #\(id)")
            }
        }
    }

    @Test("API: a caller lists their own tokens and revokes one by id, never someone else's")
    func apiTokens() async throws {
        try await withApp(demo: true) { app in
            let client = Browser(app)
            var headers = HTTPHeaders()
            headers.contentType = .json
            func token(_ email: String) async throws -> String {
                let answer = try await client.send(
                    .POST, "/api/v1/tokens", headers: headers,
                    body: ByteBuffer(string: "{\"email\":\"\(email)\",\"password\":\"praktika-demo\",\"label\":\"script\"}"))
                return try JSONDecoder().decode([String: String].self, from: Data(answer.text.utf8))["token"]!
            }
            let mine = try await token("partner@praktika.local")
            let spare = try await token("partner@praktika.local")
            let theirs = try await token("admin@praktika.local")
            var auth = HTTPHeaders()
            auth.bearerAuthorization = BearerAuthorization(token: mine)
            let list = try await client.send(.GET, "/api/v1/tokens", headers: auth)
            #expect(list.status == .ok)
            struct Info: Decodable {
                let id: Int64
                let current: Bool
                let label: String?
                let expires_at: Date?
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let infos = try decoder.decode([Info].self, from: Data(list.text.utf8))
            #expect(infos.count == 2 && infos.filter(\.current).count == 1 && infos.allSatisfy { $0.label == "script" })
            // An API key expires by itself after the configured days (90 by default).
            for info in infos {
                let days = (info.expires_at?.timeIntervalSinceNow ?? 0) / 86_400
                #expect(days > 89 && days <= 90, "\(days)")
            }
            #expect(!list.text.contains(mine) && !list.text.contains(spare))

            let adminID = try await app.id("users", where: "email", is: "admin@praktika.local")
            let adminToken = try await app.sql.select().column("id").from("auth_tokens").where("user_id", .equal, adminID).first()!
                .decode(column: "id", as: Int64.self)
            #expect(try await client.send(.DELETE, "/api/v1/tokens/\(adminToken)", headers: auth).status == .notFound)
            let other = try #require(infos.first { !$0.current })
            #expect(try await client.send(.DELETE, "/api/v1/tokens/\(other.id)", headers: auth).status == .noContent)
            var spareAuth = HTTPHeaders()
            spareAuth.bearerAuthorization = BearerAuthorization(token: spare)
            #expect(try await client.send(.GET, "/api/v1/tokens", headers: spareAuth).status == .unauthorized)
            var theirAuth = HTTPHeaders()
            theirAuth.bearerAuthorization = BearerAuthorization(token: theirs)
            #expect(try await client.send(.GET, "/api/v1/tokens", headers: theirAuth).status == .ok)
        }
    }
}
