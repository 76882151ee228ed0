import PraktikaDomain
import SQLKit

/// Libraries and partners sit in a settlement, or only in a district when no settlement is known.
/// Their district always follows the settlement.
enum PlaceFields {
    static func fields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        let district = actor?.role == .admin ? nil : actor?.districtCode
        return [
            FormField(
                name: "settlement_id",
                kind: .select(try await Lookups.settlementOptions(db, district: district, l)),
                hint: .hintDistrictFromSettlement),
            FormField(name: "district_code", kind: .select(.districts(l, only: district))),
        ]
    }

    static func resolve(settlementID: Int64?, districtCode: inout String?, _ db: any SQLDatabase) async throws -> FieldErrors {
        var errors = FieldErrors()
        if let settlementID {
            if let district = try await Lookups.settlementDistrict(db, settlementID) {
                districtCode = district
            } else {
                errors.add("settlement_id", .validationUnknownReference)
            }
        }
        return errors
    }

    static func details(settlementID: Int64?, districtCode: String?, _ db: any SQLDatabase, _ l: Language) async throws -> [DetailRow] {
        var settlementCell = Cell.empty
        if let settlementID,
            let row = try await db.select().column("name").column("kind").from("settlements")
                .where("id", .equal, settlementID).first()
        {
            let settlement = Settlement(
                name: try row.decode(column: "name", as: String.self),
                kind: SettlementKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .village, municipalityID: 0)
            settlementCell = .link(SiteURL.record(.settlements, String(settlementID)).path, settlement.displayName(l))
        }
        return [
            DetailRow(label: .fieldSettlement, value: settlementCell),
            DetailRow(label: .fieldDistrict, value: Lookups.district(districtCode, l)),
        ]
    }

    static func contacts(address: String?, email: String?, phone: String?, website: String?) -> [DetailRow] {
        [
            DetailRow(label: .fieldAddress, value: .optional(address)),
            DetailRow(label: .fieldEmail, value: email.map { .link("mailto:\($0)", $0) } ?? .empty),
            DetailRow(label: .fieldPhone, value: .optional(phone)),
            DetailRow(label: .fieldWebsite, value: website.map { .link($0, $0) } ?? .empty),
        ]
    }

    static let contactFields: [FormField] = [
        FormField(name: "address", kind: .text),
        FormField(name: "email", kind: .email),
        FormField(name: "phone", kind: .tel),
        FormField(name: "website", kind: .url),
        FormField(name: "notes", kind: .textarea),
    ]

    /// The list columns both libraries and partners show after their name and kind.
    static func listColumns(_ table: String) -> [ListColumn] {
        [
            ListColumn(header: .fieldName, sortKey: "name", sortColumn: SQLColumn("name_key", table: table)),
            ListColumn(header: .fieldKind, sortKey: "kind", sortColumn: SQLColumn("kind", table: table)),
            ListColumn(header: .fieldSettlement, sortKey: "settlement", sortColumn: SQLColumn("name_key", table: "settlements")),
            ListColumn(header: .fieldDistrict, sortKey: "district", sortColumn: SQLColumn("district_code", table: table)),
        ]
    }

    static func listBase(_ db: any SQLDatabase, _ table: String) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: table)).column(SQLColumn("name", table: table))
            .column(SQLColumn("kind", table: table)).column(SQLColumn("district_code", table: table))
            .column(SQLColumn("settlement_id", table: table))
            .column(SQLColumn("name", table: "settlements"), as: "settlement_name")
            .column(SQLColumn("kind", table: "settlements"), as: "settlement_kind")
            .from(table)
            .join(
                "settlements", method: SQLJoinMethod.left, on: SQLColumn("settlement_id", table: table), .equal,
                SQLColumn("id", table: "settlements"))
    }

    static func listCells<K: LabelledChoice>(_ row: any SQLRow, _ area: RegistryArea, _ kind: K.Type, _ l: Language) throws -> [Cell] {
        let id = try row.decode(column: "id", as: Int64.self)
        var settlement = Cell.empty
        if let settlementID = try row.decode(column: "settlement_id", as: Int64?.self),
            let name = try row.decode(column: "settlement_name", as: String?.self)
        {
            let kind = SettlementKind(rawValue: try row.decode(column: "settlement_kind", as: String?.self) ?? "") ?? .village
            settlement = .link(
                SiteURL.record(.settlements, String(settlementID)).path,
                Settlement.displayName(kind: kind, name: name, l))
        }
        return [
            .link(SiteURL.record(area, String(id)).path, try row.decode(column: "name", as: String.self)),
            .optional(K(rawValue: try row.decode(column: "kind", as: String.self))?.label(l)),
            settlement,
            Lookups.district(try row.decode(column: "district_code", as: String?.self), l),
        ]
    }
}
