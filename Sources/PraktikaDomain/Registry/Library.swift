import Foundation

public struct Library: RegistryRecord, Reachable {
    public static let kind = RegistryKind.library
    public var id: Int64?
    public var name: String
    public var kind: LibraryKind
    /// For a chitalishte library, the chitalishte it belongs to (НЧ „Светлина“).
    public var chitalishteName: String?
    public var settlementID: Int64?
    /// Taken from the settlement when one is chosen; otherwise given directly.
    public var districtCode: String?
    public var networkMemberSince: LocalDate?
    public var address: String?
    public var email: String?
    public var phone: String?
    public var website: String?
    public var notes: String?

    public init(
        id: Int64? = nil, name: String, kind: LibraryKind, chitalishteName: String? = nil,
        settlementID: Int64? = nil, districtCode: String? = nil, networkMemberSince: LocalDate? = nil,
        address: String? = nil, email: String? = nil, phone: String? = nil, website: String? = nil,
        notes: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.chitalishteName = chitalishteName
        self.settlementID = settlementID
        self.districtCode = districtCode
        self.networkMemberSince = networkMemberSince
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
        case chitalishteName = "chitalishte_name"
        case settlementID = "settlement_id"
        case districtCode = "district_code"
        case networkMemberSince = "network_member_since"
        case address
        case email
        case phone
        case website
        case notes
    }

    public var displayName: String { name }

    public var formInput: FormInput {
        [
            "name": name, "kind": kind.rawValue, "chitalishte_name": chitalishteName.formValue,
            "settlement_id": settlementID.formValue, "district_code": districtCode.formValue,
            "network_member_since": networkMemberSince?.iso ?? "",
        ].merging(contactFormValues) { a, _ in a }
    }

    public static func parse(_ input: FormInput, previous: Library?, today: LocalDate) -> (Library, FieldErrors) {
        var reader = FormReader(input)
        let record = Library(
            id: previous?.id,
            name: reader.text("name") ?? "",
            kind: reader.choice("kind", default: LibraryKind.other),
            chitalishteName: reader.text("chitalishte_name"),
            settlementID: reader.identifier("settlement_id"),
            districtCode: reader.text("district_code"),
            networkMemberSince: reader.date("network_member_since"),
            address: reader.text("address"),
            email: reader.text("email"),
            phone: reader.text("phone"),
            website: reader.text("website"),
            notes: reader.text("notes"))
        var (checked, errors) = finish(record, reader)
        if let since = checked.networkMemberSince, since > today {
            errors.add("network_member_since", .validationDateInFuture)
        }
        return (checked, errors)
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("name", name)
        v.maxLength("name", name, Limits.name)
        v.maxLength("chitalishte_name", chitalishteName, Limits.name)
        v.district("district_code", districtCode)
        checkContacts(&v)
        return v.errors
    }
}
