import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension Application {
    /// Connects to the configured database and registers the migrations in order.
    func setUpDatabase(
        _ setting: AppConfiguration.DatabaseSetting, sqlLogLevel: Logger.Level, connectionsPerEventLoop: Int = 4,
        connectionWait: TimeAmount = .seconds(10)
    ) throws {
        switch setting {
        case .sqlite(let path):
            SearchRank.install()
            databases.use(
                .sqlite(.file(path), connectionPoolTimeout: connectionWait, sqlLogLevel: sqlLogLevel), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            // Every statement of the application is short and bounded. A parallel plan starts
            // worker processes for a LIMIT scan (the search's newest matches), which on a busy
            // server costs more than it saves: two words took 24 ms with workers, 18 ms without.
            configuration.coreConfiguration.options.additionalStartupParameters.append(("max_parallel_workers_per_gather", "0"))
            databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: connectionsPerEventLoop,
                    connectionPoolTimeout: connectionWait,
                    sqlLogLevel: sqlLogLevel),
                as: .psql)
        }
        Migrations001.register(in: migrations)
        Migrations002.register(in: migrations)
        Migrations003.register(in: migrations)
        Migrations004.register(in: migrations)
        Migrations005.register(in: migrations)
        Migrations006.register(in: migrations)
        Migrations007.register(in: migrations)
        Migrations008.register(in: migrations)
        Migrations009.register(in: migrations)
        Migrations010.register(in: migrations)
        Migrations011.register(in: migrations)
        Migrations012.register(in: migrations)
        Migrations013.register(in: migrations)
        Migrations014.register(in: migrations)
        Migrations015.register(in: migrations)
        Migrations016.register(in: migrations)
        Migrations017.register(in: migrations)
        Migrations018.register(in: migrations)
        Migrations019.register(in: migrations)
        Migrations020.register(in: migrations)
        Migrations021.register(in: migrations)
        Migrations022.register(in: migrations)
        Migrations023.register(in: migrations)
        Migrations024.register(in: migrations)
        Migrations025.register(in: migrations)
        Migrations026.register(in: migrations)
        Migrations027.register(in: migrations)
        Migrations028.register(in: migrations)
        Migrations029.register(in: migrations)
        Migrations030.register(in: migrations)
        Migrations031.register(in: migrations)
        Migrations032.register(in: migrations)
        Migrations033.register(in: migrations)
        Migrations034.register(in: migrations)
        Migrations035.register(in: migrations)
        Migrations036.register(in: migrations)
        Migrations037.register(in: migrations)
    }

    /// The database as SQLKit sees it; both supported drivers are SQL databases.
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

/// Database facts that differ between SQLite and PostgreSQL.
enum DatabaseKind {
    /// SQLite keeps the journal mode in the file: switching to WAL once lets readers and the
    /// writer work side by side.
    static func prepare(_ db: any SQLDatabase) async throws {
        if db.dialect.name == "sqlite" {
            try await db.raw("PRAGMA journal_mode = WAL").run()
        }
    }

    /// The number of the newest migration applied, for `/healthz`.
    static func schemaVersion(_ db: any SQLDatabase) async throws -> Int {
        let rows = try await db.select().column("name").from("_fluent_migrations").all()
        return try rows.compactMap { row -> Int? in
            let name = try row.decode(column: "name", as: String.self)
            return Int(name.split(separator: "_").first.map { $0.filter(\.isNumber) } ?? "")
        }.max() ?? 0
    }
}
