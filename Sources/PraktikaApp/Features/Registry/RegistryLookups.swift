import Foundation
import PraktikaDomain
import SQLKit

/// The registry's libraries and partners as forms offer them and workflows check them: one
/// place for "which records may this select offer" and "do these records exist".
struct RegistryLookups {
    let db: any SQLDatabase

    /// The registry tables a form's select draws from.
    enum Table: String, Sendable {
        case libraries, partners
    }

    struct Choice: Sendable, Equatable {
        let id: Int64
        let name: String
        let districtCode: String?
    }

    /// Records of `districts` and those named in `keeping`, by name; every record when
    /// `districts` is nil.
    func choices(_ table: Table, districts: Set<String>?, keeping: Set<Int64> = []) async throws -> [Choice] {
        var query = db.select().columns("id", "name", "district_code").from(table.rawValue)
        if let districts {
            guard !districts.isEmpty || !keeping.isEmpty else { return [] }
            query = query.where { group in
                var group = group
                if !districts.isEmpty { group = group.orWhere("district_code", .in, districts.sorted()) }
                if !keeping.isEmpty { group = group.orWhere("id", .in, keeping.sorted()) }
                return group
            }
        }
        return try await query.orderBy("name_key").all().map(Self.choice)
    }

    /// Records read by a statement of one's own that selects `id`, `name`, `district_code`.
    func choices(_ statement: SQLQueryString) async throws -> [Choice] {
        try await db.raw(statement).all().map(Self.choice)
    }

    /// Which of `ids` exist.
    func existing(_ table: Table, _ ids: Set<Int64>) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.select().column("id").from(table.rawValue).where("id", .in, ids.sorted()).all()
        return Set(try rows.map { try $0.decode(column: "id", as: Int64.self) })
    }

    /// The names of the libraries (or partners) with these ids.
    func names(_ table: Table, _ ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("id", "name").from(table.rawValue).where("id", .in, ids).all()
        return Dictionary(
            try rows.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self)) },
            uniquingKeysWith: { a, _ in a })
    }

    private static func choice(_ row: any SQLRow) throws -> Choice {
        Choice(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            districtCode: try row.decode(column: "district_code", as: String?.self))
    }

    /// Choices as a select's options, grouped by district.
    static func options(_ choices: [Choice], _ language: Language) -> [FormOption] {
        choices.map { c in
            FormOption(
                value: String(c.id), label: c.name,
                group: c.districtCode.flatMap(District.named)?.name(language) ?? TextKey.notKnown(language))
        }
    }
}
