import Foundation
import Testing

@testable import PraktikaDomain

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Chart output: diagram and leaflet")
struct ChartOutputTests {
    static func sample() -> ServiceDesign {
        var d = SmartChartTests.planned()
        d.title = "Пенсионери <ONLINE> & \"приятели\""
        d.goal = "Умения за работа с нови технологии"
        d.budget = [BudgetLine(item: "Дипляни", unitCost: Money(major: 300, currency: .BGN), source: .ownBudget)]
        d.activities[0].responsible = "Мария Иванова"
        d.activities.append(Activity(title: "Закупуване на аудиоплейъри"))
        d.resources = Resources(existing: [.room, .trainedStaff], existingNotes: "Залата на втория етаж")
        d.partners = [DesignPartner(name: "Клуб на пенсионера", kind: .pensionersClub, role: "събира групата")]
        return d
    }

    @Test("the diagram is well-formed SVG with every block, and escapes what people typed")
    func svg() throws {
        let svg = ChartDiagram.svg(Self.sample(), .bg)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        for block in DesignBlock.allCases {
            #expect(svg.contains("id=\"diagram-\(block.rawValue)\""))
            // Every block is a box with its title, but the basics: they head the diagram.
            #expect(svg.contains(ChartDiagram.escape(block.title(.bg))) == (block != .basics))
        }
        // No innovation chosen: no label with nothing after it.
        #expect(!svg.contains(TextKey.fieldInnovations(.bg)))
        #expect(svg.contains("Пенсионери &lt;ONLINE&gt; &amp; &quot;приятели&quot;"))
        #expect(!svg.contains("<ONLINE>"))
        #expect(svg.contains("Общо: 300,00 лв. (≈ 153,39 €)"))
    }

    @Test("markup escaping replaces the five special characters, keeps everything else, and returns clean text unchanged")
    func markupEscaping() {
        #expect("Пенсионери ONLINE — ѝ 😀".markupEscaped == "Пенсионери ONLINE — ѝ 😀")
        #expect("".markupEscaped == "")
        #expect("a<b>&\"c\"'d'".markupEscaped == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect("Клуб „Ален мак“ & <библиотека>".markupEscaped == "Клуб „Ален мак“ &amp; &lt;библиотека&gt;")
        #expect("&amp;".markupEscaped == "&amp;amp;")
        // Every character of a long mixed text survives, in order, once the escapes are undone.
        let mixed = String(repeating: "ѝ<а>&'б\"в ", count: 200)
        let undone = mixed.markupEscaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
                of: "&amp;", with: "&")
        #expect(undone == mixed)
    }

    @Test("wrapping keeps lines within the width by estimated letter widths and marks what was left out, never after a stop")
    func wrapping() {
        let text = ["едно две три четири пет шест седем осем девет десет единадесет дванадесет"]
        let lines = ChartDiagram.wrap(text, width: 120, size: 15, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ChartDiagram.textWidth($0, size: 15) <= 120 })
        #expect(lines.last?.hasSuffix("…") == true)
        #expect(ChartDiagram.wrap(["кратко"], width: 120, size: 15, maxLines: 3) == ["кратко"])
        // Capitals and wide letters take more room than narrow ones: fewer fit on a line.
        #expect(ChartDiagram.textWidth("ШЩЖЮ", size: 15) > 2 * ChartDiagram.textWidth("ілі.", size: 15))
        // A cut after a full stop or comma does not leave it before the "…".
        let cut = ChartDiagram.wrap(
            ["Закупуване на аудиоплейъри. Обучение на персонала, срещи и още много неща"], width: 200, size: 15, maxLines: 1)
        #expect(cut.count == 1)
        #expect(!cut[0].hasSuffix(".…") && !cut[0].hasSuffix(",…"))
        // A single word longer than the line is cut to fit.
        let long = ChartDiagram.wrap([String(repeating: "Ш", count: 60)], width: 150, size: 15, maxLines: 2)
        #expect(long.allSatisfy { ChartDiagram.textWidth($0, size: 15) <= 150 })
    }

    @Test("a bar chart draws bars in proportion to their values, escapes its text and fits long labels")
    func barChart() throws {
        let rows = [
            BarChart.Row(label: "собствен бюджет", value: 30_000, caption: "300,00 лв."),
            BarChart.Row(
                label: "община <Смолян> & партньори " + String(repeating: "дълго ", count: 20), value: 15_000, caption: "150,00 лв."),
            BarChart.Row(label: "дарение", value: 0, caption: "0,00 лв."),
        ]
        let svg = BarChart.svg(rows, title: "Бюджет по източници")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        let widths = svg.components(separatedBy: "<rect ").dropFirst().map { rect in
            Int(rect.components(separatedBy: "width=\"")[1].prefix { $0.isNumber })!
        }
        #expect(widths == [240, 120, 0])
        #expect(svg.contains("&lt;Смолян&gt; &amp;"))
        #expect(svg.contains("…"))
        #expect(svg.contains("aria-label=\"Бюджет по източници\""))
    }

    @Test("indicators as shares of their targets with the target marked; participants per district with their shares")
    func indicatorAndDistrictCharts() throws {
        let f = Formatting(.bg)
        let indicators = [
            Indicator(name: "Обучени пенсионери", unit: .people, target: FixedDecimal(20), actual: FixedDecimal(24)),
            Indicator(name: "Посещения", unit: .events, target: FixedDecimal(200), actual: FixedDecimal(50)),
            Indicator(name: "Без резултат", unit: .people, target: FixedDecimal(10)),
            Indicator(name: "Нулева цел", unit: .people, target: FixedDecimal(0), actual: FixedDecimal(3)),
        ]
        let rows = BarChart.indicatorRows(indicators, f)
        #expect(rows.map(\.label) == ["Обучени пенсионери", "Посещения"])
        #expect(rows.map(\.value) == [1200, 250])
        #expect(rows[0].caption == "24 / 20 (120,0\u{00A0}%)")
        let svg = BarChart.svg(rows, title: "Постигнато", reference: (1000, "цел"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        // Bars in proportion to the largest share; the target's line at 1000 of 1200.
        #expect(svg.contains("<rect x=\"0\" y=\"20\" width=\"240\""))
        #expect(svg.contains("<rect x=\"0\" y=\"64\" width=\"50\""))
        #expect(svg.contains("<line x1=\"200\""))
        #expect(svg.contains(">цел</text>"))

        let people = [("BG-21", 3), ("BG-13", 1), (nil, 1)].flatMap { code, n in
            (0..<n).map { _ in MeetingParticipant(fullName: "Участник", role: .librarian, organisation: "Библиотека", districtCode: code) }
        }
        let districts = BarChart.districtRows(ParticipantCounts(people), .bg, f)
        #expect(districts.map(\.value) == [3, 1, 1])
        #expect(districts[0].label == District.named("BG-21")?.name(.bg))
        #expect(districts[0].caption == "3 (60,0\u{00A0}%)")
        #expect(districts[2].label == TextKey.notKnown(.bg))
    }

    @Test("every line of the diagram stays inside its box, for the longest texts the validators allow")
    func diagramFits() throws {
        var d = Self.sample()
        let long = String(repeating: "Широкообхватна МНОГОФУНКЦИОНАЛНА дейност, която, ", count: 40)
        d.needs = long
        d.service = long
        d.goal = long
        d.expectedResults = long
        d.activities = (1...30).map { Activity(title: "Дейност \($0): " + String(long.prefix(300))) }
        d.partners = (1...20).map { DesignPartner(name: "Община Велинград \($0)", kind: .pensionersClub, role: String(long.prefix(120))) }
        d.title = String(long.prefix(200))
        let svg = ChartDiagram.svg(d, .bg)
        for box in ChartDiagram.boxes {
            let group = try #require(
                svg.components(separatedBy: "<g id=\"diagram-\(box.block.rawValue)\">").last?.components(separatedBy: "</g>").first)
            let texts = group.components(separatedBy: "<text ").dropFirst()
            #expect(!texts.isEmpty)
            for text in texts {
                let size = Double(try #require(text.components(separatedBy: "font-size=\"").last?.prefix { $0.isNumber }).description)!
                let y = Int(try #require(text.components(separatedBy: " y=\"").last?.prefix { $0.isNumber }).description)!
                let content = try #require(text.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "</text").first)
                let plain = content.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                #expect(ChartDiagram.textWidth(plain, size: size) <= Double(box.width - 2 * ChartDiagram.padding))
                #expect(y < box.y + box.height - 4)
            }
        }
    }

    @Test("the leaflet speaks to the target group: contacts, partners and steps, never money, indicators or staff names")
    func leaflet() {
        let contact = Leaflet.Contact(name: "Регионална библиотека „Никола Вранчев“", place: "гр. Смолян", phone: "0301 62 000")
        let leaflet = Leaflet.make(Self.sample(), contacts: [contact], .bg)
        let everything =
            ([leaflet.flap, leaflet.back] + leaflet.inside).flatMap { [$0.heading ?? ""] + $0.paragraphs + $0.items }
            .joined(separator: "\n") + leaflet.title + (leaflet.tagline ?? "") + leaflet.coverLibrary
        #expect(leaflet.inside.count == 3)
        #expect(leaflet.tagline == "Умения за работа с нови технологии")
        #expect(everything.contains("0301 62 000"))
        #expect(everything.contains("Заедно с: Клуб на пенсионера."))
        #expect(everything.contains("Обучение по ИКТ (01.03.2026 г.)"))
        // Steps with no date are the library's plan, not an invitation.
        for step in Self.sample().activities where step.start == nil && step.end == nil { #expect(!everything.contains(step.title)) }
        #expect(Self.sample().activities.contains { $0.start == nil && $0.end == nil })
        #expect(!everything.contains("Мария Иванова"))
        #expect(!everything.contains("лв."))
        #expect(!everything.contains("Обучени пенсионери"))
        // What the library has for the service is planning, not news for its readers.
        #expect(!Self.sample().resources.existing.isEmpty)
        for resource in Self.sample().resources.existing { #expect(!everything.contains(resource.label(.bg))) }
    }

    @Test("a leaflet the library wrote: lines become paragraphs and lists, hours and a contact join the library's own")
    func writtenLeaflet() {
        let contact = Leaflet.Contact(name: "Читалище „Просвета“", phone: "0888 000 111")
        let text = LeafletText(
            title: "Интернет за всяка възраст", tagline: "Научете се да пишете на внуците си",
            offer: "Уроци в малки групи\n- как се пише писмо\n• как се говори по видео\n\nВсичко е безплатно",
            hours: "вторник, 14–17 ч.", contactNote: "Записване на място", photoID: 7, photoAlt: "Читатели")
        let leaflet = Leaflet.make(Self.sample(), contacts: [contact], text: text, .bg)
        #expect(leaflet.title == "Интернет за всяка възраст")
        #expect(leaflet.tagline == "Научете се да пишете на внуците си")
        #expect(leaflet.inside[1].paragraphs == ["Уроци в малки групи", "Всичко е безплатно"])
        #expect(leaflet.inside[1].items == ["как се пише писмо", "как се говори по видео"])
        // Nothing written for whom: the panel keeps its heading and says nothing of the plan.
        #expect(leaflet.inside[0].paragraphs.isEmpty && leaflet.inside[0].items.isEmpty)
        #expect(leaflet.flap.paragraphs == ["вторник, 14–17 ч."] && leaflet.flap.items.isEmpty)
        #expect(leaflet.back.paragraphs.starts(with: ["Читалище „Просвета“", "0888 000 111", "Записване на място"]))
        #expect(leaflet.photoID == 7 && leaflet.photoAlt == "Читатели")
    }

    @Test("a leaflet is refused without a heading, with a photo that is not the design's, or a photo that says nothing")
    func leafletValidation() {
        var text = LeafletText.suggested(Self.sample(), .bg)
        #expect(text.validate(images: []).isEmpty)
        #expect(LeafletText.read(text.formInput).0 == text)
        text.title = " \n "
        #expect(text.validate(images: []).order == ["title"])
        text.title = String(repeating: "а", count: LeafletText.titleLimit + 1)
        #expect(text.validate(images: []).order == ["title"])
        text.title = "Интернет"
        text.hours = "14\u{1A}17"
        #expect(text.validate(images: []).order == ["hours"])
        text.hours = nil
        text.photoID = 3
        #expect(text.validate(images: [4]).order == ["photo"])
        #expect(text.validate(images: [3]).order == ["photo_alt"])
        text.photoAlt = "Читатели пред компютрите"
        #expect(text.validate(images: [3]).isEmpty)
        #expect(LeafletText.read(["title": "Интернет", "photo": "снимка"]).1.order == ["photo"])
    }
}
