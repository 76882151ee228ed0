import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteNIO
import VaporCSQLite

/// Steps a statement with SQLite's own C interface on a connection the pool has lent out, and
/// hands each row over while it is current: its values are read from the statement where they
/// lie, with no row object, no copy of the other columns, and no string for a text the reader
/// only scans. The driver's own path builds a row of copied values for every step, which on the
/// two thousand rows of a search costs as much as a third of the statement.
///
/// The driver keeps its connection handle to itself, so every connection gets a SQL function at
/// open (`praktika_connection()`, through the same auto-extension hook as `SearchRank`) that
/// answers with its own handle; each pooled connection is asked once.
enum SQLiteStatementReader {
    static let functionName = "praktika_connection"

    /// Registers `praktika_connection()` on a connection being opened.
    static func register(on db: OpaquePointer?) {
        _ = functionName.withCString { name in
            sqlite_nio_sqlite3_create_function_v2(
                db, name, 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                { context, _, _ in
                    let handle = sqlite_nio_sqlite3_context_db_handle(context)
                    sqlite_nio_sqlite3_result_int64(context, sqlite3_int64(Int(bitPattern: handle)))
                }, nil, nil, nil)
        }
    }

    /// A connection's handle, or nil when the connection has no `praktika_connection()` (it was
    /// opened before the hook was installed): the caller then reads through the driver. Completes
    /// on the connection's event loop.
    static func handle(of connection: SQLiteConnection) -> EventLoopFuture<Handle?> {
        let key = ObjectIdentifier(connection)
        if let known = handles.withLockedValue({ $0[key] }), known.connection === connection {
            return connection.eventLoop.makeSucceededFuture(Handle(known.handle))
        }
        let answer = NIOLockedValueBox<Int?>(nil)
        return connection.query("SELECT \(functionName)() AS h", [], logger: connection.logger) { row in
            answer.withLockedValue { $0 = row.column("h")?.integer }
        }.map { _ -> Handle? in
            guard let address = answer.withLockedValue({ $0 }), let handle = OpaquePointer(bitPattern: address) else { return nil }
            handles.withLockedValue { entries in
                // Forget closed connections now and then; a pool holds only a few.
                if entries.count > 64 { entries = entries.filter { $0.value.connection != nil } }
                entries[key] = Known(connection: connection, handle: handle)
            }
            return Handle(handle)
        }.recover { _ in nil }
    }

    private struct Known: @unchecked Sendable {
        weak var connection: SQLiteConnection?
        let handle: OpaquePointer
    }

    private static let handles = NIOLockedValueBox([ObjectIdentifier: Known]())

    /// One statement to step, its values to bind, and what reads each of its rows.
    struct Statement: Sendable {
        let sql: String
        let binds: [SQLiteData]
        let read: @Sendable (Row) throws -> Void
    }

    /// Prepares, binds and steps the statements on `handle`, one after another, in one visit to a
    /// thread of the pool for blocking work, handing each row to its statement's `read`; the first
    /// error (SQLite's, or one `read` throws) ends the work and fails the future, which completes
    /// on `eventLoop`. The connection must be lent to the caller until then.
    static func run(_ handle: Handle, _ statements: [Statement], on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
            // The driver opens every connection serialized (`SQLITE_OPEN_FULLMUTEX`), so each call
            // into SQLite takes the connection's mutex: seven per row of two thousand candidates.
            // Held once for the whole visit, every inner call only re-enters it (the mutex is
            // recursive), which costs a check instead of an atomic exchange. Nobody waits on it:
            // the connection is lent to this visit alone.
            let mutex = sqlite_nio_sqlite3_db_mutex(handle.pointer)
            sqlite_nio_sqlite3_mutex_enter(mutex)
            defer { sqlite_nio_sqlite3_mutex_leave(mutex) }
            for statement in statements { try step(handle.pointer, statement) }
        }
    }

    private static func step(_ db: OpaquePointer, _ statement: Statement) throws {
        let sql = statement.sql
        var prepared: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &prepared, nil) == SQLITE_OK, let stepped = prepared else {
            throw SQLiteStatementError(db, sql)
        }
        defer { sqlite_nio_sqlite3_finalize(stepped) }
        for (index, value) in statement.binds.enumerated() {
            let i = Int32(index + 1)
            let result: Int32
            switch value {
            case .integer(let n): result = sqlite_nio_sqlite3_bind_int64(stepped, i, sqlite3_int64(n))
            case .float(let x): result = sqlite_nio_sqlite3_bind_double(stepped, i, x)
            case .text(let text):
                result = sqlite_nio_sqlite3_bind_text64(stepped, i, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
            case .blob(let buffer):
                result = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(stepped, i, $0.baseAddress, UInt64($0.count), transient)
                }
            case .null: result = sqlite_nio_sqlite3_bind_null(stepped, i)
            }
            guard result == SQLITE_OK else { throw SQLiteStatementError(db, sql) }
        }
        let columns = Columns(stepped)
        while true {
            switch sqlite_nio_sqlite3_step(stepped) {
            case SQLITE_ROW: try statement.read(Row(statement: stepped, columns: columns))
            case SQLITE_DONE: return
            default: throw SQLiteStatementError(db, sql)
            }
        }
    }

    /// The statement's column names, looked up by a scan: a handful of short names compare
    /// faster than they hash.
    final class Columns: @unchecked Sendable {
        let names: [String]

        init(_ statement: OpaquePointer) {
            names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        }

        func index(_ name: String) -> Int32? { names.firstIndex(of: name).map(Int32.init) }
    }

    /// The current row of a statement being stepped; valid only until the reader returns.
    struct Row: @unchecked Sendable {
        fileprivate let statement: OpaquePointer
        let columns: Columns

        /// A column's value as the driver would give it, or nil when there is no such column.
        func data(_ column: String) -> SQLiteData? {
            guard let i = columns.index(column) else { return nil }
            switch sqlite_nio_sqlite3_column_type(statement, i) {
            case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, i)))
            case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, i))
            case SQLITE_TEXT: return .text(withUTF8(at: i) { String(decoding: $0, as: UTF8.self) })
            case SQLITE_BLOB:
                let count = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                if let bytes = sqlite_nio_sqlite3_column_blob(statement, i) {
                    buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
                }
                return .blob(buffer)
            default: return .null
            }
        }

        /// A text column's bytes where SQLite keeps them, or nil when the column is missing or NULL.
        func withUTF8<T>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
            guard let i = columns.index(column), sqlite_nio_sqlite3_column_type(statement, i) != SQLITE_NULL else { return nil }
            return try withUTF8(at: i, body)
        }

        private func withUTF8<T>(at i: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            let text = sqlite_nio_sqlite3_column_text(statement, i)
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
            return try body(UnsafeBufferPointer(start: text, count: text == nil ? 0 : count))
        }
    }

    /// A connection's handle, handed between threads; only the thread the connection is lent to
    /// uses it.
    struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
    }

    /// SQLite copies a bound value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// What SQLite said when a statement could not be prepared, bound or stepped.
struct SQLiteStatementError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String

    init(_ db: OpaquePointer, _ sql: String) {
        code = sqlite_nio_sqlite3_extended_errcode(db)
        message = String(cString: sqlite_nio_sqlite3_errmsg(db))
        self.sql = sql
    }

    var description: String { "SQLite error \(code): \(message) in \(sql)" }
}
