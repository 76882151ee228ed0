import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Reads the rows of a hot statement (a search's candidates, a browse's walk) one by one as the
/// database hands them over, with the values straight from the driver: SQLKit's path decodes
/// each value generically (on SQLite it also hops each row to the event loop), which on two
/// thousand rows costs more than the statement itself. On SQLite the rows are read from the
/// statement itself on the thread that steps it (`SQLiteStatementReader`), on PostgreSQL from the
/// driver's rows on the connection's event loop.
enum RowStream {
    /// One row's columns, by name.
    enum Row: Sendable {
        /// SQLite's current row, read where it lies; valid only while the reader runs.
        case statement(SQLiteStatementReader.Row)
        /// A row the SQLite driver built, on a connection without `praktika_connection()`.
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
        /// Any other driver, or binds of a type the PostgreSQL path does not send itself.
        case sql(any SQLRow)

        func int64(_ column: String) throws -> Int64 { try value(column, Int64.self) { $0.integer.map(Int64.init) } }
        func double(_ column: String) throws -> Double { try value(column, Double.self) { $0.double } }
        func string(_ column: String) throws -> String { try value(column, String.self) { $0.string } }
        func date(_ column: String) throws -> Date { try value(column, Date.self, Date.init(sqliteData:)) }
        /// A text column that may be NULL.
        func optionalString(_ column: String) throws -> String? {
            switch self {
            case .statement(let row): return row.data(column)?.string
            case .sqlite(let row): return row.column(column)?.string
            case .postgres(let row): return try Self.cell(row, column).decode(String?.self)
            case .sql(let row): return try row.decode(column: column, as: String?.self)
            }
        }

        /// A text column's bytes, without a string where SQLite keeps them.
        func withUTF8<T>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
            if case .statement(let row) = self {
                guard let result = try row.withUTF8(column, body) else { throw Self.missing(String.self, column) }
                return result
            }
            var text = try string(column)
            return try text.withUTF8(body)
        }

        /// A column's value: on SQLite converted by `read`, on PostgreSQL decoded by its driver,
        /// elsewhere by SQLKit. A missing column or a NULL is an error, not a default.
        private func value<T: Decodable & PostgresDecodable>(_ column: String, _ type: T.Type, _ read: (SQLiteData) -> T?) throws -> T {
            switch self {
            case .statement(let row):
                guard let value = row.data(column).flatMap(read) else { throw Self.missing(T.self, column) }
                return value
            case .sqlite(let row):
                guard let value = row.column(column).flatMap(read) else { throw Self.missing(T.self, column) }
                return value
            case .postgres(let row): return try Self.cell(row, column).decode(T.self)
            case .sql(let row): return try row.decode(column: column, as: T.self)
            }
        }

        private static func missing<T>(_ type: T.Type, _ column: String) -> DecodingError {
            DecodingError.valueNotFound(T.self, .init(codingPath: [], debugDescription: "column \(column)"))
        }

        private static func cell(_ row: PostgresRandomAccessRow, _ column: String) throws -> PostgresCell {
            // The driver stops the process on a column the row does not have.
            guard row.contains(column) else {
                throw DecodingError.keyNotFound(
                    SomeCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "column \(column)"))
            }
            return row[column]
        }
    }

    /// Runs the statement and hands each row to `read`, in the database's order, on whatever
    /// thread the driver delivers it; the first error `read` throws ends the reading and is
    /// rethrown here.
    static func each(_ db: any SQLDatabase, _ query: SQLQueryString, _ read: @escaping @Sendable (Row) throws -> Void) async throws {
        try await each(db, [Statement(query, read)])
    }

    /// One statement of several run together, and what reads each of its rows.
    struct Statement: Sendable {
        let query: SQLQueryString
        let read: @Sendable (Row) throws -> Void

        init(_ query: SQLQueryString, _ read: @escaping @Sendable (Row) throws -> Void) {
            self.query = query
            self.read = read
        }
    }

    /// Runs the statements one after another on one connection, each handing its rows to its own
    /// `read`; on SQLite all of them in one visit to the thread that steps them. The first error
    /// ends the reading and is rethrown here.
    static func each(_ db: any SQLDatabase, _ statements: [Statement]) async throws {
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        if let sqlite = db as? any SQLiteDatabase {
            let encoder = SQLiteDataEncoder()
            let serialized = try statements.map { statement -> SQLiteStatementReader.Statement in
                var serializer = SQLSerializer(database: db)
                statement.query.serialize(to: &serializer)
                let read = statement.read
                return SQLiteStatementReader.Statement(
                    sql: serializer.sql, binds: try serializer.binds.map { try encoder.encode($0) }, read: { try read(.statement($0)) })
            }
            // On the event loop throughout, without a task of its own: each hop between threads
            // costs a wake-up, which on a small virtual machine is tens of microseconds.
            try await sqlite.withConnection { connection -> EventLoopFuture<Void> in
                SQLiteStatementReader.handle(of: connection).flatMap { handle in
                    if let handle {
                        if let level = db.queryLogLevel {
                            for statement in serialized {
                                db.logger.log(level: level, "Executing query", metadata: ["sql": .string(statement.sql)])
                            }
                        }
                        return SQLiteStatementReader.run(handle, serialized, on: connection.eventLoop)
                    }
                    // The connection's own query hands each row over on the thread that steps the
                    // statement; the driver's other entry points submit every row to the event loop
                    // as a task of its own, which for two thousand rows costs more than reading them.
                    var chain = connection.eventLoop.makeSucceededVoidFuture()
                    for (statement, read) in zip(serialized, statements.map(\.read)) {
                        chain = chain.flatMap {
                            // A reader that failed ends the reading.
                            if failure.withLockedValue({ $0 != nil }) { return connection.eventLoop.makeSucceededVoidFuture() }
                            return connection.query(statement.sql, statement.binds, logger: connection.logger) { row in
                                guard failure.withLockedValue({ $0 == nil }) else { return }
                                do { try read(.sqlite(row)) } catch { failure.withLockedValue { $0 = error } }
                            }
                        }
                    }
                    return chain
                }
            }.get()
        } else if let postgres = db as? any PostgresDatabase, let prepared = try postgresStatements(db, statements) {
            _ = try await postgres.withConnection { connection in
                var chain = connection.eventLoop.makeSucceededVoidFuture()
                for ((sql, bindings), read) in prepared {
                    chain = chain.flatMap {
                        if failure.withLockedValue({ $0 != nil }) { return connection.eventLoop.makeSucceededVoidFuture() }
                        if let level = db.queryLogLevel { db.logger.log(level: level, "Executing query", metadata: ["sql": .string(sql)]) }
                        return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: connection.logger) { row in
                            guard failure.withLockedValue({ $0 == nil }) else { return }
                            do { try read(.postgres(row.makeRandomAccess())) } catch { failure.withLockedValue { $0 = error } }
                        }.map { _ in }
                    }
                }
                return chain
            }.get()
        } else {
            for statement in statements {
                try await db.raw(statement.query).run { row in
                    guard failure.withLockedValue({ $0 == nil }) else { return }
                    do { try statement.read(.sql(row)) } catch { failure.withLockedValue { $0 = error } }
                }
                if failure.withLockedValue({ $0 }) != nil { break }
            }
        }
        if let error = failure.withLockedValue({ $0 }) { throw error }
    }

    /// The statements as PostgreSQL's driver takes them, each with its reader, or nil when a bind
    /// has a type not sent here (the statements then go through SQLKit).
    private static func postgresStatements(_ db: any SQLDatabase, _ statements: [Statement]) throws -> [(
        (String, PostgresBindings), @Sendable (Row) throws -> Void
    )]? {
        var prepared: [((String, PostgresBindings), @Sendable (Row) throws -> Void)] = []
        for statement in statements {
            guard let serialized = try postgresStatement(db, statement.query) else { return nil }
            prepared.append((serialized, statement.read))
        }
        return prepared
    }

    /// The statement as PostgreSQL's driver takes it, or nil when a bind has a type not sent here.
    private static func postgresStatement(_ db: any SQLDatabase, _ query: SQLQueryString) throws -> (String, PostgresBindings)? {
        var serializer = SQLSerializer(database: db)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            switch bind {
            case let value as String: bindings.append(value)
            case let value as Int: bindings.append(value)
            case let value as Int64: bindings.append(value)
            case let value as Int32: bindings.append(value)
            case let value as Double: bindings.append(value)
            case let value as Bool: bindings.append(value)
            case let value as Date: bindings.append(value)
            case let value as UUID: bindings.append(value)
            default: return nil
            }
        }
        return (serializer.sql, bindings)
    }

    /// Collects what a reading builds across the driver's callbacks, which run one after another.
    final class Collector<Value: Sendable>: @unchecked Sendable {
        private let lock = NIOLock()
        private var value: Value

        init(_ value: Value) { self.value = value }

        func update<T>(_ change: (inout Value) throws -> T) rethrows -> T { try lock.withLock { try change(&value) } }

        var result: Value { lock.withLock { value } }
    }
}
