import PraktikaDomain
import SQLKit

enum MunicipalityResource: RegistryResource {
    typealias Record = Municipality
    static let area = RegistryArea.municipalities
    static let table = RegistryTable.municipality
    static let newTitle = TextKey.newMunicipality

    static let columns = [
        ListColumn(header: .fieldName, sortKey: "name", sortColumn: SQLColumn("name_key", table: "municipalities")),
        ListColumn(header: .fieldDistrict, sortKey: "district", sortColumn: SQLColumn("district_code", table: "municipalities")),
    ]
    static let districtColumn = SQLColumn("district_code", table: "municipalities")

    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().column(SQLColumn("id", table: "municipalities")).column(SQLColumn("name", table: "municipalities"))
            .column(SQLColumn("district_code", table: "municipalities")).from("municipalities")
    }

    static func cells(_ row: any SQLRow, _ l: Language) throws -> [Cell] {
        [
            link(try row.decode(column: "id", as: Int64.self), try row.decode(column: "name", as: String.self)),
            Lookups.district(try row.decode(column: "district_code", as: String?.self), l),
        ]
    }

    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        [
            FormField(name: "name", kind: .text, required: true),
            FormField(
                name: "district_code",
                kind: .select(.districts(l, only: actor?.role == .admin ? nil : actor?.districtCode)), required: true),
        ]
    }

    static func resolve(_ record: inout Municipality, _ db: any SQLDatabase) async throws -> FieldErrors { FieldErrors() }

    static func scope(_ record: Municipality, _ db: any SQLDatabase) async throws -> Scope {
        Scope(districtCode: record.districtCode)
    }

    static func details(_ record: Municipality, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow] {
        [DetailRow(label: .fieldDistrict, value: Lookups.district(record.districtCode, context.language))]
    }

    static func related(_ record: Municipality, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] {
        guard let id = record.id else { return [] }
        return [
            RelatedSection(
                title: .relatedSettlements,
                items: try await Lookups.related(db, area: .settlements, table: "settlements", column: "municipality_id", value: id))
        ]
    }
}
