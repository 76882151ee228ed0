import Foundation

/// The kinds of people a service is designed for. Kept as a maintained list so that practices
/// for the same people can be found together; the design adds a free description.
public enum TargetGroupCategory: String, LabelledChoice {
    case children, pupils
    case youngPeople = "young_people"
    case pensioners, unemployed
    case peopleWithDisabilities = "people_with_disabilities"
    case minorities, farmers, business
    case womenAtRisk = "women_at_risk"
    case localCommunity = "local_community"
    case other

    public var label: TextKey {
        switch self {
        case .children: .targetChildren
        case .pupils: .targetPupils
        case .youngPeople: .targetYoungPeople
        case .pensioners: .targetPensioners
        case .unemployed: .targetUnemployed
        case .peopleWithDisabilities: .targetPeopleWithDisabilities
        case .minorities: .targetMinorities
        case .farmers: .targetFarmers
        case .business: .targetBusiness
        case .womenAtRisk: .targetWomenAtRisk
        case .localCommunity: .targetLocalCommunity
        case .other: .targetOther
        }
    }

    /// Groups whose members could be harmed if a service for them were public: designs for
    /// them start private, and their pages never show personal data.
    public var isVulnerable: Bool { self == .womenAtRisk }
}

/// Where a design stands, from a first idea to a service whose results were measured.
public enum DesignStatus: String, LabelledChoice, Comparable {
    case idea, planned, running, completed, evaluated

    public var label: TextKey {
        switch self {
        case .idea: .statusIdea
        case .planned: .statusPlanned
        case .running: .statusRunning
        case .completed: .statusCompleted
        case .evaluated: .statusEvaluated
        }
    }

    var rank: Int { DesignStatus.allCases.firstIndex(of: self)! }

    /// Only a service that has run can be a good practice (and be found in the catalogue).
    public var mayBePublished: Bool { self >= .running }
    public static func < (a: DesignStatus, b: DesignStatus) -> Bool { a.rank < b.rank }
}

/// Who may read a design.
public enum DesignVisibility: String, LabelledChoice {
    /// Only the people of its own libraries (and administrators).
    case libraries
    /// Everyone signed in within the districts of its libraries.
    case district
    /// Everyone, including visitors who are not signed in.
    case `public`

    public var label: TextKey {
        switch self {
        case .libraries: .visibilityLibraries
        case .district: .visibilityDistrict
        case .public: .visibilityPublic
        }
    }
}

/// What makes the service innovative; a design names one or more.
public enum Innovation: String, LabelledChoice {
    case newService = "new_service"
    case newTargetGroup = "new_target_group"
    case newPartnership = "new_partnership"
    case newTechnology = "new_technology"

    public var label: TextKey {
        switch self {
        case .newService: .innovationNewService
        case .newTargetGroup: .innovationNewTargetGroup
        case .newPartnership: .innovationNewPartnership
        case .newTechnology: .innovationNewTechnology
        }
    }
}

/// Who pays for a budget line.
public enum FundingSource: String, LabelledChoice {
    case ownBudget = "own_budget"
    case municipality, partner, donation
    case projectGrant = "project_grant"
    /// Volunteer work valued in money, so that the real cost of a service shows.
    case volunteerWork = "volunteer_work"
    /// Not known yet: a design at the idea stage often lists costs before anyone pays them.
    case undecided

    public var label: TextKey {
        switch self {
        case .undecided: .fundingUndecided
        case .ownBudget: .fundingOwnBudget
        case .municipality: .fundingMunicipality
        case .partner: .fundingPartner
        case .donation: .fundingDonation
        case .projectGrant: .fundingProjectGrant
        case .volunteerWork: .fundingVolunteerWork
        }
    }
}

/// How the target group hears about the service.
public enum InformationChannel: String, LabelledChoice {
    case website
    case socialNetworks = "social_networks"
    case localMedia = "local_media"
    case postersAndLeaflets = "posters_and_leaflets"
    case events
    case partnerChannels = "partner_channels"
    case wordOfMouth = "word_of_mouth"

    public var label: TextKey {
        switch self {
        case .website: .channelWebsite
        case .socialNetworks: .channelSocialNetworks
        case .localMedia: .channelLocalMedia
        case .postersAndLeaflets: .channelPostersAndLeaflets
        case .events: .channelEvents
        case .partnerChannels: .channelPartnerChannels
        case .wordOfMouth: .channelWordOfMouth
        }
    }
}

/// What a library already has for a service.
public enum ExistingResource: String, LabelledChoice {
    case room
    case trainedStaff = "trained_staff"
    case programmeEquipment = "programme_equipment"
    case internet
    case collection

    public var label: TextKey {
        switch self {
        case .room: .resourceRoom
        case .trainedStaff: .resourceTrainedStaff
        case .programmeEquipment: .resourceProgrammeEquipment
        case .internet: .resourceInternet
        case .collection: .resourceCollection
        }
    }
}

/// The unit an indicator is counted in.
public enum IndicatorUnit: String, LabelledChoice {
    case people, percent, money, hours, events, other

    public var label: TextKey {
        switch self {
        case .people: .unitPeople
        case .percent: .unitPercent
        case .money: .unitMoney
        case .hours: .unitHours
        case .events: .unitEvents
        case .other: .unitOther
        }
    }
}
