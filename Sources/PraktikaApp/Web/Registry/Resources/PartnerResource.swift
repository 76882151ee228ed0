import PraktikaDomain
import SQLKit

enum PartnerResource: RegistryResource {
    typealias Record = Partner
    static let area = RegistryArea.partners
    static let table = RegistryTable.partner
    static let newTitle = TextKey.newPartner
    static let columns = PlaceFields.listColumns("partners")
    static let districtColumn = SQLColumn("district_code", table: "partners")
    static let kindColumn: SQLColumn? = SQLColumn("kind", table: "partners")

    static func kindOptions(_ l: Language) -> [FormOption] { .choices(PartnerKind.self, l) }
    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder { PlaceFields.listBase(db, "partners") }
    static func cells(_ row: any SQLRow, _ l: Language) throws -> [Cell] {
        try PlaceFields.listCells(row, area, PartnerKind.self, l)
    }

    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        [
            FormField(name: "name", kind: .text, required: true),
            FormField(name: "kind", kind: .select(.choices(PartnerKind.self, l)), required: true),
        ] + (try await PlaceFields.fields(db, actor, l)) + [
            FormField(name: "contact_person", kind: .text)
        ] + PlaceFields.contactFields
    }

    static func resolve(_ record: inout Partner, _ db: any SQLDatabase) async throws -> FieldErrors {
        try await PlaceFields.resolve(settlementID: record.settlementID, districtCode: &record.districtCode, db)
    }

    static func scope(_ record: Partner, _ db: any SQLDatabase) async throws -> Scope {
        Scope(districtCode: record.districtCode)
    }

    static func details(_ record: Partner, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow] {
        let l = context.language
        return [DetailRow(label: .fieldKind, value: .text(record.kind.label(l)))]
            + (try await PlaceFields.details(settlementID: record.settlementID, districtCode: record.districtCode, db, l))
            + [DetailRow(label: .fieldContactPerson, value: .optional(record.contactPerson))]
            + PlaceFields.contacts(address: record.address, email: record.email, phone: record.phone, website: record.website)
            + [DetailRow(label: .fieldNotes, value: .optional(record.notes))]
    }

    static func related(_ record: Partner, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] {
        guard let id = record.id, let actor = context.actor else { return [] }
        var sections = [
            RelatedSection(
                title: .relatedPeople,
                items: try await Lookups.related(
                    db, area: .people, table: "people", nameColumn: "full_name", column: "partner_id", value: id))
        ]
        // Its partnerships with the libraries the person works with (all, for administrators).
        if actor.role == .admin || (actor.role != .partner && actor.districtCode != nil) {
            let rows = try await PartnershipStore(db: db).list(district: actor.role == .admin ? nil : actor.districtCode, partnerID: id)
            let l = context.language
            sections.append(
                RelatedSection(
                    title: .partnershipsTitle,
                    items: rows.map { row in
                        let span = PartnershipView.period(row.startsOn, row.endsOn, context.format)
                        return .link(
                            SiteURL.partnership(row.id).path,
                            ([row.libraries.joined(separator: "; "), row.status.label(l)] + (span.isEmpty ? [] : [span])).joined(
                                separator: " · "))
                    }))
        }
        return sections
    }
}
