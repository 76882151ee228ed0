import PraktikaDomain
import SQLKit

enum PersonResource: RegistryResource {
    typealias Record = Person
    static let area = RegistryArea.people
    static let table = RegistryTable.person
    static let newTitle = TextKey.newPerson
    static let districtColumn = SQLColumn("district_code", table: "people")
    static let kindColumn: SQLColumn? = SQLColumn("network_role", table: "people")

    static let columns = [
        ListColumn(header: .fieldFullName, sortKey: "name", sortColumn: SQLColumn("name_key", table: "people")),
        ListColumn(header: .fieldNetworkRole, sortKey: "role", sortColumn: SQLColumn("network_role", table: "people")),
        ListColumn(header: .fieldOrganisation),
        ListColumn(header: .fieldDistrict, sortKey: "district", sortColumn: SQLColumn("district_code", table: "people")),
    ]

    static func kindOptions(_ l: Language) -> [FormOption] { .choices(NetworkRole.self, l) }

    static func listBase(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: "people")).column(SQLColumn("full_name", table: "people"))
            .column(SQLColumn("network_role", table: "people")).column(SQLColumn("organisation", table: "people"))
            .column(SQLColumn("district_code", table: "people"))
            .column(SQLColumn("name", table: "libraries"), as: "library_name")
            .column(SQLColumn("name", table: "partners"), as: "partner_name")
            .from("people")
            .join(
                "libraries", method: SQLJoinMethod.left, on: SQLColumn("library_id", table: "people"), .equal,
                SQLColumn("id", table: "libraries")
            )
            .join(
                "partners", method: SQLJoinMethod.left, on: SQLColumn("partner_id", table: "people"), .equal,
                SQLColumn("id", table: "partners"))
    }

    static func cells(_ row: any SQLRow, _ l: Language) throws -> [Cell] {
        let organisation =
            try row.decode(column: "library_name", as: String?.self) ?? row.decode(column: "partner_name", as: String?.self)
            ?? row.decode(column: "organisation", as: String?.self)
        return [
            link(try row.decode(column: "id", as: Int64.self), try row.decode(column: "full_name", as: String.self)),
            .optional(NetworkRole(rawValue: try row.decode(column: "network_role", as: String.self))?.label(l)),
            .optional(organisation),
            Lookups.district(try row.decode(column: "district_code", as: String?.self), l),
        ]
    }

    static func formFields(_ db: any SQLDatabase, _ actor: Actor?, _ l: Language) async throws -> [FormField] {
        let district = actor?.role == .admin ? nil : actor?.districtCode
        return [
            FormField(name: "full_name", kind: .text, required: true),
            FormField(name: "network_role", kind: .select(.choices(NetworkRole.self, l)), required: true),
            FormField(name: "position", kind: .text),
            FormField(
                name: "library_id",
                kind: .select(try await Lookups.namedOptions(db, table: "libraries", district: district, l))),
            FormField(
                name: "partner_id",
                kind: .select(try await Lookups.namedOptions(db, table: "partners", district: district, l))),
            FormField(name: "organisation", kind: .text),
            FormField(name: "district_code", kind: .select(.districts(l, only: district))),
            FormField(name: "consent", kind: .checkbox, hint: .hintConsent),
            FormField(name: "email", kind: .email),
            FormField(name: "phone", kind: .tel),
            FormField(name: "notes", kind: .textarea),
        ]
    }

    /// A person linked to a library or partner belongs to its district unless another is given.
    static func resolve(_ record: inout Person, _ db: any SQLDatabase) async throws -> FieldErrors {
        var errors = FieldErrors()
        for (field, table, id) in [("library_id", "libraries", record.libraryID), ("partner_id", "partners", record.partnerID)] {
            guard let id else { continue }
            let row = try await db.select().column("district_code").from(table).where("id", .equal, id).first()
            guard let row else {
                errors.add(field, .validationUnknownReference)
                continue
            }
            if record.districtCode == nil {
                record.districtCode = try row.decode(column: "district_code", as: String?.self)
            }
        }
        return errors
    }

    static func scope(_ record: Person, _ db: any SQLDatabase) async throws -> Scope {
        Scope(districtCode: record.districtCode, libraryID: record.libraryID)
    }

    static func shown(_ record: Person, to actor: Actor?) -> Person {
        let scope = Scope(districtCode: record.districtCode, libraryID: record.libraryID)
        return Policy.maySeeContactDetails(actor, person: scope) ? record : record.withoutContactDetails
    }

    static func details(_ record: Person, _ db: any SQLDatabase, _ context: PageContext) async throws -> [DetailRow] {
        let l = context.language
        let library = try await Lookups.name(db, table: "libraries", id: record.libraryID)
        let partner = try await Lookups.name(db, table: "partners", id: record.partnerID)
        return [
            DetailRow(label: .fieldNetworkRole, value: .text(record.networkRole.label(l))),
            DetailRow(label: .fieldPosition, value: .optional(record.position)),
            DetailRow(
                label: .fieldLibrary,
                value: library.map { .link(SiteURL.record(.libraries, String(record.libraryID!)).path, $0) } ?? .empty),
            DetailRow(
                label: .fieldPartnerOrganisation,
                value: partner.map { .link(SiteURL.record(.partners, String(record.partnerID!)).path, $0) } ?? .empty),
            DetailRow(label: .fieldOrganisation, value: .optional(record.organisation)),
            DetailRow(label: .fieldDistrict, value: Lookups.district(record.districtCode, l)),
            DetailRow(label: .fieldConsentRecordedAt, value: .optional(record.consentRecordedOn.map { context.format.date($0) })),
            DetailRow(label: .fieldEmail, value: record.email.map { .link("mailto:\($0)", $0) } ?? .empty),
            DetailRow(label: .fieldPhone, value: .optional(record.phone)),
            DetailRow(label: .fieldNotes, value: .optional(record.notes)),
        ]
    }
}
