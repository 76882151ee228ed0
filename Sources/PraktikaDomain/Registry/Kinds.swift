import Foundation

/// A closed list whose values are stored by their raw value and shown through the catalogue.
public protocol LabelledChoice: RawRepresentable, CaseIterable, Sendable, Codable, Hashable
where RawValue == String {
    var label: TextKey { get }
}

public enum LibraryKind: String, LabelledChoice {
    case regional, municipal, chitalishte, school, other

    public var label: TextKey {
        switch self {
        case .regional: .libraryKindRegional
        case .municipal: .libraryKindMunicipal
        case .chitalishte: .libraryKindChitalishte
        case .school: .libraryKindSchool
        case .other: .libraryKindOther
        }
    }
}

public enum PartnerKind: String, LabelledChoice {
    case localAuthority = "local_authority"
    case school, ngo, museum
    case labourOffice = "labour_office"
    case agricultureOffice = "agriculture_office"
    case pensionersClub = "pensioners_club"
    case youthCentre = "youth_centre"
    case media, business, church
    case healthService = "health_service"
    case volunteerOrganisation = "volunteer_organisation"
    case other

    public var label: TextKey {
        switch self {
        case .localAuthority: .partnerKindLocalAuthority
        case .school: .partnerKindSchool
        case .ngo: .partnerKindNGO
        case .museum: .partnerKindMuseum
        case .labourOffice: .partnerKindLabourOffice
        case .agricultureOffice: .partnerKindAgricultureOffice
        case .pensionersClub: .partnerKindPensionersClub
        case .youthCentre: .partnerKindYouthCentre
        case .media: .partnerKindMedia
        case .business: .partnerKindBusiness
        case .church: .partnerKindChurch
        case .healthService: .partnerKindHealthService
        case .volunteerOrganisation: .partnerKindVolunteerOrganisation
        case .other: .partnerKindOther
        }
    }
}

/// The part a person plays in the library network (not their account's permissions).
public enum NetworkRole: String, LabelledChoice {
    case librarian
    case chitalishteSecretary = "chitalishte_secretary"
    case municipalOfficial = "municipal_official"
    case ngo, business
    case culturalInstitute = "cultural_institute"
    case programmeStaff = "programme_staff"
    case volunteer, other

    public var label: TextKey {
        switch self {
        case .librarian: .roleLibrarian
        case .chitalishteSecretary: .roleChitalishteSecretary
        case .municipalOfficial: .roleMunicipalOfficial
        case .ngo: .roleNGO
        case .business: .roleBusiness
        case .culturalInstitute: .roleCulturalInstitute
        case .programmeStaff: .roleProgrammeStaff
        case .volunteer: .roleVolunteer
        case .other: .roleOther
        }
    }
}

public enum SettlementKind: String, LabelledChoice {
    case town, village

    public var label: TextKey { self == .town ? .settlementKindTown : .settlementKindVillage }
}
