import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Money")
struct MoneyTests {
    @Test("the seed's first budget: 300 + 150 + 2 000 + 500 лв. = 2 950 лв. ≈ 1 508,31 €")
    func seedBudget() {
        let lines = [300, 150, 2000, 500].map { Money(major: Int64($0), currency: .BGN) }
        let total = lines.reduce(Money.zero(.BGN), +)
        #expect(total == Money(minorUnits: 295_000, currency: .BGN))
        #expect(total.converted(to: .EUR) == Money(minorUnits: 150_831, currency: .EUR))
    }

    @Test(
        "conversion uses the fixed rate and rounds half away from zero to the cent",
        arguments: [
            (Int64(195_583), Currency.BGN, Int64(100_000)),  // 1 955,83 лв. = 1 000 €
            (Int64(100), Currency.EUR, Int64(196)),  // 1 € = 1,95583 лв. → 1,96 лв.
            (Int64(1), Currency.BGN, Int64(1)),  // 0,01 лв. = 0,0051 € → 0,01 €
            (Int64(-100), Currency.EUR, Int64(-196)),
        ])
    func conversion(minor: Int64, from: Currency, expected: Int64) {
        let to: Currency = from == .BGN ? .EUR : .BGN
        #expect(Money(minorUnits: minor, currency: from).converted(to: to).minorUnits == expected)
    }

    @Test func parsingWhatPeopleType() {
        #expect(Money.parseMinorUnits("2 950,00") == 295_000)
        #expect(Money.parseMinorUnits("2950.5") == 295_050)
        #expect(Money.parseMinorUnits("1,508.31") == 150_831)
        #expect(Money.parseMinorUnits("1.508,31") == 150_831)
        #expect(Money.parseMinorUnits("300 лв.") == 30_000)
        #expect(Money.parseMinorUnits("2,000") == 200_000)
        #expect(Money.parseMinorUnits("abc") == nil)
        #expect(Money.parseMinorUnits("1,2345") == nil)
        #expect(Money.parseMinorUnits("") == nil)
    }
}

@Suite("Numbers from a client past every limit")
struct NumberLimitTests {
    @Test("a whole number too large for thousandths is refused when decoded, not multiplied past Int64")
    func fixedDecimalDecoding() throws {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode([FixedDecimal].self, from: Data("[9223372036854775807]".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode([FixedDecimal].self, from: Data("[-9223372036854775807]".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode([FixedDecimal].self, from: Data("[1000000000000]".utf8)) }
        #expect(
            try decoder.decode([FixedDecimal].self, from: Data("[999999999999, \"2.5\"]".utf8)).map(\.thousandths) == [
                999_999_999_999_000, 2_500,
            ])
    }

    @Test("sums and conversions of amounts no one may save saturate instead of stopping the server")
    func moneySaturates() {
        let huge = Money(minorUnits: Int64.max - 1, currency: .BGN)
        #expect((huge + huge).minorUnits == Int64.max)
        #expect(huge.converted(to: .EUR).minorUnits == Int64.max)
        #expect(Money(minorUnits: -(Int64.max - 1), currency: .EUR).converted(to: .BGN).minorUnits == -Int64.max)
        // Ordinary amounts convert as before.
        #expect(Money(minorUnits: 195_583, currency: .BGN).converted(to: .EUR).minorUnits == 100_000)
    }
}
