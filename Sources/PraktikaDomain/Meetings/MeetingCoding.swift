import Foundation

// The JSON of meetings, as the API and the database documents use it: snake_case like the rest
// of the API, and lenient where a field has an obvious default (a new participant has no table).

extension Meeting {
    enum CodingKeys: String, CodingKey {
        case title, theme, venue, place, status, series, capacity
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case reminderDays = "reminder_days"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case organiserLibraryIDs = "organiser_library_ids"
        case hostLibraryID = "host_library_id"
        case districtCodes = "district_codes"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            title: try c.decode(String.self, forKey: .title), theme: try c.decodeIfPresent(String.self, forKey: .theme),
            startsOn: try c.decode(LocalDate.self, forKey: .startsOn),
            endsOn: try c.decodeIfPresent(LocalDate.self, forKey: .endsOn) ?? c.decode(LocalDate.self, forKey: .startsOn),
            venue: try c.decode(String.self, forKey: .venue), place: try c.decodeIfPresent(String.self, forKey: .place),
            organiserLibraryIDs: try c.decodeGiven([Int64].self, forKey: .organiserLibraryIDs) ?? [],
            hostLibraryID: try c.decodeIfPresent(Int64.self, forKey: .hostLibraryID),
            districtCodes: try c.decodeGiven([String].self, forKey: .districtCodes) ?? [],
            status: try c.decodeGiven(MeetingStatus.self, forKey: .status) ?? .planned,
            series: try c.decodeIfPresent(String.self, forKey: .series), capacity: try c.decodeIfPresent(Int.self, forKey: .capacity),
            startsAt: try c.decodeIfPresent(ClockTime.self, forKey: .startsAt),
            endsAt: try c.decodeIfPresent(ClockTime.self, forKey: .endsAt),
            reminderDays: try c.decodeGiven(Int.self, forKey: .reminderDays) ?? Meeting.defaultReminderDays)
    }
}

extension AgendaSession {
    enum CodingKeys: String, CodingKey {
        case id, day, starts, ends, title, chair, items, capacity
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id), day: try c.decode(LocalDate.self, forKey: .day),
            starts: try c.decodeIfPresent(ClockTime.self, forKey: .starts), ends: try c.decodeIfPresent(ClockTime.self, forKey: .ends),
            title: try c.decode(String.self, forKey: .title), chair: try c.decodeIfPresent(String.self, forKey: .chair),
            items: try c.decodeGiven([AgendaItem].self, forKey: .items) ?? [],
            capacity: try c.decodeIfPresent(Int.self, forKey: .capacity))
    }
}

extension AgendaItem {
    enum CodingKeys: String, CodingKey {
        case id, kind, starts, ends, title, speaker, affiliation, summary
        case practiceDesignID = "practice_design_id"
    }
}

extension MeetingParticipant {
    enum CodingKeys: String, CodingKey {
        case id, role, organisation, email, needs, wants, pinned, placeholder, source, status, language
        case fullName = "full_name"
        case libraryID = "library_id"
        case partnerID = "partner_id"
        case districtCode = "district_code"
        case consentListed = "consent_listed"
        case consentPhoto = "consent_photo"
        case tableID = "table_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id), fullName: try c.decode(String.self, forKey: .fullName),
            role: try c.decodeGiven(NetworkRole.self, forKey: .role) ?? .other,
            organisation: try c.decode(String.self, forKey: .organisation),
            libraryID: try c.decodeIfPresent(Int64.self, forKey: .libraryID),
            partnerID: try c.decodeIfPresent(Int64.self, forKey: .partnerID),
            districtCode: try c.decodeIfPresent(String.self, forKey: .districtCode),
            email: try c.decodeIfPresent(String.self, forKey: .email),
            consentListed: try c.decodeGiven(Bool.self, forKey: .consentListed) ?? false,
            consentPhoto: try c.decodeGiven(Bool.self, forKey: .consentPhoto) ?? false,
            needs: try c.decodeIfPresent(String.self, forKey: .needs),
            wants: try c.decodeGiven([Int64].self, forKey: .wants) ?? [], tableID: try c.decodeIfPresent(Int64.self, forKey: .tableID),
            pinned: try c.decodeGiven(Bool.self, forKey: .pinned) ?? false,
            placeholder: try c.decodeGiven(Bool.self, forKey: .placeholder) ?? false,
            source: try c.decodeGiven(RegistrationSource.self, forKey: .source) ?? .organiser,
            status: try c.decodeGiven(RegistrationStatus.self, forKey: .status) ?? .confirmed,
            language: try c.decodeGiven(Language.self, forKey: .language) ?? .bg)
    }
}

extension WorkTable {
    enum CodingKeys: String, CodingKey {
        case id, number, category, capacity
        case targetGroup = "target_group"
        case designID = "design_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeGiven(Int64.self, forKey: .id) ?? 0, number: try c.decode(Int.self, forKey: .number),
            targetGroup: try c.decode(String.self, forKey: .targetGroup),
            category: try c.decodeGiven(TargetGroupCategory.self, forKey: .category) ?? .other,
            capacity: try c.decodeIfPresent(Int.self, forKey: .capacity), designID: try c.decodeIfPresent(Int64.self, forKey: .designID))
    }
}

extension FeedbackQuestion {
    enum CodingKeys: String, CodingKey {
        case id, kind, prompt, options, required
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), kind: try c.decode(FeedbackQuestionKind.self, forKey: .kind),
            prompt: try c.decode(String.self, forKey: .prompt), options: try c.decodeGiven([String].self, forKey: .options) ?? [],
            required: try c.decodeGiven(Bool.self, forKey: .required) ?? false)
    }
}
