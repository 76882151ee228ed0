import Foundation
import Testing

@testable import PraktikaDomain

@Suite("QR codes")
struct QRCodeTests {
    @Test("Reed–Solomon codewords match the standard's worked example (01234567, 1-M)")
    func reedSolomon() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = QRCode.ReedSolomon.remainder(data, QRCode.ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("Data capacities at level M follow the standard's table")
    func capacities() {
        #expect((1...10).map(QRCode.dataCodewords) == [16, 28, 44, 64, 86, 108, 124, 154, 182, 216])
        #expect(QRCode.dataCodewords(40) == 2334)
    }

    @Test("The smallest version that holds the text is chosen; too long a text gives none")
    func versions() throws {
        #expect(try #require(QRCode(String(repeating: "a", count: 14))).version == 1)
        #expect(try #require(QRCode(String(repeating: "a", count: 15))).version == 2)
        let link = try #require(QRCode("https://praktika.example.bg/s/abcdefghjk"))
        #expect(link.version == 3)
        #expect(link.size == 29)
        #expect(QRCode(String(repeating: "a", count: 2400)) == nil)
    }

    /// Reads the format information back from the symbol, both copies, and checks it names
    /// level M and the mask the encoder chose.
    @Test("Both copies of the format information name level M and the chosen mask")
    func formatInformation() throws {
        for text in ["https://praktika.example.bg/s/abcdefghjk", String(repeating: "Библиотека ", count: 20)] {
            let code = try #require(QRCode(text))
            var first = 0
            var second = 0
            func bit(_ x: Int, _ y: Int) -> Int { code.isDark(x: x, y: y) ? 1 : 0 }
            for i in 0...5 { first |= bit(8, i) << i }
            first |= bit(8, 7) << 6
            first |= bit(8, 8) << 7
            first |= bit(7, 8) << 8
            for i in 9..<15 { first |= bit(14 - i, 8) << i }
            for i in 0..<8 { second |= bit(code.size - 1 - i, 8) << i }
            for i in 8..<15 { second |= bit(8, code.size - 15 + i) << i }
            #expect(first == second)
            let unmasked = first ^ 0x5412
            #expect(unmasked >> 13 == 0, "level M is 00")
            #expect((unmasked >> 10) & 7 == code.mask)
            #expect(code.isDark(x: 8, y: code.size - 8), "the dark module")
        }
    }

    @Test("Finder patterns sit in three corners, timing patterns alternate")
    func functionPatterns() throws {
        let code = try #require(QRCode("https://praktika.example.bg/s/abcdefghjk"))
        for (x0, y0) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: x0 + dx, y: y0 + dy) == (ring != 2))
                }
            }
        }
        for i in 8..<(code.size - 8) { #expect(code.isDark(x: i, y: 6) == (i % 2 == 0)) }
    }

    @Test("The SVG has a quiet zone, a white ground and escapes its label")
    func svg() throws {
        let code = try #require(QRCode("x"))
        let svg = code.svg(label: "a<b")
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("aria-label=\"a&lt;b\""))
        #expect(!svg.contains("a<b"))
    }
}

@Suite("Outcome surveys")
struct OutcomeSurveyTests {
    let immediate = OutcomeSurvey(
        kind: .immediate, questions: [FeedbackQuestion(id: "q1", kind: .single, prompt: "Как научихте?", options: ["Плакат", "Приятел"])])

    @Test("Each kind asks its own standard items")
    func items() {
        #expect(SurveyKind.immediate.items == [.learned, .confident, .intend, .aware])
        #expect(SurveyKind.followUp.items == [.applied, .changed, .usedMore])
        #expect(SurveyKind.followUp.openQuestions.isEmpty)
    }

    @Test("A submission reads scores, texts, own answers, the profile and a consented address")
    func reads() throws {
        let (read, errors) = immediate.readSubmission([
            "item-learned": ["5"], "item-aware": ["2"], "open-liked": [" Всичко "], "q-q1": ["1"], "age_band": ["65_plus"],
            "first_visit": ["yes"], "follow_up_email": ["Ivana@Example.bg"], "follow_up_consent": ["yes"],
        ])
        #expect(errors.isEmpty)
        let submission = try #require(read)
        #expect(submission.answer.scores == [.learned: 5, .aware: 2])
        #expect(submission.answer.texts == [.liked: "Всичко"])
        #expect(submission.answer.own == ["q1": ["1"]])
        #expect(submission.profile == RespondentProfile(ageBand: .from65, firstVisit: true))
        #expect(submission.followUpEmail == "ivana@example.bg")
    }

    @Test("Problems are reported at their fields")
    func problems() {
        #expect(immediate.readSubmission([:]).1["item-learned"]?.key == .validationEmptyResponse)
        #expect(immediate.readSubmission(["item-learned": ["6"]]).1["item-learned"]?.key == .validationOption)
        #expect(immediate.readSubmission(["item-learned": ["4"], "gender": ["x"]]).1["gender"]?.key == .validationOption)
        let noConsent = immediate.readSubmission(["item-learned": ["4"], "follow_up_email": ["a@b.bg"]]).1
        #expect(noConsent["follow_up_consent"]?.key == .validationFollowUpConsent)
        #expect(
            immediate.readSubmission(["item-learned": ["4"], "follow_up_email": ["not an address"], "follow_up_consent": ["yes"]]).1[
                "follow_up_email"] != nil)
        #expect(immediate.readSubmission(["item-learned": ["4"], "q-q1": ["7"]]).1["q-q1"]?.key == .validationOption)
    }

    @Test("The follow-up survey keeps no address and takes answers only until its last day")
    func followUp() throws {
        var survey = OutcomeSurvey(kind: .followUp)
        let (read, _) = survey.readSubmission(["item-applied": ["4"], "follow_up_email": ["a@b.bg"], "follow_up_consent": ["yes"]])
        #expect(try #require(read).followUpEmail == nil)
        survey.closesOn = LocalDate(year: 2026, month: 6, day: 30)
        #expect(survey.takesAnswers(on: LocalDate(year: 2026, month: 6, day: 30)!))
        #expect(!survey.takesAnswers(on: LocalDate(year: 2026, month: 7, day: 1)!))
        survey.closesOn = nil
        survey.open = false
        #expect(!survey.takesAnswers(on: LocalDate(year: 2026, month: 1, day: 1)!))
    }

    @Test("Settings: at most five own questions, weeks within range, areas by their codes")
    func settings() {
        var input: FormInput = ["open": "on", "follow_up_weeks": "6", "area-digital_skills": "on", "area-nonsense": "on"]
        let (survey, plan, errors) = OutcomeSurvey.read(input, kind: .immediate)
        #expect(errors.isEmpty)
        #expect(survey?.open == true)
        #expect(plan?.areas == ["digital_skills"], "unknown codes are dropped")
        for n in 1...6 { input["question-\(n)-prompt"] = "Въпрос \(n)" }
        #expect(OutcomeSurvey.read(input, kind: .immediate).2["question-6-prompt"]?.key == .validationTooManyQuestions)
        input = ["follow_up_weeks": "40"]
        #expect(OutcomeSurvey.read(input, kind: .immediate).2["follow_up_weeks"]?.key == .validationBetween)
    }
}

@Suite("Outcome results")
struct OutcomeResultsTests {
    @Test("Agreeing is 4 or 5; shares are per mille of those who answered the item")
    func tally() {
        let answers = [
            OutcomeAnswer(scores: [.learned: 5, .confident: 3]), OutcomeAnswer(scores: [.learned: 4]), OutcomeAnswer(scores: [.learned: 2]),
        ]
        let tallies = OutcomeResults.tally(answers)
        #expect(tallies[.learned] == ItemTally(answered: 3, agreed: 2))
        #expect(tallies[.learned]?.perMille == 667)
        #expect(tallies[.confident] == ItemTally(answered: 1, agreed: 0))
        #expect(tallies[.intend] == nil)
    }

    @Test("District and network figures need five libraries behind them")
    func suppression() {
        let four = [OutcomeItem.learned: PooledTally(tally: ItemTally(answered: 40, agreed: 30), libraries: 4)]
        let five = [OutcomeItem.learned: PooledTally(tally: ItemTally(answered: 50, agreed: 30), libraries: 5)]
        let rows = OutcomeResults.compare(
            kind: .immediate, service: [.learned: ItemTally(answered: 10, agreed: 9)], district: four, network: five)
        #expect(rows.count == 4)
        #expect(rows[0].district == nil)
        #expect(rows[0].network == ItemTally(answered: 50, agreed: 30))
        #expect(rows[1].service == ItemTally())
    }

    @Test("Respondents' profiles are shown from five on")
    func profiles() throws {
        let four = Array(repeating: RespondentProfile(ageBand: .from30), count: 4) + [RespondentProfile()]
        #expect(OutcomeResults.profiles(four) == nil)
        let five = four + [RespondentProfile(gender: .woman, firstVisit: false)]
        let summary = try #require(OutcomeResults.profiles(five))
        #expect(summary.respondents == 5)
        #expect(summary.ageBands[.from30] == 4)
        #expect(summary.returning == 1)
    }

    @Test("The chart labels every bar with its share and count, and escapes")
    func chart() {
        let rows = [
            OutcomeComparisonRow(
                item: .learned, service: ItemTally(answered: 4, agreed: 3), district: nil, network: ItemTally(answered: 10, agreed: 5))
        ]
        let svg = OutcomeChart.svg(
            rows,
            series: [.init(name: "<Услугата>", fill: "#000"), .init(name: "Областта", fill: "#111"), .init(name: "Мрежата", fill: "#222")],
            title: "t", language: .bg, format: Formatting(.bg))
        let f = Formatting(.bg)
        #expect(svg.contains("&lt;Услугата&gt;: \(f.perMille(750)) (4)"))
        #expect(svg.contains("Мрежата: \(f.perMille(500)) (10)"))
        #expect(!svg.contains("Областта"))
    }
}

@Suite("Mail format")
struct MailFormatTests {
    @Test("A Cyrillic subject becomes encoded words; the body base64 with CRLF lines")
    func encoding() throws {
        let message = MailMessage(
            recipient: "a@b.bg", subject: "Курс по компютърна грамотност: какво се промени за вас?", body: "Здравейте,\nред 2", kind: "t")
        let text = MailFormat.message(from: "praktika@lib.bg", message, date: Date(timeIntervalSince1970: 0), messageID: "1@x")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(lines.allSatisfy { $0.count <= 78 })
        var subject = ""
        for line in lines.drop(while: { !$0.hasPrefix("Subject:") }) {
            guard line.hasPrefix("Subject:") || line.hasPrefix(" ") else { break }
            for word in line.split(separator: " ") where word.hasPrefix("=?UTF-8?B?") {
                let b64 = word.dropFirst(10).dropLast(2)
                subject += String(decoding: try #require(Data(base64Encoded: String(b64))), as: UTF8.self)
            }
        }
        #expect(subject == message.subject)
        let body = lines.drop(while: { !$0.isEmpty }).dropFirst().joined()
        #expect(String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self) == "Здравейте,\r\nред 2")
    }

    @Test("Nothing typed can add a header")
    func injection() {
        let message = MailMessage(recipient: "a@b.bg\r\nBcc: x@y.bg", subject: "Hi\r\nBcc: x@y.bg", body: "", kind: "t")
        let text = MailFormat.message(from: "p@l.bg", message, date: Date(), messageID: "1@x")
        #expect(!text.components(separatedBy: "\r\n").contains { $0.hasPrefix("Bcc:") })
    }

    @Test("Dot-stuffing and the retry schedule")
    func stuffingAndRetries() {
        #expect(MailFormat.dotStuffed("a\r\n.b\r\n..") == "a\r\n..b\r\n...")
        #expect((1...6).map(MailRetry.delay(afterAttempt:)) == [60, 300, 1800, 7200, 43200, nil])
    }
}

@Suite("Indicator periods")
struct IndicatorPeriodTests {
    let period = IndicatorPeriod(
        indicator: "Посещения", startsOn: LocalDate(year: 2026, month: 1, day: 1)!, endsOn: LocalDate(year: 2026, month: 6, day: 30)!,
        target: FixedDecimal(300), direction: .increase)

    @Test("A period is running, due, then overdue; a result's status decides once there is one")
    func states() {
        #expect(PeriodState.of(period, nil, today: LocalDate(year: 2026, month: 6, day: 30)!) == .running)
        #expect(PeriodState.of(period, nil, today: LocalDate(year: 2026, month: 7, day: 30)!) == .due)
        #expect(PeriodState.of(period, nil, today: LocalDate(year: 2026, month: 7, day: 31)!) == .overdue)
        let result = IndicatorResult(value: FixedDecimal(310))
        #expect(PeriodState.of(period, result, today: LocalDate(year: 2027, month: 1, day: 1)!) == .submitted)
        var approved = result
        approved.status = .approved
        #expect(!PeriodState.of(period, approved, today: LocalDate(year: 2027, month: 1, day: 1)!).mayEnter)
        #expect(PeriodState.returned.mayEnter && PeriodState.due.mayEnter && !PeriodState.submitted.mayEnter)
    }

    @Test("Reaching the target depends on the direction")
    func reached() {
        #expect(period.reached(FixedDecimal(300)) == true)
        #expect(period.reached(FixedDecimal(299)) == false)
        var down = period
        down.direction = .decrease
        #expect(down.reached(FixedDecimal(250)) == true)
        down.target = nil
        #expect(down.reached(FixedDecimal(250)) == nil)
    }

    @Test("The period form: a known indicator, dates in order, a number for the target")
    func form() {
        let (read, errors) = IndicatorPeriod.read(
            ["indicator": "Посещения", "starts_on": "01.01.2026", "ends_on": "30.06.2026", "target": "300,5", "direction": "decrease"],
            indicators: ["Посещения"])
        #expect(errors.isEmpty)
        #expect(read?.target == FixedDecimal(thousandths: 300_500))
        #expect(read?.direction == .decrease)
        let bad = IndicatorPeriod.read(
            ["indicator": "Друго", "starts_on": "01.07.2026", "ends_on": "30.06.2026", "target": "много"], indicators: ["Посещения"]
        ).1
        #expect(bad["indicator"]?.key == .validationOption)
        #expect(bad["ends_on"]?.key == .validationEndBeforeStart)
        #expect(bad["target"]?.key == .validationNumber)
        #expect(IndicatorResult.read(["value": ""]).2["value"]?.key == .validationRequired)
        #expect(IndicatorResult.read(["value": "12,5"]).0 == FixedDecimal(thousandths: 12_500))
    }

    @Test("The chart draws a bar per reported period and a line per target")
    func chart() {
        let svg = IndicatorChart.svg(
            [
                .init(label: "I", value: FixedDecimal(342), target: FixedDecimal(300), approved: true),
                .init(label: "II", value: nil, target: FixedDecimal(350), approved: false),
            ], title: "<x>", format: Formatting(.bg))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 1)
        #expect(svg.components(separatedBy: "<line").count - 1 == 2)
        #expect(svg.contains("aria-label=\"&lt;x&gt;\""))
    }
}

@Suite("Outcome areas")
struct OutcomeAreaTests {
    @Test("Added areas follow the standard ones; a new name may not repeat one there is")
    func added() {
        let areas = OutcomeAreas(added: [AreaChoice(code: "custom-1", nameBG: "Местна история", nameEN: "Local history")])
        #expect(areas.all.count == OutcomeArea.allCases.count + 1)
        #expect(areas.ordered(["custom-1", "nonsense", "reading"]) == ["reading", "custom-1"])
        #expect(areas.name("custom-1", .en) == "Local history")
        #expect(areas.name("health", .bg) == OutcomeArea.health.label(.bg))
        let repeated = AreaChoice.validate(nameBG: "  местна  ИСТОРИЯ ", nameEN: "Heritage", existing: areas.all)
        #expect(repeated["name_bg"]?.key == .validationAreaExists)
        #expect(repeated["name_en"] == nil)
        #expect(AreaChoice.validate(nameBG: nil, nameEN: "x", existing: [])["name_bg"]?.key == .validationRequired)
        let (_, plan, _) = OutcomeSurvey.read(
            ["area-custom-1": "on", "area-reading": "on", "follow_up_weeks": "4"], kind: .immediate, areas: areas)
        #expect(plan?.areas == ["reading", "custom-1"])
    }
}
