import Foundation

/// A person in the network. Personal data is kept to what the network needs: name, role and
/// organisation; contact details only when the person's consent is recorded (GDPR art. 6(1)(a)).
public struct Person: RegistryRecord {
    public static let kind = RegistryKind.person
    public var id: Int64?
    public var fullName: String
    public var networkRole: NetworkRole
    public var position: String?
    /// The organisation as the person names it, when it is not a library or partner in the registry.
    public var organisation: String?
    public var libraryID: Int64?
    public var partnerID: Int64?
    public var districtCode: String?
    public var email: String?
    public var phone: String?
    /// The day consent to keep contact details was recorded; nil means no consent.
    public var consentRecordedOn: LocalDate?
    public var notes: String?

    public init(
        id: Int64? = nil, fullName: String, networkRole: NetworkRole, position: String? = nil,
        organisation: String? = nil, libraryID: Int64? = nil, partnerID: Int64? = nil, districtCode: String? = nil,
        email: String? = nil, phone: String? = nil, consentRecordedOn: LocalDate? = nil, notes: String? = nil
    ) {
        self.id = id
        self.fullName = fullName
        self.networkRole = networkRole
        self.position = position
        self.organisation = organisation
        self.libraryID = libraryID
        self.partnerID = partnerID
        self.districtCode = districtCode
        self.email = email
        self.phone = phone
        self.consentRecordedOn = consentRecordedOn
        self.notes = notes
    }

    /// Column names, JSON keys and form field names are the same snake_case words.
    enum CodingKeys: String, CodingKey {
        case id
        case fullName = "full_name"
        case networkRole = "network_role"
        case position
        case organisation
        case libraryID = "library_id"
        case partnerID = "partner_id"
        case districtCode = "district_code"
        case email
        case phone
        case consentRecordedOn = "consent_recorded_on"
        case notes
    }

    public var displayName: String { fullName }

    public var hasContactDetails: Bool { email != nil || phone != nil }

    /// The person as someone without need to know sees them: name, role, position, organisation
    /// and district; no e-mail, telephone or notes.
    public var withoutContactDetails: Person {
        var p = self
        p.email = nil
        p.phone = nil
        p.notes = nil
        return p
    }

    public var formInput: FormInput {
        [
            "full_name": fullName, "network_role": networkRole.rawValue, "position": position.formValue,
            "organisation": organisation.formValue, "library_id": libraryID.formValue,
            "partner_id": partnerID.formValue, "district_code": districtCode.formValue,
            "email": email.formValue, "phone": phone.formValue,
            "consent": consentRecordedOn == nil ? "" : "on", "notes": notes.formValue,
        ]
    }

    public static func parse(_ input: FormInput, previous: Person?, today: LocalDate) -> (Person, FieldErrors) {
        var reader = FormReader(input)
        let consent = reader.flag("consent")
        let record = Person(
            id: previous?.id,
            fullName: reader.text("full_name") ?? "",
            networkRole: reader.choice("network_role", default: NetworkRole.other),
            position: reader.text("position"),
            organisation: reader.text("organisation"),
            libraryID: reader.identifier("library_id"),
            partnerID: reader.identifier("partner_id"),
            districtCode: reader.text("district_code"),
            email: reader.text("email"),
            phone: reader.text("phone"),
            // Ticking the box records consent today; an existing consent keeps its original date.
            consentRecordedOn: consent ? (previous?.consentRecordedOn ?? today) : nil,
            notes: reader.text("notes"))
        return finish(record, reader)
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("full_name", fullName)
        v.maxLength("full_name", fullName, Limits.name)
        v.maxLength("position", position, Limits.short)
        v.maxLength("organisation", organisation, Limits.short)
        v.district("district_code", districtCode)
        if consentRecordedOn == nil {
            if email != nil { v.add("email", .validationConsentForContacts) }
            if phone != nil { v.add("phone", .validationConsentForContacts) }
        }
        v.email("email", email)
        v.phone("phone", phone)
        v.maxLength("notes", notes, Limits.notes)
        return v.errors
    }
}
