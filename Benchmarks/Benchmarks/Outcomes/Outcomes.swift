import Benchmark
import Fluent
import Foundation
import PraktikaApp
import SQLKit
import Vapor

// The outcomes issue's speed goal: with a million answers (`praktika generate --practices N
// --answers 1000000`, database named by PRAKTIKA_BENCH_DATABASE: a file path, sqlite://… or
// postgres://…), the network dashboard and a service's dashboard answer in under 200 ms at the
// 99th percentile. Measured as a browser asks, over a socket from a server in this process, HTML
// and all; beside them, in the same run, the HTTP floor (a static file through the same client,
// server and middlewares) and the database floor (one row by its key through SQLKit).

actor Harness {
    static let shared = Harness()
    static let port = 8284

    private var started: (Application, any SQLDatabase, Int64)?

    /// The app, its database and the service with the most answers.
    func start() async -> (Application, any SQLDatabase, Int64) {
        if let started { return started }
        let location = ProcessInfo.processInfo.environment["PRAKTIKA_BENCH_DATABASE"]!
        let url = location.contains("://") ? location : "sqlite://" + location
        let app = try! await Application.make(Environment(name: "production", arguments: ["outcomes-benchmark"]))
        app.logger.logLevel = .warning
        var configuration = try! AppConfiguration.fromEnvironment(["DATABASE_URL": url, "LOG_LEVEL": "warning"])
        configuration.connectionsPerEventLoop = 2
        try! await configure(app, configuration)
        try! await app.migrateDatabase()
        try! await app.asyncBoot()
        try! await app.server.start(address: .hostname("127.0.0.1", port: Self.port))
        let db = app.db as! any SQLDatabase
        let busiest = try! await db.raw(
            """
            SELECT s.design_id AS id FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id \
            WHERE t.item = '*' ORDER BY t.answered DESC LIMIT 1
            """
        ).first()!.decode(column: "id", as: Int64.self)
        started = (app, db, busiest)
        return (app, db, busiest)
    }

    static func get(_ app: Application, _ path: String) async throws {
        let response = try await app.client.get(URI(string: "http://127.0.0.1:\(port)" + path))
        precondition(response.status == .ok, "\(path) answered \(response.status)")
        blackHole(response.body?.readableBytes)
    }
}

let benchmarks: @Sendable () -> Void = {
    guard ProcessInfo.processInfo.environment["PRAKTIKA_BENCH_DATABASE"] != nil else {
        FileHandle.standardError.write(
            Data(
                """
                Outcome benchmarks need a database: praktika generate --practices 10000 --answers 1000000 (DATABASE_URL as usual), \
                then PRAKTIKA_BENCH_DATABASE=/path/to/praktika.sqlite (or a postgres:// URL).

                """.utf8))
        return
    }
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(15), maxIterations: 500)

    Benchmark("http floor: GET /assets/app.css") { benchmark in
        let (app, _, _) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/assets/app.css") }
    }
    Benchmark("database floor: one design by its key") { benchmark in
        let (_, db, id) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! await db.select().column("title").from("service_designs").where("id", .equal, id).first())
        }
    }
    Benchmark("network dashboard: GET /outcomes") { benchmark in
        let (app, _, _) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/outcomes") }
    }
    Benchmark("district dashboard: GET /outcomes?district=BG-13") { benchmark in
        let (app, _, _) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/outcomes?district=BG-13") }
    }
    Benchmark("service dashboard: GET /services/{busiest}/outcomes") { benchmark in
        let (app, _, id) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/services/\(id)/outcomes") }
    }
}
