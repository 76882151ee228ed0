import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `praktika generate --practices N`: fills the database with N synthetic published practices of
/// ten synthetic libraries in each of the 28 districts, for benchmarks. Shows a progress bar.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "practices", help: "how many practices to add")
        var practices: Int?
        @Option(name: "seed", help: "the random seed (default 2012)")
        var seed: UInt64?
        @Option(name: "batch", help: "designs per transaction (default 500)")
        var batch: Int?
        @Option(name: "answers", help: "how many example outcome answers to add across the running services")
        var answers: Int?
    }

    var help: String {
        "Adds N synthetic good practices across all 28 districts, or M example outcome answers, for benchmarks: generate --practices 1000000 --answers 1000000"
    }

    static let librariesPerDistrict = 10

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.practices != nil || signature.answers != nil else {
            throw GenerateError(message: "say how many: --practices N and/or --answers M")
        }
        if let total = signature.practices, total > 0 { try await practices(total, app, context, signature) }
        if let total = signature.answers, total > 0 {
            try await app.migrateDatabase()
            let added = try await OutcomeGenerator(db: app.db, seed: signature.seed ?? 2012).add(total, progress: ProgressBar(total: total))
            context.console.print("Added \(added.answers) example answers to \(added.surveys) surveys of \(added.services) services.")
        }
    }

    private func practices(_ total: Int, _ app: Application, _ context: CommandContext, _ signature: Signature) async throws {
        try await app.migrateDatabase()
        let libraries = try await Self.ensureLibraries(app.sql)
        let batchSize = max(1, min(signature.batch ?? 500, 2000))
        var generator = SyntheticPractices(seed: signature.seed ?? 2012)
        var writer = BulkDesignWriter(analyzer: SearchSettings.analyzer)
        try await writer.start(app.sql)
        let progress = ProgressBar(total: total)
        var done = 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Formatting.timeZone
        while done < total {
            let count = min(batchSize, total - done)
            var batch: [BulkDesignWriter.Entry] = []
            batch.reserveCapacity(count)
            for _ in 0..<count {
                let (id, district) = libraries[generator.number(0...(libraries.count - 1))]
                let year = generator.number(2012...2026)
                let created = calendar.date(
                    from: DateComponents(year: year, month: generator.number(1...12), day: generator.number(1...28), hour: 10))!
                batch.append(.init(design: generator.next(libraryIDs: [id], year: year), created: created, districts: [district]))
            }
            let chunk = batch
            writer = try await app.db.writeTransaction { [writer] db in
                var next = writer
                try await next.write(chunk, db as! any SQLDatabase)
                return next
            }
            done += count
            progress.update(done)
        }
        try await writer.finish(app.sql)
        progress.finish()
        if app.sql.dialect.name == "postgresql" {
            // Bulk inserts leave PostgreSQL without statistics and without the visibility map that
            // lets index-only scans skip the table; autovacuum would get there, later.
            context.console.print("Vacuuming and analysing…")
            for table in ["service_designs", "search_documents", "design_facets", "design_libraries", "design_partners"] {
                try await app.sql.raw("VACUUM (ANALYZE) \(ident: table)").run()
            }
        }
        context.console.print(
            "Added \(total) practices; the database now holds \(try await app.sql.raw("SELECT COUNT(*) AS n FROM service_designs").first()?.decode(column: "n", as: Int.self) ?? 0) designs."
        )
    }

    /// Ten libraries in every district, made once; their ids with their districts.
    static func ensureLibraries(_ db: any SQLDatabase) async throws -> [(Int64, String)] {
        var result: [(Int64, String)] = []
        let store = RegistryStore<Library>(db: db, table: .library)
        for district in District.all {
            for index in 0..<librariesPerDistrict {
                let library = SyntheticPractices.library(district: district, index: index)
                if let row = try await db.select().column("id").from("libraries").where("name", .equal, library.name).first() {
                    result.append((try row.decode(column: "id", as: Int64.self), district.code))
                } else {
                    result.append((try await store.insert(library), district.code))
                }
            }
        }
        return result
    }
}

struct GenerateError: Error, CustomStringConvertible, LocalizedError {
    let message: String
    var description: String { message }
    var errorDescription: String? { message }
}

/// `[████████░░░░] 42% 420 000/1 000 000 · 12 345/s · 0:45 left` on standard error, redrawn in place.
final class ProgressBar: @unchecked Sendable {
    // Used from the one task that runs the command.
    let total: Int
    let started = Date()
    var lastDraw = Date.distantPast

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Int(Double(total - done) / rate) : 0
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let f = Formatting(.bg)
        let line =
            "\r[\(bar)] \(done * 100 / max(total, 1))% \(f.integer(done))/\(f.integer(total)) · \(f.integer(Int(rate)))/s · \(left / 60):\(String(format: "%02d", left % 60)) left "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        let elapsed = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data(String(format: "\ndone in %.1f s\n", elapsed).utf8))
    }
}
