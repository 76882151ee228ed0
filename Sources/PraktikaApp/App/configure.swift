import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// Builds the whole application from one configuration value; tests pass their own.
public func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.passwords.use(.bcrypt(cost: configuration.bcryptCost))
    SearchSettings.configure(useDictionary: configuration.useDictionary)
    try app.setUpDatabase(
        configuration.database, sqlLogLevel: configuration.sqlLogLevel, connectionsPerEventLoop: configuration.connectionsPerEventLoop,
        connectionWait: .seconds(configuration.connectionWaitSeconds))
    app.routes.defaultMaxBodySize = "1mb"
    // A connection that sends nothing for a minute is closed: slow or silent clients must not
    // hold the server's connections for ever.
    app.http.server.configuration.idleTimeout = .seconds(Int64(configuration.idleTimeoutSeconds))
    // Text (HTML, CSS, JavaScript, JSON, SVG, CSV) is compressed for clients that accept it.
    // Forms carry their CSRF token masked afresh on every page (`CSRFMask`), so compression
    // gives away nothing about it (BREACH); no other secret is reflected beside user input.
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    app.storage[ConfigurationKey.self] = configuration
    app.storage[MailSettingsKey.self] = configuration.mail
    app.storage[SearchCacheKey.self] = configuration.searchCacheMatches > 0 ? SearchCache(capacity: configuration.searchCacheMatches) : nil

    // Vapor's default error middleware would print internal reasons; ours speaks the user's language.
    // The security headers go outermost, so that error pages carry them too.
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(strictTransport: configuration.publicURL?.hasPrefix("https://") == true))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(RequestContextMiddleware())
    app.middleware.use(CSRFMiddleware())
    let openAPI = OpenAPIDocument.make()
    app.middleware.use(APIContractMiddleware(contract: APIContract(document: openAPI)))
    app.storage[OpenAPIKey.self] = openAPI

    try routes(app, configuration)
    app.asyncCommands.use(MigrateCommand(), as: "migrate", isDefault: false)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(SeatCommand(), as: "seat")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(AnalyzeCommand(), as: "analyze")
    app.asyncCommands.use(ReindexCommand(), as: "reindex")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ExportCommand(), as: "export")
}

struct ConfigurationKey: StorageKey { typealias Value = AppConfiguration }
struct SearchCacheKey: StorageKey { typealias Value = SearchCache }
struct SeatingGateKey: StorageKey { typealias Value = SolverGate }

extension Application {
    /// The matches of recent searches this server keeps, unless the configuration turned it off.
    public var searchCache: SearchCache? { storage[SearchCacheKey.self] }

    /// The gate the seating solver runs behind (`SeatingRunner`); the process's shared one unless
    /// set (tests give an application its own).
    var seatingGate: SolverGate {
        get { storage[SeatingGateKey.self] ?? SeatingRunner.shared }
        set { storage[SeatingGateKey.self] = newValue }
    }
}

extension Application {
    /// Applies every pending migration (no prompt) and prepares the database file.
    public func migrateDatabase() async throws {
        try await DatabaseKind.prepare(sql)
        try await autoMigrate()
        // Designs saved before the search index (or a change to it), or indexed by another analyzer
        // than this server's, are indexed again once the schema is complete.
        let designs = try await sql.raw("SELECT COUNT(*) AS n FROM service_designs").first()?.decode(column: "n", as: Int.self) ?? 0
        let indexed = try await sql.raw("SELECT COUNT(*) AS n FROM search_documents").first()?.decode(column: "n", as: Int.self) ?? 0
        let words = try await sql.raw("SELECT COUNT(*) AS n FROM search_words").first()?.decode(column: "n", as: Int.self) ?? 0
        let incomplete = indexed < designs || (designs > 0 && words == 0)
        let identity = SearchSettings.analyzer.identity
        let before = try await IndexedAnalyzer.current(sql)
        if before != identity || incomplete {
            let logger = self.logger
            try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                let otherAnalyzer = try await IndexedAnalyzer.claim(sql, identity)
                if otherAnalyzer || incomplete {
                    let count = try await DesignStore(db: sql).reindexAll()
                    // A new database has nothing to say.
                    if before != nil || count > 0 {
                        logger.notice(
                            "Search index rebuilt for \(count) designs: \(otherAnalyzer ? "the analyzer changed (\(before ?? "none") → \(identity))" : "designs were not indexed")."
                        )
                    }
                }
            }
        }
    }
}

func routes(_ app: Application, _ configuration: AppConfiguration) throws {
    SitePagesController().register(app)
    AccountController(configuration: configuration).register(app)
    PasswordResetController().register(app)
    PartnershipController().register(app)
    AdminController().register(app)
    ProfileController().register(app)
    PersonDataController().register(app)
    Assets.register(app)
    RegistryController<MunicipalityResource>().register(app)
    RegistryController<SettlementResource>().register(app)
    RegistryController<LibraryResource>().register(app)
    RegistryController<PartnerResource>().register(app)
    RegistryController<PersonResource>().register(app)
    DesignController().register(app)
    MeetingController().register(app)
    AttachmentController().register(app)
    OutcomeController().register(app)
    OutcomeDashboardController().register(app)
    MailController().register(app)

    app.get(.health) { req async throws -> Response in
        struct Health: Content {
            let status: String
            let database: String
            let schemaVersion: Int
        }
        let response = Response(status: .ok)
        try response.content.encode(
            Health(status: "ok", database: configuration.database.kind, schemaVersion: try await DatabaseKind.schemaVersion(req.sql)))
        return response
    }

    app.get(.api(.openAPI)) { req async throws -> Response in
        let response = Response(status: .ok)
        try response.content.encode(req.application.storage[OpenAPIKey.self] ?? OpenAPIDocument.make(), as: .json)
        return response
    }
    AccountAPIController(configuration: configuration).register(app)
    RegistryAPIController<MunicipalityResource>().register(app)
    RegistryAPIController<SettlementResource>().register(app)
    RegistryAPIController<LibraryResource>().register(app)
    RegistryAPIController<PartnerResource>().register(app)
    RegistryAPIController<PersonResource>().register(app)
    DesignAPIController().register(app)
    SeatingAPIController().register(app)
    MeetingAPIController().register(app)
    PracticeAPIController().register(app)
    OutcomeAPIController().register(app)
    PartnershipAPIController().register(app)
}
