import Foundation

/// Dates, numbers and money written the way readers of each language expect:
/// Bulgarian `17.05.2012 г.`, `2 950,00 лв.`; English `17 May 2012`, `BGN 2,950.00`.
public struct Formatting: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The network works in Bulgarian time, whatever the server's own zone.
    public static let timeZone = TimeZone(identifier: "Europe/Sofia") ?? TimeZone(secondsFromGMT: 7200)!

    public func date(_ date: LocalDate) -> String {
        switch language {
        case .bg: return "\(Self.padded(date.day, 2)).\(Self.padded(date.month, 2)).\(Self.padded(date.year, 4)) г."
        case .en: return "\(date.day) \(Formatting.englishMonths[date.month - 1]) \(date.year)"
        }
    }

    /// The Gregorian calendar in `timeZone`, made once: a list page writes a date on every row.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    public func dateTime(_ instant: Date) -> String {
        let c = Formatting.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let day = LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
        let time = "\(Self.padded(c.hour ?? 0, 2)):\(Self.padded(c.minute ?? 0, 2))"
        return "\(date(day)), \(time)"
    }

    /// A non-negative number with leading zeros up to `width` digits (`%0*d` without Foundation's
    /// formatter, which costs more than the rest of a list row's formatting).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Whole numbers with grouped thousands: `2 950` / `2,950`.
    public func integer(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        let grouped = groups.joined(separator: language == .bg ? " " : ",")
        return value < 0 ? "-" + grouped : grouped
    }

    public func integer(_ value: Int) -> String { integer(Int64(value)) }

    /// A fixed-point number given in hundredths: `2 950,00` / `2,950.00`.
    public func hundredths(_ value: Int64) -> String {
        let whole = integer(Int64(value.magnitude / 100))
        let fraction = Self.padded(Int(value.magnitude % 100), 2)
        let sign = value < 0 ? "-" : ""
        return sign + whole + (language == .bg ? "," : ".") + fraction
    }

    public func money(_ money: Money) -> String {
        let amount = hundredths(money.minorUnits)
        switch (language, money.currency) {
        case (.bg, .BGN): return "\(amount) лв."
        case (.bg, .EUR): return "\(amount) €"
        case (.en, .BGN): return "BGN \(amount)"
        case (.en, .EUR): return "€\(amount)"
        }
    }

    /// An amount as a form field shows it to be edited: no grouping, so that it reads back the same
    /// ("2950,00" / "2950.00"); the currency is the form's own field.
    public func plainMoney(_ money: Money) -> String {
        hundredths(money.minorUnits).replacingOccurrences(of: language == .bg ? " " : ",", with: "")
    }

    /// The sign an amount in this currency carries, as `money` writes it: a form's currency list
    /// shows the same "лв." and "€" as the amounts beside it, never the codes.
    public func currencySign(_ currency: Currency) -> String {
        switch (language, currency) {
        case (.bg, .BGN): "лв."
        case (.en, .BGN): "BGN"
        case (_, .EUR): "€"
        }
    }

    /// An amount with its equivalent in the other currency: `2 950,00 лв. (≈ 1 508,31 €)`.
    public func moneyWithEquivalent(_ money: Money) -> String {
        let other: Currency = money.currency == .BGN ? .EUR : .BGN
        return "\(self.money(money)) (≈ \(self.money(money.converted(to: other))))"
    }
}

extension Formatting {
    /// A share given in per mille, with one decimal: `42,1 %` / `42.1%`.
    public func perMille(_ value: Int) -> String {
        let text = "\(value / 10)" + (language == .bg ? "," : ".") + "\(value % 10)"
        return language == .bg ? text + "\u{00A0}%" : text + "%"
    }

    /// A time of day: `09:30 ч.` / `09:30`.
    public func time(_ time: ClockTime) -> String {
        language == .bg ? "\(time) ч." : time.description
    }
}

extension Formatting {
    static let monthsBG = [
        "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември",
    ]
    static let monthsEN = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// The days of a meeting in words: `17 и 18 май 2012 г.`, `17–19 май 2012 г.`, `30 май – 1 юни 2012 г.`;
    /// `17–18 May 2012`.
    public func dateRange(_ start: LocalDate, _ end: LocalDate) -> String {
        let months = language == .bg ? Self.monthsBG : Self.monthsEN
        let suffix = language == .bg ? " г." : ""
        func full(_ d: LocalDate) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" + suffix }
        if start == end { return full(start) }
        if start.year == end.year && start.month == end.month {
            let joiner = language == .bg && start.days(until: end) == 1 ? " и " : "–"
            return "\(start.day)\(joiner)\(end.day) \(months[end.month - 1]) \(end.year)" + suffix
        }
        if start.year == end.year { return "\(start.day) \(months[start.month - 1]) – " + full(end) }
        return full(start) + " – " + full(end)
    }

    /// A list in prose: `А, Б и В` / `A, B and C`.
    public func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .bg ? " и " : " and ") + items.last!
    }
}
