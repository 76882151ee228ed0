import AsyncKit
import Fluent
import Foundation
import PostgresNIO
import SQLKit
import SQLiteNIO

extension Database {
    /// A transaction that writes, safe for concurrent writers on both databases.
    ///
    /// SQLite: Fluent begins a deferred transaction, which takes the write lock only at its first
    /// write; a transaction that read first then finds another writer ahead of it and fails at
    /// once with "database is locked" (no busy handler can wait there, as waiting could deadlock).
    /// `BEGIN IMMEDIATE` takes the write lock at the start, so writers queue instead of failing.
    ///
    /// PostgreSQL: a deadlock or serialization failure that remains despite ordered writes is
    /// retried, up to three times, with a short random pause.
    func writeTransaction<T: Sendable>(_ body: @Sendable @escaping (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase else { return try await transaction(body) }
        if sql.dialect.name == "sqlite" {
            // One writer at a time in this process, waiting here without holding a thread: SQLite
            // has one writer anyway, and a writer waiting inside SQLite's busy handler would hold
            // one of the few threads that every query of the process runs on.
            return try await SQLiteWriters.shared.run {
                try await withConnection { connection in
                    let pinned = connection as! any SQLDatabase
                    try await pinned.raw("BEGIN IMMEDIATE").run()
                    do {
                        let result = try await body(connection)
                        try await pinned.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await pinned.raw("ROLLBACK").run()
                        throw error
                    }
                }
            }
        }
        var attempt = 0
        while true {
            do {
                return try await transaction(body)
            } catch let error as PSQLError where attempt < 3 && Self.mayRetry(error) {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64.random(in: 5_000_000...(20_000_000 * UInt64(attempt))))
            }
        }
    }

    /// Deadlock detected (40P01) or could not serialize (40001): the transaction did nothing and
    /// may run again.
    private static func mayRetry(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}

/// Lets SQLite write transactions of this process run one at a time, in the order they asked.
actor SQLiteWriters {
    static let shared = SQLiteWriters()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Whether an error says the database was too busy to answer, and nothing was done: SQLite still
/// locked after waiting, or no connection free in time. The request may be tried again.
func isDatabaseBusy(_ error: any Error) -> Bool {
    if let pool = error as? ConnectionPoolTimeoutError { return pool == .connectionRequestTimeout }
    guard let sqlite = error as? SQLiteError else { return false }
    return sqlite.reason == .busy || sqlite.reason == .locked
}
