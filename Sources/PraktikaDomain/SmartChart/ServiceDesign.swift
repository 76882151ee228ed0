import Foundation

/// A service designed with the smart chart (умната диаграма): who it is for, what they need,
/// what the library offers, with which partners and money, how people hear of it, the steps,
/// and the effect it should have. The record stays one value so that a revision is a snapshot.
public struct ServiceDesign: Sendable, Hashable, Codable {
    public var title: String
    public var summary: String?
    /// The libraries it belongs to; at least one.
    public var libraryIDs: [Int64]
    public var status: DesignStatus
    public var visibility: DesignVisibility
    public var innovations: [Innovation]

    public var targetGroup: TargetGroup
    public var needs: String?
    /// What the service is (the chart's "identification of the service").
    public var service: String?
    public var goal: String?

    public var resources: Resources
    public var budget: [BudgetLine]
    public var partners: [DesignPartner]
    public var channels: [InformationChannel]
    public var channelNotes: String?
    public var activities: [Activity]

    /// What the service should achieve, in words ("Резултати" in the chart).
    public var expectedResults: String?
    public var socialEffect: String?
    public var economicEffect: String?
    public var indicators: [Indicator]

    /// Set when the design is published as a good practice.
    public var practice: PracticeStory?
    /// The design this one was adopted from, if it is a library's copy of someone's practice.
    public var adoptedFrom: Int64?
    /// Set when the design records a presentation of good practice at a meeting: a service a
    /// library ran before it came here, not one designed with the chart (see `DesignValidation`).
    public var presentedAt: PresentedAt?

    public init(
        title: String, summary: String? = nil, libraryIDs: [Int64], status: DesignStatus = .idea,
        visibility: DesignVisibility? = nil, innovations: [Innovation] = [], targetGroup: TargetGroup,
        needs: String? = nil, service: String? = nil, goal: String? = nil, resources: Resources = Resources(),
        budget: [BudgetLine] = [], partners: [DesignPartner] = [], channels: [InformationChannel] = [],
        channelNotes: String? = nil, activities: [Activity] = [], expectedResults: String? = nil, socialEffect: String? = nil,
        economicEffect: String? = nil, indicators: [Indicator] = []
    ) {
        self.title = title
        self.summary = summary
        self.libraryIDs = libraryIDs
        self.status = status
        self.visibility = visibility ?? ServiceDesign.defaultVisibility(for: targetGroup.category)
        self.innovations = innovations.canonical
        self.targetGroup = targetGroup
        self.needs = needs
        self.service = service
        self.goal = goal
        self.resources = resources
        self.budget = budget
        self.partners = partners
        self.channels = channels.canonical
        self.channelNotes = channelNotes
        self.activities = activities
        self.expectedResults = expectedResults
        self.socialEffect = socialEffect
        self.economicEffect = economicEffect
        self.indicators = indicators
    }

    /// Services for vulnerable people start private to their libraries; the rest start public.
    public static func defaultVisibility(for category: TargetGroupCategory) -> DesignVisibility {
        category.isVulnerable ? .libraries : .public
    }

    public var totals: BudgetTotals { BudgetTotals(budget) }

    enum CodingKeys: String, CodingKey {
        case title, summary
        case libraryIDs = "library_ids"
        case status, visibility, innovations
        case targetGroup = "target_group"
        case needs, service, goal, resources, budget, partners, channels
        case channelNotes = "channel_notes"
        case activities
        case expectedResults = "expected_results"
        case socialEffect = "social_effect"
        case economicEffect = "economic_effect"
        case indicators, practice
        case adoptedFrom = "adopted_from"
        case presentedAt = "presented_at"
    }
}

public struct TargetGroup: Sendable, Hashable, Codable {
    public var category: TargetGroupCategory
    public var description: String?
    /// How many people the service expects to reach.
    public var expectedReach: Int?

    public init(category: TargetGroupCategory, description: String? = nil, expectedReach: Int? = nil) {
        self.category = category
        self.description = description
        self.expectedReach = expectedReach
    }

    enum CodingKeys: String, CodingKey {
        case category, description
        case expectedReach = "expected_reach"
    }
}

public struct Resources: Sendable, Hashable, Codable {
    public var existing: [ExistingResource]
    /// What the library has, in its own words.
    public var existingNotes: String?
    /// What it still needs.
    public var needed: String?

    public init(existing: [ExistingResource] = [], existingNotes: String? = nil, needed: String? = nil) {
        self.existing = existing.canonical
        self.existingNotes = existingNotes
        self.needed = needed
    }

    enum CodingKeys: String, CodingKey {
        case existing
        case existingNotes = "existing_notes"
        case needed
    }
}

/// One line of the budget: quantity × unit cost, in its own currency, paid from one source.
public struct BudgetLine: Sendable, Hashable, Codable {
    public var item: String
    public var quantity: FixedDecimal
    public var unitCost: Money
    public var source: FundingSource

    public init(item: String, quantity: FixedDecimal = .one, unitCost: Money, source: FundingSource) {
        self.item = item
        self.quantity = quantity
        self.unitCost = unitCost
        self.source = source
    }

    public var currency: Currency { unitCost.currency }

    /// Quantity × unit cost, rounded to the cent; nil only for amounts too large to hold,
    /// which validation refuses.
    public var amount: Money? { quantity.times(unitCost) }

    enum CodingKeys: String, CodingKey {
        case item, quantity
        case unitCost = "unit_cost"
        case source
    }
}

/// A partner of the service: an organisation from the registry, or, for a design written at a
/// meeting, a kind of partner named in words ("училища", "местни медии").
public struct DesignPartner: Sendable, Hashable, Codable {
    public var partnerID: Int64?
    public var name: String
    public var kind: PartnerKind?
    /// What the partner does in this service.
    public var role: String?
    /// Asked for on the form: record this partner in the registry when the design is saved.
    /// Not stored: once recorded, `partnerID` links it.
    public var addToRegistry: Bool

    public init(partnerID: Int64? = nil, name: String, kind: PartnerKind? = nil, role: String? = nil, addToRegistry: Bool = false) {
        self.partnerID = partnerID
        self.name = name
        self.kind = kind
        self.role = role
        self.addToRegistry = addToRegistry
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        partnerID = try c.decodeIfPresent(Int64.self, forKey: .partnerID)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decodeIfPresent(PartnerKind.self, forKey: .kind)
        role = try c.decodeIfPresent(String.self, forKey: .role)
        addToRegistry = false
    }

    enum CodingKeys: String, CodingKey {
        case partnerID = "partner_id"
        case name, kind, role
    }
}

/// One step of the plan.
public struct Activity: Sendable, Hashable, Codable {
    public var title: String
    public var start: LocalDate?
    public var end: LocalDate?
    public var responsible: String?
    /// The name of the design's partner who takes part, if any.
    public var partner: String?

    public init(title: String, start: LocalDate? = nil, end: LocalDate? = nil, responsible: String? = nil, partner: String? = nil) {
        self.title = title
        self.start = start
        self.end = end
        self.responsible = responsible
        self.partner = partner
    }
}

/// A measurable effect: where it starts, where it should get to in a period, where it got.
public struct Indicator: Sendable, Hashable, Codable {
    public var name: String
    public var unit: IndicatorUnit
    public var baseline: FixedDecimal?
    public var target: FixedDecimal?
    public var period: String?
    public var actual: FixedDecimal?

    public init(
        name: String, unit: IndicatorUnit, baseline: FixedDecimal? = nil, target: FixedDecimal? = nil,
        period: String? = nil, actual: FixedDecimal? = nil
    ) {
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.period = period
        self.actual = actual
    }
}

extension Array where Element: LabelledChoice {
    /// Each choice once, in the catalogue's order: a set of choices has one spelling.
    public var canonical: [Element] {
        Element.allCases.filter { contains($0) }
    }
}

/// What a library tells others when it publishes a design as a good practice.
public struct PracticeStory: Sendable, Hashable, Codable {
    public var whatWorked: String
    public var whatDidNot: String?
    public var publishedOn: LocalDate

    public init(whatWorked: String, whatDidNot: String? = nil, publishedOn: LocalDate) {
        self.whatWorked = whatWorked
        self.whatDidNot = whatDidNot
        self.publishedOn = publishedOn
    }

    enum CodingKeys: String, CodingKey {
        case whatWorked = "what_worked"
        case whatDidNot = "what_did_not"
        case publishedOn = "published_on"
    }
}

/// Where and by whom a practice recorded from a meeting's programme was presented.
public struct PresentedAt: Sendable, Hashable, Codable {
    public var meetingTitle: String
    public var day: LocalDate?
    public var speaker: String?

    public init(meetingTitle: String, day: LocalDate?, speaker: String?) {
        self.meetingTitle = meetingTitle
        self.day = day
        self.speaker = speaker
    }

    enum CodingKeys: String, CodingKey {
        case meetingTitle = "meeting_title"
        case day, speaker
    }
}

extension ServiceDesign {
    /// Only a service that has run can be a good practice.
    public var mayBePublished: Bool { status.mayBePublished }

    /// Checks a publication: the stage, and the story of what worked.
    public static func validatePublication(_ d: ServiceDesign, whatWorked: String?, whatDidNot: String?) -> FieldErrors {
        var v = Validator()
        if !d.mayBePublished { v.add("what_worked", .validationPublishNeedsRunning) }
        v.required("what_worked", whatWorked)
        v.maxLength("what_worked", whatWorked, DesignValidation.maxText)
        v.maxLength("what_did_not", whatDidNot, DesignValidation.maxText)
        return v.errors
    }

    /// A library's own draft made from this practice: the same chart, back at the idea stage,
    /// for the adopting library, without the results and story that belong to the original.
    public func adopted(from id: Int64, by libraryID: Int64) -> ServiceDesign {
        var copy = self
        copy.libraryIDs = [libraryID]
        copy.status = .idea
        copy.visibility = ServiceDesign.defaultVisibility(for: targetGroup.category)
        copy.practice = nil
        copy.presentedAt = nil
        copy.adoptedFrom = id
        // The copy starts as the adopter's own: the original's summary speaks of the original
        // library ("Представена от …"), and its dates were that library's plan. The lineage stays
        // in `adoptedFrom`.
        copy.summary = nil
        copy.activities = activities.map {
            var a = $0
            a.start = nil
            a.end = nil
            return a
        }
        copy.indicators = indicators.map {
            var i = $0
            i.actual = nil
            return i
        }
        copy.partners = partners.map { DesignPartner(name: $0.name, kind: $0.kind, role: $0.role) }
        return copy
    }
}
