import PraktikaDomain
import Vapor

/// `praktika serve` migrates before it listens; `--demo` also loads the demo data, so that one
/// command starts a ready-to-browse server on a fresh machine.
public func prepareServe(_ app: Application) async throws {
    var arguments = app.environment.arguments
    let command = arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
    guard command == "serve" else { return }
    try await app.migrateDatabase()
    // Expanding the Bulgarian dictionary takes a moment: do it now, off the request path.
    Task.detached(priority: .utility) { _ = SearchSettings.analyzer.dictionary?.entryCount }
    if let index = arguments.firstIndex(of: "--demo") {
        arguments.remove(at: index)
        app.environment.arguments = arguments
        let summary = try await DemoLoader.forApplication(app).load()
        app.logger.notice("Demo data: \(summary.inserted) records added, \(summary.existing) already present.")
        DemoLoader.printSignInHelp(app.console)
    }
}
