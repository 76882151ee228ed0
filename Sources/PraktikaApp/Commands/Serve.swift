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
    try await app.migrateDatabase()
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
}
