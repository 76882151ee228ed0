import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Catalogue and formatting")
struct LocalizationTests {
    @Test("every key has a non-empty text in both languages, with the same placeholders")
    func catalogueIsComplete() {
        for key in TextKey.allCases {
            let bg = Catalogue.table(.bg)[key]
            let en = Catalogue.table(.en)[key]
            #expect(bg?.isEmpty == false, "missing Bulgarian text for \(key)")
            #expect(en?.isEmpty == false, "missing English text for \(key)")
            if let bg, let en {
                #expect(Catalogue.placeholders(in: bg) == Catalogue.placeholders(in: en), "placeholders differ for \(key)")
            }
        }
        #expect(Catalogue.table(.bg).count == TextKey.allCases.count)
        #expect(Catalogue.table(.en).count == TextKey.allCases.count)
    }

    @Test("Bulgarian texts are written in Cyrillic")
    func bulgarianIsCyrillic() {
        // The language switch names the other language; age bands are figures.
        let allowedLatin: Set<TextKey> = [.switchLanguageTo, .age18to29, .age30to44, .age45to64]
        for key in TextKey.allCases where !allowedLatin.contains(key) {
            let text = Catalogue.text(key, .bg)
            #expect(text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(key) has no Cyrillic: \(text)")
        }
    }

    @Test func placeholdersAreFilled() {
        #expect(TextKey.pageOf(.bg, ["page": "2", "pages": "5"]) == "Страница 2 от 5")
        #expect(TextKey.pageOf(.en, ["page": "2", "pages": "5"]) == "Page 2 of 5")
    }

    @Test func datesFollowEachLanguage() {
        let day = LocalDate(year: 2012, month: 5, day: 17)!
        #expect(Formatting(.bg).date(day) == "17.05.2012 г.")
        #expect(Formatting(.en).date(day) == "17 May 2012")
        #expect(Formatting(.bg).date(LocalDate(year: 987, month: 1, day: 2)!) == "02.01.0987 г.")
        // 2012-05-17 06:05 UTC is 09:05 in Sofia (summer time); 2012-01-03 23:30 UTC is the next day there.
        #expect(Formatting(.bg).dateTime(Date(timeIntervalSince1970: 1_337_234_700)) == "17.05.2012 г., 09:05")
        #expect(Formatting(.bg).dateTime(Date(timeIntervalSince1970: 1_325_633_400)) == "04.01.2012 г., 01:30")
    }

    @Test func numbersAndMoneyFollowEachLanguage() {
        #expect(Formatting(.bg).integer(1_234_567) == "1 234 567")
        #expect(Formatting(.en).integer(1_234_567) == "1,234,567")
        #expect(Formatting(.bg).integer(95) == "95")
        #expect(Formatting(.bg).integer(-2950) == "-2 950")
        let budget = Money(minorUnits: 295_000, currency: .BGN)
        #expect(Formatting(.bg).money(budget) == "2 950,00 лв.")
        #expect(Formatting(.en).money(budget) == "BGN 2,950.00")
        #expect(Formatting(.bg).moneyWithEquivalent(budget) == "2 950,00 лв. (≈ 1 508,31 €)")
        #expect(Formatting(.en).money(Money(minorUnits: 150_831, currency: .EUR)) == "€1,508.31")
        #expect(Formatting(.bg).money(Money(minorUnits: 5, currency: .EUR)) == "0,05 €")
    }

    @Test func languageCodesAreReadLeniently() {
        #expect(Language(code: "en-GB") == .en)
        #expect(Language(code: "EN") == .en)
        #expect(Language(code: "fr") == .bg)
        #expect(Language(code: nil) == .bg)
    }
}
