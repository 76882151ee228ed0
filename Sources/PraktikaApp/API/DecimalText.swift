import PraktikaDomain

/// A non-negative decimal as the API document writes it: a string of digits with at most three
/// decimals after a point ("40", "2.5"). Stricter than the forms, which also take a decimal comma
/// and grouped thousands: what the document's pattern refuses, this refuses too, at its field.
struct DecimalText: Decodable, Sendable, WrittenFormat {
    static let formatHint = TextKey.apiExpectedDecimal

    static let pattern = "^[0-9]{1,12}(\\.[0-9]{1,3})?$"

    let value: FixedDecimal

    init(from decoder: any Decoder) throws {
        guard let text = try Self.sentText(decoder) else {
            throw Self.mismatch(decoder, "a decimal is sent as text")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (s: Substring) in s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, let whole = parts.first, (1...12).contains(whole.count), digits(whole),
            parts.count == 1 || ((1...3).contains(parts[1].count) && digits(parts[1])),
            let value = FixedDecimal(parsing: text)
        else {
            throw Self.mismatch(decoder, "digits with at most three decimals after a point")
        }
        self.value = value
    }
}
