import Benchmark
import Fluent
import Foundation
import PraktikaApp
import SQLKit
import Vapor

// The catalogue issue's speed goals, on a database filled by `praktika generate --practices N`
// and migrated by `praktika migrate`, named by PRAKTIKA_BENCH_DATABASE (a file path, sqlite://…
// or postgres://…). For each query, in the same run:
//   textbook   what the database offers by itself: FTS5 bm25() (ts_rank_cd on PostgreSQL), top 25,
//              and the count over every match;
//   raw        the floor: the statements the search issues, run as they are, rows only counted;
//   raw, SQLKit
//              the same statements through SQLKit's `db.raw(…).run`, rows only counted: the
//              looser floor of an application that reads rows the driver's ordinary way;
//   engine     the search as the catalogue page asks for it (ranking, paging, filters and facet
//              counts for an anonymous reader), without HTTP or HTML;
//   page       GET /practices?q=… from a server in this process, over a socket, HTML and all,
//              with the server's kept matches (`SearchCache`) emptied before each request, so
//              that every request reads the index as a query typed for the first time does;
//   paired     raw and page back to back in each iteration, and the ratio of each pair;
//   kept       page and paired again, the cache left as it is: the query typed again, another
//              page of it or a facet chosen on it, with nothing changed in between;
// and, once, the HTTP floor: a static file through the same client and server.

struct Query: Sendable {
    let name: String
    let text: String?
    let filters: [String: String]

    var path: String {
        var items = filters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        if let text { items.insert(URLQueryItem(name: "q", value: text), at: 0) }
        var components = URLComponents()
        components.path = "/practices"
        components.queryItems = items.isEmpty ? nil : items
        return components.string!
    }
}

let queries = [
    Query(name: "one word", text: "пенсионери", filters: [:]),
    Query(name: "two words", text: "клуб пенсионери", filters: [:]),
    Query(name: "frequent word", text: "библиотеката", filters: [:]),
    Query(name: "faceted", text: "обучение", filters: ["district": "BG-13", "status": "completed"]),
]

/// The application, started once for the whole run.
actor Harness {
    static let shared = Harness()
    static let port = 8283

    private var started: (Application, any SQLDatabase)?

    func start() async -> (Application, any SQLDatabase) {
        if let started { return started }
        let location = ProcessInfo.processInfo.environment["PRAKTIKA_BENCH_DATABASE"]!
        let url = location.contains("://") ? location : "sqlite://" + location
        let app = try! await Application.make(Environment(name: "production", arguments: ["search-benchmark"]))
        app.logger.logLevel = .warning
        var configuration = try! AppConfiguration.fromEnvironment(["DATABASE_URL": url, "LOG_LEVEL": "warning"])
        configuration.connectionsPerEventLoop = 2
        try! await configure(app, configuration)
        try! await app.migrateDatabase()
        try! await app.asyncBoot()
        try! await app.server.start(address: .hostname("127.0.0.1", port: Self.port))
        let db = app.db as! any SQLDatabase
        started = (app, db)
        return (app, db)
    }

    /// GETs a path from the server this process runs, as a browser would, and checks it answered;
    /// unless `kept`, the server first forgets the matches it keeps.
    static func get(_ app: Application, _ path: String, kept: Bool = false) async throws {
        if !kept { app.searchCache?.removeAll() }
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
                Search benchmarks need a database: praktika generate --practices 1000000 (DATABASE_URL as usual), \
                then PRAKTIKA_BENCH_DATABASE=/path/to/praktika.sqlite (or a postgres:// URL).

                """.utf8))
        return
    }
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(10), maxIterations: 300)

    for query in queries {
        let text = query.text!
        Benchmark("\(query.name): textbook") { benchmark in
            let (_, db) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try! await CatalogueSearch.textbook(db, text: text)) }
        }
        Benchmark("\(query.name): raw") { benchmark in
            let (_, db) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try! await CatalogueSearch.rawStatements(db, text: text, filters: query.filters))
            }
        }
        Benchmark("\(query.name): raw, SQLKit") { benchmark in
            let (_, db) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try! await CatalogueSearch.rawThroughSQLKit(db, text: text, filters: query.filters))
            }
        }
        Benchmark("\(query.name): engine") { benchmark in
            let (_, db) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let result = try! await CatalogueSearch.page(db, text: text, filters: query.filters)
                precondition(result.total > 0 && !result.ids.isEmpty, "\(query.name) found nothing")
                blackHole(result)
            }
        }
        // The same with half the cap, to weigh what the cap costs against what it saves.
        Benchmark("\(query.name): engine, cap 1000") { benchmark in
            let (_, db) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let result = try! await CatalogueSearch.page(db, text: text, filters: query.filters, cap: 1_000)
                precondition(result.total > 0 && !result.ids.isEmpty, "\(query.name) found nothing")
                blackHole(result)
            }
        }
        Benchmark("\(query.name): page", configuration: .init(metrics: [.wallClock, .peakMemoryResident])) { benchmark in
            let (app, _) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { try! await Harness.get(app, query.path) }
        }
        // The page and its floor back to back in each iteration, so that a machine that slows down
        // or speeds up during the run moves both: the ratio of each pair, in hundredths.
        let floors: [(name: String, kept: [Bool], run: @Sendable (any SQLDatabase) async throws -> Int)] = [
            ("raw", [false, true], { try await CatalogueSearch.rawStatements($0, text: text, filters: query.filters) }),
            ("raw SQLKit", [false], { try await CatalogueSearch.rawThroughSQLKit($0, text: text, filters: query.filters) }),
        ]
        for floor in floors {
            for kept in floor.kept {
                let metric = BenchmarkMetric.custom("page ÷ \(floor.name) × 100", useScalingFactor: false)
                Benchmark("\(query.name): page ÷ \(floor.name), paired" + (kept ? ", kept" : ""), configuration: .init(metrics: [metric])) {
                    benchmark in
                    let (app, db) = await Harness.shared.start()
                    let clock = ContinuousClock()
                    for _ in benchmark.scaledIterations {
                        let raw = try! await clock.measure { blackHole(try await floor.run(db)) }
                        let page = try! await clock.measure { try await Harness.get(app, query.path, kept: kept) }
                        benchmark.measurement(metric, Int((100 * (page / raw)).rounded()))
                    }
                }
            }
        }
        Benchmark("\(query.name): page, kept", configuration: .init(metrics: [.wallClock, .peakMemoryResident])) { benchmark in
            let (app, _) = await Harness.shared.start()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { try! await Harness.get(app, query.path, kept: true) }
        }
    }
    // What HTTP alone costs through the same client and server: a static file (the style sheet,
    // 17 KB, held in memory), through the same middlewares as the page, with no database at all.
    Benchmark("http floor: GET /assets/app.css") { benchmark in
        let (app, _) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/assets/app.css") }
    }
    // The catalogue as it opens: no words, no filters, newest first, with every facet counted.
    Benchmark("no query: engine") { benchmark in
        let (_, db) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try! await CatalogueSearch.page(db, text: nil)) }
    }
    Benchmark("no query: page", configuration: .init(metrics: [.wallClock, .peakMemoryResident])) { benchmark in
        let (app, _) = await Harness.shared.start()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try! await Harness.get(app, "/practices") }
    }
}
