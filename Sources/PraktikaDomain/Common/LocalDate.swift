import Foundation

/// A calendar date without a time or time zone ("network member since 2010-03-01").
/// Stored and exchanged as ISO 8601 text so that SQLite and PostgreSQL hold the same value.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, WrittenFormat {
    public static let formatHint = TextKey.apiExpectedDate

    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts ISO `2012-05-17` and the Bulgarian `17.05.2012` (with or without a trailing `г.`).
    public init?(parsing text: String) {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("г.") { s = String(s.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        let iso = s.split(separator: "-", omittingEmptySubsequences: false)
        let dotted = s.split(separator: ".", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            self.init(year: y, month: m, day: d)
        } else if dotted.count == 3, dotted[2].count == 4, let d = Int(dotted[0]), let m = Int(dotted[1]),
            let y = Int(dotted[2])
        {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// In JSON only the ISO form the API documents, "2012-05-17" (forms and imports also take
    /// "17.05.2012 г." through `init(parsing:)`).
    public init(from decoder: any Decoder) throws {
        guard let text = try Self.sentText(decoder), Self.isISO(text),
            let date = LocalDate(parsing: text)
        else { throw Self.mismatch(decoder, "Expected a date as YYYY-MM-DD") }
        self = date
    }

    static func isISO(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { i, b in i == 4 || i == 7 ? b == UInt8(ascii: "-") : (0x30...0x39).contains(b) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension LocalDate {
    /// The calendar day of an instant in the given time zone (Bulgarian time by default).
    public init(_ instant: Date, in timeZone: TimeZone = Formatting.timeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self = LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
    }

    /// The instant this day reaches the given hour in the given time zone (Bulgarian time by default).
    public func instant(hour: Int, in timeZone: TimeZone = Formatting.timeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without a calendar object.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init?(dayNumber z: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> LocalDate? { LocalDate(dayNumber: dayNumber + days) }

    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 10) % 7 + 1 }
}
