import Foundation

/// A time of day on the meeting's clock (Bulgarian time), minutes since midnight.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, WrittenFormat {
    public static let formatHint = TextKey.apiExpectedTime

    public let minutes: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// Accepts `9:30`, `09:30`, `9.30` and `9,30`, with or without a trailing `ч.`.
    public init?(parsing text: String) {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("ч.") { s = String(s.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        let parts = s.split(whereSeparator: { $0 == ":" || $0 == "." || $0 == "," }).map(String.init)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2, let h = Int(parts[0]),
            let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }
    public var description: String { String(format: "%02d:%02d", hour, minute) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    public init(from decoder: any Decoder) throws {
        // In JSON only the form the API documents, "9:30" or "09:30".
        guard let text = try Self.sentText(decoder), text.contains(":"), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }),
            let time = ClockTime(parsing: text)
        else {
            throw Self.mismatch(decoder, "Expected HH:MM")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

public enum AgendaItemKind: String, LabelledChoice {
    case welcome, presentation, discussion
    case groupWork = "group_work"
    case `break`

    public var label: TextKey {
        switch self {
        case .welcome: .agendaKindWelcome
        case .presentation: .agendaKindPresentation
        case .discussion: .agendaKindDiscussion
        case .groupWork: .agendaKindGroupWork
        case .break: .agendaKindBreak
        }
    }
}

/// A session of the programme: on one day, with a title, times and a chair.
public struct AgendaSession: Sendable, Hashable, Codable {
    public var id: Int64?
    public var day: LocalDate
    public var starts: ClockTime?
    public var ends: ClockTime?
    public var title: String
    public var chair: String?
    public var items: [AgendaItem]
    /// Places in a session people sign up for (a workshop); nil for a session everyone attends.
    public var capacity: Int?

    public init(
        id: Int64? = nil, day: LocalDate, starts: ClockTime? = nil, ends: ClockTime? = nil, title: String, chair: String? = nil,
        items: [AgendaItem] = [], capacity: Int? = nil
    ) {
        self.id = id
        self.day = day
        self.starts = starts
        self.ends = ends
        self.title = title
        self.chair = chair
        self.items = items
        self.capacity = capacity
    }

    public static func read(_ input: FormInput, days: [LocalDate]) -> (AgendaSession?, FieldErrors) {
        var reader = FormReader(input)
        let day = reader.date("day")
        let capacity = reader.integer("capacity")
        let (starts, ends) = readTimes(&reader)
        var v = Validator()
        v.required("title", reader.text("title"))
        v.maxLength("title", reader.text("title"), 300)
        v.maxLength("chair", reader.text("chair"), 200)
        if day == nil && reader.errors["day"] == nil { v.add("day", .validationRequired) }
        if let day, !days.contains(day) { v.add("day", .validationNotMeetingDay) }
        var errors = reader.errors
        errors.merge(v.errors)
        if let capacity, capacity < 1 || capacity > 100_000 { errors.add("capacity", .validationBetween, ["min": "1", "max": "100000"]) }
        guard errors.isEmpty, let day else { return (nil, errors) }
        return (
            AgendaSession(
                day: day, starts: starts, ends: ends, title: reader.text("title")!, chair: reader.text("chair"), capacity: capacity),
            errors
        )
    }

    public var input: FormInput {
        [
            "day": day.iso, "starts": starts?.description ?? "", "ends": ends?.description ?? "", "title": title, "chair": chair ?? "",
            "capacity": capacity.map(String.init) ?? "",
        ]
    }

    /// Reads `starts` and `ends`; an end before the start is an error at the end.
    static func readTimes(_ reader: inout FormReader) -> (ClockTime?, ClockTime?) {
        var times: [ClockTime?] = []
        for name in ["starts", "ends"] {
            guard let raw = reader.text(name) else {
                times.append(nil)
                continue
            }
            guard let time = ClockTime(parsing: raw) else {
                reader.addError(name, .validationTime)
                times.append(nil)
                continue
            }
            times.append(time)
        }
        if let s = times[0], let e = times[1], e < s { reader.addError("ends", .validationEndBeforeStart) }
        return (times[0], times[1])
    }
}

/// One thing on the programme: a welcome, a presentation with its speaker, a discussion, group work, a break.
public struct AgendaItem: Sendable, Hashable, Codable {
    public var id: Int64?
    public var kind: AgendaItemKind
    public var starts: ClockTime?
    public var ends: ClockTime?
    public var title: String
    public var speaker: String?
    public var affiliation: String?
    public var summary: String?
    /// The design this presentation was recorded as, when it is a good practice.
    public var practiceDesignID: Int64?

    public init(
        id: Int64? = nil, kind: AgendaItemKind, starts: ClockTime? = nil, ends: ClockTime? = nil, title: String,
        speaker: String? = nil, affiliation: String? = nil, summary: String? = nil, practiceDesignID: Int64? = nil
    ) {
        self.id = id
        self.kind = kind
        self.starts = starts
        self.ends = ends
        self.title = title
        self.speaker = speaker
        self.affiliation = affiliation
        self.summary = summary
        self.practiceDesignID = practiceDesignID
    }

    /// The design a presentation of good practice is recorded as: its title, what the programme
    /// says of it and who presented it at which meeting on which day, for the given libraries.
    /// The rest of the chart the library fills in as far as it knows it, then publishes it.
    public func practiceDraft(libraryIDs: [Int64], meetingTitle: String, day: LocalDate?, _ language: Language) -> ServiceDesign {
        var design = ServiceDesign(title: title, libraryIDs: libraryIDs, targetGroup: TargetGroup(category: .other))
        design.presentedAt = PresentedAt(meetingTitle: meetingTitle, day: day, speaker: speaker)
        let presented = TextKey.presentationSummary(
            language, ["speaker": [speaker, affiliation].compactMap { $0 }.joined(separator: ", "), "title": meetingTitle])
        design.summary = [summary, presented].compactMap { $0 }.joined(separator: "\n\n")
        return design
    }

    public static func read(_ input: FormInput) -> (AgendaItem?, FieldErrors) {
        var reader = FormReader(input)
        let kind: AgendaItemKind = reader.choice("kind", default: .presentation)
        let (starts, ends) = AgendaSession.readTimes(&reader)
        var v = Validator()
        v.required("title", reader.text("title"))
        v.maxLength("title", reader.text("title"), 300)
        v.maxLength("speaker", reader.text("speaker"), 200)
        v.maxLength("affiliation", reader.text("affiliation"), 300)
        v.maxLength("summary", reader.text("summary"), 4000)
        if kind == .presentation { v.required("speaker", reader.text("speaker")) }
        var errors = reader.errors
        errors.merge(v.errors)
        guard errors.isEmpty else { return (nil, errors) }
        return (
            AgendaItem(
                kind: kind, starts: starts, ends: ends, title: reader.text("title")!, speaker: reader.text("speaker"),
                affiliation: reader.text("affiliation"), summary: reader.text("summary")),
            errors
        )
    }

    public var input: FormInput {
        [
            "kind": kind.rawValue, "starts": starts?.description ?? "", "ends": ends?.description ?? "", "title": title,
            "speaker": speaker ?? "", "affiliation": affiliation ?? "", "summary": summary ?? "",
        ]
    }
}

/// The programme, grouped by day in time order.
public struct Agenda: Sendable, Hashable {
    public var sessions: [AgendaSession]

    public init(sessions: [AgendaSession]) {
        self.sessions = sessions.sorted {
            ($0.day, $0.starts?.minutes ?? 0, $0.id ?? 0) < ($1.day, $1.starts?.minutes ?? 0, $1.id ?? 0)
        }
    }

    public var days: [(day: LocalDate, sessions: [AgendaSession])] {
        var result: [(LocalDate, [AgendaSession])] = []
        for session in sessions {
            if let last = result.indices.last, result[last].0 == session.day {
                result[last].1.append(session)
            } else {
                result.append((session.day, [session]))
            }
        }
        return result
    }
}
