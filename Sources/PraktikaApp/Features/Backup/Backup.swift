import FluentKit
import Foundation
import SQLKit

/// A consistent copy of a live SQLite database, and putting one back.
///
/// `VACUUM INTO` writes the database as one transaction sees it, while the server goes on
/// reading and writing: never a copy of a file that is being written. A restore accepts only a
/// SQLite file whose applied migrations are all ones this version knows, and replaces the
/// database file only after the whole copy is on disk. PostgreSQL is backed up with its own
/// tools (`pg_dump`, `pg_restore`; see README).
struct Backup {
    let database: any Database
    var db: any SQLDatabase { database as! any SQLDatabase }
    /// The migrations this version of Praktika knows, by name.
    let knownMigrations: Set<String>

    var isSQLite: Bool { db.dialect.name == "sqlite" }

    /// Writes a copy of the database to `file`, which must not exist.
    func write(to file: URL) async throws {
        guard isSQLite else { throw BackupError(Self.postgresAdvice) }
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw BackupError("\(file.path) exists already; choose a new file name")
        }
        try await db.raw("VACUUM INTO \(bind: file.path)").run()
    }

    /// What a candidate backup is: its schema version, or why it is not a Praktika database.
    func check(_ file: URL) async throws -> Int {
        guard isSQLite else { throw BackupError(Self.postgresAdvice) }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw BackupError("cannot read \(file.path)") }
        let header = try handle.read(upToCount: 16) ?? Data()
        try handle.close()
        guard header == Data("SQLite format 3\0".utf8) else { throw BackupError("\(file.path) is not a SQLite database") }
        // ATTACH belongs to one connection: the statements that read the candidate go on it.
        return try await database.withConnection { connection in
            let db = connection as! any SQLDatabase
            try await db.raw("ATTACH DATABASE \(bind: file.path) AS candidate").run()
            let names: [String]
            do {
                names = try await db.raw("SELECT name FROM candidate._fluent_migrations").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
            } catch {
                try? await db.raw("DETACH DATABASE candidate").run()
                throw BackupError("\(file.path) is not a Praktika database")
            }
            try await db.raw("DETACH DATABASE candidate").run()
            guard !names.isEmpty else { throw BackupError("\(file.path) holds no Praktika schema") }
            let unknown = Set(names).subtracting(knownMigrations)
            guard unknown.isEmpty else {
                throw BackupError("\(file.path) was written by a newer Praktika (migrations \(unknown.sorted().joined(separator: ", ")))")
            }
            return names.compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        }
    }

    /// Puts a checked backup in place of the database file at `target`. The server must be
    /// stopped: the file is replaced under it.
    static func restore(_ file: URL, into target: URL) throws {
        let fm = FileManager.default
        let staged = target.appendingPathExtension("restoring")
        try? fm.removeItem(at: staged)
        try fm.copyItem(at: file, to: staged)
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: target.path + suffix) }
        // rename(2) replaces the file in one step: the old database stays whole until then.
        guard rename(staged.path, target.path) == 0 else {
            throw BackupError("could not put \(staged.path) in place of \(target.path) (error \(errno)); the database is unchanged")
        }
    }

    static let postgresAdvice =
        "On PostgreSQL use its own tools: pg_dump --format=custom --file=FILE DATABASE_URL, and pg_restore (see README)"
}
