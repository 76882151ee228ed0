/// The label of each registry field name, wherever a field is named to a person: in forms,
/// in error summaries and in the audit log's list of changes. Field names mean the same thing
/// in every kind of record.
public enum FieldLabel {
    public static func of(_ field: String) -> TextKey? { labels[field] }

    static let labels: [String: TextKey] = [
        "name": .fieldName, "full_name": .fieldFullName, "kind": .fieldKind, "district_code": .fieldDistrict,
        "municipality_id": .fieldMunicipality, "settlement_id": .fieldSettlement, "library_id": .fieldLibrary,
        "partner_id": .fieldPartnerOrganisation, "population": .fieldPopulation, "chitalishte_name": .fieldChitalishteName,
        "network_member_since": .fieldNetworkMemberSince, "address": .fieldAddress, "email": .fieldEmail,
        "phone": .fieldPhone, "website": .fieldWebsite, "notes": .fieldNotes, "network_role": .fieldNetworkRole,
        "position": .fieldPosition, "organisation": .fieldOrganisation, "consent": .fieldConsent,
        "contact_person": .fieldContactPerson,
        // A partnership's fields, as its history names them.
        "libraries": .libraries, "designs": .fieldPartnershipDesign, "roles": .fieldPartnershipRoles,
        "status": .partnershipStatusLabel, "starts_on": .fieldStart, "ends_on": .fieldEnd, "library_contact": .fieldLibraryContact,
        "partner_contact": .fieldPartnerContact, "contribution": .partnershipContributions, "interaction": .partnershipInteractions,
        "agreement": .partnershipAgreements,
    ]
}
