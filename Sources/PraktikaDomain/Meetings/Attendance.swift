import Foundation

/// Where a registration stands: holding a place, waiting for one, or given up.
public enum RegistrationStatus: String, LabelledChoice {
    case confirmed, waiting, withdrawn

    public var label: TextKey {
        switch self {
        case .confirmed: .registrationConfirmed
        case .waiting: .registrationWaiting
        case .withdrawn: .registrationWithdrawn
        }
    }
}

/// The rules of a meeting's capacity: a place for each registration while there are places, the
/// waiting list in the order people registered, and the first waiting moving up as soon as a
/// place is free.
public enum Waitlist {
    /// A new registration's status, given how many places are taken.
    public static func statusForNew(confirmed: Int, capacity: Int?) -> RegistrationStatus {
        guard let capacity else { return .confirmed }
        return confirmed < capacity ? .confirmed : .waiting
    }

    /// The waiting registrations (in the order they registered) that now get a place.
    public static func promoted(waiting: [Int64], confirmed: Int, capacity: Int?) -> [Int64] {
        guard let capacity else { return waiting }
        let free = max(0, capacity - confirmed)
        return Array(waiting.prefix(free))
    }

    /// A waiting registration's place in the queue (1 = next), or nil if it is not waiting.
    public static func position(of id: Int64, waiting: [Int64]) -> Int? {
        waiting.firstIndex(of: id).map { $0 + 1 }
    }
}

/// The hours a certificate states: the length of the sessions a person attended. A person checked
/// in with no session recorded attended every session; sessions without both times count nothing.
public enum AttendanceHours {
    public static func minutes(_ agenda: Agenda, attended: Set<Int64>?) -> Int {
        var total = 0
        for session in agenda.sessions {
            if let attended, let id = session.id, !attended.contains(id) { continue }
            if let starts = session.starts, let ends = session.ends, ends > starts { total += ends.minutes - starts.minutes }
        }
        return total
    }

    /// "6 ч." / "6,5 ч." — half hours shown, the rest rounded down to them.
    public static func text(minutes: Int, _ l: Language) -> String {
        let halves = minutes / 30
        let whole = halves / 2
        let value = halves % 2 == 0 ? String(whole) : String(whole) + (l == .bg ? ",5" : ".5")
        return TextKey.certificateHoursValue(l, ["hours": value])
    }
}

/// Certificate serial numbers: the year, the meeting and eight characters that cannot be guessed,
/// from an alphabet without look-alikes (`2012-7-K3MX9QTA`).
public enum CertificateSerial {
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    public static func make(year: Int, meetingID: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let tail = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "\(year)-\(meetingID)-\(tail)"
    }

    /// Accepts what people type from paper: spaces around, lower case.
    public static func normalised(_ text: String) -> String? {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, Int(parts[0]) != nil, Int64(parts[1]) != nil, parts[2].count == 8,
            parts[2].allSatisfy({ alphabet.contains($0) })
        else { return nil }
        return s
    }
}

/// What a certificate of attendance says, and the public check of it.
public struct AttendanceCertificate: Sendable, Hashable {
    public var serial: String
    public var fullName: String
    public var organisation: String
    public var meetingTitle: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var place: String?
    public var minutes: Int
    public var organisers: [String]

    public init(
        serial: String, fullName: String, organisation: String, meetingTitle: String, startsOn: LocalDate, endsOn: LocalDate,
        place: String?, minutes: Int, organisers: [String]
    ) {
        self.serial = serial
        self.fullName = fullName
        self.organisation = organisation
        self.meetingTitle = meetingTitle
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.place = place
        self.minutes = minutes
        self.organisers = organisers
    }
}

/// The attendance of a held meeting, for its report: who came of those who had a place.
public struct AttendanceSummary: Sendable, Hashable {
    public var confirmed: Int
    public var present: Int
    public var waiting: Int
    public var withdrawn: Int

    public init(_ participants: [MeetingParticipant]) {
        confirmed = participants.filter { $0.status == .confirmed }.count
        present = participants.filter { $0.status == .confirmed && $0.checkedInAt != nil }.count
        waiting = participants.filter { $0.status == .waiting }.count
        withdrawn = participants.filter { $0.status == .withdrawn }.count
    }

    /// People with a place who were not checked in; counted only once check-in has begun.
    public var noShows: Int? { present == 0 ? nil : confirmed - present }
}
