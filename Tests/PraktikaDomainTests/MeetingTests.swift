import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Meetings")
struct MeetingTests {
    static func date(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    @Suite("Dates and times")
    struct DatesAndTimes {
        @Test("day numbers round-trip and count days across months and leap years")
        func dayArithmetic() {
            let d = date("2012-05-17")
            #expect(d.adding(days: 1) == date("2012-05-18"))
            #expect(date("2012-02-28").adding(days: 1) == date("2012-02-29"))
            #expect(date("2011-02-28").adding(days: 1) == date("2011-03-01"))
            #expect(date("2012-12-31").adding(days: 1) == date("2013-01-01"))
            #expect(date("2012-05-17").days(until: date("2012-06-01")) == 15)
            #expect(d.weekday == 4)  // 17 May 2012 was a Thursday.
            #expect(LocalDate(dayNumber: 0) == date("1970-01-01"))
        }

        @Test("clock times accept the ways people type them and refuse the rest")
        func clockTimes() {
            #expect(ClockTime(parsing: "9:30")?.description == "09:30")
            #expect(ClockTime(parsing: "09.30 ч.")?.minutes == 570)
            #expect(ClockTime(parsing: "24:00") == nil)
            #expect(ClockTime(parsing: "9") == nil)
            #expect(ClockTime(parsing: "9:3") == nil)
        }

        @Test("a date range reads as the report writes it")
        func dateRange() {
            let bg = Formatting(.bg)
            #expect(bg.dateRange(date("2012-05-17"), date("2012-05-18")) == "17 и 18 май 2012 г.")
            #expect(bg.dateRange(date("2012-05-17"), date("2012-05-19")) == "17–19 май 2012 г.")
            #expect(bg.dateRange(date("2012-05-31"), date("2012-06-01")) == "31 май – 1 юни 2012 г.")
            #expect(Formatting(.en).dateRange(date("2012-05-17"), date("2012-05-18")) == "17–18 May 2012")
            #expect(bg.list(["А", "Б", "В"]) == "А, Б и В")
        }
    }

    @Suite("The meeting form")
    struct MeetingForm {
        @Test("a complete form reads into a meeting without duplicates")
        func reads() throws {
            let input: FormInput = [
                "title": "Среща", "starts_on": "17.05.2012", "ends_on": "18.05.2012", "venue": "Камена", "status": "held",
            ]
            let (meeting, errors) = Meeting.read(input, districts: ["BG-21", "BG-13", "BG-21"], organisers: [1, 1, 2])
            #expect(errors.isEmpty)
            let m = try #require(meeting)
            #expect(m.districtCodes == ["BG-21", "BG-13"])
            #expect(m.organiserLibraryIDs == [1, 2])
            #expect(m.days == [date("2012-05-17"), date("2012-05-18")])
            #expect(m.status == .held)
        }

        @Test("each problem lands at its field")
        func errors() {
            let (meeting, errors) = Meeting.read(
                ["title": "", "starts_on": "18.05.2012", "ends_on": "17.05.2012", "venue": "x"], districts: ["BG-99"], organisers: [])
            #expect(meeting == nil)
            #expect(errors["title"]?.key == .validationRequired)
            #expect(errors["ends_on"]?.key == .validationEndBeforeStart)
            #expect(errors["districts"]?.key == .validationOption)
            let (_, long) = Meeting.read(
                ["title": "x", "starts_on": "01.05.2012", "ends_on": "20.05.2012", "venue": "x"], districts: ["BG-13"], organisers: [])
            #expect(long["ends_on"]?.key == .validationMeetingTooLong)
            let (_, none) = Meeting.read(["title": "x", "starts_on": "32.05.2012", "venue": "x"], districts: [], organisers: [])
            #expect(none["starts_on"]?.key == .validationDate)
            #expect(none["districts"]?.key == .validationRequired)
        }

        @Test("agenda sessions must fall on the meeting's days; presentations need a speaker")
        func agenda() {
            let days = [date("2012-05-17"), date("2012-05-18")]
            let (_, wrongDay) = AgendaSession.read(["day": "19.05.2012", "title": "x"], days: days)
            #expect(wrongDay["day"]?.key == .validationNotMeetingDay)
            let (session, ok) = AgendaSession.read(["day": "17.05.2012", "title": "x", "starts": "9:30", "ends": "12.00"], days: days)
            #expect(ok.isEmpty)
            #expect(session?.ends?.description == "12:00")
            let (_, backwards) = AgendaSession.read(["day": "17.05.2012", "title": "x", "starts": "12:00", "ends": "9:00"], days: days)
            #expect(backwards["ends"]?.key == .validationEndBeforeStart)
            let (_, noSpeaker) = AgendaItem.read(["kind": "presentation", "title": "x"])
            #expect(noSpeaker["speaker"]?.key == .validationRequired)
            let (item, fine) = AgendaItem.read(["kind": "break", "title": "Кафе", "starts": "11:00"])
            #expect(fine.isEmpty && item?.kind == .break)
        }

        @Test("meetings and participants travel as snake_case JSON and read back the same; missing flags take defaults")
        func json() throws {
            let meeting = VelingradDemo.meeting
            let data = try JSONEncoder().encode(meeting)
            let keys = Set((try JSONSerialization.jsonObject(with: data) as! [String: Any]).keys)
            #expect(keys.isSuperset(of: ["title", "starts_on", "ends_on", "district_codes", "organiser_library_ids", "status"]))
            #expect(try JSONDecoder().decode(Meeting.self, from: data) == meeting)
            let p = try JSONDecoder().decode(
                MeetingParticipant.self, from: Data(#"{"full_name":"Ана","organisation":"НЧ","district_code":"BG-21"}"#.utf8))
            #expect(p.role == .other && !p.consentListed && p.wants.isEmpty && p.source == .organiser)
            let roundTrip = try JSONDecoder().decode(MeetingParticipant.self, from: JSONEncoder().encode(VelingradDemo.participants()[0]))
            #expect(roundTrip == VelingradDemo.participants()[0])
            let sessions = try JSONDecoder().decode([AgendaSession].self, from: JSONEncoder().encode(VelingradDemo.agenda))
            #expect(sessions == VelingradDemo.agenda)
            #expect(
                MeetingValidation.session(
                    AgendaSession(day: date("2012-05-17"), title: "x", items: [AgendaItem(kind: .presentation, title: "y")]),
                    days: meeting.days)["items[0].speaker"] != nil)
        }

        @Test("organisers are the libraries that organise it and the coordinators of its districts")
        func policy() {
            let meeting = Meeting(
                title: "x", startsOn: date("2012-05-17"), endsOn: date("2012-05-17"), venue: "x", organiserLibraryIDs: [7],
                districtCodes: ["BG-13"])
            let scope = MeetingScope(meeting)
            func actor(_ role: Role, _ district: String?, _ library: Int64?) -> Actor {
                Actor(userID: 1, name: "x", role: role, districtCode: district, libraryID: library)
            }
            #expect(Policy.mayOrganise(actor(.admin, nil, nil), meeting: scope))
            #expect(Policy.mayOrganise(actor(.coordinator, "BG-13", nil), meeting: scope))
            #expect(!Policy.mayOrganise(actor(.coordinator, "BG-21", nil), meeting: scope))
            #expect(Policy.mayOrganise(actor(.librarian, "BG-21", 7), meeting: scope))
            #expect(!Policy.mayOrganise(actor(.librarian, "BG-13", 8), meeting: scope))
            #expect(!Policy.mayOrganise(actor(.partner, "BG-13", nil), meeting: scope))
            #expect(!Policy.mayOrganise(nil, meeting: scope))
        }
    }

    @Suite("CSV import")
    struct Import {
        static let tables = [
            WorkTable(id: 11, number: 1, targetGroup: "Туристи", category: .business),
            WorkTable(id: 12, number: 2, targetGroup: "Ученици", category: .pupils),
        ]

        @Test("quoted fields keep separators, quotes and line breaks; the separator is detected")
        func parser() {
            let rows = CSV.parse("\u{FEFF}име;организация\r\n\"Иванова; Мария\";\"НЧ \"\"Светлина\"\"\"\r\n\"два\nреда\";x\n")
            #expect(rows == [["име", "организация"], ["Иванова; Мария", "НЧ \"Светлина\""], ["два\nреда", "x"]])
            #expect(CSV.separator(of: "a,b,c\n1;2") == ",")
            #expect(CSV.parse("a\tb\n1\t2") == [["a", "b"], ["1", "2"]])
        }

        @Test("written cells are quoted where needed and never start a formula")
        func writer() {
            #expect(CSV.line(["a,b", "=1+1", "plain", "\"q\""]) == "\"a,b\",'=1+1,plain,\"\"\"q\"\"\"\r\n")
        }

        @Test("good rows are read with Bulgarian headers, district names and role labels")
        func goodRows() throws {
            let csv = """
                Име;Роля;Организация;Област;Имейл;Съгласие за списък;Снимки;Нужди;Маси
                Мария Иванова;библиотекар;НЧ „Светлина“;Смолян;maria@example.bg;да;не;инвалидна количка;2 1
                Petar Petrov;municipal_official;Община Ракитово;Pazardzhik;;;;;
                """
            let result = ParticipantImport.read(csv, tables: Self.tables, existing: [])
            #expect(result.problems.isEmpty)
            #expect(result.participants.count == 2)
            let maria = try #require(result.participants.first?.participant)
            #expect(maria.role == .librarian)
            #expect(maria.districtCode == "BG-21")
            #expect(maria.consentListed && !maria.consentPhoto)
            #expect(maria.wants == [12, 11])
            #expect(maria.needs == "инвалидна количка")
            #expect(result.participants[1].participant.role == .municipalOfficial)
            #expect(result.participants[1].participant.districtCode == "BG-13")
            #expect(result.participants[1].row == 3)
        }

        @Test("every problem is reported by row and column, and those rows are left out")
        func problems() {
            let csv = """
                name,organisation,district,email,listed,wants
                Мария Иванова,НЧ Светлина,Смолян,not-an-email,може би,3
                ,Библиотека,Пазарджик,,,
                Иван Иванов,Библиотека,Марс,,,
                Мария Иванова,НЧ  светлина,Смолян,,,
                Георги Георгиев,Библиотека,BG-13,,да,1
                """
            let existing = [MeetingParticipant(fullName: "Мария Иванова", role: .librarian, organisation: "НЧ Светлина")]
            let result = ParticipantImport.read(csv, tables: Self.tables, existing: existing)
            #expect(result.participants.map(\.row) == [6])
            let found = Set(result.problems.map { "\($0.row)/\($0.column)/\($0.error.key.rawValue)" })
            #expect(found.contains("2/email/validationEmail"))
            #expect(found.contains("2/listed/importYesNo"))
            #expect(found.contains("2/wants/importUnknownTable"))
            #expect(found.contains("3/name/validationRequired"))
            #expect(found.contains("4/district/importUnknownDistrict"))
            #expect(found.contains("5/name/importDuplicate"))
            #expect(result.rowsRead == 5)
        }

        @Test("a file without a required column is refused as a whole")
        func missingColumn() {
            let result = ParticipantImport.read("name;email\nx;y", tables: [], existing: [])
            #expect(result.participants.isEmpty)
            #expect(result.problems.map(\.error.key) == [.importMissingColumn, .importMissingColumn])
            #expect(ParticipantImport.read("", tables: [], existing: []).problems.first?.error.key == .importEmptyFile)
        }
    }

    @Suite("Calendar")
    struct Calendar {
        @Test("the Velingrad programme is a valid iCalendar: CRLF, folded lines, escaped text, one event per session")
        func velingrad() {
            var sessions = VelingradDemo.agenda
            sessions[1].starts = ClockTime(parsing: "10:00")
            sessions[1].ends = ClockTime(parsing: "13:00")
            let ics = MeetingCalendar.ics(
                meeting: VelingradDemo.meeting, agenda: Agenda(sessions: sessions), uidPrefix: "meeting-1@praktika",
                url: "https://praktika.example/meetings/1", language: .bg, stamp: Date(timeIntervalSince1970: 0))
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
            let lines = ics.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
            #expect(lines.contains("DTSTART;TZID=Europe/Sofia:20120517T100000"))
            #expect(lines.contains("DTSTART;VALUE=DATE:20120518"))
            #expect(lines.contains("DTSTAMP:19700101T000000Z"))
            // Unfolded, the location keeps its escaped comma.
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("LOCATION:Балнеологичен център „Камена“ ЕАД\\, Велинград"))
            #expect(MeetingCalendar.text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne")
        }

        @Test("folding never splits a Cyrillic letter")
        func folding() {
            let folded = MeetingCalendar.fold("SUMMARY:" + String(repeating: "я", count: 100))
            for line in folded.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 75)
            }
            #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "я", count: 100))
        }
    }

    @Suite("Seating a meeting")
    struct Seating {
        static func velingrad() -> ([WorkTable], [MeetingParticipant]) {
            let tables = VelingradDemo.tables.map {
                WorkTable(id: Int64(100 + $0.number), number: $0.number, targetGroup: $0.targetGroup, category: $0.category)
            }
            var participants = VelingradDemo.participants()
            for i in participants.indices { participants[i].id = Int64(i + 1) }
            return (tables, participants)
        }

        @Test("the Velingrad 95 at nine tables: every table mixes both districts and nothing is flagged")
        func velingradMix() throws {
            let (tables, participants) = Self.velingrad()
            #expect(participants.count == 95)
            #expect(participants.filter { !$0.placeholder }.count == 15)
            let problem = MeetingSeating.problem(tables: tables, participants: participants)
            let result = try SeatingSolver.solve(problem)
            #expect(result.isProvenOptimal)
            let (mix, penalty) = try SeatingSolver.mix(problem, seating: result.seating)
            #expect(penalty == result.penalty)
            #expect(mix.count == 9)
            for table in mix {
                #expect(table.flags.isEmpty, "table \(table.table): \(table.flags)")
                #expect((10...11).contains(table.size))
                #expect(table.districts.filter { $0.value == "BG-21" && $0.count > 0 }.count == 1)
                #expect(table.districts.filter { $0.value == "BG-13" && $0.count > 0 }.count == 1)
            }
        }

        @Test("a hand-made seating is scored, and what is off is flagged at its table")
        func manualMoves() throws {
            let tables = [
                WorkTable(id: 1, number: 1, targetGroup: "a", category: .other),
                WorkTable(id: 2, number: 2, targetGroup: "b", category: .other),
            ]
            let people = [
                MeetingParticipant(id: 1, fullName: "A", role: .librarian, organisation: "X", districtCode: "BG-13", wants: [2]),
                MeetingParticipant(id: 2, fullName: "B", role: .librarian, organisation: "X", districtCode: "BG-13"),
                MeetingParticipant(id: 3, fullName: "C", role: .ngo, organisation: "Y", districtCode: "BG-21"),
                MeetingParticipant(id: 4, fullName: "D", role: .ngo, organisation: "Z", districtCode: "BG-21"),
            ]
            let problem = MeetingSeating.problem(tables: tables, participants: people)
            let seating: [SeatID: SeatID] = [
                .number(1): .number(1), .number(2): .number(1), .number(3): .number(1), .number(4): .number(2),
            ]
            let (mix, penalty) = try SeatingSolver.mix(problem, seating: seating)
            #expect(mix[0].flags.contains(.size))
            #expect(mix[0].flags.contains(.organisation("x")))
            #expect(mix[0].flags.contains(.wishes(1)))
            #expect(mix[1].flags.contains(.size))
            #expect(penalty.organization == 1)
            #expect(penalty.preference == 1)
            // Unseated people are simply not counted.
            let (partial, _) = try SeatingSolver.mix(problem, seating: [.number(1): .number(2)])
            #expect(partial.map(\.size) == [0, 1])
        }
    }

    @Suite("Feedback")
    struct FeedbackSuite {
        @Test("the builder reads numbered rows, keeps ids and drops blank rows")
        func builder() throws {
            let input: FormInput = [
                "title": "Обратна връзка",
                "question-1-prompt": "Какво ще използвате?", "question-1-kind": "multiple", "question-1-options": "А\nБ\n\nВ",
                "question-1-id": "q7",
                "question-2-prompt": "", "question-2-kind": "text", "question-2-options": "",
                "question-3-prompt": "Оценка", "question-3-kind": "rating",
            ]
            let (form, errors) = FeedbackForm.read(input)
            #expect(errors.isEmpty)
            let f = try #require(form)
            #expect(f.questions.map(\.id) == ["q7", "q1"])
            #expect(f.questions[0].options == ["А", "Б", "В"])
            #expect(f.questions[1].options.isEmpty)
            let (_, bad) = FeedbackForm.read([
                "title": "x", "question-1-prompt": "x", "question-1-kind": "single", "question-1-options": "само един",
            ])
            #expect(bad["question-1-options"]?.key == .validationTwoOptions)
            #expect(FeedbackForm.read(["title": "x"]).1["question-1-prompt"]?.key == .validationRequired)
        }

        @Test("a question's key, prompt and options refuse control characters; keys are short and used once")
        func questionKeys() {
            let (_, control) = FeedbackForm.read([
                "title": "x", "question-1-prompt": "Оценка", "question-1-kind": "rating", "question-1-id": "\nÖ\u{1B}",
                "question-2-prompt": "Избор\u{7}", "question-2-kind": "single", "question-2-options": "А\nБ\u{1B}",
            ])
            #expect(control["question-1-id"]?.key == .validationControlCharacters)
            #expect(control["question-2-prompt"]?.key == .validationControlCharacters)
            #expect(control["question-2-options"]?.key == .validationControlCharacters)
            let (_, twice) = FeedbackForm.read([
                "title": "x", "question-1-prompt": "А", "question-1-id": "q1", "question-2-prompt": "Б", "question-2-id": " q1 ",
            ])
            #expect(twice["question-2-id"]?.key == .validationDuplicateKey)
            #expect(twice["question-1-id"] == nil)
            let long = String(repeating: "к", count: FeedbackQuestion.maxIDLength + 1)
            #expect(
                FeedbackForm.read(["title": "x", "question-1-prompt": "А", "question-1-id": long]).1["question-1-id"]?.key
                    == .validationTooLong)

            // What a client sends is counted as sent: a blank key, a key used twice, a prompt padded past 500.
            let sent = FeedbackQuestion.checkSent([
                FeedbackQuestion(id: " ", kind: .text, prompt: "А"),
                FeedbackQuestion(id: "q2", kind: .text, prompt: "Б"),
                FeedbackQuestion(id: "q2", kind: .text, prompt: String(repeating: " ", count: 500) + "В"),
                FeedbackQuestion(id: "q4", kind: .text, prompt: "  "),
            ])
            #expect(sent["question-1-id"]?.key == .validationRequired)
            #expect(sent["question-2-id"] == nil)
            #expect(sent["question-3-id"]?.key == .validationDuplicateKey)
            #expect(sent["question-3-prompt"]?.key == .validationTooLong)
            #expect(sent["question-4-prompt"]?.key == .validationRequired)
            #expect(FeedbackQuestion.checkSent([FeedbackQuestion(id: "q1", kind: .rating, prompt: "Оценка")]).isEmpty)
        }

        @Test("responses are checked against the form, then summarised with counts and shares")
        func summary() throws {
            let form = VelingradDemo.feedbackForm
            let (_, outOfRange) = form.readResponse(["q-q1": ["11"]])
            #expect(outOfRange["q-q1"]?.key == .validationOption)
            let (_, empty) = form.readResponse(["q-q2": ["  "]])
            #expect(empty["q-q1"]?.key == .validationEmptyResponse)
            let (one, ok) = form.readResponse(["q-q1": ["0", "10", "0"], "q-q2": ["Добре"]])
            #expect(ok.isEmpty)
            #expect(one?.answers["q1"] == ["0", "10"])

            let summaries = FeedbackSummary.summarise(form, VelingradDemo.feedbackResponses)
            #expect(summaries[0].answered == 11)
            #expect(summaries[0].bars.map(\.count) == [Int](repeating: 1, count: 11))
            #expect(summaries[0].bars[0].perMille == 91)
            #expect(Formatting(.bg).perMille(91) == "9,1\u{00A0}%")
            #expect(summaries[1].texts.count == 6)

            let rating = FeedbackForm(title: "x", questions: [FeedbackQuestion(id: "r", kind: .rating, prompt: "Оценка")])
            let ratings = [5, 4, 4].map { FeedbackResponse(answers: ["r": [String($0)]]) }
            let r = FeedbackSummary.summarise(rating, ratings)[0]
            #expect(r.averageHundredths == 433)
            #expect(r.bars.map(\.count) == [0, 0, 0, 2, 1])
        }

        @Test("the CSV export has one column per question and the chart escapes its labels")
        func exports() {
            let csv = FeedbackSummary.csv(VelingradDemo.feedbackForm, Array(VelingradDemo.feedbackResponses.prefix(2)), header: ["№"])
            let rows = CSV.parse(csv)
            #expect(rows.count == 3)
            #expect(rows[0] == ["№", "Какво от срещата ще използвате занапред в практиката си?", "Други коментари, мнения и препоръки"])
            #expect(rows[2][1] == "Привличане на партньори")
            let svg = BarChart.svg(
                [QuestionSummary.Bar(label: "<script>", count: 3, perMille: 500)], title: "a\"b", format: Formatting(.bg))
            #expect(!svg.contains("<script>"))
            #expect(svg.contains("&lt;script&gt;"))
            #expect(svg.contains("50,0\u{00A0}%"))
        }
    }

    @Suite("The report")
    struct Report {
        static func velingradInput() -> MeetingReportInput {
            let (tables, participants) = Seating.velingrad()
            var seated = participants
            for i in seated.indices { seated[i].tableID = tables[i % tables.count].id }
            let designs = VelingradDemo.designs.map(\.design)
            return MeetingReportInput(
                meeting: VelingradDemo.meeting, organisers: VelingradDemo.meetingOrganisers, host: VelingradDemo.meetingHost,
                participants: seated, agenda: Agenda(sessions: VelingradDemo.agenda),
                tables: tables.enumerated().map { ($1, designs[$0]) },
                feedback: FeedbackSummary.summarise(VelingradDemo.feedbackForm, VelingradDemo.feedbackResponses),
                responses: VelingradDemo.feedbackResponses.count)
        }

        @Test("the Velingrad report states the seed's facts")
        func velingradFacts() {
            let text = MeetingReport.markdown(Self.velingradInput(), .bg)
            for fact in [
                "На 17 и 18 май 2012 г.", "Балнеологичен център „Камена“ ЕАД – гр. Велинград", "Смолян и Пазарджик",
                "95 участници", "Емилияна Живкова", "Домакин беше Регионална библиотека „Никола Фурнаджиев“",
                "Съвременната обществена библиотека – среща на традиционни и иновативни услуги", "С партньорствата сме по-силни",
                "**Лъчезар Риков**", "„умната диаграма“", "### Група 9: Пенсионери 60+", "Пенсионери ONLINE",
                "на 9 от тях седяха представители на повече от една област", "Умната диаграма", "Необходимо е озвучаване.",
            ] {
                #expect(text.contains(fact), "missing: \(fact)")
            }
            #expect(text.contains("2 950,00 лв."))
            let english = MeetingReport.markdown(Self.velingradInput(), .en)
            #expect(english.contains("On 17–18 May 2012"))
            #expect(english.contains("95 participants took part"))
        }

        @Test("names cannot smuggle markup into the report")
        func escaping() {
            var input = Self.velingradInput()
            input.meeting.title = "<b>**Среща**</b>"
            let html = Markdown.html(MeetingReport.markdown(input, .bg))
            #expect(!html.contains("<b>"))
            #expect(html.contains("&lt;b&gt;"))
            #expect(!html.contains("<strong>Среща</strong>"))
        }

        @Test("the small Markdown reads headings, lists, paragraphs and emphasis")
        func markdown() {
            #expect(
                Markdown.html("# A\n\nтекст **силно** и *наклонено*\n- едно\n- две")
                    == "<h2>A</h2>\n<p>текст <strong>силно</strong> и <em>наклонено</em></p>\n<ul><li>едно</li><li>две</li></ul>\n")
            #expect(Markdown.html("<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>\n")
        }
    }
}

@Suite("Feedback across a series")
struct FeedbackComparisonTests {
    @Test("questions asked at two meetings are matched by their words; a question asked once is left out")
    func compare() {
        let a = FeedbackForm(
            title: "a",
            questions: [
                FeedbackQuestion(id: "q1", kind: .multiple, prompt: "Какво ще използвате?", options: ["Умната диаграма", "Партньорства"]),
                FeedbackQuestion(id: "q2", kind: .rating, prompt: "Оценка"),
                FeedbackQuestion(id: "q3", kind: .rating, prompt: "Само тук"),
            ])
        let b = FeedbackForm(
            title: "b",
            questions: [
                FeedbackQuestion(id: "x", kind: .multiple, prompt: "какво  ще използвате", options: ["умната диаграма", "Е-услуги"]),
                FeedbackQuestion(id: "y", kind: .rating, prompt: "Оценка"),
            ])
        let ra = [["q1": ["0"], "q2": ["4"]], ["q1": ["0", "1"], "q2": ["5"]]].map(FeedbackResponse.init)
        let rb = [["x": ["1"], "y": ["3"]]].map(FeedbackResponse.init)
        let compared = FeedbackComparison.compare([FeedbackSummary.summarise(a, ra), FeedbackSummary.summarise(b, rb)])
        #expect(compared.map(\.prompt) == ["Какво ще използвате?", "Оценка"])
        let uses = compared[0]
        #expect(uses.rows.map(\.label) == ["Умната диаграма", "Партньорства", "Е-услуги"])
        #expect(uses.rows[0].values == [1000, 0])
        #expect(uses.rows[1].values == [500, 0])
        #expect(uses.rows[2].values == [0, 1000])
        #expect(uses.answered == [2, 1])
        #expect(compared[1].rows[0].values == [450, 300])
    }
}

@Suite("Meetings on the day")
struct MeetingDayDomainTests {
    @Test("the builder orders questions by their positions, keeps the row order on ties, and reads the required flag")
    func builderOrderAndRequired() throws {
        let (form, errors) = FeedbackForm.read([
            "title": "Как мина срещата?",
            "question-1-prompt": "Първи", "question-1-kind": "text", "question-1-position": "3",
            "question-2-prompt": "Втори", "question-2-kind": "rating", "question-2-position": "1", "question-2-required": "on",
            "question-3-prompt": "Трети", "question-3-kind": "text", "question-3-position": "1",
            "question-4-prompt": "", "question-4-position": "0",
        ])
        #expect(errors.isEmpty)
        let read = try #require(form)
        #expect(read.questions.map(\.prompt) == ["Втори", "Трети", "Първи"])
        #expect(read.questions.map(\.required) == [true, false, false])
        // Written back, the positions follow the new order, and reading them again changes nothing.
        #expect(FeedbackForm.read(read.input).0 == read)
    }

    @Test("a required question must be answered; the others may be left")
    func requiredAnswers() {
        let form = FeedbackForm(
            title: "a",
            questions: [
                FeedbackQuestion(id: "q1", kind: .rating, prompt: "Полезна?", required: true),
                FeedbackQuestion(id: "q2", kind: .text, prompt: "Какво?"),
            ])
        #expect(form.readResponse(["q-q2": ["Нещо"]]).1["q-q1"]?.key == .validationAnswerRequired)
        #expect(form.readResponse(["q-q1": ["4"]]).0 == FeedbackResponse(answers: ["q1": ["4"]]))
    }

    @Test("the waiting list: places while there are places, then the queue in order; freed places go to the first")
    func waitlist() {
        #expect(Waitlist.statusForNew(confirmed: 39, capacity: 40) == .confirmed)
        #expect(Waitlist.statusForNew(confirmed: 40, capacity: 40) == .waiting)
        #expect(Waitlist.statusForNew(confirmed: 400, capacity: nil) == .confirmed)
        #expect(Waitlist.promoted(waiting: [7, 9, 12], confirmed: 38, capacity: 40) == [7, 9])
        #expect(Waitlist.promoted(waiting: [7, 9], confirmed: 41, capacity: 40).isEmpty, "an organiser may have overfilled it")
        #expect(Waitlist.position(of: 9, waiting: [7, 9, 12]) == 2)
        #expect(Waitlist.position(of: 1, waiting: [7]) == nil)
    }

    @Test("hours come from the sessions attended, or the whole programme; half hours are shown")
    func hours() {
        let day = LocalDate(year: 2012, month: 5, day: 17)!
        let agenda = Agenda(sessions: [
            AgendaSession(id: 1, day: day, starts: ClockTime(hour: 9, minute: 30), ends: ClockTime(hour: 12, minute: 0), title: "a"),
            AgendaSession(id: 2, day: day, starts: ClockTime(hour: 13, minute: 0), ends: ClockTime(hour: 16, minute: 0), title: "b"),
            AgendaSession(id: 3, day: day, starts: ClockTime(hour: 17, minute: 0), title: "без край"),
        ])
        #expect(AttendanceHours.minutes(agenda, attended: nil) == 330)
        #expect(AttendanceHours.minutes(agenda, attended: [2]) == 180)
        #expect(AttendanceHours.text(minutes: 330, .bg) == "5,5 ч.")
        #expect(AttendanceHours.text(minutes: 185, .en) == "3 h")
    }

    @Test("serial numbers are hard to guess and read back as typed from paper")
    func serials() {
        let a = CertificateSerial.make(year: 2012, meetingID: 7)
        let b = CertificateSerial.make(year: 2012, meetingID: 7)
        #expect(a != b && a.hasPrefix("2012-7-") && a.count == 15)
        #expect(CertificateSerial.normalised(" " + a.lowercased() + "\n") == a)
        #expect(CertificateSerial.normalised("2012-7-ABC") == nil)
        #expect(CertificateSerial.normalised("2012-7-ABCDEFG0") == nil, "0 is not in the alphabet: it looks like O")
        #expect(CertificateSerial.normalised("<script>") == nil)
    }

    @Test("a message with a calendar file is multipart: text and attachment in base64, one boundary, nothing a name can inject")
    func multipart() throws {
        let message = MailMessage(
            recipient: "ana@example.bg", subject: "Потвърдено участие", body: "Здравейте,\nмястото ви е потвърдено.",
            kind: "meeting_confirmation",
            attachment: MailAttachment(
                filename: "programme.ics\r\nX-Evil: 1", contentType: "text/calendar\r\nX: 1", content: "BEGIN:VCALENDAR\r\n"))
        let data = MailFormat.message(
            from: "praktika@example.bg", message, date: Date(timeIntervalSince1970: 0), messageID: "1.abc@praktika")
        #expect(data.contains("Content-Type: multipart/mixed; boundary=\"=_praktika_1abcpraktika\""))
        #expect(data.components(separatedBy: "--=_praktika_1abcpraktika\r\n").count == 3)
        #expect(data.hasSuffix("--=_praktika_1abcpraktika--\r\n"))
        #expect(!data.contains("\r\nX-Evil") && !data.contains("\r\nX: 1"), "no header from a file name or type")
        #expect(data.contains("filename=\"programme.icsX-Evil1\""))
        #expect(data.contains(Data("BEGIN:VCALENDAR\r\n".utf8).base64EncodedString()))
    }

    @Test("messages are written in the participant's language, with the programme and the personal link")
    func messages() {
        var meeting = VelingradDemo.meeting
        meeting.startsAt = ClockTime(hour: 10, minute: 0)
        let person = MeetingParticipant(fullName: "Ana", role: .librarian, organisation: "RL", language: .en)
        let links = MeetingMail.Links(personal: "https://p.bg/r/T", programme: "https://p.bg/meetings/1/programme")
        let waiting = MeetingMail.message(
            .waiting, meeting: meeting, agenda: Agenda(sessions: VelingradDemo.agenda), participant: person, recipient: "a@b.bg",
            links: links,
            waitingPosition: 3, calendar: "BEGIN:VCALENDAR")
        #expect(waiting.body.contains("You are number 3 on the waiting list") || waiting.body.contains("number 3 on the waiting list"))
        #expect(waiting.attachment == nil, "no calendar for a place not yet held")
        #expect(waiting.body.contains("https://p.bg/r/T"))
        var bulgarian = person
        bulgarian.language = .bg
        let confirmation = MeetingMail.message(
            .confirmation, meeting: meeting, agenda: Agenda(sessions: VelingradDemo.agenda), participant: bulgarian, recipient: "a@b.bg",
            links: links,
            calendar: "BEGIN:VCALENDAR")
        #expect(confirmation.subject.hasPrefix("Потвърдено участие"))
        #expect(confirmation.body.contains("от 10:00 ч."))
        #expect(confirmation.attachment?.contentType.hasPrefix("text/calendar") == true)
    }

    @Test("a participant's fields that may be left out but are never null refuse an explicit null (found by schemathesis)")
    func participantNulls() throws {
        let left = try JSONDecoder().decode(MeetingParticipant.self, from: Data(#"{"full_name":"А","organisation":"Б"}"#.utf8))
        #expect(!left.placeholder && !left.pinned && left.wants.isEmpty && left.role == .other)
        for key in ["placeholder", "pinned", "consent_listed", "wants", "role", "source", "status", "language"] {
            let text = #"{"full_name":"А","organisation":"Б","\#(key)":null}"#
            #expect(throws: DecodingError.self, "\(key)") { try JSONDecoder().decode(MeetingParticipant.self, from: Data(text.utf8)) }
        }
        // Where null is allowed, it still means none.
        let none = try JSONDecoder().decode(
            MeetingParticipant.self, from: Data(#"{"full_name":"А","organisation":"Б","needs":null,"table_id":null}"#.utf8))
        #expect(none.needs == nil && none.tableID == nil)
    }

    @Test("meetings, sessions, tables, questions and outcome answers refuse null where the document says never null")
    func otherNulls() throws {
        func refuses<T: Decodable>(_ type: T.Type, _ base: String, _ keys: [String]) throws {
            // Left out, each field takes its default ...
            _ = try JSONDecoder().decode(type, from: Data("{\(base)}".utf8))
            // ... given as null, it is refused, at that field.
            for key in keys {
                let text = "{\(base)\(base.isEmpty ? "" : ",")\"\(key)\":null}"
                do {
                    _ = try JSONDecoder().decode(type, from: Data(text.utf8))
                    Issue.record("\(T.self).\(key): null accepted")
                } catch let DecodingError.valueNotFound(_, context), let DecodingError.typeMismatch(_, context) {
                    #expect(context.codingPath.last?.stringValue == key)
                }
            }
        }
        try refuses(
            Meeting.self, #""title":"С","starts_on":"2012-05-17","venue":"В","district_codes":["PAZ"]"#,
            ["organiser_library_ids", "status", "reminder_days"])
        try refuses(Meeting.self, #""title":"С","starts_on":"2012-05-17","venue":"В""#, ["district_codes"])
        try refuses(AgendaSession.self, #""day":"2012-05-17","title":"Откриване""#, ["items"])
        try refuses(WorkTable.self, #""number":1,"target_group":"Деца""#, ["id", "category"])
        try refuses(FeedbackQuestion.self, #""id":"q1","kind":"text","prompt":"Как беше?""#, ["options", "required"])
        try refuses(OutcomeAnswer.self, "", ["scores", "texts", "own"])
        // Where the document allows null, it still means none.
        let meeting = try JSONDecoder().decode(
            Meeting.self,
            from: Data(#"{"title":"С","starts_on":"2012-05-17","ends_on":null,"venue":"В","district_codes":["PAZ"],"theme":null}"#.utf8))
        #expect(meeting.endsOn == meeting.startsOn && meeting.theme == nil)
    }

    @Test("in JSON, dates, times and decimals are read only in the form the API documents; a wrong one names its type, a null is a null")
    func writtenFormats() throws {
        struct Sent: Decodable {
            let day: LocalDate
            let at: ClockTime
            let amount: FixedDecimal
        }
        func decode(_ day: String, _ at: String, _ amount: String = #""2.5""#) throws -> Sent {
            try JSONDecoder().decode(Sent.self, from: Data(#"{"day":\#(day),"at":\#(at),"amount":\#(amount)}"#.utf8))
        }
        let read = try decode(#""2012-05-17""#, #""9:30""#)
        #expect(read.day == LocalDate(year: 2012, month: 5, day: 17) && read.at == ClockTime(hour: 9, minute: 30))
        #expect(read.amount == FixedDecimal(thousandths: 2_500))
        // Forms take "17.05.2012 г." and "9.30 ч."; the API's JSON does not, as its document says.
        #expect(LocalDate(parsing: "17.05.2012 г.") != nil && ClockTime(parsing: "9.30 ч.") != nil)
        for (day, at, type) in [
            (#""17.05.2012""#, #""9:30""#, "LocalDate"), (#""2012-5-17""#, #""9:30""#, "LocalDate"), ("20120517", #""9:30""#, "LocalDate"),
            (#""2012-05-17""#, #""9.30""#, "ClockTime"), (#""2012-05-17""#, #""9:30 ч.""#, "ClockTime"),
        ] {
            do {
                _ = try decode(day, at)
                Issue.record("\(day) \(at) accepted")
            } catch DecodingError.typeMismatch(let wrong, _) {
                #expect(String(describing: wrong) == type)
                #expect((wrong as? any WrittenFormat.Type) != nil)
            }
        }
        do {
            _ = try decode("null", #""9:30""#)
            Issue.record("null accepted")
        } catch DecodingError.valueNotFound(let type, let context) {
            #expect(type == LocalDate.self && context.codingPath.last?.stringValue == "day")
        }
        #expect(throws: DecodingError.self) { try decode(#""2012-05-17""#, #""9:30""#, #""много""#) }
    }
}
