import Foundation
import PraktikaDomain
import SQLKit

/// Everything a network holds, written as plain files that outlive this software: each table as
/// JSON (an array of objects, one per row, keyed by column) and as CSV (UTF-8 with a byte-order
/// mark, `;`-separated, as spreadsheets here open it), every attached file as itself, and a
/// `manifest.json` with the schema version and the rows per table. Passwords, sign-in tokens and
/// what the search index derives from the designs are left out: they are secrets or rebuilt.
struct DataExport {
    let db: any SQLDatabase

    /// The tables exported, in the order a reader would want them, with what each holds. Not
    /// exported: sessions and sign-in counters, the addresses left for follow-up surveys and the
    /// mail outbox (kept only to send one message each), the flood counters, and what can be
    /// derived again (the search index, the outcome rollups).
    static let tables: [(name: String, about: String)] = [
        ("districts", "the 28 districts (ISO 3166-2:BG)"),
        ("municipalities", "municipalities"),
        ("settlements", "settlements with population"),
        ("libraries", "libraries"),
        ("partners", "partner organisations"),
        ("people", "people in the registry (contact details only with recorded consent)"),
        ("service_designs", "service designs (the smart chart) and good practices; `content` is the design as JSON"),
        ("design_libraries", "which libraries each design belongs to"),
        ("design_partners", "which registry partners each design names"),
        ("design_revisions", "every saved version of every design"),
        ("design_leaflets", "each design's leaflet as its library wrote it; `content` is JSON"),
        ("partnerships", "partnerships of libraries with partners: roles (comma-separated), status, dates, contacts"),
        ("partnership_libraries", "which libraries each partnership joins"),
        ("partnership_designs", "which designs each partnership works on"),
        (
            "partnership_contributions",
            "what partners gave: `amount_minor` in money, or `in_kind` with `value_minor` estimated, in `currency`; "
                + "for volunteers' work `volunteer_hours` in thousandths of an hour"
        ),
        ("partnership_interactions", "dated notes of meetings, calls, letters and visits with partners, with follow-up dates"),
        (
            "partnership_agreements",
            "memoranda, contracts and letters of support of partnerships; the signed file is in attachments (owner_kind `agreement`)"
        ),
        ("meetings", "regional meetings"),
        ("agenda_sessions", "programme sessions"),
        ("agenda_items", "programme items"),
        ("work_tables", "work tables of meetings"),
        ("meeting_participants", "participants of meetings: registration status, language, check-in, certificate serial"),
        ("session_attendance", "who was recorded present at which programme session"),
        ("meeting_actions", "decisions and action items of meetings"),
        ("feedback_forms", "feedback forms"),
        ("feedback_responses", "anonymous feedback answers"),
        ("attachments", "attached files (the bytes are in files/, named `<id>-<filename>`)"),
        ("outcome_plans", "each service's outcome areas and when its follow-up goes out"),
        ("outcome_surveys", "each service's two outcome surveys and their own questions"),
        ("outcome_answers", "anonymous answers to outcome surveys"),
        ("outcome_profiles", "respondents' optional age band, gender and first visit, with no link to any answer"),
        ("outcome_tallies", "running counts per survey and statement"),
        ("indicator_periods", "reporting periods of the designs' indicators"),
        ("indicator_results", "results entered for the periods, with their review"),
        ("users", "accounts (without passwords)"),
        ("audit_log", "who changed what, when"),
    ]

    /// Columns never exported.
    /// A participant's personal link is a key to their registration: never written out.
    static let withheld: Set<String> = ["password_hash", "data", "access_token"]

    struct Manifest: Codable, Equatable {
        let schemaVersion: Int
        let exportedAt: Date
        let tables: [String: Int]
        let files: Int

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case exportedAt = "exported_at"
            case tables, files
        }
    }

    /// Writes the export into `directory`, which must not exist yet or be empty.
    func write(to directory: URL) async throws -> Manifest {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.path), !((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).isEmpty {
            throw BackupError("\(directory.path) is not empty; export into a new folder")
        }
        try fm.createDirectory(at: directory.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try fm.createDirectory(at: directory.appendingPathComponent("files"), withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        for (table, _) in Self.tables {
            let rows = try await self.rows(table)
            counts[table] = rows.count
            try Self.json(rows).write(to: directory.appendingPathComponent("tables/\(table).json"))
            try Data(Self.csv(rows).utf8).write(to: directory.appendingPathComponent("tables/\(table).csv"))
        }
        var files = 0
        for row in try await db.select().columns("id", "filename").from("attachments").orderBy("id").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            let name = try row.decode(column: "filename", as: String.self)
            guard
                let data = try await db.select().column("data").from("attachments").where("id", .equal, id).first()?
                    .decode(column: "data", as: Data.self)
            else { continue }
            try data.write(to: directory.appendingPathComponent("files/\(id)-\(Self.safeFilename(name))"))
            files += 1
        }
        let manifest = Manifest(
            schemaVersion: try await DatabaseKind.schemaVersion(db), exportedAt: Date(), tables: counts, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("manifest.json"))
        try Data(Self.readme.utf8).write(to: directory.appendingPathComponent("README.txt"))
        return manifest
    }

    /// One table's rows, ordered by their first column, each value as JSON would hold it.
    func rows(_ table: String) async throws -> [[(String, Value)]] {
        let all = try await db.select().column("*").from(table).all()
        // SQLite keeps moments as numbers and reads a day kept as text ("2012-05-17") as a Date
        // too, so text comes first there; PostgreSQL reads a timestamp's bytes as text, so its
        // moments come first.
        let textFirst = db.dialect.name == "sqlite"
        var result: [[(String, Value)]] = []
        for row in all {
            var values: [(String, Value)] = []
            for column in row.allColumns where !Self.withheld.contains(column) {
                values.append((column, Self.timestamp(column, Self.value(row, column, textFirst: textFirst))))
            }
            result.append(values)
        }
        return result.sorted { a, b in
            guard let x = a.first?.1, let y = b.first?.1 else { return false }
            return x < y
        }
    }

    /// A column's value: a number, text, a flag or nothing, whichever the database holds.
    enum Value: Equatable, Comparable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case flag(Bool)

        var json: Any {
            switch self {
            case .null: NSNull()
            case .integer(let v): v
            case .real(let v): v
            case .text(let v): v
            case .flag(let v): v
            }
        }

        var csv: String {
            switch self {
            case .null: ""
            case .integer(let v): String(v)
            case .real(let v): String(v)
            case .text(let v): v
            case .flag(let v): v ? "true" : "false"
            }
        }

        static func < (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.integer(let x), .integer(let y)): x < y
            default: a.csv < b.csv
            }
        }
    }

    static func value(_ row: any SQLRow, _ column: String, textFirst: Bool) -> Value {
        if (try? row.decodeNil(column: column)) == true { return .null }
        if let v = try? row.decode(column: column, as: Int64.self) { return .integer(v) }
        if let v = try? row.decode(column: column, as: Double.self) { return .real(v) }
        if let v = try? row.decode(column: column, as: Bool.self) { return .flag(v) }
        if textFirst, let v = try? row.decode(column: column, as: String.self) { return .text(v) }
        if let v = try? row.decode(column: column, as: Date.self) { return .real(v.timeIntervalSince1970) }
        if let v = try? row.decode(column: column, as: String.self) { return .text(v) }
        return .null
    }

    /// A moment (a column named `…_at`) as ISO 8601 text, whichever way the database keeps it
    /// (SQLite: seconds since 1970; PostgreSQL: a timestamp).
    static func timestamp(_ column: String, _ value: Value) -> Value {
        guard column.hasSuffix("_at") || column == "at" else { return value }
        let seconds: Double
        switch value {
        case .real(let v): seconds = v
        case .integer(let v): seconds = Double(v)
        default: return value
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return .text(formatter.string(from: Date(timeIntervalSince1970: seconds)))
    }

    static func json(_ rows: [[(String, Value)]]) throws -> Data {
        let objects = rows.map { Dictionary($0.map { ($0.0, $0.1.json) }, uniquingKeysWith: { a, _ in a }) }
        return try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    }

    static func csv(_ rows: [[(String, Value)]]) -> String {
        guard let first = rows.first else { return "\u{FEFF}" }
        var out = "\u{FEFF}" + CSV.line(first.map(\.0), separator: ";")
        for row in rows { out += CSV.line(row.map(\.1.csv), separator: ";") }
        return out
    }

    static func safeFilename(_ name: String) -> String {
        let cleaned = name.map { "/\\:\0".contains($0) ? "_" : $0 }
        return String(cleaned.prefix(150))
    }

    static let readme = """
        Praktika export

        manifest.json  the schema version, when it was exported, rows per table, files
        tables/*.json  each table as an array of objects, one per row, keyed by column
        tables/*.csv   the same as CSV (UTF-8 with BOM, `;` between values; a value that a
                       spreadsheet would run as a formula, = + - @ first, starts with ')
        files/         attached files, named <id>-<filename> as in tables/attachments

        Tables:
        \(tables.map { "  \($0.name): \($0.about)" }.joined(separator: "\n"))

        Moments (columns named ..._at) are ISO 8601 in UTC; days are YYYY-MM-DD. Money in the
        designs' JSON is in cents (minor units) with its currency.
        """
}

struct BackupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
