import Testing

@testable import PraktikaDomain

@Suite("Smart chart")
struct SmartChartTests {
    static func minimal(_ status: DesignStatus = .idea) -> ServiceDesign {
        ServiceDesign(title: "Пенсионери ONLINE", libraryIDs: [1], status: status, targetGroup: TargetGroup(category: .pensioners))
    }

    static func planned() -> ServiceDesign {
        var d = minimal(.planned)
        d.needs = "Умения за работа с компютър"
        d.activities = [Activity(title: "Обучение по ИКТ", start: LocalDate(year: 2026, month: 3, day: 1))]
        d.indicators = [Indicator(name: "Обучени пенсионери", unit: .people, baseline: .zero, target: FixedDecimal(20))]
        return d
    }

    @Suite("Money in the budget")
    struct Budget {
        @Test("the seed's first group totals 2 950,00 лв. ≈ 1 508,31 €")
        func seedGroupOne() throws {
            let group = try #require(VelingradDemo.designs.first { $0.table == 1 })
            let totals = group.design.totals
            #expect(totals.byCurrency == [.BGN: Money(minorUnits: 295_000, currency: .BGN)])
            #expect(totals.mainCurrency == .BGN)
            #expect(totals.total(in: .BGN) == Money(minorUnits: 295_000, currency: .BGN))
            #expect(totals.total(in: .EUR) == Money(minorUnits: 150_831, currency: .EUR))
            #expect(Formatting(.bg).moneyWithEquivalent(totals.total(in: .BGN)) == "2 950,00 лв. (≈ 1 508,31 €)")
        }

        @Test("lines in both currencies: sums per currency, per source, and the whole in each currency")
        func mixedCurrencies() {
            let lines = [
                BudgetLine(item: "Дипляни", quantity: FixedDecimal(2), unitCost: Money(major: 150, currency: .BGN), source: .ownBudget),
                BudgetLine(item: "Лаптоп", unitCost: Money(minorUnits: 45_050, currency: .EUR), source: .projectGrant),
                BudgetLine(
                    item: "Доброволчески часове", quantity: FixedDecimal(parsing: "12,5")!,
                    unitCost: Money(major: 10, currency: .EUR), source: .volunteerWork),
            ]
            let totals = BudgetTotals(lines)
            #expect(totals.byCurrency[.BGN] == Money(major: 300, currency: .BGN))
            #expect(totals.byCurrency[.EUR] == Money(minorUnits: 45_050 + 12_500, currency: .EUR))
            #expect(totals.mainCurrency == .EUR)
            // 300 лв. = 153,39 €; 153,39 + 575,50 = 728,89 €.
            #expect(totals.total(in: .EUR) == Money(minorUnits: 72_889, currency: .EUR))
            // 575,50 € = 1 125,58 лв.; 1 125,58 + 300 = 1 425,58 лв.
            #expect(totals.total(in: .BGN) == Money(minorUnits: 142_558, currency: .BGN))
            #expect(totals.sources == [.ownBudget, .projectGrant, .volunteerWork])
            #expect(totals.total(for: .volunteerWork, in: .EUR) == Money(major: 125, currency: .EUR))
            #expect(totals.total(for: .ownBudget, in: .EUR) == Money(minorUnits: 15_339, currency: .EUR))
        }

        @Test("quantity × unit cost is exact and rounds half away from zero to the cent")
        func lineAmounts() {
            let third = FixedDecimal(parsing: "0,333")!
            #expect(third.times(Money(major: 10, currency: .EUR)) == Money(minorUnits: 333, currency: .EUR))
            #expect(FixedDecimal(parsing: "0.5")!.times(Money(minorUnits: 1, currency: .BGN)) == Money(minorUnits: 1, currency: .BGN))
            #expect(FixedDecimal(Int64.max / 1000).times(Money(major: 1_000_000, currency: .EUR)) == nil)
        }

        @Test(
            "numbers as people type them",
            arguments: [
                ("10", Int64(10_000)), ("2,5", 2_500), ("2.5", 2_500), ("1 500", 1_500_000), ("-3", -3_000), ("0,125", 125),
                ("15 %", 15_000),
            ])
        func parsing(text: String, thousandths: Int64) {
            #expect(FixedDecimal(parsing: text)?.thousandths == thousandths)
        }

        @Test("what is not a number is refused", arguments: ["", "abc", "1,2,3", "1.2345", "1e5", "двa"])
        func notNumbers(text: String) {
            #expect(FixedDecimal(parsing: text) == nil)
        }

        @Test func numberFormatting() {
            #expect(Formatting(.bg).number(FixedDecimal(parsing: "1500,5")!) == "1 500,5")
            #expect(Formatting(.en).number(FixedDecimal(parsing: "1500,5")!) == "1,500.5")
            #expect(Formatting(.bg).number(FixedDecimal(8)) == "8")
        }
    }

    @Suite("Validation per status")
    struct Validation {
        @Test("an idea needs only a title, a library and a target group")
        func idea() {
            #expect(DesignValidation.validate(SmartChartTests.minimal()).isEmpty)
            var untitled = SmartChartTests.minimal()
            untitled.title = "  "
            untitled.libraryIDs = []
            let errors = DesignValidation.validate(untitled)
            #expect(errors["title"]?.key == .validationRequired)
            #expect(errors["library-0-id"]?.key == .validationDesignNeedsLibrary)
        }

        @Test("planned needs needs, an activity and an indicator with a target")
        func planned() {
            let bare = DesignValidation.validate(SmartChartTests.minimal(.planned))
            #expect(bare["needs"]?.key == .validationRequiredForPlanned)
            #expect(bare["activities"]?.key == .validationNeedsActivity)
            #expect(bare["indicators"]?.key == .validationNeedsIndicator)
            #expect(DesignValidation.blocksMissing(for: SmartChartTests.minimal(.planned)) == [.service, .activities, .effect])

            #expect(DesignValidation.validate(SmartChartTests.planned()).isEmpty)
            var noTarget = SmartChartTests.planned()
            noTarget.indicators[0].target = nil
            #expect(DesignValidation.validate(noTarget)["indicator-0-target"]?.key == .validationRequiredForPlanned)
        }

        @Test("evaluated needs the achieved value of every indicator")
        func evaluated() {
            var d = SmartChartTests.planned()
            d.status = .evaluated
            #expect(DesignValidation.validate(d)["indicator-0-actual"]?.key == .validationRequiredForEvaluated)
            d.indicators[0].actual = FixedDecimal(17)
            #expect(DesignValidation.validate(d).isEmpty)
        }

        @Test("amounts, quantities, dates and percentages are checked at their field")
        func fields() {
            var d = SmartChartTests.minimal()
            d.budget = [
                BudgetLine(item: "", quantity: .zero, unitCost: Money(minorUnits: -1, currency: .EUR), source: .donation)
            ]
            d.activities = [
                Activity(title: "Среща", start: LocalDate(year: 2026, month: 5, day: 18), end: LocalDate(year: 2026, month: 5, day: 17))
            ]
            d.indicators = [Indicator(name: "Заетост", unit: .percent, target: FixedDecimal(120))]
            let e = DesignValidation.validate(d)
            #expect(e["budget-0-item"]?.key == .validationRequired)
            #expect(e["budget-0-quantity"]?.key == .validationPositive)
            #expect(e["budget-0-unit_cost"]?.key == .validationNegative)
            #expect(e["activity-0-end"]?.key == .validationEndBeforeStart)
            #expect(e["indicator-0-target"]?.key == .validationPercent)
        }

        @Test("the nine demo designs are valid ideas, and the one for women at risk is private")
        func demoDesigns() {
            #expect(VelingradDemo.designs.map(\.table) == Array(1...9))
            for demo in VelingradDemo.designs {
                var d = demo.design
                d.libraryIDs = [1]
                #expect(DesignValidation.validate(d).isEmpty, "group \(demo.table)")
                #expect(d.visibility == (demo.table == 3 ? .libraries : .public), "group \(demo.table)")
            }
        }

        @Test("the demo's practices are the meeting's presentations, published on the day they were presented")
        func demoPractices() {
            let presentations = VelingradDemo.agenda.flatMap { session in session.items.map { (session.day, $0) } }
                .filter { $0.1.kind == .presentation }
            #expect(VelingradDemo.practices.count == 7)
            for demo in VelingradDemo.practices {
                let found = presentations.first { $0.1.title == demo.presentation }
                #expect(found != nil, "\(demo.presentation)")
                var d = demo.design
                d.libraryIDs = [1]
                #expect(d.title == demo.presentation && d.practice?.publishedOn == found?.0, "\(demo.presentation)")
                #expect(d.presentedAt == PresentedAt(meetingTitle: VelingradDemo.meetingTitle, day: found?.0, speaker: found?.1.speaker))
                #expect(DesignValidation.validate(d).isEmpty, "\(demo.presentation)")
                let publication = ServiceDesign.validatePublication(d, whatWorked: d.practice?.whatWorked, whatDidNot: nil)
                #expect(publication.isEmpty, "\(demo.presentation)")
                // Presentations bring no indicators; one practice carries the demo's example indicator.
                #expect(d.visibility == .public && d.indicators.allSatisfy { $0.name == VelingradDemo.exampleIndicator })
                #expect(VelingradDemo.libraries.contains { $0.library.name == demo.libraryName }, "\(demo.libraryName)")
            }
        }

        @Test("a presentation recorded from a meeting may run without needs, activities or indicators; a designed service may not")
        func presentedPractice() {
            let item = AgendaItem(kind: .presentation, title: "Клуб на читателя", speaker: "Иванова", summary: "Клубът събира читатели.")
            var recorded = item.practiceDraft(
                libraryIDs: [1], meetingTitle: "Среща", day: LocalDate(year: 2026, month: 3, day: 2), .bg)
            #expect(recorded.summary == "Клубът събира читатели.\n\nПредставена от Иванова на срещата „Среща“.")
            recorded.status = .completed
            #expect(DesignValidation.validate(recorded).isEmpty)
            // An indicator it does have still needs a target, and an actual value once evaluated.
            recorded.indicators = [Indicator(name: "Членове", unit: .people)]
            #expect(DesignValidation.validate(recorded).order == ["indicator-0-target"])
            recorded.status = .evaluated
            #expect(DesignValidation.validate(recorded).order == ["indicator-0-target", "indicator-0-actual"])

            var designed = recorded
            designed.presentedAt = nil
            designed.indicators = []
            designed.status = .completed
            #expect(DesignValidation.validate(designed).order == ["needs", "activities", "indicators"])
            #expect(recorded.adopted(from: 5, by: 2).presentedAt == nil)

            // The copy is the adopter's own: the original's summary and dates stay behind, the lineage is kept.
            var original = recorded
            original.summary = "Представена от РБ „Христо Смирненски“ – Пазарджик"
            original.activities = [
                Activity(
                    title: "Обучение", start: LocalDate(year: 2011, month: 3, day: 1), end: LocalDate(year: 2011, month: 6, day: 30),
                    responsible: "библиотекар")
            ]
            let copy = original.adopted(from: 5, by: 2)
            #expect(copy.title == original.title)
            #expect(copy.summary == nil)
            #expect(copy.adoptedFrom == 5)
            #expect(copy.libraryIDs == [2])
            #expect(copy.status == .idea)
            #expect(copy.activities.map(\.title) == ["Обучение"])
            #expect(copy.activities.allSatisfy { $0.start == nil && $0.end == nil && $0.responsible == "библиотекар" })
        }
    }

    @Suite("Forms")
    struct Forms {
        @Test("every block of every demo design survives a round trip through its form, in both languages")
        func roundTrip() {
            for demo in VelingradDemo.designs {
                var original = demo.design
                original.libraryIDs = [4, 2]
                for language in Language.allCases {
                    for block in DesignBlock.allCases {
                        let input = DesignForm.normalized(DesignForm.input(original, block, language))
                        let blank = ServiceDesign(title: "", libraryIDs: [], targetGroup: TargetGroup(category: .other))
                        let (read, errors) = DesignForm.apply(input, block, to: blank)
                        #expect(errors.isEmpty, "group \(demo.table), \(block)")
                        #expect(
                            read.replacing(block, from: read) == blank.replacing(block, from: original), "group \(demo.table), \(block)")
                    }
                }
            }
        }

        @Test("empty and removed rows are dropped and the rest renumbered; what cannot be read is named at its field")
        func rows() {
            let input: FormInput = [
                "budget-0-item": "Дипляни", "budget-0-quantity": "2", "budget-0-unit_cost": "150", "budget-0-currency": "BGN",
                "budget-0-source": "own_budget", "budget-0-remove": "on",
                "budget-1-item": "", "budget-1-quantity": "", "budget-1-unit_cost": "", "budget-1-currency": "EUR",
                "budget-2-item": "Лаптоп", "budget-2-quantity": "1", "budget-2-unit_cost": "450,5", "budget-2-currency": "EUR",
                "budget-2-source": "project_grant",
                "budget-3-item": "Зала", "budget-3-quantity": "много", "budget-3-unit_cost": "сто", "budget-3-currency": "USD",
                "budget-3-source": "own_budget",
            ]
            let normalized = DesignForm.normalized(input)
            #expect(DesignForm.rowCount(normalized, "budget") == 2)
            #expect(normalized["budget-0-item"] == "Лаптоп")
            let (d, errors) = DesignForm.apply(normalized, .budget, to: SmartChartTests.minimal())
            #expect(
                d.budget.first == BudgetLine(item: "Лаптоп", unitCost: Money(minorUnits: 45_050, currency: .EUR), source: .projectGrant))
            #expect(errors["budget-1-quantity"]?.key == .validationNumber)
            #expect(errors["budget-1-unit_cost"]?.key == .validationMoney)
            #expect(errors["budget-1-currency"]?.key == .validationOption)
        }

        @Test("a row moves up or down with all its columns and its remove mark; moves off the list change nothing")
        func moves() throws {
            let input: FormInput = [
                "activity-0-title": "Анкета", "activity-0-start": "01.03.2026",
                "activity-1-title": "Курс", "activity-1-responsible": "Мария", "activity-1-remove": "on",
                "activity-2-title": "Изложба", "budget-0-item": "Зала",
            ]
            let up = try #require(DesignForm.RowMove("activity-1-up"))
            let moved = DesignForm.moved(input, up)
            #expect(moved["activity-0-title"] == "Курс" && moved["activity-0-responsible"] == "Мария" && moved["activity-0-remove"] == "on")
            #expect(moved["activity-1-title"] == "Анкета" && moved["activity-1-start"] == "01.03.2026")
            #expect(moved["activity-1-responsible"] == nil && moved["activity-1-remove"] == nil && moved["activity-0-start"] == nil)
            #expect(moved["activity-2-title"] == "Изложба" && moved["budget-0-item"] == "Зала")
            let down = try #require(DesignForm.RowMove(DesignForm.RowMove.value("activity", 0, up: false)))
            #expect(DesignForm.moved(moved, down) == input)
            for edge in ["activity-0-up", "activity-2-down", "activity-7-down"] {
                #expect(DesignForm.moved(input, try #require(DesignForm.RowMove(edge))) == input, "\(edge)")
            }
            for bad in ["activity-1-left", "version-1-up", "activity--1-up", "activity-x-up", "activity-1", ""] {
                #expect(DesignForm.RowMove(bad) == nil, "\(bad)")
            }
        }

        @Test("the form's row buttons give the form back without saving; only Save saves")
        func rowActions() throws {
            let input: FormInput = ["title": "Клуб", "activity-0-title": "Анкета", "activity-1-title": "Курс"]
            #expect(DesignForm.rowAction(input) == nil)
            let added = try #require(DesignForm.rowAction(input.merging(["add_row": "activity"]) { a, _ in a }))
            #expect(added["activity-2-title"] == "" && added["add_row"] == nil && added["title"] == "Клуб")
            let moved = try #require(DesignForm.rowAction(input.merging(["move_row": "activity-1-up"]) { a, _ in a }))
            #expect(moved["activity-0-title"] == "Курс" && moved["activity-1-title"] == "Анкета" && moved["move_row"] == nil)
            let found = try #require(
                DesignForm.rowAction(input.merging(["find_partner": "1", "partner_search": "читалище"]) { a, _ in a }))
            #expect(found == DesignForm.normalized(input.merging(["partner_search": "читалище"]) { a, _ in a }))
            // A button with a value that names no list or no move changes nothing, and saves nothing.
            for garbled in [["move_row": "activity-1-left"], ["add_row": "version"]] {
                #expect(DesignForm.rowAction(input.merging(garbled) { a, _ in a }) == DesignForm.normalized(input), "\(garbled)")
            }
        }
    }

    @Suite("History")
    struct History {
        @Test("changes between two versions are listed with readable labels and values")
        func diff() {
            let old = SmartChartTests.minimal()
            var new = old
            new.title = "Пенсионери онлайн"
            new.budget = [BudgetLine(item: "Дипляни", unitCost: Money(major: 300, currency: .BGN), source: .partner)]
            let changes = DesignDiff.changes(from: old, to: new, .bg)
            #expect(changes.map(\.key) == ["title", "budget.0.item", "budget.0.quantity", "budget.0.unit_cost", "budget.0.source"])
            #expect(changes[0].before == "Пенсионери ONLINE" && changes[0].after == "Пенсионери онлайн")
            #expect(changes[3].label == "Бюджет, ред 1: Единична цена")
            #expect(changes[3].after == "300,00 лв.")
            #expect(DesignDiff.changes(from: new, to: old, .en).map(\.key).contains("budget.0.item"))
            #expect(DesignDiff.changes(from: old, to: new, .bg, in: [.effect]).isEmpty)
        }

        @Test("saving one block over someone else's change to another block keeps both")
        func merge() {
            let base = SmartChartTests.minimal()
            var theirs = base
            theirs.needs = "Контакти в общността"
            var mine = base
            mine.budget = [BudgetLine(item: "Кафе", unitCost: Money(major: 20, currency: .EUR), source: .donation)]
            let merged = theirs.replacing(.budget, from: mine)
            #expect(merged.needs == "Контакти в общността")
            #expect(merged.budget == mine.budget)
            #expect(DesignDiff.changes(from: base, to: theirs, .bg, in: [.budget]).isEmpty)
        }
    }

    @Suite("Permissions")
    struct Permissions {
        let library = Actor(userID: 3, name: "Л", role: .librarian, districtCode: "BG-21", libraryID: 2)
        let coordinator = Actor(userID: 2, name: "К", role: .coordinator, districtCode: "BG-13", libraryID: nil)
        let partner = Actor(userID: 4, name: "П", role: .partner, districtCode: nil, libraryID: nil)
        let admin = Actor(userID: 1, name: "А", role: .admin, districtCode: nil, libraryID: nil)

        @Test("who may view, change and delete a design")
        func table() {
            let ownPrivate = DesignScope(libraryIDs: [2], districtCodes: ["BG-21"], visibility: .libraries)
            let otherDistrict = DesignScope(libraryIDs: [1], districtCodes: ["BG-13"], visibility: .district)
            let otherPublic = DesignScope(libraryIDs: [1], districtCodes: ["BG-13"], visibility: .public)
            let cases: [(Actor?, Action, DesignScope, Bool)] = [
                (nil, .view, otherPublic, true), (nil, .view, ownPrivate, false), (nil, .update, otherPublic, false),
                (partner, .view, otherDistrict, false), (partner, .update, otherPublic, false),
                (library, .view, ownPrivate, true), (library, .update, ownPrivate, true), (library, .delete, ownPrivate, false),
                (library, .view, otherDistrict, false), (library, .update, otherPublic, false),
                (coordinator, .view, otherDistrict, true), (coordinator, .update, otherDistrict, true),
                (coordinator, .delete, otherDistrict, true), (coordinator, .view, ownPrivate, false),
                (admin, .view, ownPrivate, true), (admin, .delete, ownPrivate, true),
            ]
            for (actor, action, scope, expected) in cases {
                #expect(
                    Policy.allows(actor, action, design: scope) == expected, "\(actor?.role.rawValue ?? "anonymous") \(action) \(scope)")
            }
            #expect(Policy.mayCreateDesigns(library) && Policy.mayCreateDesigns(admin) && !Policy.mayCreateDesigns(partner))
        }
    }
}

@Suite("Adopters' results")
struct AdoptionComparisonTests {
    @Test("indicators are matched by name across the original and its copies, with what each reached of its target")
    func rows() {
        var original = ServiceDesign(title: "Пенсионери ONLINE", libraryIDs: [1], targetGroup: TargetGroup(category: .pensioners))
        original.indicators = [Indicator(name: "Обучени пенсионери", unit: .people, target: FixedDecimal(20), actual: FixedDecimal(24))]
        var copy = original
        copy.indicators = [
            Indicator(name: "обучени  пенсионери", unit: .people, target: FixedDecimal(10), actual: FixedDecimal(5)),
            Indicator(name: "Нови читатели", unit: .people, target: FixedDecimal(0), actual: FixedDecimal(3)),
        ]
        let other = ServiceDesign(title: "x", libraryIDs: [2], targetGroup: TargetGroup(category: .pensioners))
        let rows = AdoptionComparison.rows([original, copy, other])
        #expect(rows.map(\.name) == ["Обучени пенсионери", "Нови читатели"])
        #expect(rows[0].cells.map { $0?.perMille } == [1200, 500, nil])
        #expect(rows[1].cells[0] == nil)
        #expect(rows[1].cells[1]?.perMille == nil)  // a zero target has no share
        #expect(rows[1].cells[1]?.actual == FixedDecimal(3))
    }
}
