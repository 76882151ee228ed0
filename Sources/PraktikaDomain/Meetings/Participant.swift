import Foundation

/// How a participant came to be on the list.
public enum RegistrationSource: String, Sendable, Codable, CaseIterable {
    case organiser, link, `import`, demo
}

/// A person at a meeting. Only what the meeting needs: no contact details unless the person
/// gives an e-mail for the organisers, and their consent to be listed and photographed.
public struct MeetingParticipant: Sendable, Hashable, Codable {
    public var id: Int64?
    public var fullName: String
    public var role: NetworkRole
    public var organisation: String
    public var libraryID: Int64?
    public var partnerID: Int64?
    public var districtCode: String?
    public var email: String?
    public var consentListed: Bool
    public var consentPhoto: Bool
    /// Accessibility and other needs, for the organisers only.
    public var needs: String?
    /// The work tables (by id) whose target groups the person would like to work on.
    public var wants: [Int64]
    public var tableID: Int64?
    /// A pinned participant (a facilitator) keeps their table when the solver runs.
    public var pinned: Bool
    /// A generated placeholder standing for someone the source does not name.
    public var placeholder: Bool
    public var source: RegistrationSource
    /// Holding a place, waiting for one, or withdrawn; the server decides it, never the client.
    public var status: RegistrationStatus
    /// The language the person registered in: their messages are written in it.
    public var language: Language
    /// When the person was checked in on the day; nil until then.
    public var checkedInAt: Date?

    public init(
        id: Int64? = nil, fullName: String, role: NetworkRole, organisation: String, libraryID: Int64? = nil,
        partnerID: Int64? = nil, districtCode: String? = nil, email: String? = nil, consentListed: Bool = false,
        consentPhoto: Bool = false, needs: String? = nil, wants: [Int64] = [], tableID: Int64? = nil, pinned: Bool = false,
        placeholder: Bool = false, source: RegistrationSource = .organiser, status: RegistrationStatus = .confirmed,
        language: Language = .bg, checkedInAt: Date? = nil
    ) {
        self.id = id
        self.fullName = fullName
        self.role = role
        self.organisation = organisation
        self.libraryID = libraryID
        self.partnerID = partnerID
        self.districtCode = districtCode
        self.email = email
        self.consentListed = consentListed
        self.consentPhoto = consentPhoto
        self.needs = needs
        self.wants = wants
        self.tableID = tableID
        self.pinned = pinned
        self.placeholder = placeholder
        self.source = source
        self.status = status
        self.language = language
        self.checkedInAt = checkedInAt
    }

    /// Reads the registration form (organisers' and the public one alike). `tables` are the
    /// meeting's tables a wish may name; `districts` the meeting's districts, offered first.
    public static func read(_ input: FormInput, wants: [String], tables: [WorkTable]) -> (MeetingParticipant?, FieldErrors) {
        var reader = FormReader(input)
        let role: NetworkRole = reader.choice("role", default: .other)
        let district = reader.text("district")
        var v = Validator()
        v.required("full_name", reader.text("full_name"))
        v.maxLength("full_name", reader.text("full_name"), 200)
        v.required("organisation", reader.text("organisation"))
        v.maxLength("organisation", reader.text("organisation"), 300)
        v.required("district", district)
        v.district("district", district)
        v.email("email", reader.text("email"))
        v.maxLength("needs", reader.text("needs"), 1000)
        var wished: [Int64] = []
        for raw in wants {
            guard let id = Int64(raw), tables.contains(where: { $0.id == id }) else {
                v.add("wants", .validationOption)
                continue
            }
            if !wished.contains(id) { wished.append(id) }
        }
        var errors = reader.errors
        errors.merge(v.errors)
        guard errors.isEmpty else { return (nil, errors) }
        return (
            MeetingParticipant(
                fullName: reader.text("full_name")!, role: role, organisation: reader.text("organisation")!,
                districtCode: district, email: reader.text("email"), consentListed: reader.flag("consent_listed"),
                consentPhoto: reader.flag("consent_photo"), needs: reader.text("needs"), wants: wished),
            errors
        )
    }

    public var input: FormInput {
        [
            "full_name": fullName, "role": role.rawValue, "organisation": organisation, "district": districtCode ?? "",
            "email": email ?? "", "consent_listed": consentListed ? "on" : "", "consent_photo": consentPhoto ? "on" : "",
            "needs": needs ?? "",
        ]
    }

    /// The key two registrations of one person share.
    public var identityKey: String {
        BulgarianText.comparisonKey(fullName) + "|" + BulgarianText.comparisonKey(organisation)
    }
}

/// A work table of a meeting: its number, the target group its people design a service for,
/// how many it seats, and the design it produced.
public struct WorkTable: Sendable, Hashable, Codable {
    public var id: Int64
    public var number: Int
    public var targetGroup: String
    public var category: TargetGroupCategory
    public var capacity: Int?
    public var designID: Int64?

    public init(
        id: Int64, number: Int, targetGroup: String, category: TargetGroupCategory, capacity: Int? = nil, designID: Int64? = nil
    ) {
        self.id = id
        self.number = number
        self.targetGroup = targetGroup
        self.category = category
        self.capacity = capacity
        self.designID = designID
    }

    /// Reads the table form: number, target group, category, capacity.
    public static func read(_ input: FormInput, taken: Set<Int>) -> (WorkTable?, FieldErrors) {
        var reader = FormReader(input)
        let number = reader.integer("number")
        let capacity = reader.integer("capacity")
        let category: TargetGroupCategory = reader.choice("category", default: .other)
        var v = Validator()
        v.required("target_group", reader.text("target_group"))
        v.maxLength("target_group", reader.text("target_group"), 200)
        if number == nil && reader.errors["number"] == nil { v.add("number", .validationRequired) }
        if let number, number < 1 || number > 100_000 { v.add("number", .validationBetween, ["min": "1", "max": "100000"]) }
        if let number, taken.contains(number) { v.add("number", .validationTableNumberTaken) }
        if let capacity, capacity < 1 || capacity > 100_000 { v.add("capacity", .validationBetween, ["min": "1", "max": "100000"]) }
        var errors = reader.errors
        errors.merge(v.errors)
        guard errors.isEmpty, let number else { return (nil, errors) }
        return (
            WorkTable(id: 0, number: number, targetGroup: reader.text("target_group")!, category: category, capacity: capacity),
            errors
        )
    }
}

/// How many came, from where and in which roles.
public struct ParticipantCounts: Sendable {
    public var total: Int
    public var byDistrict: [(code: String?, count: Int)]
    public var byRole: [(role: NetworkRole, count: Int)]

    public init(_ participants: [MeetingParticipant]) {
        total = participants.count
        var districts: [String?: Int] = [:]
        var roles: [NetworkRole: Int] = [:]
        for p in participants {
            districts[p.districtCode, default: 0] += 1
            roles[p.role, default: 0] += 1
        }
        byDistrict = districts.map { ($0.key, $0.value) }.sorted { ($1.count, $0.code ?? "~") < ($0.count, $1.code ?? "~") }
        byRole = roles.map { ($0.key, $0.value) }.sorted { ($1.count, $0.role.rawValue) < ($0.count, $1.role.rawValue) }
    }

}
