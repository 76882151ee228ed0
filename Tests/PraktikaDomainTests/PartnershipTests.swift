import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Partnerships")
struct PartnershipTests {
    static func day(_ m: Int, _ d: Int, _ y: Int = 2026) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    @Test("a partnership needs a library; an ended one its end, never before its start")
    func validation() {
        var p = Partnership(partnerID: 1, libraryIDs: [], status: .ended)
        #expect(p.validate().order == ["library", "ends_on"])
        p.libraryIDs = [4]
        p.startsOn = Self.day(5, 1)
        p.endsOn = Self.day(4, 30)
        #expect(p.validate().order == ["ends_on"])
        p.endsOn = Self.day(5, 1)
        #expect(p.validate().isEmpty)
        p.partnerContact = "Мария\u{1A}"
        #expect(p.validate().order == ["partner_contact"])
    }

    @Test("a contribution is money or a gift in kind, never both nor neither; its worth is the money or the estimate")
    func contributions() {
        let cash = Contribution(receivedOn: Self.day(3, 1), amount: Money(major: 500, currency: .BGN))
        #expect(cash.validate().isEmpty && !cash.isInKind && cash.value == Money(major: 500, currency: .BGN))
        let gift = Contribution(receivedOn: Self.day(3, 1), inKind: "зала за 10 занятия", estimatedValue: Money(major: 200, currency: .EUR))
        #expect(gift.validate().isEmpty && gift.isInKind && gift.value == Money(major: 200, currency: .EUR))
        #expect(Contribution(receivedOn: Self.day(3, 1)).validate().order == ["amount"])
        #expect(
            Contribution(receivedOn: Self.day(3, 1), amount: Money(major: 5, currency: .EUR), inKind: "книги").validate().order == [
                "in_kind"
            ])
        #expect(Contribution(receivedOn: Self.day(3, 1), amount: Money(minorUnits: 0, currency: .EUR)).validate().order == ["amount"])
    }

    @Test("what is due: the newest follow-up of each open partnership and the ends of running ones, within 60 days, earliest first")
    func agenda() {
        let today = Self.day(6, 1)
        let partnerships: [(id: Int64, partnership: Partnership)] = [
            (1, Partnership(partnerID: 1, libraryIDs: [1], status: .active, endsOn: Self.day(7, 15))),
            (2, Partnership(partnerID: 2, libraryIDs: [1], status: .active, endsOn: Self.day(12, 31))),
            (3, Partnership(partnerID: 3, libraryIDs: [1], status: .ended, endsOn: Self.day(6, 10))),
            (4, Partnership(partnerID: 4, libraryIDs: [1], status: .proposed)),
        ]
        let interactions: [(partnershipID: Int64, interaction: Interaction)] = [
            // An older promise, replaced by the newer note.
            (1, Interaction(on: Self.day(4, 1), kind: .call, note: "старо", followUpOn: Self.day(5, 1))),
            (1, Interaction(on: Self.day(5, 20), kind: .meeting, note: "договорът за есента", followUpOn: Self.day(6, 20))),
            // Overdue: still shown.
            (4, Interaction(on: Self.day(5, 1), kind: .letter, note: "отговор на писмото", followUpOn: Self.day(5, 25))),
            // Too far ahead.
            (2, Interaction(on: Self.day(5, 1), kind: .visit, note: "през зимата", followUpOn: Self.day(11, 1))),
            // An ended partnership owes nothing.
            (3, Interaction(on: Self.day(5, 1), kind: .call, note: "приключено", followUpOn: Self.day(6, 5))),
        ]
        let due = PartnershipAgenda.due(partnerships: partnerships, interactions: interactions, today: today)
        #expect(
            due == [
                .followUp(partnershipID: 4, on: Self.day(5, 25), note: "отговор на писмото"),
                .followUp(partnershipID: 1, on: Self.day(6, 20), note: "договорът за есента"),
                .ending(partnershipID: 1, on: Self.day(7, 15)),
            ])
    }

    @Test("partners' money and gifts in a design's budget, per partner, and what is left for the library")
    func funding() {
        let budget = Money(major: 2_950, currency: .BGN)
        let funding = PartnerFunding(
            budget: budget,
            contributions: [
                ("Община Смолян", Contribution(receivedOn: Self.day(3, 1), amount: Money(major: 1_000, currency: .BGN))),
                (
                    "Читалище „Просвета“",
                    Contribution(receivedOn: Self.day(3, 2), inKind: "зала", estimatedValue: Money(major: 300, currency: .BGN))
                ),
                ("Община Смолян", Contribution(receivedOn: Self.day(4, 1), amount: Money(major: 100, currency: .EUR))),
            ])
        #expect(funding.shares.map(\.partner) == ["Община Смолян", "Читалище „Просвета“"])
        // 100 € at the fixed rate 1,95583 is 195,58 лв.
        #expect(funding.shares[0].cash == Money(minorUnits: 119_558, currency: .BGN))
        #expect(funding.inKind == Money(major: 300, currency: .BGN))
        #expect(funding.leftForLibrary == Money(minorUnits: 175_442, currency: .BGN))
        let generous = PartnerFunding(
            budget: Money(major: 100, currency: .BGN),
            contributions: [("Дарител", Contribution(receivedOn: Self.day(1, 1), amount: Money(major: 500, currency: .BGN)))])
        #expect(generous.leftForLibrary == .zero(.BGN))
    }
}
