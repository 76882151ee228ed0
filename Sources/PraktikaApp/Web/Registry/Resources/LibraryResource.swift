import Foundation
import PraktikaDomain
import SQLKit

enum LibraryResource: RegistryResource {
    typealias Record = Library
    static let area = RegistryArea.libraries
    static let table = RegistryTable.library
    static let newTitle = TextKey.newLibrary
    static let columns = PlaceFields.listColumns("libraries")
    static let districtColumn = SQLColumn("district_code", table: "libraries")
    static let kindColumn: SQLColumn? = SQLColumn("kind", table: "libraries")

    static func kindOptions(_ l: Language) -> [FormOption] { .choices(LibraryKind.self, l) }
    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder { PlaceFields.listBase(db, "libraries") }
    static func cells(_ row: any SQLRow, _ l: Language) throws -> [Cell] {
        try PlaceFields.listCells(row, area, LibraryKind.self, l)
    }

    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        [
            FormField(name: "name", kind: .text, required: true),
            FormField(name: "kind", kind: .select(.choices(LibraryKind.self, l)), required: true),
            FormField(name: "chitalishte_name", kind: .text, hint: .hintChitalishteName),
        ] + (try await PlaceFields.fields(db, actor, l)) + [
            FormField(name: "network_member_since", kind: .date, hint: .hintDate)
        ] + PlaceFields.contactFields
    }

    static func resolve(_ record: inout Library, _ db: any SQLDatabase) async throws -> FieldErrors {
        try await PlaceFields.resolve(settlementID: record.settlementID, districtCode: &record.districtCode, db)
    }

    static func scope(_ record: Library, _ db: any SQLDatabase) async throws -> Scope {
        Scope(districtCode: record.districtCode, libraryID: record.id)
    }

    static func details(_ record: Library, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow] {
        let l = context.language
        return [
            DetailRow(label: .fieldKind, value: .text(record.kind.label(l))),
            DetailRow(label: .fieldChitalishteName, value: .optional(record.chitalishteName)),
        ] + (try await PlaceFields.details(settlementID: record.settlementID, districtCode: record.districtCode, db, l)) + [
            DetailRow(label: .fieldNetworkMemberSince, value: .optional(record.networkMemberSince.map { context.format.date($0) }))
        ] + PlaceFields.contacts(address: record.address, email: record.email, phone: record.phone, website: record.website)
            + [DetailRow(label: .fieldNotes, value: .optional(record.notes))]
    }

    static func related(_ record: Library, _ db: any SQLDatabase, _ context: PageContext) async throws -> [RelatedSection] {
        guard let id = record.id, context.actor != nil else { return [] }
        return [
            RelatedSection(
                title: .relatedPeople,
                items: try await Lookups.related(
                    db, area: .people, table: "people", nameColumn: "full_name", column: "library_id", value: id))
        ] + (try await partnerships(record, id, db, context))
    }

    /// The library's partnerships that the person reads, by state (what runs first), and what is
    /// due in them in the coming 60 days: all of them for administrators and the district's
    /// people, a partner's own for its account.
    private static func partnerships(_ record: Library, _ id: Int64, _ db: any SQLDatabase, _ context: PageContext) async throws
        -> [RelatedSection]
    {
        let store = PartnershipStore(db: db)
        let rows: [PartnershipRow]
        var due: [(item: PartnershipAgenda.Item, partner: String)]?
        let today = LocalDate(Date())
        switch PartnershipPolicy.readScope(context.actor) {
        case .all?:
            rows = try await store.list(library: id)
            due = try await store.agenda(district: nil, library: id, today: today)
        case .district(let code)? where code == record.districtCode:
            rows = try await store.list(library: id)
            due = try await store.agenda(district: nil, library: id, today: today)
        case .partner(let partner)?:
            rows = try await store.list(library: id, partnerID: partner)
        default:
            return []
        }
        let l = context.language
        let f = context.format
        var sections: [RelatedSection] = []
        if let due, !due.isEmpty {
            sections.append(
                RelatedSection(
                    title: .partnershipDue,
                    items: due.map { entry in
                        let (item, partner) = entry
                        let late = item.date < today ? " (" + TextKey.partnershipOverdue(l) + ")" : ""
                        return .link(
                            SiteURL.partnership(item.partnershipID).path,
                            f.date(item.date) + late + " · " + partner + " · " + PartnershipView.what(item, l))
                    }, inOrder: true))
        }
        for status in PartnershipStatus.pageOrder {
            let these = rows.filter { $0.status == status }
            guard !these.isEmpty else { continue }
            sections.append(
                RelatedSection(
                    title: status.libraryHeading,
                    items: these.map { row in
                        let span = PartnershipView.period(row.startsOn, row.endsOn, f)
                        let roles = row.roles.map { $0.label(l) }.joined(separator: ", ")
                        return .link(
                            SiteURL.partnership(row.id).path,
                            ([row.partnerName] + [roles, span].filter { !$0.isEmpty }).joined(separator: " · "))
                    }))
        }
        return sections
    }
}
