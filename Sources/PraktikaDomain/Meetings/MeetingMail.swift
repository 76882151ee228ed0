import Foundation

/// The messages a meeting sends its participants, each in the participant's own language: the
/// confirmation (or the waiting-list notice), the news that a place has opened, the reminder
/// before the meeting, and the thanks afterwards with materials, feedback and certificate.
public enum MeetingMail {
    public enum Kind: String, Sendable, CaseIterable {
        case confirmation = "meeting_confirmation"
        case waiting = "meeting_waiting"
        case promoted = "meeting_promoted"
        case reminder = "meeting_reminder"
        case after = "meeting_after"
        case sessionPromoted = "meeting_session_promoted"

        public var label: TextKey {
            switch self {
            case .confirmation: .mailKindConfirmation
            case .waiting: .mailKindWaiting
            case .promoted: .mailKindPromoted
            case .reminder: .mailKindReminder
            case .after: .mailKindAfter
            case .sessionPromoted: .mailKindSessionPromoted
            }
        }
    }

    /// The addresses a message points to, absolute.
    public struct Links: Sendable, Hashable {
        public var personal: String
        public var programme: String
        public var feedback: [String]
        public var certificate: String?

        public init(personal: String, programme: String, feedback: [String] = [], certificate: String? = nil) {
            self.personal = personal
            self.programme = programme
            self.feedback = feedback
            self.certificate = certificate
        }
    }

    public static func message(
        _ kind: Kind, meeting: Meeting, agenda: Agenda, participant: MeetingParticipant, recipient: String, links: Links,
        waitingPosition: Int? = nil, calendar: String? = nil, session: AgendaSession? = nil
    ) -> MailMessage {
        let l = participant.language
        let f = Formatting(l)
        var values = [
            "name": participant.fullName, "title": meeting.title, "dates": when(meeting, l),
            "venue": [meeting.venue, meeting.place].compactMap { $0 }.joined(separator: ", "), "personal": links.personal,
            "programme": links.programme, "position": waitingPosition.map { f.integer($0) } ?? "",
            "days": f.integer(meeting.reminderDays),
        ]
        values["agenda"] = programme(agenda, l)
        if let session {
            values["session"] =
                session.title + " (" + f.date(session.day) + (session.starts.map { ", " + f.time($0) } ?? "") + ")"
        }
        values["feedback"] = links.feedback.isEmpty ? TextKey.mailNoFeedback(l) : links.feedback.joined(separator: "\n")
        values["certificate"] = links.certificate ?? TextKey.mailNoCertificate(l)
        let (subject, body): (TextKey, TextKey) =
            switch kind {
            case .confirmation: (.mailConfirmationSubject, .mailConfirmationBody)
            case .waiting: (.mailWaitingSubject, .mailWaitingBody)
            case .promoted: (.mailPromotedSubject, .mailPromotedBody)
            case .reminder: (.mailReminderSubject, .mailReminderBody)
            case .after: (.mailAfterSubject, .mailAfterBody)
            case .sessionPromoted: (.mailSessionPromotedSubject, .mailSessionPromotedBody)
            }
        let attach = kind == .confirmation || kind == .promoted || kind == .reminder
        return MailMessage(
            recipient: recipient, subject: subject(l, values), body: body(l, values), kind: kind.rawValue,
            attachment: attach
                ? calendar.map {
                    MailAttachment(filename: "programme.ics", contentType: "text/calendar; charset=UTF-8; method=PUBLISH", content: $0)
                }
                : nil)
    }

    /// "17–18 май 2012 г., от 10:00 ч."
    public static func when(_ meeting: Meeting, _ l: Language) -> String {
        let f = Formatting(l)
        var text = f.dateRange(meeting.startsOn, meeting.endsOn)
        if let starts = meeting.startsAt { text += ", " + TextKey.meetingFromTime(l, ["time": f.time(starts)]) }
        return text
    }

    /// The programme as plain text: each day, its sessions with their times, and their items.
    public static func programme(_ agenda: Agenda, _ l: Language) -> String {
        let f = Formatting(l)
        guard !agenda.sessions.isEmpty else { return TextKey.mailNoProgramme(l) }
        var lines: [String] = []
        for (day, sessions) in agenda.days {
            lines.append(f.date(day))
            for session in sessions {
                let times = [session.starts, session.ends].compactMap { $0?.description }.joined(separator: "–")
                lines.append("  " + (times.isEmpty ? "" : times + "  ") + session.title)
                for item in session.items {
                    var line = "    " + (item.starts.map { $0.description + "  " } ?? "") + item.title
                    if let speaker = item.speaker { line += " — " + speaker }
                    lines.append(line)
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
