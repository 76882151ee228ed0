import Fluent
import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// Runs a test against a freshly migrated application: on SQLite (a new file per test) by
/// default, or on the PostgreSQL that `DATABASE_URL` names (a new schema per test), so that the
/// whole suite proves both databases behave the same.
/// Which database the tests run on: SQLite unless `DATABASE_URL` names a PostgreSQL.
enum TestDatabase {
    static var isSQLite: Bool { !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").hasPrefix("postgres") }
}

func withApp(
    demo: Bool = false, secureCookies: Bool = false, serverTiming: Bool = false, publicURL: String? = nil, connections: Int = 1,
    connectionWaitSeconds: Int64 = 10,
    _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let url = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
    let unique = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let sqlitePath = FileManager.default.temporaryDirectory.appendingPathComponent("praktika-\(unique).sqlite").path
    let database: AppConfiguration.DatabaseSetting =
        url.hasPrefix("postgres") ? .postgres(url: url, searchPath: [String(unique)]) : .sqlite(path: sqlitePath)
    do {
        var configuration = AppConfiguration(
            database: database, bcryptCost: 4, secureCookies: secureCookies, sqlLogLevel: .trace, useDictionary: false)
        // Every test starts its own app at the same time: keep PostgreSQL's connection slots in reach.
        configuration.connectionsPerEventLoop = connections
        configuration.connectionWaitSeconds = connectionWaitSeconds
        configuration.serverTiming = serverTiming
        configuration.publicURL = publicURL
        try await configure(app, configuration)
        if case .postgres = database { try await app.sql.raw("CREATE SCHEMA \(ident: String(unique))").run() }
        try await app.migrateDatabase()
        try await AccountStore(db: app.sql).createUser(
            email: "admin@test.bg", name: "Админ", passwordHash: try Bcrypt.hash("secret-admin", cost: 4), role: .admin,
            districtCode: nil, libraryID: nil)
        if demo { _ = try await DemoLoader(db: app.sql, passwordHasher: { try Bcrypt.hash($0, cost: 4) }).load() }
        try await body(app)
    } catch {
        try? await cleanUp(app, database, unique, sqlitePath)
        throw error
    }
    try await cleanUp(app, database, unique, sqlitePath)
}

private func cleanUp(_ app: Application, _ database: AppConfiguration.DatabaseSetting, _ unique: String, _ path: String) async throws {
    if case .postgres = database { try? await app.sql.raw("DROP SCHEMA \(ident: unique) CASCADE").run() }
    try await app.asyncShutdown()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// A browser-like client: keeps cookies, sends the CSRF token with forms.
final class Browser: @unchecked Sendable {
    // Used from one test task at a time; the lock-free state is never shared across tasks.
    let app: Application
    var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form; adds `_csrf` from the cookie unless told not to.
    @discardableResult
    func post(_ path: String, _ form: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        if cookies[Cookies.csrf] == nil { try await get("/") }
        var fields = form
        if csrf { fields["_csrf"] = cookies[Cookies.csrf] }
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// A browser already signed in.
    static func signedIn(_ app: Application, _ email: String = "admin@test.bg", _ password: String = "secret-admin") async throws -> Browser
    {
        let browser = Browser(app)
        try await browser.signIn(email, password)
        return browser
    }

    func signIn(_ email: String, _ password: String) async throws {
        let response = try await post("/sign-in", ["email": email, "password": password])
        #expect(response.status == .seeOther, "sign-in as \(email) failed")
    }

    /// JSON headers with a bearer token of the given account, as an API client sends them.
    func apiHeaders(_ email: String, _ password: String = VelingradDemo.demoPassword) async throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let body = try JSONEncoder().encode(["email": email, "password": password])
        let response = try await send(
            .POST, "/api/v1/tokens", headers: headers, body: ByteBuffer(string: String(decoding: body, as: UTF8.self)))
        let token = try #require(try JSONDecoder().decode([String: String].self, from: Data(response.text.utf8))["token"])
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var result: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: body) { result = $0 }
        let response = result!
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard let name = pair.first.map(String.init) else { continue }
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    private func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestingHTTPResponse {
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }
    /// The page as read: the marks a search puts on matched words left out.
    var readable: String { text.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "") }
}

extension Application {
    func count(_ table: String) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()!
            .decode(column: "n", as: Int.self)
    }

    func id(_ table: String, where column: String, is value: String) async throws -> Int64 {
        try await sql.select().column("id").from(table).where(SQLIdentifier(column), .equal, SQLBind(value)).first()!
            .decode(column: "id", as: Int64.self)
    }
}

extension String {
    /// Whether each of `parts` occurs, each after the end of the one before.
    func inOrder(_ parts: String...) -> Bool {
        var rest = self[...]
        for part in parts {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
