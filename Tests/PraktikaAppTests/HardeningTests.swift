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
        // As many connections as a server has, not the one each test app makes do with; and, as the
        // whole suite shares two cores with the database, a longer wait for one. Every design write
        // takes the search's version row (migration 018), so fifty of them go one after another.
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 120) { app in
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

@Suite("Audit of personal data and files")
struct PersonalDataAuditTests {
    static func entries(_ app: Application, _ entity: String) async throws -> [AuditEntry] {
        try await AuditStore(db: app.sql).entries(entity: entity, limit: 100, offset: 0).0
    }

    @Test("adding, changing and removing a participant is logged with who did it; removal takes the person's data out of the log")
    func participants() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let values = ["full_name": "Мария Тестова", "organisation": "НЧ Искра", "district": "BG-13", "role": "librarian"]
            #expect(try await admin.post("/meetings/\(id)/participants", values).status == .seeOther)
            let store = MeetingStore(db: app.sql)
            let pid = try #require(try await store.participants(id).first { $0.fullName == "Мария Тестова" }?.id)
            var changed = values
            changed["email"] = "maria@example.bg"
            #expect(try await admin.post("/meetings/\(id)/participants/\(pid)", changed).status == .seeOther)
            var log = try await Self.entries(app, MeetingService.participantEntity).filter { $0.entityID == String(pid) }
            #expect(log.map(\.action).sorted() == ["create", "update"])
            #expect(log.allSatisfy { $0.userName == "Администратор" && $0.entityName?.contains("Мария Тестова") == true })
            #expect(log.first { $0.action == "update" }?.fieldChanges.map(\.field) == ["email"])
            #expect(try await admin.post("/meetings/\(id)/participants/\(pid)/delete", [:]).status == .seeOther)
            log = try await Self.entries(app, MeetingService.participantEntity).filter { $0.entityID == String(pid) }
            #expect(log.map(\.action).sorted() == ["create", "erase", "update"])
            #expect(!log.contains { $0.entityName?.contains("Мария") == true || $0.changes?.contains("maria@") == true })
        }
    }

    @Test("files uploaded and deleted, feedback forms and report edits are logged; a download keeps its own sandbox")
    func filesFormsReports() async throws {
        try await withApp(demo: true) { app in
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let pensioners = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let uploaded = try await AttachmentPageTests.upload(
                librarian, "/services/\(pensioners)/attachments", filename: "Анкета.pdf", bytes: AttachmentPageTests.pdf)
            #expect(uploaded.status == .seeOther)
            let files = try await Self.entries(app, AttachmentController.auditEntity)
            #expect(files.count == 1 && files[0].action == "create" && files[0].entityName == "Анкета.pdf")
            let fileID = try #require(files[0].entityID)
            let download = try await librarian.get("/files/\(fileID)/x.pdf")
            #expect(download.headers.first(name: "Content-Security-Policy") == "default-src 'none'; sandbox")
            #expect(try await librarian.post("/files/\(fileID)/delete", [:]).status == .seeOther)
            #expect(try await Self.entries(app, AttachmentController.auditEntity).map(\.action).sorted() == ["create", "delete"])

            let meeting = try await app.id("meetings", where: "title", is: VelingradDemo.meetingTitle)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let form = ["title": "Как мина?", "open": "on", "question-1-prompt": "Оценка", "question-1-kind": "rating"]
            #expect(try await admin.post("/meetings/\(meeting)/feedback", form).status == .seeOther)
            #expect(try await Self.entries(app, MeetingService.formEntity).first?.entityName?.hasPrefix("Как мина?") == true)
            #expect(try await admin.post("/meetings/\(meeting)/report", ["markdown": "# Отчет\n\nКратко."]).status == .seeOther)
            #expect(try await Self.entries(app, MeetingService.reportEntity).first?.userName == "Администратор")
        }
    }
}

@Suite("Who sees personal data")
struct PersonalDataVisibilityTests {
    @Test(
        "a person's e-mail, telephone and notes are read by administrators and their district's people, not by partners or other districts")
    func needToKnow() async throws {
        try await withApp(demo: true) { app in
            var person = Person(
                fullName: "Петя Контактна", networkRole: .librarian, organisation: "НЧ Пробуда", districtCode: VelingradDemo.pazardzhik,
                email: "petya@example.bg", phone: "0888 123 456", consentRecordedOn: LocalDate(year: 2026, month: 1, day: 5),
                notes: "Предпочита телефон")
            let id = try await RegistryStore<Person>(db: app.sql, table: .person).insert(person)
            person.id = id
            func seen(_ email: String) async throws -> (page: String, api: String) {
                let browser = try await Browser.signedIn(app, email, VelingradDemo.demoPassword)
                let page = try await browser.get("/people/\(id)").text
                let client = Browser(app)
                let headers = try await client.apiHeaders(email, VelingradDemo.demoPassword)
                let api = try await client.send(.GET, "/api/v1/people/\(id)", headers: headers).text
                let list = try await client.send(.GET, "/api/v1/people", headers: headers).text
                return (page, api + list)
            }
            for email in ["admin@praktika.local", "pazardzhik@praktika.local"] {
                let (page, api) = try await seen(email)
                #expect(page.contains("petya@example.bg") && page.contains("Предпочита телефон"), "\(email)")
                #expect(api.contains("petya@example.bg") && api.contains("0888 123 456"), "\(email)")
            }
            for email in ["partner@praktika.local", "smolyan@praktika.local"] {
                let (page, api) = try await seen(email)
                #expect(page.contains("Петя Контактна") && !page.contains("petya@example.bg") && !page.contains("Предпочита"), "\(email)")
                #expect(api.contains("Петя Контактна") && !api.contains("petya@example.bg") && !api.contains("0888"), "\(email)")
            }
        }
    }
}

@Suite("Backup, restore and export")
struct BackupTests {
    /// Every table of an export, as written.
    static func tables(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let folder = directory.appendingPathComponent("tables")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("praktika-\(UUID().uuidString)-\(name)")
    }

    @Test(
        "a backup taken while designs are written holds every write acknowledged before it; restored, it exports exactly as the original",
        .enabled(if: TestDatabase.isSQLite, "VACUUM INTO is SQLite's; PostgreSQL is backed up with pg_dump"))
    func backupUnderLoad() async throws {
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 120) { app in
            let library = try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“")
            let admin = HardeningTests.admin
            func create(_ i: Int) async throws -> Int64? {
                let design = ServiceDesign(
                    title: "Запис под товар \(i)", libraryIDs: [library], targetGroup: TargetGroup(category: .pensioners))
                guard case .saved(let id, _, _) = try await DesignService(db: app.db, actor: admin).create(design) else { return nil }
                return id
            }
            // Some writes are acknowledged, then the backup runs while more are written.
            var acknowledged: [Int64] = []
            for i in 0..<5 { if let id = try await create(i) { acknowledged.append(id) } }
            let during = Self.temporary("during.sqlite")
            let backup = Backup(database: app.db, knownMigrations: try await app.knownMigrationNames())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 5..<25 { group.addTask { _ = try await create(i) } }
                group.addTask { try await backup.write(to: during) }
                try await group.waitForAll()
            }
            #expect(try await backup.check(during) >= 20)
            let copied = try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("ATTACH DATABASE \(bind: during.path) AS copy").run()
                let ids = try await sql.raw("SELECT id FROM copy.service_designs").all().map { try $0.decode(column: "id", as: Int64.self) }
                try await sql.raw("DETACH DATABASE copy").run()
                return Set(ids)
            }
            #expect(Set(acknowledged).isSubset(of: copied))

            // After the writes: back up, restore into a new file, and compare the two exports.
            let after = Self.temporary("after.sqlite")
            try await backup.write(to: after)
            let restored = Self.temporary("restored.sqlite")
            try Backup.restore(after, into: restored)
            let original = Self.temporary("original-export")
            _ = try await DataExport(db: app.sql).write(to: original)
            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            do {
                try await configure(second, AppConfiguration(database: .sqlite(path: restored.path), bcryptCost: 4, useDictionary: false))
                let copy = Self.temporary("restored-export")
                let manifest = try await DataExport(db: second.sql).write(to: copy)
                #expect(manifest.tables["service_designs"] == (try await app.count("service_designs")))
                #expect(try Self.tables(copy) == (try Self.tables(original)))
                #expect(try Self.tables(copy).count == DataExport.tables.count * 2)
            } catch {
                try await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
            // A file that is not a Praktika database is refused, and nothing is replaced.
            let stranger = Self.temporary("stranger.sqlite")
            try await app.sql.raw("VACUUM INTO \(bind: stranger.path)").run()
            try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("ATTACH DATABASE \(bind: stranger.path) AS s").run()
                try await sql.raw("DROP TABLE s._fluent_migrations").run()
                try await sql.raw("DETACH DATABASE s").run()
            }
            await #expect(throws: BackupError.self) { try await backup.check(stranger) }
            let text = Self.temporary("notes.sqlite")
            try Data("не е база".utf8).write(to: text)
            await #expect(throws: BackupError.self) { try await backup.check(text) }
        }
    }

    @Test("the export leaves out passwords and sign-in tokens and names every table in its README")
    func exportWithholdsSecrets() async throws {
        try await withApp(demo: true) { app in
            let folder = Self.temporary("export")
            let manifest = try await DataExport(db: app.sql).write(to: folder)
            #expect(manifest.tables["meeting_participants"] == 95)
            let users = try String(contentsOf: folder.appendingPathComponent("tables/users.json"), encoding: .utf8)
            #expect(users.contains("admin@praktika.local") && !users.contains("password") && !users.contains("$2"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("tables/auth_tokens.json").path))
            // Days as the README says, YYYY-MM-DD, and moments as ISO 8601, on either database.
            let meetings = try String(contentsOf: folder.appendingPathComponent("tables/meetings.json"), encoding: .utf8)
            #expect(meetings.contains(#""starts_on" : "2012-05-17""#))
            #expect(meetings.contains(/"created_at" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/))
            let meetingsCSV = try String(contentsOf: folder.appendingPathComponent("tables/meetings.csv"), encoding: .utf8)
            #expect(meetingsCSV.contains(";2012-05-17;2012-05-18;"))
            let readme = try String(contentsOf: folder.appendingPathComponent("README.txt"), encoding: .utf8)
            #expect(DataExport.tables.allSatisfy { readme.contains($0.name) })
            await #expect(throws: BackupError.self) { try await DataExport(db: app.sql).write(to: folder) }
        }
    }

    @Test(
        "a burst of registrations through a meeting's link from one address: twenty are taken, the rest are told to wait and keep what they typed"
    )
    func registrationBurst() async throws {
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let organiser = try await Browser.signedIn(app, MeetingDayTests.coordinator, VelingradDemo.demoPassword)
            let stored = try await MeetingDayTests.createMeeting(app, organiser, capacity: 100)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for n in 0..<26 {
                    group.addTask {
                        try await Browser(app).post(
                            "/register/\(stored.registrationToken)",
                            [
                                "full_name": "Участник \(n)", "organisation": "Библиотека \(n)", "role": "librarian", "district": "BG-13",
                            ]
                        ).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            let limit = AnonymousThrottle.Scope.registrations.limit
            #expect(statuses.filter { $0 == .seeOther }.count == limit)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 26 - limit)
            #expect(try await MeetingStore(db: app.sql).participants(stored.id).count == limit)
            let refused = try await Browser(app).post(
                "/register/\(stored.registrationToken)",
                ["full_name": "Мария Петрова", "organisation": "Читалище „Светлина“", "role": "librarian", "district": "BG-13"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .retryAfter) == String(AnonymousThrottle.windowSeconds))
            #expect(refused.text.contains(TextKey.registerThrottled(.bg)) && refused.text.contains("Мария Петрова"))
            // Another meeting's link is counted on its own.
            let other = try await MeetingDayTests.createMeeting(app, organiser, capacity: 100)
            let first = try await Browser(app).post(
                "/register/\(other.registrationToken)",
                ["full_name": "Иван Иванов", "organisation": "Библиотека", "role": "librarian", "district": "BG-13"])
            #expect(first.status == .seeOther)
        }
    }

    @Test("behind a trusted reverse proxy the client is the address the proxy names; anyone else's X-Forwarded-For is ignored")
    func clientBehindProxy() throws {
        let proxy: Set<String> = ["10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.7"], trusted: proxy) == "198.51.100.7")
        // A client that writes its own header gets the proxy's entry appended after it.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.7"], trusted: proxy) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: proxy) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: proxy) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["1.2.3.4"], trusted: proxy) == "unknown")
        let configured = try AppConfiguration.fromEnvironment(["PRAKTIKA_TRUSTED_PROXIES": "10.0.0.2, ::1"])
        #expect(configured.trustedProxies == ["10.0.0.2", "::1"])
        #expect(throws: (any Error).self) { try AppConfiguration.fromEnvironment(["PRAKTIKA_TRUSTED_PROXIES": "proxy.local"]) }
    }

    @Test("twenty changes to one meeting from the same version: one is saved, the others are told of it; a form keeps what was typed")
    func meetingVersions() async throws {
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let client = Browser(app)
            let headers = try await client.apiHeaders("admin@praktika.local")
            let read = try await client.send(.GET, "/api/v1/meetings/1", headers: headers)
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])
            let version = try #require(envelope["version"] as? Int)
            let meeting = try #require(envelope["meeting"] as? [String: Any])
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for n in 0..<20 {
                    var body = meeting
                    body["title"] = "Регионална среща \(n)"
                    body["version"] = version
                    let data = try JSONSerialization.data(withJSONObject: body)
                    group.addTask {
                        try await Browser(app).send(.PUT, "/api/v1/meetings/1", headers: headers, body: ByteBuffer(bytes: [UInt8](data)))
                            .status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 19)
            let stored = try #require(try await MeetingStore(db: app.sql).find(1))
            #expect(stored.version == Int64(version + 1))

            // An organiser's form opened before that change: refused, with what they typed kept.
            let organiser = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            var values = stored.meeting.input
            for code in stored.meeting.districtCodes { values["districts-\(code)"] = "on" }
            values["title"] = "Партньорства – нови услуги в библиотеките"
            values["version"] = String(version)
            let refused = try await organiser.post("/meetings/1/edit", values)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(TextKey.conflictMeetingChanged(.bg)))
            #expect(refused.text.contains("Партньорства – нови услуги в библиотеките"))
            #expect(refused.text.contains("name=\"version\" value=\"\(version + 1)\""))
            // Saving again, from the version now stored, replaces the other change.
            values["version"] = String(version + 1)
            #expect(try await organiser.post("/meetings/1/edit", values).status == .seeOther)
            #expect(try await MeetingStore(db: app.sql).find(1)?.meeting.title == "Партньорства – нови услуги в библиотеките")
        }
    }

    @Test("registry records and participants carry a version: a change from an older copy is refused, in the API and in the forms")
    func recordVersions() async throws {
        try await withApp(demo: true, connections: 4, connectionWaitSeconds: 60) { app in
            let client = Browser(app)
            let headers = try await client.apiHeaders("admin@praktika.local")
            let read = try await client.send(.GET, "/api/v1/partners/1", headers: headers)
            let tag = try #require(read.headers.first(name: .eTag))
            let partner = try #require(try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])
            // Twenty clients change what they read as the same version: one wins, the others hear 412.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for n in 0..<20 {
                    var body = partner
                    body["name"] = "Община Велинград \(n)"
                    let data = try JSONSerialization.data(withJSONObject: body)
                    var conditional = headers
                    conditional.replaceOrAdd(name: .ifMatch, value: tag)
                    group.addTask {
                        try await Browser(app).send(
                            .PUT, "/api/v1/partners/1", headers: conditional, body: ByteBuffer(bytes: [UInt8](data))
                        ).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 19)
            let after = try await client.send(.GET, "/api/v1/partners/1", headers: headers)
            let newTag = try #require(after.headers.first(name: .eTag))
            #expect(newTag != tag)
            // A tag that is not a version never matches; no If-Match changes whatever is there.
            var body = partner
            body["name"] = "Община Велинград"
            let data = ByteBuffer(bytes: [UInt8](try JSONSerialization.data(withJSONObject: body)))
            var bogus = headers
            bogus.replaceOrAdd(name: .ifMatch, value: "\"abc\"")
            #expect(try await client.send(.PUT, "/api/v1/partners/1", headers: bogus, body: data).status == .preconditionFailed)
            let plain = try await client.send(.PUT, "/api/v1/partners/1", headers: headers, body: data)
            #expect(plain.status == .ok)
            #expect(plain.headers.first(name: .eTag) != newTag)

            // The edit form carries the version it was opened with; a stale one is refused and keeps what was typed.
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let stored = try #require(try await RegistryStore<Partner>(db: app.sql, table: .partner).find(1))
            let version = try #require(try await RegistryStore<Partner>(db: app.sql, table: .partner).version(1))
            #expect(try await admin.get("/partners/1/edit").text.contains("name=\"version\" value=\"\(version)\""))
            var values = stored.formInput
            values["name"] = "Община Велинград – отдел „Култура“"
            values["version"] = String(version - 1)
            let refused = try await admin.post("/partners/1", values)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(TextKey.conflictRecordChanged(.bg)))
            #expect(refused.text.contains("отдел „Култура“"))
            #expect(try await RegistryStore<Partner>(db: app.sql, table: .partner).find(1)?.name == "Община Велинград")
            values["version"] = String(version)
            #expect(try await admin.post("/partners/1", values).status == .seeOther)
            #expect(try await RegistryStore<Partner>(db: app.sql, table: .partner).find(1)?.name == "Община Велинград – отдел „Култура“")

            // A participant: two organisers open the same person; the second to save hears of the first.
            let store = MeetingStore(db: app.sql)
            let person = try #require(try await store.participants(1).first { $0.placeholder == false })
            let pid = try #require(person.id)
            let opened = try #require(try await store.participantVersion(1, pid))
            var form = person.input
            form["table"] = person.tableID.map(String.init) ?? ""
            form["pinned"] = person.pinned ? "on" : ""
            form["library"] = person.libraryID.map(String.init) ?? ""
            form["partner"] = person.partnerID.map(String.init) ?? ""
            for id in person.wants { form["want-\(id)"] = "on" }
            form["version"] = String(opened)
            var first = form
            first["full_name"] = person.fullName + " (първа)"
            #expect(try await admin.post("/meetings/1/participants/\(pid)", first).status == .seeOther)
            var second = form
            second["full_name"] = person.fullName + " (втора)"
            let late = try await admin.post("/meetings/1/participants/\(pid)", second)
            #expect(late.status == .conflict)
            #expect(late.text.contains(TextKey.conflictRecordChanged(.bg)))
            #expect(late.text.contains(person.fullName + " (втора)"))
            #expect(try await store.participant(1, pid)?.fullName == person.fullName + " (първа)")

            // Moving the person to another table is a change too: a form opened before the move is stale.
            let beforeMove = try #require(try await store.participantVersion(1, pid))
            let table = try #require(try await store.tables(1).first { $0.id != person.tableID }?.id)
            let moved = try await admin.post("/meetings/1/tables/move", ["participant": String(pid), "table": String(table)])
            #expect(moved.status == .seeOther)
            #expect(try await store.participant(1, pid)?.tableID == table)
            #expect(try #require(try await store.participantVersion(1, pid)) > beforeMove)
            var afterMove = form
            afterMove["full_name"] = person.fullName + " (трета)"
            afterMove["version"] = String(beforeMove)
            #expect(try await admin.post("/meetings/1/participants/\(pid)", afterMove).status == .conflict)
        }
    }
}
