import PraktikaDomain
import SQLKit

/// What a list or detail page prints in one cell.
enum Cell: Sendable, Equatable {
    case text(String)
    case link(String, String)
    case empty

    static func optional(_ text: String?) -> Cell { text.map { .text($0) } ?? .empty }
}

struct ListColumn: Sendable {
    let header: TextKey
    /// The key used in `?sort=`; nil when the column cannot be sorted.
    var sortKey: String? = nil
    var sortColumn: SQLColumn? = nil
}

struct DetailRow: Sendable {
    let label: TextKey
    let value: Cell
}

struct RelatedSection: Sendable {
    let title: TextKey
    let items: [Cell]
    /// Read in order, top to bottom (a timeline), rather than as a list in columns.
    var inOrder = false
}

/// Describes one kind of registry record to the generic pages and API.
protocol RegistryResource: Sendable {
    associatedtype Record: RegistryRecord
    static var area: RegistryArea { get }
    static var table: RegistryTable { get }
    static var newTitle: TextKey { get }
    /// The values of the "kind" filter; empty when the list has none.
    static func kindOptions(_ language: Language) -> [FormOption]
    static var columns: [ListColumn] { get }
    /// FROM, joins and the selected columns of the list (the first column is the record's id).
    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder
    static var districtColumn: SQLColumn { get }
    static var kindColumn: SQLColumn? { get }
    static func cells(_ row: any SQLRow, _ language: Language) throws -> [Cell]
    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ language: Language) async throws -> [FormField]
    /// Checks references and fills what follows from them (a library's district from its settlement).
    static func resolve(_ record: inout Record, _ db: any SQLDatabase) async throws -> FieldErrors
    static func scope(_ record: Record, _ db: any SQLDatabase) async throws -> Scope
    static func details(_ record: Record, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow]
    static func related(_ record: Record, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection]
    /// The record as `actor` may see it: personal details only for those who need them.
    static func shown(_ record: Record, to actor: Actor?) -> Record
}

extension RegistryResource {
    static var kindColumn: SQLColumn? { nil }
    static func kindOptions(_ language: Language) -> [FormOption] { [] }
    static func related(_ record: Record, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] { [] }
    static func shown(_ record: Record, to actor: Actor?) -> Record { record }

    static func link(_ id: Int64, _ name: String) -> Cell { .link(SiteURL.record(area, String(id)).path, name) }
}

/// Small lookups the resources share: names and select options of related records.
enum Lookups {
    /// A library or partner by name, with its district (also as the API gives it).
    struct NamedRow: Codable, Sendable {
        let id: Int64
        let name: String
        let districtCode: String?
        enum CodingKeys: String, CodingKey {
            case id, name
            case districtCode = "district_code"
        }
    }

    struct IDName: Codable, Sendable {
        let id: Int64
        let name: String
    }

    static func district(_ code: String?, _ l: Language) -> Cell {
        guard let code, let district = District.named(code) else { return .empty }
        return .link(SiteURL.record(.districts, code).path, district.name(l))
    }

    static func settlementOptions(_ db: any SQLDatabase, district: String?, _ l: Language) async throws -> [FormOption] {
        var q = db.select()
            .column(SQLColumn("id", table: "settlements"))
            .column(SQLColumn("name", table: "settlements"))
            .column(SQLColumn("kind", table: "settlements"))
            .column(SQLColumn("name", table: "municipalities"), as: "municipality")
            .column(SQLColumn("district_code", table: "municipalities"))
            .from("settlements")
            .join(
                "municipalities", on: SQLColumn("municipality_id", table: "settlements"), .equal, SQLColumn("id", table: "municipalities"))
        if let district { q = q.where(SQLColumn("district_code", table: "municipalities"), .equal, SQLBind(district)) }
        let rows = try await q.orderBy(SQLColumn("district_code", table: "municipalities")).orderBy(
            SQLColumn("name_key", table: "settlements")
        ).all()
        return try rows.map { row in
            let kind = SettlementKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .village
            let settlement = Settlement(name: try row.decode(column: "name", as: String.self), kind: kind, municipalityID: 0)
            let code = try row.decode(column: "district_code", as: String.self)
            return FormOption(
                value: String(try row.decode(column: "id", as: Int64.self)),
                label: "\(settlement.displayName(l)) (\(try row.decode(column: "municipality", as: String.self)))",
                group: District.named(code)?.name(l))
        }
    }

    static func namedOptions(_ db: any SQLDatabase, table: String, nameColumn: String = "name", district: String?, _ l: Language)
        async throws -> [FormOption]
    {
        var q = db.select().column("id").column(SQLColumn(nameColumn), as: "name").column("district_code").from(table)
        if let district { q = q.where("district_code", .equal, district) }
        return try await q.orderBy("district_code").orderBy("name_key").all(decoding: NamedRow.self).map {
            FormOption(value: String($0.id), label: $0.name, group: $0.districtCode.flatMap { District.named($0)?.name(l) })
        }
    }

    static func name(_ db: any SQLDatabase, table: String, nameColumn: String = "name", id: Int64?) async throws -> String? {
        guard let id else { return nil }
        return try await db.select().column(SQLColumn(nameColumn), as: "name").from(table).where("id", .equal, id).first()?
            .decode(column: "name", as: String.self)
    }

    /// The district a settlement lies in, through its municipality.
    static func settlementDistrict(_ db: any SQLDatabase, _ settlementID: Int64) async throws -> String? {
        try await db.select().column(SQLColumn("district_code", table: "municipalities"))
            .from("settlements")
            .join(
                "municipalities", on: SQLColumn("municipality_id", table: "settlements"), .equal, SQLColumn("id", table: "municipalities")
            )
            .where(SQLColumn("id", table: "settlements"), .equal, SQLBind(settlementID))
            .first()?.decode(column: "district_code", as: String.self)
    }

    static func exists(_ db: any SQLDatabase, table: String, id: Int64) async throws -> Bool {
        try await db.select().column("id").from(table).where("id", .equal, id).first() != nil
    }

    /// Links to records of `table` whose `column` equals `value`, for "related" sections.
    static func related(
        _ db: any SQLDatabase, area: RegistryArea, table: String, nameColumn: String = "name", column: String,
        value: any Encodable & Sendable
    ) async throws -> [Cell] {
        try await db.select().column("id").column(SQLColumn(nameColumn), as: "name").from(table)
            .where(SQLColumn(column), .equal, SQLBind(value)).orderBy("name_key").limit(200)
            .all(decoding: IDName.self)
            .map { .link(SiteURL.record(area, String($0.id)).path, $0.name) }
    }
}
