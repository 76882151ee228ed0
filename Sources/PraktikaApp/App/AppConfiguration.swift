import Foundation
import Logging
import NIOCore
import PraktikaDomain

/// Everything the application needs from its environment, read in one place.
public struct AppConfiguration: Sendable {
    public enum DatabaseSetting: Sendable, Equatable {
        case sqlite(path: String)
        /// `searchPath` puts every table in one schema (tests give each test its own).
        case postgres(url: String, searchPath: [String]?)

        public var kind: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgres"
            }
        }
    }

    public var database: DatabaseSetting
    /// Bcrypt work factor. 12 in production; tests lower it to stay fast.
    public var bcryptCost: Int
    /// Sets the `Secure` flag on cookies; on whenever the site is served over HTTPS.
    public var secureCookies: Bool
    public var sqlLogLevel: Logger.Level
    /// Failed sign-ins allowed per e-mail address within `loginWindowMinutes`.
    public var loginAttempts: Int
    public var loginWindowMinutes: Int
    public var sessionDays: Int
    /// How long an API token lives (`PRAKTIKA_API_TOKEN_DAYS`, default 90): a forgotten key stops
    /// working by itself; the account page lists every key with a button to revoke it.
    public var apiTokenDays = 90
    /// Search keys from the installed Hunspell dictionary (where there is one); off in tests, so
    /// that they do not depend on what the machine has installed.
    public var useDictionary: Bool
    /// The address the site is reached at (`PRAKTIKA_PUBLIC_URL`), for links that leave the site:
    /// registration and feedback links, calendar entries. Without it, the request's host is used.
    public var publicURL: String?
    /// PostgreSQL connections per event loop; tests, which start many apps at once, use fewer.
    public var connectionsPerEventLoop = 4
    /// Addresses of reverse proxies in front of this server (`PRAKTIKA_TRUSTED_PROXIES`). A request
    /// from one of them is counted, for sign-in and anonymous-form limits, by the address its
    /// `X-Forwarded-For` names; from anywhere else that header is ignored.
    public var trustedProxies: Set<String> = []
    /// How long a connection may stay silent before the server closes it.
    public var idleTimeoutSeconds = 60
    /// How long a request waits for a free database connection before it is answered 503.
    public var connectionWaitSeconds: Int64 = 10
    /// Sends each catalogue page's step durations in a `Server-Timing` header
    /// (`PRAKTIKA_SERVER_TIMING=1`), for browsers' developer tools. Off by default: timings tell an
    /// observer something about the data behind a page.
    public var serverTiming = false
    /// How many search matches this server keeps between requests (`SearchCache`), over all the
    /// searches it keeps; 0 keeps none (`PRAKTIKA_SEARCH_CACHE`). A capped search holds two
    /// thousand matches of some 60 bytes each (id, rank, eight or nine facet codes): the default
    /// holds a hundred such searches, about 12 MB.
    public var searchCacheMatches = 200_000
    /// Outgoing mail: `PRAKTIKA_SMTP_URL` (smtp:// or smtps://; without it mail stays in the
    /// outbox) and `PRAKTIKA_MAIL_FROM`, the sender's address.
    var mail = MailSettings.off

    public init(
        database: DatabaseSetting, bcryptCost: Int = 12, secureCookies: Bool = false,
        sqlLogLevel: Logger.Level = .debug, loginAttempts: Int = 5, loginWindowMinutes: Int = 15,
        sessionDays: Int = 14, useDictionary: Bool = true
    ) {
        self.useDictionary = useDictionary
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sqlLogLevel = sqlLogLevel
        self.loginAttempts = loginAttempts
        self.loginWindowMinutes = loginWindowMinutes
        self.sessionDays = sessionDays
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `DATABASE_URL`, `PRAKTIKA_PUBLIC_URL`, `PRAKTIKA_BCRYPT_COST`, `PRAKTIKA_SEARCH_CACHE` and `PRAKTIKA_API_TOKEN_DAYS`,
    /// naming what is wrong.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfiguration
    {
        let database = try databaseSetting(environment["DATABASE_URL"])
        var problems: [String] = []
        var cost = 12
        if let raw = environment["PRAKTIKA_BCRYPT_COST"] {
            if let value = Int(raw), (4...31).contains(value) {
                cost = value
            } else {
                problems.append("PRAKTIKA_BCRYPT_COST must be a whole number from 4 to 31, got '\(raw)'")
            }
        }
        var cacheMatches: Int?
        if let raw = environment["PRAKTIKA_SEARCH_CACHE"] {
            if let value = Int(raw), value >= 0 {
                cacheMatches = value
            } else {
                problems.append("PRAKTIKA_SEARCH_CACHE must be a whole number of search matches, 0 or more, got '\(raw)'")
            }
        }
        var tokenDays: Int?
        if let raw = environment["PRAKTIKA_API_TOKEN_DAYS"] {
            if let value = Int(raw), (1...3650).contains(value) {
                tokenDays = value
            } else {
                problems.append("PRAKTIKA_API_TOKEN_DAYS must be a whole number of days from 1 to 3650, got '\(raw)'")
            }
        }
        var mail = MailSettings.off
        if let raw = environment["PRAKTIKA_SMTP_URL"], !raw.isEmpty {
            if let smtp = SMTPSettings(url: raw) {
                mail.smtp = smtp
            } else {
                problems.append("PRAKTIKA_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…, got '\(raw.prefix(12))…'")
            }
        }
        if let raw = environment["PRAKTIKA_MAIL_FROM"], !raw.isEmpty {
            var v = Validator()
            v.email("from", raw)
            if v.errors.isEmpty { mail.from = raw } else { problems.append("PRAKTIKA_MAIL_FROM must be an e-mail address, got '\(raw)'") }
        }
        let publicURL = environment["PRAKTIKA_PUBLIC_URL"] ?? ""
        if !publicURL.isEmpty, URL(string: publicURL)?.host == nil || !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            problems.append("PRAKTIKA_PUBLIC_URL must be an http:// or https:// address, got '\(publicURL)'")
        }
        for proxy in (environment["PRAKTIKA_TRUSTED_PROXIES"] ?? "").split(separator: ",")
        where (try? SocketAddress(ipAddress: proxy.trimmingCharacters(in: .whitespaces), port: 0)) == nil {
            problems.append("PRAKTIKA_TRUSTED_PROXIES must list IP addresses separated by commas, got '\(proxy)'")
        }
        if !problems.isEmpty { throw Invalid(description: problems.joined(separator: "; ")) }
        var configuration = AppConfiguration(database: database, bcryptCost: cost, secureCookies: publicURL.hasPrefix("https://"))
        configuration.publicURL = publicURL.isEmpty ? nil : String(publicURL.reversed().drop(while: { $0 == "/" }).reversed())
        if let cacheMatches { configuration.searchCacheMatches = cacheMatches }
        if let tokenDays { configuration.apiTokenDays = tokenDays }
        configuration.mail = mail
        configuration.serverTiming = ["1", "true", "yes"].contains(environment["PRAKTIKA_SERVER_TIMING"]?.lowercased() ?? "")
        configuration.trustedProxies = Set(
            (environment["PRAKTIKA_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty })
        return configuration
    }

    public static func databaseSetting(_ url: String?) throws -> DatabaseSetting {
        guard let url, !url.isEmpty else { return .sqlite(path: "praktika.sqlite") }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return .postgres(url: url, searchPath: nil)
        }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw Invalid(description: "DATABASE_URL sqlite:// needs a file path") }
            return .sqlite(path: path)
        }
        throw Invalid(
            description: "DATABASE_URL must start with postgres://, postgresql:// or sqlite://, got '\(url.prefix(12))…'")
    }
}
