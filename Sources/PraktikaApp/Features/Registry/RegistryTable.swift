import PraktikaDomain

/// How a kind of registry record is stored.
struct RegistryTable: Sendable {
    struct Reference: Sendable {
        let table: String
        let column: String
        let label: TextKey
    }

    let kind: RegistryKind
    let table: String
    /// The column shown as the record's name and folded into `name_key`.
    let nameColumn: String
    /// Who points at a record of this kind; a delete is refused while any of these exist.
    let references: [Reference]

    static let municipality = RegistryTable(
        kind: .municipality, table: "municipalities", nameColumn: "name",
        references: [Reference(table: "settlements", column: "municipality_id", label: .refSettlements)])
    static let settlement = RegistryTable(
        kind: .settlement, table: "settlements", nameColumn: "name",
        references: [
            Reference(table: "libraries", column: "settlement_id", label: .refLibraries),
            Reference(table: "partners", column: "settlement_id", label: .refPartners),
        ])
    static let library = RegistryTable(
        kind: .library, table: "libraries", nameColumn: "name",
        references: [
            Reference(table: "people", column: "library_id", label: .refPeople),
            Reference(table: "users", column: "library_id", label: .refUsers),
            Reference(table: "design_libraries", column: "library_id", label: .refServices),
            Reference(table: "partnership_libraries", column: "library_id", label: .refPartnerships),
        ])
    static let partner = RegistryTable(
        kind: .partner, table: "partners", nameColumn: "name",
        references: [
            Reference(table: "people", column: "partner_id", label: .refPeople),
            Reference(table: "design_partners", column: "partner_id", label: .refServices),
            Reference(table: "partnerships", column: "partner_id", label: .refPartnerships),
            Reference(table: "users", column: "partner_id", label: .refUsers),
        ])
    static let person = RegistryTable(kind: .person, table: "people", nameColumn: "full_name", references: [])
}
