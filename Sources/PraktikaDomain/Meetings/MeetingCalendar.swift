import Foundation

/// The programme as an iCalendar file (RFC 5545): one event per session, in Bulgarian time,
/// with the session's items in the description. A session without times becomes an all-day event.
public enum MeetingCalendar {
    public static func ics(
        meeting: Meeting, agenda: Agenda, uidPrefix: String, url: String?, language: Language, stamp: Date
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Praktika//Meetings//\(language.rawValue.uppercased())",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + text(meeting.title),
        ]
        lines += timeZone
        let dtstamp = utc(stamp)
        let location = text([meeting.venue, meeting.place].compactMap { $0 }.joined(separator: ", "))
        var index = 0
        for session in agenda.sessions {
            index += 1
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(uidPrefix)-session-\(session.id.map(String.init) ?? String(index))")
            lines.append("DTSTAMP:\(dtstamp)")
            if let starts = session.starts {
                lines.append("DTSTART;TZID=Europe/Sofia:\(local(session.day, starts))")
                let ends = session.ends ?? ClockTime(hour: min(23, starts.hour + 1), minute: starts.minute)!
                lines.append("DTEND;TZID=Europe/Sofia:\(local(session.day, ends))")
            } else {
                lines.append("DTSTART;VALUE=DATE:\(compact(session.day))")
                lines.append("DTEND;VALUE=DATE:\(compact(session.day.adding(days: 1) ?? session.day))")
            }
            lines.append("SUMMARY:" + text(session.title))
            lines.append("LOCATION:" + location)
            var description: [String] = [meeting.title]
            if let chair = session.chair { description.append(TextKey.agendaChair(language) + ": " + chair) }
            for item in session.items {
                var line = item.starts.map { "\($0) " } ?? ""
                line += item.title
                if let speaker = item.speaker { line += " — " + speaker }
                if let affiliation = item.affiliation { line += ", " + affiliation }
                description.append(line)
            }
            lines.append("DESCRIPTION:" + text(description.joined(separator: "\n")))
            if let url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/Sofia: EET, EEST from the last Sunday of March to the last Sunday of October.
    static let timeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Sofia",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST", "DTSTART:19970330T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET", "DTSTART:19971026T040000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
    public static func text(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence (RFC 5545 §3.1).
    public static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }

    static func compact(_ day: LocalDate) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    static func local(_ day: LocalDate, _ time: ClockTime) -> String {
        compact(day) + "T" + String(format: "%02d%02d00", time.hour, time.minute)
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
