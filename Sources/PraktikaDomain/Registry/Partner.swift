import Foundation

/// An organisation libraries work with: a municipality, a school, a museum, an NGO, a business…
public struct Partner: RegistryRecord, Reachable {
    public static let kind = RegistryKind.partner
    public var id: Int64?
    public var name: String
    public var kind: PartnerKind
    public var settlementID: Int64?
    /// Taken from the settlement when one is chosen; empty for national organisations.
    public var districtCode: String?
    public var contactPerson: String?
    public var address: String?
    public var email: String?
    public var phone: String?
    public var website: String?
    public var notes: String?

    public init(
        id: Int64? = nil, name: String, kind: PartnerKind, settlementID: Int64? = nil, districtCode: String? = nil,
        contactPerson: String? = nil, address: String? = nil, email: String? = nil, phone: String? = nil,
        website: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.settlementID = settlementID
        self.districtCode = districtCode
        self.contactPerson = contactPerson
        self.address = address
        self.email = email
        self.phone = phone
        self.website = website
        self.notes = notes
    }

    /// Column names, JSON keys and form field names are the same snake_case words.
    enum CodingKeys: String, CodingKey {
        case id
        case name
        case kind
        case settlementID = "settlement_id"
        case districtCode = "district_code"
        case contactPerson = "contact_person"
        case address
        case email
        case phone
        case website
        case notes
    }

    public var displayName: String { name }

    public var formInput: FormInput {
        [
            "name": name, "kind": kind.rawValue, "settlement_id": settlementID.formValue,
            "district_code": districtCode.formValue, "contact_person": contactPerson.formValue,
        ].merging(contactFormValues) { a, _ in a }
    }

    public static func parse(_ input: FormInput, previous: Partner?, today: LocalDate) -> (Partner, FieldErrors) {
        var reader = FormReader(input)
        let record = Partner(
            id: previous?.id,
            name: reader.text("name") ?? "",
            kind: reader.choice("kind", default: PartnerKind.other),
            settlementID: reader.identifier("settlement_id"),
            districtCode: reader.text("district_code"),
            contactPerson: reader.text("contact_person"),
            address: reader.text("address"),
            email: reader.text("email"),
            phone: reader.text("phone"),
            website: reader.text("website"),
            notes: reader.text("notes"))
        return finish(record, reader)
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("name", name)
        v.maxLength("name", name, Limits.name)
        v.district("district_code", districtCode)
        v.maxLength("contact_person", contactPerson, Limits.name)
        checkContacts(&v)
        return v.errors
    }
}
