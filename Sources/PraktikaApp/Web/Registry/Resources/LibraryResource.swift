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
        ]
    }
}
