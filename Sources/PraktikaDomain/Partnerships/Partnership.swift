import Foundation

/// What a partner does in a partnership (after Akvo RSR's partner roles and nonprofit CRMs).
public enum PartnershipRole: String, LabelledChoice {
    case funding, implementing
    case inKind = "in_kind"
    case venue, media
    case volunteers
    case accountable

    public var label: TextKey {
        switch self {
        case .funding: .partnershipRoleFunding
        case .implementing: .partnershipRoleImplementing
        case .inKind: .partnershipRoleInKind
        case .venue: .partnershipRoleVenue
        case .media: .partnershipRoleMedia
        case .volunteers: .partnershipRoleVolunteers
        case .accountable: .partnershipRoleAccountable
        }
    }
}

public enum PartnershipStatus: String, LabelledChoice {
    case proposed, active, paused, ended

    public var label: TextKey {
        switch self {
        case .proposed: .partnershipStatusProposed
        case .active: .partnershipStatusActive
        case .paused: .partnershipStatusPaused
        case .ended: .partnershipStatusEnded
        }
    }

    /// The order a library's page lists its partnerships in: what runs first, what is over last.
    public static let pageOrder: [PartnershipStatus] = [.active, .paused, .proposed, .ended]

    /// The heading of a library's partnerships in this state.
    public var libraryHeading: TextKey {
        switch self {
        case .proposed: .libraryPartnershipsProposed
        case .active: .libraryPartnershipsActive
        case .paused: .libraryPartnershipsPaused
        case .ended: .libraryPartnershipsEnded
        }
    }
}

public enum InteractionKind: String, LabelledChoice {
    case meeting, call, letter, email, visit

    public var label: TextKey {
        switch self {
        case .meeting: .interactionMeeting
        case .call: .interactionCall
        case .letter: .interactionLetter
        case .email: .interactionEmail
        case .visit: .interactionVisit
        }
    }
}

/// A library (or several) working with a partner over time, optionally on some designs.
public struct Partnership: Sendable, Hashable, Codable {
    public var partnerID: Int64
    public var libraryIDs: [Int64]
    public var designIDs: [Int64]
    public var roles: [PartnershipRole]
    public var status: PartnershipStatus
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    /// Who speaks for each side.
    public var libraryContact: String?
    public var partnerContact: String?
    public var notes: String?

    public init(
        partnerID: Int64, libraryIDs: [Int64], designIDs: [Int64] = [], roles: [PartnershipRole] = [],
        status: PartnershipStatus = .proposed,
        startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, libraryContact: String? = nil, partnerContact: String? = nil,
        notes: String? = nil
    ) {
        self.partnerID = partnerID
        self.libraryIDs = libraryIDs
        self.designIDs = designIDs
        self.roles = roles
        self.status = status
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.libraryContact = libraryContact
        self.partnerContact = partnerContact
        self.notes = notes
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.maxLength("library_contact", libraryContact, 200)
        v.maxLength("partner_contact", partnerContact, 200)
        v.maxLength("notes", notes, 2_000)
        var errors = v.errors
        if libraryIDs.isEmpty { errors.add("library", .validationRequired) }
        if let startsOn, let endsOn, endsOn < startsOn { errors.add("ends_on", .validationEndBeforeStart) }
        if status == .ended && endsOn == nil { errors.add("ends_on", .validationRequired) }
        return errors
    }
}

/// What a partner gave: money (exact, in leva or euro) or something in kind with an estimated
/// value, to a design's budget or to the partnership in general. Volunteers' work is given in
/// kind: what they did, and how many hours it took them in all.
public struct Contribution: Sendable, Hashable, Codable {
    public var receivedOn: LocalDate
    /// Money given; nil for a gift in kind.
    public var amount: Money?
    /// For a gift in kind: what it is, and what it would cost.
    public var inKind: String?
    public var estimatedValue: Money?
    /// For volunteers' work: the hours of all of them together.
    public var volunteerHours: FixedDecimal?
    public var designID: Int64?

    public init(
        receivedOn: LocalDate, amount: Money? = nil, inKind: String? = nil, estimatedValue: Money? = nil,
        volunteerHours: FixedDecimal? = nil, designID: Int64? = nil
    ) {
        self.receivedOn = receivedOn
        self.amount = amount
        self.inKind = inKind
        self.estimatedValue = estimatedValue
        self.volunteerHours = volunteerHours
        self.designID = designID
    }

    /// The most one contribution may be worth: 100 million leva or euro, in minor units.
    public static let maxMinorUnits: Int64 = 10_000_000_000
    /// The most hours one contribution may record: a hundred people working full time for a year.
    public static let maxVolunteerHours = FixedDecimal(200_000)

    public var isInKind: Bool { amount == nil }
    /// What it is worth: the money, or the estimate of the gift.
    public var value: Money? { amount ?? estimatedValue }

    /// What was given, in one line: the money ("в пари 500,00 лв."), or the gift with its estimate
    /// (unless `estimate` is false: a table that has a column for it) and the volunteers' hours
    /// ("каталог, 120 ч. доброволен труд").
    public func what(_ f: Formatting, estimate: Bool = true) -> String {
        let l = f.language
        if let amount { return TextKey.partnershipCash(l) + " " + f.money(amount) }
        return [
            inKind, estimate ? estimatedValue.map(f.money) : nil, volunteerHours.map { TextKey.volunteerHours(l, ["hours": f.number($0)]) },
        ].compactMap { $0 }.joined(separator: ", ")
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.maxLength("in_kind", inKind, 500)
        var errors = v.errors
        if let amount {
            if amount.minorUnits <= 0 { errors.add("amount", .validationPositive) }
            if inKind != nil { errors.add("in_kind", .validationCashOrInKind) }
            if volunteerHours != nil { errors.add("volunteer_hours", .validationHoursNotCash) }
        } else if inKind == nil {
            errors.add(
                volunteerHours == nil ? "amount" : "in_kind", volunteerHours == nil ? .validationCashOrInKind : .validationVolunteerWork)
        }
        if let volunteerHours {
            if volunteerHours <= .zero { errors.add("volunteer_hours", .validationPositive) }
            if volunteerHours > Self.maxVolunteerHours { errors.add("volunteer_hours", .validationTooLarge) }
        }
        if let estimatedValue, estimatedValue.minorUnits < 0 { errors.add("estimated_value", .validationNegative) }
        if let amount, amount.minorUnits > Self.maxMinorUnits { errors.add("amount", .validationTooLarge) }
        if let estimatedValue, estimatedValue.minorUnits > Self.maxMinorUnits { errors.add("estimated_value", .validationTooLarge) }
        return errors
    }
}

/// A dated note of talking with the partner, with the next step's date.
public struct Interaction: Sendable, Hashable, Codable {
    public var on: LocalDate
    public var kind: InteractionKind
    public var note: String
    public var followUpOn: LocalDate?

    public init(on: LocalDate, kind: InteractionKind, note: String, followUpOn: LocalDate? = nil) {
        self.on = on
        self.kind = kind
        self.note = note
        self.followUpOn = followUpOn
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("note", note)
        v.maxLength("note", note, 2_000)
        var errors = v.errors
        if let followUpOn, followUpOn < on { errors.add("follow_up_on", .validationEndBeforeStart) }
        return errors
    }
}

/// What a library must not miss in its partnerships: follow-ups promised, agreements to renew
/// and partnerships that end, in the coming `days` (60 by default) or already overdue.
public enum PartnershipAgenda {
    public enum Item: Sendable, Hashable {
        case followUp(partnershipID: Int64, on: LocalDate, note: String)
        case renewal(partnershipID: Int64, on: LocalDate, title: String)
        case ending(partnershipID: Int64, on: LocalDate)

        public var date: LocalDate {
            switch self {
            case .followUp(_, let on, _), .renewal(_, let on, _), .ending(_, let on): on
            }
        }

        public var partnershipID: Int64 {
            switch self {
            case .followUp(let id, _, _), .renewal(let id, _, _), .ending(let id, _): id
            }
        }
    }

    public static let horizonDays = 60

    /// `interactions` and `agreements` with their partnership's id, each list in the order they
    /// were recorded. Only the newest follow-up of a partnership counts (a later note replaces the
    /// earlier promise), and of its agreements only the newest of each kind is due for renewal (a
    /// renewed memorandum is recorded as a new memorandum; a letter of support beside it renews
    /// nothing). Earliest first.
    public static func due(
        partnerships: [(id: Int64, partnership: Partnership)], interactions: [(partnershipID: Int64, interaction: Interaction)],
        agreements: [(partnershipID: Int64, agreement: Agreement)] = [], today: LocalDate, days: Int = horizonDays
    ) -> [Item] {
        let open = Set(partnerships.filter { $0.partnership.status != .ended }.map(\.id))
        var newest: [Int64: Interaction] = [:]
        for (id, i) in interactions where open.contains(id) {
            if let seen = newest[id], seen.on > i.on { continue }
            newest[id] = i
        }
        var items: [Item] = newest.compactMap { id, i in
            guard let on = i.followUpOn, today.days(until: on) <= days else { return nil }
            return .followUp(partnershipID: id, on: on, note: i.note)
        }
        struct Key: Hashable {
            let partnershipID: Int64
            let kind: AgreementKind
        }
        var newestAgreement: [Key: Agreement] = [:]
        for (id, a) in agreements where open.contains(id) {
            let key = Key(partnershipID: id, kind: a.kind)
            if let seen = newestAgreement[key], seen.signedOn > a.signedOn { continue }
            newestAgreement[key] = a
        }
        for (key, a) in newestAgreement {
            if let on = a.renewOn, today.days(until: on) <= days {
                items.append(.renewal(partnershipID: key.partnershipID, on: on, title: a.title))
            }
        }
        for (id, p) in partnerships where p.status == .active || p.status == .paused {
            if let end = p.endsOn, today.days(until: end) <= days, end >= today { items.append(.ending(partnershipID: id, on: end)) }
        }
        return items.sorted { ($0.date, "\($0)") < ($1.date, "\($1)") }
    }
}

/// What partners bring to a design's budget, per partner, in money and in kind, and what is
/// left for the library to pay.
public struct PartnerFunding: Sendable, Equatable {
    public struct Share: Sendable, Equatable {
        public let partner: String
        public let cash: Money
        public let inKind: Money
        /// Volunteers' hours, whether or not anyone put a value on them.
        public let hours: FixedDecimal
    }

    public let shares: [Share]
    public let cash: Money
    public let inKind: Money
    public let hours: FixedDecimal
    /// The budget less the money partners gave (never below zero).
    public let leftForLibrary: Money

    /// All in `currency` (the budget's own); amounts in the other currency are converted at the fixed rate.
    public init(budget: Money, contributions: [(partner: String, contribution: Contribution)]) {
        let currency = budget.currency
        var byPartner: [String: (Money, Money, FixedDecimal)] = [:]
        var order: [String] = []
        for (partner, c) in contributions {
            if byPartner[partner] == nil {
                byPartner[partner] = (.zero(currency), .zero(currency), .zero)
                order.append(partner)
            }
            if let amount = c.amount {
                byPartner[partner]!.0 = byPartner[partner]!.0 + amount.converted(to: currency)
            } else if let value = c.estimatedValue {
                byPartner[partner]!.1 = byPartner[partner]!.1 + value.converted(to: currency)
            }
            if let hours = c.volunteerHours { byPartner[partner]!.2 = byPartner[partner]!.2 + hours }
        }
        shares = order.map { Share(partner: $0, cash: byPartner[$0]!.0, inKind: byPartner[$0]!.1, hours: byPartner[$0]!.2) }
        cash = shares.reduce(.zero(currency)) { $0 + $1.cash }
        inKind = shares.reduce(.zero(currency)) { $0 + $1.inKind }
        hours = shares.reduce(.zero) { $0 + $1.hours }
        leftForLibrary = Money(minorUnits: max(0, budget.minorUnits - cash.minorUnits), currency: currency)
    }
}

/// Who may see and change a partnership. It is the libraries' working record, with money and
/// notes of conversations: staff of its districts read it, its own libraries' staff and their
/// coordinators change it, administrators do both everywhere. A partner account reads the
/// partnerships of the partner it speaks for (`partnerID`, the partnership's partner), and no
/// other; visitors see none.
public enum PartnershipPolicy {
    /// Whose partnerships a person reads in lists: everyone's, a district's, or one partner's.
    public enum ReadScope: Sendable, Equatable {
        case all
        case district(String)
        case partner(Int64)

        /// As a store's filter: the district and the partner to keep (nil: any).
        public var filter: (district: String?, partnerID: Int64?) {
            switch self {
            case .all: (nil, nil)
            case .district(let code): (code, nil)
            case .partner(let id): (nil, id)
            }
        }
    }

    /// Nil for those who read none: visitors, staff without a district, partner accounts that
    /// speak for no partner.
    public static func readScope(_ actor: Actor?) -> ReadScope? {
        guard let actor else { return nil }
        switch actor.role {
        case .admin: return .all
        case .coordinator, .librarian: return actor.districtCode.map(ReadScope.district)
        case .partner: return actor.partnerID.map(ReadScope.partner)
        }
    }

    public static func mayRead(_ actor: Actor?, districts: Set<String>, partnerID: Int64? = nil) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .coordinator, .librarian: return actor.districtCode.map(districts.contains) ?? false
        case .partner: return actor.partnerID != nil && actor.partnerID == partnerID
        }
    }

    public static func mayEdit(_ actor: Actor?, libraries: Set<Int64>, districts: Set<String>) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .coordinator: return actor.districtCode.map(districts.contains) ?? false
        case .librarian: return actor.libraryID.map(libraries.contains) ?? false
        case .partner: return false
        }
    }

    /// Whether the actor may record partnerships at all (for the "new" button).
    public static func mayCreate(_ actor: Actor?) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .coordinator: return actor.districtCode != nil
        case .librarian: return actor.libraryID != nil
        case .partner: return false
        }
    }
}
