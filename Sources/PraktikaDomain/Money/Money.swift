import Foundation

/// The currencies a budget can be kept in. Bulgaria adopted the euro on 1 January 2026;
/// older budgets stay in leva and are shown with their euro equivalent.
public enum Currency: String, CaseIterable, Sendable, Codable, Hashable {
    case BGN
    case EUR
}

/// An exact amount of money in minor units (stotinki or cents). Never a floating-point number.
public struct Money: Sendable, Hashable, Codable {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public init(major: Int64, currency: Currency) {
        self.init(minorUnits: major * 100, currency: currency)
    }

    enum CodingKeys: String, CodingKey {
        case minorUnits = "minor_units"
        case currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The fixed conversion rate 1 EUR = 1.95583 BGN, as the integer 195583 over 100000.
    static let rateNumerator: Int64 = 195_583
    static let rateDenominator: Int64 = 100_000

    /// The same value in another currency at the fixed rate, rounded half away from zero to the cent.
    public func converted(to target: Currency) -> Money {
        guard target != currency else { return self }
        let (numerator, denominator): (Int64, Int64) =
            currency == .BGN
            ? (Money.rateDenominator, Money.rateNumerator)  // BGN → EUR: divide by the rate
            : (Money.rateNumerator, Money.rateDenominator)  // EUR → BGN: multiply by the rate
        // Amounts past what validation allows (100 million) may still be read from a client before
        // they are refused: they saturate instead of trapping, and are never saved.
        let (scaled, overflow) = minorUnits.multipliedReportingOverflow(by: numerator)
        guard !overflow, scaled.magnitude < UInt64(Int64.max / 2) else {
            return Money(minorUnits: minorUnits < 0 ? -Int64.max : Int64.max, currency: target)
        }
        let magnitude = (abs(scaled) * 2 + denominator) / (2 * denominator)
        return Money(minorUnits: scaled < 0 ? -magnitude : magnitude, currency: target)
    }

    public static func + (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "adding amounts of different currencies")
        let (sum, overflow) = a.minorUnits.addingReportingOverflow(b.minorUnits)
        // Saturates rather than traps, like `converted`: such sums exist only in what validation refuses.
        return Money(minorUnits: overflow ? (a.minorUnits < 0 ? -Int64.max : Int64.max) : sum, currency: a.currency)
    }

    /// Parses what a person types as an amount: "2 950,00", "2950.5", "1,508.31", "300".
    /// Returns nil for anything that is not a plain amount with at most two decimals.
    public static func parseMinorUnits(_ text: String) -> Int64? {
        var s = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        for suffix in ["лв.", "лв", "€", "BGN", "EUR", "bgn", "eur"] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count))
        }
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") {
            negative = true
            s.removeFirst()
        }
        // The last separator, if followed by one or two digits, is the decimal mark;
        // any other separator groups thousands.
        var integerPart = s
        var fractionPart = ""
        if let last = s.lastIndex(where: { $0 == "," || $0 == "." }) {
            let after = s[s.index(after: last)...]
            if after.count <= 2 && !after.isEmpty {
                integerPart = String(s[..<last])
                fractionPart = String(after)
            } else if after.count != 3 {
                return nil
            }
        }
        integerPart.removeAll { $0 == "," || $0 == "." }
        guard !integerPart.isEmpty || !fractionPart.isEmpty,
            integerPart.allSatisfy(\.isASCII), integerPart.allSatisfy(\.isNumber),
            fractionPart.allSatisfy(\.isASCII), fractionPart.allSatisfy(\.isNumber),
            integerPart.count <= 15
        else { return nil }
        let whole = Int64(integerPart.isEmpty ? "0" : integerPart) ?? 0
        let cents = Int64(fractionPart.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let value = whole * 100 + cents
        return negative ? -value : value
    }
}
