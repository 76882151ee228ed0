import Foundation
import PraktikaDomain
import SQLKit

/// Reads and writes one kind of registry record with SQLKit. Records map to rows through
/// their snake_case coding keys, so the domain value is the row.
struct RegistryStore<Record: RegistryRecord> {
    let db: any SQLDatabase
    let table: RegistryTable

    func find(_ id: Int64) async throws -> Record? {
        try await db.select().column("*").from(table.table).where("id", .equal, id)
            .first(decoding: Record.self)
    }

    func insert(_ record: Record) async throws -> Int64 {
        let now = Date()
        var row = try columns(of: record)
        row.append(("created_at", SQLBind(now)))
        row.append(("updated_at", SQLBind(now)))
        let inserted = try await db.insert(into: table.table)
            .columns(row.map(\.0))
            .values(row.map(\.1))
            .returning("id")
            .first()
        guard let inserted else { throw StoreError.noIdentifierReturned }
        return try inserted.decode(column: "id", as: Int64.self)
    }

    /// Writes the record and raises its version. With `basedOn`, only if the stored version is
    /// still that one: false when someone else changed it first (or it is gone).
    @discardableResult
    func update(_ record: Record, basedOn: Int64? = nil) async throws -> Bool {
        guard let id = record.id else { throw StoreError.missingIdentifier }
        var builder = db.update(table.table).where("id", .equal, id)
        if let basedOn { builder = builder.where("version", .equal, basedOn) }
        for (column, value) in try columns(of: record) {
            builder = builder.set(SQLIdentifier(column), to: value)
        }
        let row = try await builder.set("updated_at", to: Date()).set("version", to: SQLRaw("version + 1")).returning("id").first()
        return row != nil
    }

    /// The record's version now (1 when it was created, raised by every change).
    func version(_ id: Int64) async throws -> Int64? {
        try await db.select().column("version").from(table.table).where("id", .equal, id).first()?
            .decode(column: "version", as: Int64.self)
    }

    func delete(_ id: Int64) async throws {
        try await db.delete(from: table.table).where("id", .equal, id).run()
    }

    /// How many records of each referring kind point at this one.
    func referenceCounts(_ id: Int64) async throws -> [(label: TextKey, count: Int)] {
        var counts: [(TextKey, Int)] = []
        for reference in table.references {
            let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(reference.table).where(SQLIdentifier(reference.column), .equal, id).first()
            let count = try row?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 { counts.append((reference.label, count)) }
        }
        return counts
    }

    /// The record's columns except its identifier, nils written as NULL so that clearing a field sticks.
    private func columns(of record: Record) throws -> [(String, any SQLExpression)] {
        var row = try SQLQueryEncoder(nilEncodingStrategy: .asNil).encode(record).filter { $0.0 != "id" }
        row.append(("name_key", SQLBind(SortKey.fold(record.sortName))))
        return row
    }

}

/// What a store reports when the database answers something it should not.
enum StoreError: Error {
    case noIdentifierReturned
    case missingIdentifier
}
