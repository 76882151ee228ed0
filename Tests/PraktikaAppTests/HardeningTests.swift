import AsyncKit
import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Hardening")
struct HardeningTests {
    static let admin = Actor(userID: 1, name: "Админ", role: .admin, districtCode: nil, libraryID: nil)

    @Test("fifty designs created at once, then forty deleted at once: every one succeeds, none is lost, the word counts stay exact")
    func concurrentWrites() async throws {
        // As many connections as a server has, not the one each test app makes do with.
        try await withApp(demo: true, connections: 4) { app in
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let before = try await app.count("service_designs")
            let ids = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        var design = ServiceDesign(
                            title: "Пенсионери онлайн в библиотеката \(i)", libraryIDs: [library],
                            targetGroup: TargetGroup(category: .pensioners, description: "Пенсионери над 60 години от селото"))
                        design.needs = "Умения за работа с компютър, социални контакти и информация за здравето"
                        guard case .saved(let id, _, _) = try await DesignService(db: app.db, actor: Self.admin).create(design) else {
                            return nil
                        }
                        return id
                    }
                }
                var ids: [Int64] = []
                for try await id in group { if let id { ids.append(id) } }
                return ids
            }
            #expect(ids.count == 50)
            #expect(try await app.count("service_designs") == before + 50)
            let deleted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for id in ids.prefix(40) {
                    group.addTask {
                        guard case .saved = try await DesignService(db: app.db, actor: Self.admin).delete(id) else { return false }
                        return true
                    }
                }
                var count = 0
                for try await ok in group where ok { count += 1 }
                return count
            }
            #expect(deleted == 40)
            #expect(try await app.count("service_designs") == before + 10)
            // The counts of documents per index key are what the index holds.
            #expect(try await SearchIndexTests.storedTermCounts(app.sql) == (try await SearchIndexTests.indexTermCounts(app.sql)))
        }
    }

    @Test("a burst of wrong passwords is checked at most `loginAttempts` times; failures from elsewhere never lock the owner out")
    func signInThrottle() async throws {
        try await withApp { app in
            let configuration = try #require(app.storage[ConfigurationKey.self])
            let auth = Authentication(db: app.db, configuration: configuration)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        // One right password hidden in the burst.
                        let password = i == 25 ? "secret-admin" : "wrong-\(i)"
                        switch try await auth.signIn(email: "admin@test.bg", password: password, client: "192.0.2.1") {
                        case .success: return "signed in"
                        case .failure(let key, _): return key.rawValue
                        }
                    }
                }
                var all: [String] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let checked = outcomes.filter { $0 != TextKey.loginThrottled.rawValue }.count
            #expect(checked <= configuration.loginAttempts, "\(outcomes)")
            let failed = try await app.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sign_in_failed'").first()?
                .decode(column: "n", as: Int.self)
            #expect((failed ?? 0) <= configuration.loginAttempts)
            // The owner, from another address, signs in at once; the guesser's address stays throttled.
            guard case .success = try await auth.signIn(email: "admin@test.bg", password: "secret-admin", client: "198.51.100.7") else {
                Issue.record("the owner was locked out by someone else's failures")
                return
            }
            guard
                case .failure(.loginThrottled, _) = try await auth.signIn(
                    email: "admin@test.bg", password: "secret-admin", client: "192.0.2.1")
            else {
                Issue.record("the guessing address was let through")
                return
            }
        }
    }

    @Test("a database too busy to answer in time is a 503 the client may retry, not a 500")
    func busyIsRetryable() {
        #expect(isDatabaseBusy(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(!isDatabaseBusy(Abort(.notFound)))
        let response = ErrorPageMiddleware.retryable(Response(status: .serviceUnavailable))
        #expect(response.headers.first(name: .retryAfter) == "2")
        #expect(ErrorPageMiddleware.texts(.serviceUnavailable, reason: nil) == (.errorBusyTitle, .errorBusyBody))
    }

    @Test("an address with no account costs the same Bcrypt check as one with an account")
    func sameWorkForUnknownAddress() async throws {
        try await withApp { app in
            let configuration = try #require(app.storage[ConfigurationKey.self])
            let hash = Authentication.absentHash(cost: configuration.bcryptCost)
            #expect(hash.hasPrefix("$2") && hash.contains("$0\(configuration.bcryptCost)$"))
            #expect(Authentication.absentHash(cost: configuration.bcryptCost) == hash)
        }
    }

    @Test("a form that needs an account is refused to someone not signed in before its body is read, while the public forms stay open")
    func refusedBeforeReading() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=x")
            let anonymous = try await Browser(app).send(
                .POST, "/services/\(id)/attachments", headers: headers, body: ByteBuffer(string: "--x--"))
            #expect(anonymous.status == .unauthorized)
            // Registration and anonymous feedback stay open to anyone.
            let token = try #require(
                try await MeetingStore(db: app.sql).find(try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle))
            )
            .registrationToken
            #expect(try await Browser(app).post("/register/\(token)", ["full_name": ""]).status != .unauthorized)
        }
    }

    @Test("links that leave the site are built from the configured address, never from the request's Host; HTTPS adds HSTS")
    func linksAndTransport() async throws {
        try await withApp(demo: true, publicURL: "https://praktika.example") { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "evil.example")
            let page = try await admin.send(.GET, "/meetings/\(id)/participants", headers: headers)
            #expect(page.text.contains("https://praktika.example/register/") && !page.text.contains("evil.example"))
            #expect(page.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
        }
        try await withApp(demo: true) { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "evil.example")
            let page = try await admin.send(.GET, "/meetings/\(id)/participants", headers: headers)
            #expect(page.status == .ok && !page.text.contains("evil.example"))
            #expect(page.headers.first(name: "Strict-Transport-Security") == nil)
        }
    }
}
