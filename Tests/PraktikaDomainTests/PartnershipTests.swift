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

    @Test(
        "an edit form shows a contribution, an agreement and a contact so that saving it unchanged reads back the same, in either language")
    func editFormsReadBack() {
        let contributions = [
            Contribution(receivedOn: Self.day(3, 1), amount: Money(minorUnits: 1_234_567, currency: .EUR), designID: 9),
            Contribution(
                receivedOn: Self.day(3, 2), inKind: "Четения", estimatedValue: Money(minorUnits: 30_050, currency: .BGN),
                volunteerHours: FixedDecimal(parsing: "12,5")),
            Contribution(receivedOn: Self.day(3, 3), inKind: "Книги"),
        ]
        for language in [Language.bg, .en] {
            for c in contributions {
                let (read, errors) = PartnershipForms.contribution(PartnershipForms.input(c, language))
                #expect(errors.isEmpty && read == c, "\(language) \(c)")
            }
        }
        let agreement = Agreement(
            kind: .contract, title: "Договор № 3", signedOn: Self.day(1, 15), validUntil: Self.day(12, 31), renewOn: Self.day(11, 30),
            notes: "Подновява се")
        let (readAgreement, agreementErrors) = PartnershipForms.agreement(PartnershipForms.input(agreement))
        #expect(agreementErrors.isEmpty && readAgreement == agreement)
        let contact = Interaction(on: Self.day(2, 2), kind: .call, note: "Обещаха зала", followUpOn: Self.day(3, 1))
        let (readContact, contactErrors) = PartnershipForms.interaction(PartnershipForms.input(contact))
        #expect(contactErrors.isEmpty && readContact == contact)
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

    @Test("volunteers' work is a gift in kind with its hours: described, more than none and not beyond reason, never with money")
    func volunteerHours() throws {
        let work = Contribution(receivedOn: Self.day(3, 1), inKind: "електронен каталог", volunteerHours: FixedDecimal(parsing: "120,5"))
        #expect(work.validate().isEmpty && work.isInKind && work.value == nil)
        #expect(work.what(Formatting(.bg)) == "електронен каталог, 120,5 ч. доброволен труд")
        #expect(work.what(Formatting(.en)) == "електронен каталог, 120.5 h of volunteer work")
        // Hours alone say nothing of the work: the description is asked for, at its field.
        let bare = Contribution(receivedOn: Self.day(3, 1), volunteerHours: FixedDecimal(8))
        #expect(bare.validate().order == ["in_kind"])
        #expect(bare.validate()["in_kind"]?.key == .validationVolunteerWork)
        let paid = Contribution(receivedOn: Self.day(3, 1), amount: Money(major: 5, currency: .BGN), volunteerHours: FixedDecimal(8))
        #expect(paid.validate().order == ["volunteer_hours"])
        for hours in [FixedDecimal.zero, FixedDecimal(-2), FixedDecimal(200_001)] {
            #expect(
                Contribution(receivedOn: Self.day(3, 1), inKind: "помощ", volunteerHours: hours).validate().order == ["volunteer_hours"])
        }
        #expect(
            Contribution(receivedOn: Self.day(3, 1), inKind: "помощ", volunteerHours: Contribution.maxVolunteerHours).validate().isEmpty)
        // The form takes a decimal comma; what it cannot read is refused at the field, nothing else lost.
        let (read, errors) = PartnershipForms.contribution([
            "received_on": "2026-03-01", "in_kind": "библиотечен часовой", "volunteer_hours": "2,5", "currency": "BGN",
        ])
        #expect(errors.isEmpty && read.volunteerHours == FixedDecimal(thousandths: 2_500) && read.inKind == "библиотечен часовой")
        let (kept, wrong) = PartnershipForms.contribution([
            "received_on": "2026-03-01", "in_kind": "помощ", "volunteer_hours": "много", "currency": "BGN",
        ])
        #expect(wrong.order == ["volunteer_hours"] && kept.inKind == "помощ")
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
                ("Читалище „Просвета“", Contribution(receivedOn: Self.day(4, 2), inKind: "четения", volunteerHours: FixedDecimal(12))),
                (
                    "Читалище „Просвета“",
                    Contribution(receivedOn: Self.day(4, 3), inKind: "украса", volunteerHours: FixedDecimal(thousandths: 2_500))
                ),
            ])
        #expect(funding.shares.map(\.partner) == ["Община Смолян", "Читалище „Просвета“"])
        // 100 € at the fixed rate 1,95583 is 195,58 лв.
        #expect(funding.shares[0].cash == Money(minorUnits: 119_558, currency: .BGN))
        #expect(funding.inKind == Money(major: 300, currency: .BGN))
        #expect(funding.leftForLibrary == Money(minorUnits: 175_442, currency: .BGN))
        // Volunteers' hours are counted per partner, and leave the money as it was.
        #expect(
            funding.shares.map(\.hours) == [.zero, FixedDecimal(thousandths: 14_500)] && funding.hours == FixedDecimal(thousandths: 14_500))
        let generous = PartnerFunding(
            budget: Money(major: 100, currency: .BGN),
            contributions: [("Дарител", Contribution(receivedOn: Self.day(1, 1), amount: Money(major: 500, currency: .BGN)))])
        #expect(generous.leftForLibrary == .zero(.BGN))
    }

    @Test("an agreement has a title and the day it was signed; it ends after that, and its renewal comes between the two")
    func agreementRules() {
        var a = Agreement(kind: .memorandum, title: " ", signedOn: Self.day(5, 17, 2012))
        #expect(a.validate().order == ["title"])
        a.title = "Меморандум за сътрудничество"
        a.validUntil = Self.day(5, 16, 2012)
        a.renewOn = Self.day(5, 1, 2012)
        #expect(a.validate().order == ["valid_until", "renew_on"])
        a.validUntil = Self.day(5, 17, 2015)
        a.renewOn = Self.day(6, 1, 2015)
        #expect(a.validate()["renew_on"]?.key == .validationRenewAfterEnd)
        a.renewOn = Self.day(3, 1, 2015)
        #expect(a.validate().isEmpty)

        // The form: a missing day is told at its field, and the other dates are then left unjudged.
        let (_, missing) = PartnershipForms.agreement(["kind": "contract", "title": "Договор", "renew_on": "01.03.2015"])
        #expect(missing.order == ["signed_on"])
        let (read, errors) = PartnershipForms.agreement([
            "kind": "letter_of_support", "title": "Писмо за подкрепа", "signed_on": "17.05.2012", "valid_until": "16.05.2012",
        ])
        #expect(errors.order == ["valid_until"])
        #expect(read.kind == .letterOfSupport && read.signedOn == Self.day(5, 17, 2012))
        #expect(PartnershipForms.agreement(["kind": "treaty", "title": "x", "signed_on": "17.05.2012"]).1.order == ["kind"])
    }

    @Test("renewals are due from the newest agreement of each kind in each open partnership only, overdue ones included")
    func renewals() {
        let today = Self.day(6, 1)
        let partnerships: [(id: Int64, partnership: Partnership)] = [
            (1, Partnership(partnerID: 1, libraryIDs: [1], status: .active)),
            (2, Partnership(partnerID: 2, libraryIDs: [1], status: .paused)),
            (3, Partnership(partnerID: 3, libraryIDs: [1], status: .ended, endsOn: Self.day(5, 1))),
            (4, Partnership(partnerID: 4, libraryIDs: [1], status: .active)),
        ]
        let agreements: [(partnershipID: Int64, agreement: Agreement)] = [
            // Renewed: the old memorandum's renewal day has passed, but a newer one was signed.
            (1, Agreement(kind: .memorandum, title: "Меморандум 2023", signedOn: Self.day(1, 10, 2023), renewOn: Self.day(1, 1))),
            (1, Agreement(kind: .memorandum, title: "Меморандум 2026", signedOn: Self.day(1, 5), renewOn: Self.day(7, 20))),
            // Overdue and not renewed: still due.
            (2, Agreement(kind: .contract, title: "Договор за наем", signedOn: Self.day(1, 5, 2025), renewOn: Self.day(5, 15))),
            // A letter of support signed later renews no contract.
            (2, Agreement(kind: .letterOfSupport, title: "Писмо", signedOn: Self.day(3, 1))),
            // An ended partnership owes nothing; one too far ahead is not yet due.
            (3, Agreement(kind: .contract, title: "Приключил", signedOn: Self.day(1, 5, 2025), renewOn: Self.day(6, 5))),
            (4, Agreement(kind: .letterOfSupport, title: "Писмо", signedOn: Self.day(1, 5), renewOn: Self.day(9, 1))),
        ]
        let due = PartnershipAgenda.due(partnerships: partnerships, interactions: [], agreements: agreements, today: today)
        #expect(
            due == [
                .renewal(partnershipID: 2, on: Self.day(5, 15), title: "Договор за наем"),
                .renewal(partnershipID: 1, on: Self.day(7, 20), title: "Меморандум 2026"),
            ])
    }

    @Test("the renewal reminder names the partner, the agreement, its dates and the link, in the reader's language")
    func renewalMail() {
        let a = Agreement(
            kind: .memorandum, title: "Меморандум № 12", signedOn: Self.day(5, 17, 2012), validUntil: Self.day(5, 17, 2027),
            renewOn: Self.day(3, 1, 2027))
        let bg = AgreementReminder.message(
            recipient: "smolyan@praktika.local", name: "Мария", partner: "Община Смолян", agreement: a, link: "https://x/partnerships/3",
            language: .bg)
        #expect(bg.subject == "Подновяване на споразумение с Община Смолян")
        #expect(
            bg.body.contains(
                "„Меморандум № 12“ (меморандум) с Община Смолян трябва да се поднови от 01.03.2027 г.; то е валидно до 17.05.2027 г."))
        #expect(bg.body.contains("https://x/partnerships/3") && bg.kind == "agreement_renewal")
        let en = AgreementReminder.message(
            recipient: "x@y.bg", name: "Maria", partner: "Smolyan Municipality", agreement: a, link: "https://x", language: .en)
        #expect(en.body.contains("is due for renewal from"))
        #expect(!en.body.contains("Меморандум за"))
    }

    @Test("the follow-up reminder names the partner, the day of the next step and the last contact; none without a day")
    func followUpMail() throws {
        let contact = Interaction(on: Self.day(3, 2), kind: .call, note: "Кметът ще потвърди залата.", followUpOn: Self.day(3, 20))
        let bg = try #require(
            FollowUpReminder.message(
                recipient: "smolyan@praktika.local", name: "Мария", partner: "Община Смолян", interaction: contact,
                link: "https://x/partnerships/3#interactions", language: .bg))
        #expect(bg.subject == "Следваща стъпка с Община Смолян" && bg.kind == "partnership_follow_up")
        #expect(
            bg.body.contains(
                "На 20.03.2026 г. е следващата стъпка, уговорена с Община Смолян. Последният контакт (разговор по телефона, 02.03.2026 г.):"
            ))
        #expect(bg.body.contains("Кметът ще потвърди залата.") && bg.body.contains("https://x/partnerships/3#interactions"))
        let en = try #require(
            FollowUpReminder.message(
                recipient: "x@y.bg", name: "Maria", partner: "Smolyan Municipality", interaction: contact, link: "https://x", language: .en)
        )
        #expect(en.body.contains("The next step agreed with Smolyan Municipality is due on"))
        var none = contact
        none.followUpOn = nil
        #expect(
            FollowUpReminder.message(recipient: "x@y.bg", name: "M", partner: "P", interaction: none, link: "l", language: .bg) == nil)
    }

    @Test("the network overview: partners by kind and district, contributions by year, partners of several libraries, lapsed partnerships")
    func network() {
        typealias E = PartnershipNetwork.Entry
        let smolyan = E.Library(id: 1, name: "РБ „Никола Вранчев“", districtCode: "BG-21")
        let momchilovtsi = E.Library(id: 2, name: "НЧ „Светлина“ – Момчиловци", districtCode: "BG-21")
        let pazardzhik = E.Library(id: 3, name: "РБ „Никола Фурнаджиев“", districtCode: "BG-13")
        let today = Self.day(6, 1)
        let entries = [
            // The municipality works with two libraries in two partnerships.
            E(
                id: 1, partnerID: 10, partnerName: "Община Смолян", partnerKind: .localAuthority, libraries: [smolyan], status: .active,
                endsOn: nil),
            E(
                id: 2, partnerID: 10, partnerName: "Община Смолян", partnerKind: .localAuthority, libraries: [momchilovtsi], status: .ended,
                endsOn: Self.day(1, 31)),
            // Ended, but carried on by partnership 1 with the same library: not lapsed.
            E(
                id: 3, partnerID: 10, partnerName: "Община Смолян", partnerKind: .localAuthority, libraries: [smolyan], status: .ended,
                endsOn: Self.day(12, 31, 2025)),
            // Past its end and still marked active: lapsed, and flagged.
            E(
                id: 4, partnerID: 20, partnerName: "ОУ „Христо Ботев“", partnerKind: .school, libraries: [pazardzhik], status: .active,
                endsOn: Self.day(5, 1)),
            E(
                id: 5, partnerID: 30, partnerName: "Община Ракитово", partnerKind: .localAuthority, libraries: [pazardzhik],
                status: .proposed,
                endsOn: nil),
        ]
        let contributions: [(partnershipID: Int64, contribution: Contribution)] = [
            (1, Contribution(receivedOn: Self.day(3, 1, 2025), amount: Money(major: 1_000, currency: .BGN))),
            (1, Contribution(receivedOn: Self.day(3, 1), amount: Money(major: 100, currency: .EUR))),
            (4, Contribution(receivedOn: Self.day(4, 1), inKind: "книги", estimatedValue: Money(major: 250, currency: .BGN))),
            (4, Contribution(receivedOn: Self.day(4, 2), inKind: "четения", volunteerHours: FixedDecimal(30))),
            // Not in scope: ignored.
            (99, Contribution(receivedOn: Self.day(4, 1), amount: Money(major: 9_999, currency: .BGN))),
        ]
        let n = PartnershipNetwork(entries: entries, contributions: contributions, today: today)
        #expect(n.byKind.map(\.kind) == [.localAuthority, .school])
        #expect(n.byKind.map(\.count) == [.init(partners: 2, partnerships: 4), .init(partners: 1, partnerships: 1)])
        #expect(n.byDistrict.map(\.code) == ["BG-13", "BG-21"])
        #expect(n.byDistrict.map(\.count) == [.init(partners: 2, partnerships: 2), .init(partners: 1, partnerships: 3)])
        #expect(n.perYear.map(\.year) == [2025, 2026])
        #expect(n.perYear[1].cash == Money(minorUnits: 19_558, currency: .BGN))
        #expect(n.perYear[1].inKind == Money(major: 250, currency: .BGN))
        #expect(n.perYear[0].total == Money(major: 1_000, currency: .BGN))
        // Hours are counted beside the money, not priced into it.
        #expect(n.perYear.map(\.hours) == [.zero, FixedDecimal(30)] && n.perYear[1].total == Money(minorUnits: 44_558, currency: .BGN))
        #expect(n.sharedPartners.map(\.name) == ["Община Смолян"])
        #expect(n.sharedPartners[0].libraries == ["НЧ „Светлина“ – Момчиловци", "РБ „Никола Вранчев“"])
        #expect(n.lapsed.map(\.partnershipID) == [4, 2])
        #expect(n.lapsed.map(\.stillMarkedRunning) == [true, false])
    }

    @Test("suggested partners: of the kinds the design names first, then by how alike their designs are and how recently they gave")
    func suggestionRanking() {
        let today = Self.day(6, 1)
        typealias C = PartnerSuggestion.Candidate
        let candidates = [
            // Worked on the most alike design, but is a school, and the design names only municipalities.
            C(partnerID: 1, name: "ОУ „Христо Ботев“", kind: .school, districtCode: "BG-21", designs: [(0, "Ученици")], contributions: []),
            // Municipalities: one gave often but long ago, one gave once recently.
            C(
                partnerID: 2, name: "Община Ракитово", kind: .localAuthority, districtCode: "BG-13", designs: [(3, "Безработни")],
                contributions: [Self.day(1, 1, 2016), Self.day(1, 1, 2017), Self.day(1, 1, 2018)]),
            C(
                partnerID: 3, name: "Община Смолян", kind: .localAuthority, districtCode: "BG-21", designs: [(3, "Безработни")],
                contributions: [Self.day(5, 1)]),
            // Same kind, nothing given, a less alike design.
            C(
                partnerID: 4, name: "Община Велинград", kind: .localAuthority, districtCode: nil, designs: [(9, "Пенсионери ONLINE")],
                contributions: []),
        ]
        let ranked = PartnerSuggestion.rank(candidates, wantedKinds: [.localAuthority], districts: ["BG-21"], today: today)
        #expect(ranked.map(\.partnerID) == [3, 2, 4, 1])
        #expect(ranked[0].sameKind && ranked[0].nearby && !ranked[1].nearby)
        #expect(ranked.last?.sameKind == false)
        // A design that names no kind ranks by what was done alone; the limit holds.
        let open = PartnerSuggestion.rank(candidates, wantedKinds: [], districts: [], today: today, limit: 2)
        #expect(open.map(\.partnerID) == [3, 1])
        // A year halves a contribution's weight.
        #expect(abs(PartnerSuggestion.weight(Self.day(6, 1, 2025), today: today) - 0.5) < 0.01)
    }

    @Test("a suggested partner goes into a new row once, keeping what was typed")
    func suggestedRow() throws {
        let typed: FormInput = [
            "partner-0-name": "Училища", "partner-0-kind": "school", "partner-0-role": "домакин", "suggest_partner": "7",
        ]
        let values = try #require(DesignForm.rowAction(typed))
        #expect(values["partner-1-id"] == "7" && values["partner-0-role"] == "домакин")
        #expect(values["suggest_partner"] == nil)
        var again = values
        again["suggest_partner"] = "7"
        #expect(DesignForm.rowCount(try #require(DesignForm.rowAction(again)), "partner") == 2)
        again["suggest_partner"] = "-3"
        #expect(DesignForm.rowAction(again).map { DesignForm.rowCount($0, "partner") } == 2)
    }

    @Test("the CSV exports: one row each, headers in the reader's language, plain amounts, no formulas")
    func export() {
        let rows = [
            PartnershipExport.Row(
                id: 3, partner: "=HYPERLINK(\"x\")", partnerKind: .localAuthority, libraries: ["РБ „Никола Вранчев“", "НЧ „Светлина“"],
                roles: [.funding, .venue], status: .active, startsOn: Self.day(1, 15), endsOn: nil)
        ]
        let csv = PartnershipExport.partnerships(rows, language: .bg)
        let lines = CSV.parse(csv)
        #expect(
            lines[0] == [
                "Номер", "Партньорска организация", "Вид партньор", "Библиотеки", "Роли на партньора", "Състояние", "Начало", "Край",
            ])
        #expect(
            lines[1] == [
                "3", "'=HYPERLINK(\"x\")", "местна власт", "РБ „Никола Вранчев“; НЧ „Светлина“", "финансира; осигурява място", "действащо",
                "2026-01-15", "",
            ])
        let money = PartnershipExport.contributions(
            [
                .init(
                    partnershipID: 3, partner: "Община",
                    contribution: Contribution(receivedOn: Self.day(2, 1), amount: Money(minorUnits: 100_005, currency: .EUR)), design: nil),
                .init(
                    partnershipID: 3, partner: "Община",
                    contribution: Contribution(
                        receivedOn: Self.day(2, 2), inKind: "зала", estimatedValue: Money(minorUnits: 7, currency: .BGN)), design: "Ученици"
                ),
                .init(
                    partnershipID: 3, partner: "Клуб",
                    contribution: Contribution(
                        receivedOn: Self.day(2, 3), inKind: "четения", volunteerHours: FixedDecimal(thousandths: 12_500)),
                    design: nil),
            ], language: .en)
        let parsed = CSV.parse(money)
        #expect(parsed[0].first == "Partnership no." && parsed[0].count == 9 && parsed[0][7] == "Volunteer hours")
        #expect(parsed[1] == ["3", "Община", "2026-02-01", "1000.05", "", "", "EUR", "", ""])
        #expect(parsed[2] == ["3", "Община", "2026-02-02", "", "зала", "0.07", "BGN", "", "Ученици"])
        #expect(parsed[3] == ["3", "Клуб", "2026-02-03", "", "четения", "", "", "12.5", ""])
        #expect(PartnershipExport.plain(Money(minorUnits: -250, currency: .BGN)) == "-2.50")
    }

    @Test("a partner's timeline: beginnings, ends that came, agreements, contributions and contacts, newest first")
    func timeline() {
        let today = Self.day(6, 1)
        let events = PartnerTimeline.events(
            partnerships: [
                .init(id: 1, libraries: ["РБ „Никола Вранчев“"], startsOn: Self.day(1, 10), endsOn: Self.day(12, 31)),
                .init(id: 2, libraries: ["НЧ „Светлина“"], startsOn: nil, endsOn: Self.day(3, 1)),
            ],
            agreements: [(1, Agreement(kind: .memorandum, title: "Меморандум № 7", signedOn: Self.day(1, 10)))],
            contributions: [
                (1, Contribution(receivedOn: Self.day(2, 1), amount: Money(major: 1_000, currency: .BGN))),
                (2, Contribution(receivedOn: Self.day(2, 15), inKind: "книги", estimatedValue: Money(major: 80, currency: .BGN))),
            ],
            interactions: [
                (1, Interaction(on: Self.day(4, 1), kind: .call, note: String(repeating: "дълга бележка ", count: 20))),
                (2, Interaction(on: Self.day(3, 1), kind: .call, note: "уговорихме приключването")),
            ],
            today: today, format: Formatting(.bg))
        #expect(
            events.map(\.on) == [
                Self.day(4, 1), Self.day(3, 1), Self.day(3, 1), Self.day(2, 15), Self.day(2, 1), Self.day(1, 10), Self.day(1, 10),
            ])
        // On one day, read from its last step down: the end above that day's contact, the agreement
        // above the beginning.
        #expect(events[1].text == "Край на партньорството · НЧ „Светлина“")
        #expect(events[2].text.hasPrefix("Разговор по телефона: уговорихме"))
        #expect(events[3].text == "Принос: книги, 80,00 лв. · НЧ „Светлина“")
        #expect(events[4].text == "Принос: в пари 1 000,00 лв. · РБ „Никола Вранчев“")
        #expect(events[5].text.hasPrefix("Подписване: меморандум „Меморандум № 7“") && events[6].text.hasPrefix("Начало на партньорството"))
        // A long note is cut at a word; the end still to come is not history yet.
        #expect(events[0].text.hasPrefix("Разговор по телефона: дълга бележка"))
        #expect(events[0].text.contains("… · РБ"))
        #expect(!events.contains { $0.text.hasPrefix("Край") && $0.partnershipID == 1 })
    }

    @Test("whose partnerships a person reads: everyone's, their district's, their own partner's, or none")
    func readScope() {
        func actor(_ role: Role, district: String? = nil, library: Int64? = nil, partner: Int64? = nil) -> Actor {
            Actor(userID: 1, name: "x", role: role, districtCode: district, libraryID: library, partnerID: partner)
        }
        #expect(PartnershipPolicy.readScope(actor(.admin)) == .all)
        #expect(PartnershipPolicy.readScope(actor(.coordinator, district: "BG-13")) == .district("BG-13"))
        #expect(PartnershipPolicy.readScope(actor(.librarian, district: "BG-21", library: 4)) == .district("BG-21"))
        #expect(PartnershipPolicy.readScope(actor(.partner, partner: 7)) == .partner(7))
        #expect(PartnershipPolicy.readScope(actor(.partner)) == nil)
        #expect(PartnershipPolicy.readScope(actor(.coordinator)) == nil)
        #expect(PartnershipPolicy.readScope(nil) == nil)
        #expect(PartnershipPolicy.ReadScope.partner(7).filter == (nil, 7))
        // A partner's account reads its own partnership and no other; staff read their district's.
        #expect(PartnershipPolicy.mayRead(actor(.partner, partner: 7), districts: ["BG-21"], partnerID: 7))
        #expect(!PartnershipPolicy.mayRead(actor(.partner, partner: 7), districts: ["BG-21"], partnerID: 8))
        #expect(!PartnershipPolicy.mayRead(actor(.partner), districts: ["BG-21"], partnerID: nil))
        #expect(!PartnershipPolicy.mayEdit(actor(.partner, partner: 7), libraries: [4], districts: ["BG-21"]))
    }
}
