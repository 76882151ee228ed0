import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("A forgotten password, replaced by e-mail")
struct PasswordResetTests {
    static let email = "smolyan@praktika.local"

    /// The secret of the newest reset message to `recipient`, read from the outbox.
    static func link(_ app: Application, to recipient: String = email) async throws -> String {
        let body = try #require(
            try await app.sql.select().column("body").from("mail_outbox").where("kind", .equal, "password_reset")
                .where("recipient", .equal, recipient).orderBy("id", .descending).first()?.decode(column: "body", as: String.self))
        let start = try #require(body.range(of: "/password/reset/")?.upperBound)
        return String(body[start...].prefix { !$0.isWhitespace })
    }

    static func outbox(_ app: Application) async throws -> Int {
        try await app.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("mail_outbox")
            .where("kind", .equal, "password_reset").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test("a link by e-mail sets a new password once, ends every session, and says nothing of addresses without an account")
    func reset() async throws {
        try await withApp(demo: true, publicURL: "https://praktika.example.bg") { app in
            let visitor = Browser(app)
            #expect(try await visitor.get("/sign-in").text.contains("href=\"/password/forgot\""))
            #expect(try await visitor.get("/password/forgot").status == .ok)

            // No account: the same answer, and nothing is sent.
            let unknown = try await visitor.post("/password/forgot", ["email": "nobody@example.bg"])
            #expect(unknown.status == .ok)
            #expect(unknown.text.contains("Ако има профил с адрес nobody@example.bg"))
            #expect(try await Self.outbox(app) == 0)
            #expect(try await visitor.post("/password/forgot", ["email": ""]).text.contains("id=\"field-email-error\""))

            // The owner is signed in elsewhere; someone asks for a link.
            let elsewhere = try await Browser.signedIn(app, Self.email, VelingradDemo.demoPassword)
            let asked = try await visitor.post("/password/forgot", ["email": "  SMOLYAN@praktika.local "])
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Ако има профил с адрес SMOLYAN@praktika.local"))
            #expect(try await Self.outbox(app) == 1)
            let body = try #require(
                try await app.sql.select().columns("body", "subject", "erase_when_sent").from("mail_outbox").where(
                    "kind", .equal, "password_reset"
                )
                .first())
            #expect(try body.decode(column: "subject", as: String.self) == "Нова парола за Практика")
            #expect(try body.decode(column: "body", as: String.self).contains("https://praktika.example.bg/password/reset/"))
            // The message holds the secret: its text goes once it is sent.
            #expect(try body.decode(column: "erase_when_sent", as: Bool.self))
            let first = try await Self.link(app)

            // A second request replaces the first link.
            #expect(try await visitor.post("/password/forgot", ["email": Self.email]).status == .ok)
            let secret = try await Self.link(app)
            #expect(secret != first)
            #expect(try await visitor.get("/password/reset/\(first)").status == .gone)

            let page = try await visitor.get("/password/reset/\(secret)")
            #expect(page.status == .ok)
            #expect(page.text.contains(Self.email))
            #expect(page.text.contains("autocomplete=\"new-password\""))
            // A weak password is refused at its field; the link still works.
            let weak = try await visitor.post(
                "/password/reset/\(secret)", ["new_password": "кратка", "new_password_confirmation": "кратка"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("id=\"field-new_password-error\""))
            let differ = try await visitor.post(
                "/password/reset/\(secret)", ["new_password": "нова-дълга-парола", "new_password_confirmation": "друга-дълга-парола"])
            #expect(differ.text.contains("id=\"field-new_password_confirmation-error\""))

            let done = try await visitor.post(
                "/password/reset/\(secret)", ["new_password": "нова-дълга-парола", "new_password_confirmation": "нова-дълга-парола"])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/sign-in")
            // Used up; the session opened with the old password is over; only the new password signs in.
            #expect(try await visitor.get("/password/reset/\(secret)").status == .gone)
            #expect(
                try await visitor.post(
                    "/password/reset/\(secret)", ["new_password": "трета-дълга-парола", "new_password_confirmation": "трета-дълга-парола"]
                )
                .status == .gone)
            #expect(try await elsewhere.get("/account").status != .ok)
            #expect(
                try await Browser(app).post("/sign-in", ["email": Self.email, "password": VelingradDemo.demoPassword]).status
                    == .unauthorized)
            try await Browser(app).signIn(Self.email, "нова-дълга-парола")
            let actions = try await app.sql.select().column("action").from("audit_log").where("entity", .equal, "user")
                .where("action", .in, ["password_reset_request", "password_reset"]).all().map {
                    try $0.decode(column: "action", as: String.self)
                }
            #expect(actions.sorted() == ["password_reset", "password_reset_request", "password_reset_request"])
            // Reset links are not sessions: the account page does not list them.
            #expect(try await visitor.post("/password/forgot", ["email": Self.email]).status == .ok)
            let account = try await Browser.signedIn(app, Self.email, "нова-дълга-парола")
            #expect(!(try await account.get("/account").text.contains("password_reset")))
        }
    }

    @Test("a link expires, works once under concurrent submissions, and requests are limited per account")
    func limits() async throws {
        try await withApp(demo: true, connections: 4) { app in
            let visitor = Browser(app)
            #expect(try await visitor.post("/password/forgot", ["email": Self.email]).status == .ok)
            let stale = try await Self.link(app)
            try await app.sql.update("auth_tokens").set("expires_at", to: SQLBind(Date().addingTimeInterval(-1)))
                .where("kind", .equal, "password_reset").run()
            #expect(try await visitor.get("/password/reset/\(stale)").status == .gone)

            #expect(try await visitor.post("/password/forgot", ["email": Self.email]).status == .ok)
            let secret = try await Self.link(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        let password = "паралелна-парола-\(i)"
                        return try await Browser(app).post(
                            "/password/reset/\(secret)", ["new_password": password, "new_password_confirmation": password]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .gone }.count == 5)

            // A fourth request for one account within the window is refused, from any address.
            #expect(try await visitor.post("/password/forgot", ["email": Self.email]).status == .ok)
            let fourth = try await Browser(app).post("/password/forgot", ["email": Self.email])
            #expect(fourth.status == .tooManyRequests)
            #expect(fourth.text.contains("id=\"field-email-error\""))
            #expect(try await Self.outbox(app) == 3)
        }
    }
}
