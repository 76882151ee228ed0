import Fluent
import FluentKit
import PraktikaDomain
import SQLKit
import Vapor

/// `praktika serve` migrates before it listens; `--demo` also loads the demo data, so that one
/// command starts a ready-to-browse server on a fresh machine.
public func prepareServe(_ app: Application) async throws {
    var arguments = app.environment.arguments
    let command = arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
    guard command == "serve" else { return }
    let files = raiseOpenFileLimit()
    if files.after != files.before {
        app.logger.info("Open files allowed: \(files.after) (was \(files.before)).")
    }
    try await app.migrateDatabase()
    // The sender of the outbox runs beside the server in every instance; claims keep each
    // message to one sender.
    if let configuration = app.storage[ConfigurationKey.self] {
        app.lifecycle.use(MailDeliveryLoop(settings: configuration.mail, publicURL: configuration.publicURL))
    }
    // Expanding the Bulgarian dictionary takes a moment, and each connection starts with an empty
    // page cache: do both now, off the request path, so that the first reader does not wait.
    Task.detached(priority: .utility) {
        _ = SearchSettings.analyzer.dictionary?.entryCount
        await warmUp(app)
    }
    if let index = arguments.firstIndex(of: "--demo") {
        arguments.remove(at: index)
        app.environment.arguments = arguments
        let summary = try await DemoLoader.forApplication(app).load()
        app.logger.notice("Demo data: \(summary.inserted) records added, \(summary.existing) already present.")
        DemoLoader.printSignInHelp(app.console)
    }
}

/// Runs a search and the catalogue's first page once on each event loop's database connections,
/// so that the index pages a search reads first are in memory before a reader asks.
func warmUp(_ app: Application) async {
    let started = ContinuousClock.now
    for loop in app.eventLoopGroup.makeIterator() {
        guard let db = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
        var search = ListQuery()
        search.practicesOnly = true
        search.q = "библиотека"
        var browse = ListQuery()
        browse.practicesOnly = true
        for query in [search, browse] { _ = try? await DesignListQuery.page(db, query, nil) }
    }
    app.logger.info("Search warmed up in \(ContinuousClock.now - started).")
    guard let db = app.db as? any SQLDatabase, db.dialect.name == "sqlite" else { return }
    // Browsing a district walks two thousand of its designs, scattered over the whole file: from a
    // cold disk cache that is thousands of random reads (about half a second on a million
    // practices). The two indexes it reads are read once from end to end instead, which the
    // operating system caches: 1.7 s in the background for a million practices, a blink for fewer.
    let reading = ContinuousClock.now
    do {
        try await readBrowsingIndexes(db)
        app.logger.info("Browsing indexes read in \(ContinuousClock.now - reading).")
    } catch {
        app.logger.warning("Reading the browsing indexes failed: \(error)")
    }
}

/// Reads the two indexes a browse walks (SQLite) from end to end; returns how many entries each holds.
@discardableResult
func readBrowsingIndexes(_ db: any SQLDatabase) async throws -> [Int] {
    var counts: [Int] = []
    for (table, index, column) in [
        ("service_designs", SearchSchema.designList, "visibility"), ("search_documents", SearchSchema.documentsByDesign, "facet_codes"),
    ] {
        let row = try await db.raw(
            "SELECT COUNT(*) AS n FROM \(ident: table) INDEXED BY \(ident: index) WHERE \(ident: column) IS NOT NULL"
        ).first()
        counts.append(try row?.decode(column: "n", as: Int.self) ?? 0)
    }
    return counts
}

/// Raises this process's limit on open files to the most it may have (at most 1,048,576).
/// Every connection holds a file, and Vapor 4 gives no way to put a deadline on a request head:
/// under systemd's usual soft limit of 1,024, about a thousand clients that each send a header
/// line now and then ("slowloris") leave no file for anyone else, and every other request waits.
/// The kernel's hard limit is the operator's to set (`LimitNOFILE=` in the unit).
func raiseOpenFileLimit() -> (before: UInt64, after: UInt64) {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
    let before = UInt64(limit.rlim_cur)
    let wanted = min(UInt64(limit.rlim_max), 1_048_576)
    guard wanted > before else { return (before, before) }
    limit.rlim_cur = rlim_t(wanted)
    guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (before, before) }
    return (before, wanted)
}
