import Foundation

/// Where a meeting is in its life: announced, taking registrations, held, written up.
public enum MeetingStatus: String, LabelledChoice {
    case planned, registration, held, reported

    public var label: TextKey {
        switch self {
        case .planned: .meetingStatusPlanned
        case .registration: .meetingStatusRegistration
        case .held: .meetingStatusHeld
        case .reported: .meetingStatusReported
        }
    }
}

/// A regional meeting: libraries of several districts meet, hear good practice and design
/// services together at mixed work tables.
public struct Meeting: Sendable, Hashable, Codable {
    public var title: String
    public var theme: String?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var venue: String
    /// The town, for the report's "в гр. Велинград".
    public var place: String?
    public var organiserLibraryIDs: [Int64]
    public var hostLibraryID: Int64?
    public var districtCodes: [String]
    public var status: MeetingStatus
    /// Meetings of one series are compared side by side ("Регионални срещи Глоб@лни библиотеки").
    public var series: String?
    /// How many people the meeting takes; registrations beyond it wait. Nil: no limit.
    public var capacity: Int?
    /// When the first day begins and the last ends, for the calendar and the messages.
    public var startsAt: ClockTime?
    public var endsAt: ClockTime?
    /// How many days before the meeting the reminder goes out (0: none).
    public var reminderDays: Int

    public static let defaultReminderDays = 2

    public init(
        title: String, theme: String? = nil, startsOn: LocalDate, endsOn: LocalDate, venue: String, place: String? = nil,
        organiserLibraryIDs: [Int64] = [], hostLibraryID: Int64? = nil, districtCodes: [String] = [],
        status: MeetingStatus = .planned, series: String? = nil, capacity: Int? = nil, startsAt: ClockTime? = nil,
        endsAt: ClockTime? = nil, reminderDays: Int = Meeting.defaultReminderDays
    ) {
        self.title = title
        self.theme = theme
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.venue = venue
        self.place = place
        self.organiserLibraryIDs = organiserLibraryIDs
        self.hostLibraryID = hostLibraryID
        self.districtCodes = districtCodes
        self.status = status
        self.series = series
        self.capacity = capacity
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.reminderDays = reminderDays
    }

    /// The meeting's days, first to last.
    public var days: [LocalDate] {
        var result: [LocalDate] = []
        var day = startsOn
        while day <= endsOn && result.count < Self.maxDays {
            result.append(day)
            guard let next = day.adding(days: 1) else { break }
            day = next
        }
        return result
    }

    public static let maxDays = 14

    /// Reads the meeting form; `districts` and `organisers` arrive as repeated values.
    public static func read(_ input: FormInput, districts: [String], organisers: [Int64]) -> (Meeting?, FieldErrors) {
        var reader = FormReader(input)
        let starts = reader.date("starts_on")
        let ends = reader.date("ends_on") ?? starts
        let status: MeetingStatus = reader.text("status") == nil ? .planned : reader.choice("status", default: .planned)
        let host = reader.identifier("host")
        let capacity = reader.integer("capacity")
        let reminderDays = reader.text("reminder_days") == nil ? defaultReminderDays : reader.integer("reminder_days")
        var times: [ClockTime?] = []
        for name in ["starts_at", "ends_at"] {
            guard let raw = reader.text(name) else {
                times.append(nil)
                continue
            }
            let time = ClockTime(parsing: raw)
            if time == nil { reader.addError(name, .validationTime) }
            times.append(time)
        }
        var errors = reader.errors
        var v = Validator()
        v.required("title", reader.text("title"))
        v.maxLength("title", reader.text("title"), 200)
        v.maxLength("theme", reader.text("theme"), 300)
        v.required("venue", reader.text("venue"))
        v.maxLength("venue", reader.text("venue"), 200)
        v.maxLength("place", reader.text("place"), 100)
        v.maxLength("series", reader.text("series"), 200)
        if starts == nil && errors["starts_on"] == nil { v.add("starts_on", .validationRequired) }
        if let starts, let ends {
            if ends < starts {
                v.add("ends_on", .validationEndBeforeStart)
            } else if starts.days(until: ends) >= maxDays {
                v.add("ends_on", .validationMeetingTooLong)
            }
        }
        if let s = times[0], let e = times[1], let starts, let ends, starts == ends, e <= s { v.add("ends_at", .validationEndBeforeStart) }
        if districts.isEmpty { v.add("districts", .validationRequired) }
        for code in districts { v.district("districts", code) }
        errors.merge(v.errors)
        if let capacity, capacity < 1 || capacity > 100_000 { errors.add("capacity", .validationBetween, ["min": "1", "max": "100000"]) }
        if let reminderDays, reminderDays < 0 || reminderDays > 60 {
            errors.add("reminder_days", .validationBetween, ["min": "0", "max": "60"])
        }
        guard errors.isEmpty, let starts, let ends else { return (nil, errors) }
        var unique: [String] = []
        for code in districts where !unique.contains(code) { unique.append(code) }
        var libraries: [Int64] = []
        for id in organisers where !libraries.contains(id) { libraries.append(id) }
        return (
            Meeting(
                title: reader.text("title")!, theme: reader.text("theme"), startsOn: starts, endsOn: ends,
                venue: reader.text("venue")!, place: reader.text("place"), organiserLibraryIDs: libraries, hostLibraryID: host,
                districtCodes: unique, status: status, series: reader.text("series"), capacity: capacity, startsAt: times[0],
                endsAt: times[1],
                reminderDays: reminderDays ?? defaultReminderDays),
            errors
        )
    }

    /// The form values that show this meeting again (repeated fields apart).
    public var input: FormInput {
        var input: FormInput = [
            "title": title, "theme": theme ?? "", "starts_on": startsOn.iso, "ends_on": endsOn.iso, "venue": venue,
            "place": place ?? "", "status": status.rawValue, "series": series ?? "", "capacity": capacity.map(String.init) ?? "",
            "starts_at": startsAt?.description ?? "", "ends_at": endsAt?.description ?? "", "reminder_days": String(reminderDays),
        ]
        if let hostLibraryID { input["host"] = String(hostLibraryID) }
        return input
    }
}

/// Who organises a meeting: what permissions on it depend on.
public struct MeetingScope: Sendable, Hashable {
    public var districtCodes: Set<String>
    public var organiserLibraryIDs: Set<Int64>

    public init(districtCodes: Set<String>, organiserLibraryIDs: Set<Int64>) {
        self.districtCodes = districtCodes
        self.organiserLibraryIDs = organiserLibraryIDs
    }

    public init(_ meeting: Meeting) {
        self.init(districtCodes: Set(meeting.districtCodes), organiserLibraryIDs: Set(meeting.organiserLibraryIDs))
    }
}

/// Permissions on meetings. The programme is public; participants are personal data.
///
/// | role        | programme, tables, report | participants, seating, feedback results | organise (edit, import, seat) |
/// |-------------|---------------------------|-----------------------------------------|-------------------------------|
/// | anonymous   | yes                       | —                                       | —                             |
/// | partner     | yes                       | —                                       | —                             |
/// | librarian   | yes                       | meetings their library organises        | same                          |
/// | coordinator | yes                       | meetings that bring in their district   | same                          |
/// | admin       | yes                       | all                                     | all                           |
extension Policy {
    public static func mayOrganise(_ actor: Actor?, meeting scope: MeetingScope) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .partner: return false
        case .coordinator: return actor.districtCode.map { scope.districtCodes.contains($0) } ?? false
        case .librarian: return actor.libraryID.map { scope.organiserLibraryIDs.contains($0) } ?? false
        }
    }

    /// Whether the actor may create meetings at all, and so be offered the button.
    public static func mayCreateMeetings(_ actor: Actor?) -> Bool { mayCreateDesigns(actor) }

    /// A new meeting must be one its creator may then organise.
    public static func mayCreate(_ actor: Actor?, meeting: Meeting) -> Bool {
        mayOrganise(actor, meeting: MeetingScope(meeting))
    }
}
