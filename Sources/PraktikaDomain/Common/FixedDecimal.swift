import Foundation

/// A number with up to three decimals, held exactly as thousandths: quantities ("2,5 hours")
/// and indicator values ("10 %", "1 500"). Encoded as its plain decimal text ("2.5").
public struct FixedDecimal: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, WrittenFormat {
    public static let formatHint = TextKey.apiExpectedDecimal

    public let thousandths: Int64

    public init(thousandths: Int64) { self.thousandths = thousandths }
    public init(_ whole: Int64) { self.thousandths = whole * 1000 }

    public static let zero = FixedDecimal(thousandths: 0)
    /// Whole parts have at most twelve digits, written or sent as a number.
    static let wholeLimit: UInt64 = 1_000_000_000_000
    public static let one = FixedDecimal(1)
    public static func < (a: FixedDecimal, b: FixedDecimal) -> Bool { a.thousandths < b.thousandths }
    /// Sums of values that were each checked against a limit (hours of volunteer work).
    public static func + (a: FixedDecimal, b: FixedDecimal) -> FixedDecimal { FixedDecimal(thousandths: a.thousandths + b.thousandths) }

    /// Reads "10", "2,5", "2.5", "1 500", "-3". A comma or a point is the decimal mark when it is
    /// the only one and at most three digits follow it; spaces group thousands.
    public init?(parsing text: String) {
        var s = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if s.hasSuffix("%") { s.removeLast() }
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") {
            negative = true
            s.removeFirst()
        }
        let marks = s.filter { $0 == "," || $0 == "." }
        var whole = s
        var fraction = ""
        if marks.count == 1, let mark = s.firstIndex(where: { $0 == "," || $0 == "." }) {
            whole = String(s[..<mark])
            fraction = String(s[s.index(after: mark)...])
            guard !fraction.isEmpty, fraction.count <= 3 else { return nil }
        } else if marks.count > 1 {
            return nil
        }
        guard !whole.isEmpty || !fraction.isEmpty, whole.count <= 12,
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let w = Int64(whole.isEmpty ? "0" : whole) ?? 0
        let f = Int64(fraction.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0
        self.thousandths = (negative ? -1 : 1) * (w * 1000 + f)
    }

    /// Plain text with a point and no trailing zeros: "2.5", "10", "-0.125".
    public var description: String { text(decimalMark: ".") }

    func text(decimalMark: String, grouping: ((Int64) -> String)? = nil) -> String {
        let magnitude = thousandths.magnitude
        let whole = Int64(magnitude / 1000)
        var fraction = String(format: "%03d", Int(magnitude % 1000))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let wholeText = grouping?(whole) ?? String(whole)
        let sign = thousandths < 0 ? "-" : ""
        return sign + wholeText + (fraction.isEmpty ? "" : decimalMark + fraction)
    }

    /// Multiplies an amount of money, rounding half away from zero to the minor unit;
    /// nil when the result does not fit.
    public func times(_ money: Money) -> Money? {
        let (product, overflow) = money.minorUnits.multipliedReportingOverflow(by: thousandths)
        guard !overflow, product != Int64.min else { return nil }
        let rounded = Int64((product.magnitude + 500) / 1000)
        return Money(minorUnits: product < 0 ? -rounded : rounded, currency: money.currency)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try Self.sentText(decoder), let value = FixedDecimal(parsing: text) {
            self = value
        } else if let number = try? container.decode(Int64.self), number.magnitude < Self.wholeLimit {
            // Whole numbers are held to the same twelve digits as written ones: a client's 2^63 - 1
            // is refused, never multiplied past Int64.
            self.init(number)
        } else {
            throw Self.mismatch(decoder, "not a number with at most three decimals")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Formatting {
    /// `1 500,5` in Bulgarian, `1,500.5` in English.
    public func number(_ value: FixedDecimal) -> String {
        value.text(decimalMark: language == .bg ? "," : ".", grouping: { self.integer($0) })
    }

    /// Without grouping, for form fields: "1500,5" reads back the same in either language,
    /// while a grouped English "1,500" would read as one and a half.
    public func plainNumber(_ value: FixedDecimal) -> String {
        value.text(decimalMark: language == .bg ? "," : ".")
    }
}
