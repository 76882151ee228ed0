import PraktikaDomain
import SQLKit

enum SettlementResource: RegistryResource {
    typealias Record = Settlement
    static let area = RegistryArea.settlements
    static let table = RegistryTable.settlement
    static let newTitle = TextKey.newSettlement

    static func kindOptions(_ l: Language) -> [FormOption] { .choices(SettlementKind.self, l) }

    static let columns = [
        ListColumn(header: .fieldName, sortKey: "name", sortColumn: SQLColumn("name_key", table: "settlements")),
        ListColumn(header: .fieldMunicipality, sortKey: "municipality", sortColumn: SQLColumn("name_key", table: "municipalities")),
        ListColumn(header: .fieldDistrict, sortKey: "district", sortColumn: SQLColumn("district_code", table: "municipalities")),
        ListColumn(header: .fieldPopulation, sortKey: "population", sortColumn: SQLColumn("population", table: "settlements")),
    ]
    static let districtColumn = SQLColumn("district_code", table: "municipalities")
    static let kindColumn: SQLColumn? = SQLColumn("kind", table: "settlements")

    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: "settlements")).column(SQLColumn("name", table: "settlements"))
            .column(SQLColumn("kind", table: "settlements")).column(SQLColumn("population", table: "settlements"))
            .column(SQLColumn("id", table: "municipalities"), as: "municipality_id")
            .column(SQLColumn("name", table: "municipalities"), as: "municipality")
            .column(SQLColumn("district_code", table: "municipalities"))
            .from("settlements")
            .join(
                "municipalities", on: SQLColumn("municipality_id", table: "settlements"), .equal, SQLColumn("id", table: "municipalities"))
    }

    static func cells(_ row: any SQLRow, _ l: Language) throws -> [Cell] {
        let settlement = Settlement(
            name: try row.decode(column: "name", as: String.self),
            kind: SettlementKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .village, municipalityID: 0)
        return [
            link(try row.decode(column: "id", as: Int64.self), settlement.displayName(l)),
            .link(
                SiteURL.record(.municipalities, String(try row.decode(column: "municipality_id", as: Int64.self))).path,
                try row.decode(column: "municipality", as: String.self)),
            Lookups.district(try row.decode(column: "district_code", as: String?.self), l),
            .optional(try row.decode(column: "population", as: Int64?.self).map { Formatting(l).integer($0) }),
        ]
    }

    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        let district = actor?.role == .admin ? nil : actor?.districtCode
        return [
            FormField(name: "name", kind: .text, required: true),
            FormField(name: "kind", label: .fieldSettlementKind, kind: .select(.choices(SettlementKind.self, l)), required: true),
            FormField(
                name: "municipality_id",
                kind: .select(try await Lookups.namedOptions(db, table: "municipalities", district: district, l)), required: true),
            FormField(name: "population", kind: .integer, hint: .hintPopulation),
        ]
    }

    static func resolve(_ record: inout Settlement, _ db: any SQLDatabase) async throws -> FieldErrors {
        var errors = FieldErrors()
        if record.municipalityID > 0, try await !Lookups.exists(db, table: "municipalities", id: record.municipalityID) {
            errors.add("municipality_id", .validationUnknownReference)
        }
        return errors
    }

    static func scope(_ record: Settlement, _ db: any SQLDatabase) async throws -> Scope {
        let district = try await db.select().column("district_code").from("municipalities")
            .where("id", .equal, record.municipalityID).first()?.decode(column: "district_code", as: String.self)
        return Scope(districtCode: district)
    }

    static func details(_ record: Settlement, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow] {
        let municipality = try await Lookups.name(db, table: "municipalities", id: record.municipalityID) ?? ""
        let district = try await scope(record, db).districtCode
        return [
            DetailRow(label: .fieldSettlementKind, value: .text(record.kind.label(context.language))),
            DetailRow(
                label: .fieldMunicipality, value: .link(SiteURL.record(.municipalities, String(record.municipalityID)).path, municipality)),
            DetailRow(label: .fieldDistrict, value: Lookups.district(district, context.language)),
            DetailRow(label: .fieldPopulation, value: .optional(record.population.map { context.format.integer($0) })),
        ]
    }

    static func related(_ record: Settlement, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] {
        guard let id = record.id else { return [] }
        return [
            RelatedSection(
                title: .relatedLibraries,
                items: try await Lookups.related(db, area: .libraries, table: "libraries", column: "settlement_id", value: id)),
            RelatedSection(
                title: .relatedPartners,
                items: try await Lookups.related(db, area: .partners, table: "partners", column: "settlement_id", value: id)),
        ]
    }
}
