import Foundation
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

    /// The districts of the libraries in these partnerships, by code.
    static func districts(of rows: [PartnershipRow], _ db: any SQLDatabase) async throws -> [String] {
        let libraries = Array(Set(rows.flatMap(\.libraryIDs)))
        guard !libraries.isEmpty else { return [] }
        return try await db.raw(
            "SELECT DISTINCT district_code FROM libraries WHERE id IN (\(binds: libraries)) AND district_code IS NOT NULL"
        )
        .all().map { try $0.decode(column: "district_code", as: String.self) }.sorted()
    }

    static func related(_ record: Partner, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] {
        guard let id = record.id, let actor = context.actor else { return [] }
        var sections = [
            RelatedSection(
                title: .relatedPeople,
                items: try await Lookups.related(
                    db, area: .people, table: "people", nameColumn: "full_name", column: "partner_id", value: id))
        ]
        // Its partnerships with the libraries the person works with (all, for administrators and
        // for the partner's own account), and what happened in them.
        var reads = true
        var district: String?
        switch PartnershipPolicy.readScope(actor) {
        case .all?: district = nil
        case .district(let code)?: district = code
        case .partner(let partner)? where partner == id: district = nil
        default: reads = false
        }
        if reads {
            let store = PartnershipStore(db: db)
            let rows = try await store.list(district: district, partnerID: id)
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
            let codes = try await districts(of: rows, db)
            sections.append(
                RelatedSection(
                    title: .partnerDistrictsTitle, items: codes.compactMap { District.named($0).map { .text($0.name(l)) } }))
            let history = try await store.history(partnerID: id, district: district)
            let events = PartnerTimeline.events(
                partnerships: history.partnerships, agreements: history.agreements, contributions: history.contributions,
                interactions: history.interactions, today: LocalDate(Date()), format: context.format)
            sections.append(
                RelatedSection(
                    title: .timelineTitle,
                    items: events.map { .link(SiteURL.partnership($0.partnershipID).path, context.format.date($0.on) + " · " + $0.text) },
                    inOrder: true))
        }
        // The designs and practices it took part in (named on them, or through a partnership) that the person may read.
        let designs = try await db.raw(
            """
            SELECT d.id, d.title FROM service_designs d WHERE (d.id IN (SELECT design_id FROM design_partners WHERE partner_id = \(bind: id)) \
            OR d.id IN (SELECT pd.design_id FROM partnership_designs pd JOIN partnerships p ON p.id = pd.partnership_id \
            WHERE p.partner_id = \(bind: id))) AND
            """ + " " + DesignListQuery.access(ListQuery(), actor) + " ORDER BY d.title"
        ).all()
        sections.append(
            RelatedSection(
                title: .partnerDesignsTitle,
                items: try designs.map {
                    .link(
                        SiteURL.service(try $0.decode(column: "id", as: Int64.self)).path, try $0.decode(column: "title", as: String.self))
                }))
        return sections
    }
}
