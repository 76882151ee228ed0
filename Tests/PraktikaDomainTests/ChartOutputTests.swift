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
            #expect(svg.contains(ChartDiagram.escape(block.title(.bg))))
        }
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

    @Test("wrapping keeps lines within the width and marks what was left out")
    func wrapping() {
        let text = ["едно две три четири пет шест седем осем девет десет единадесет дванадесет"]
        let lines = ChartDiagram.wrap(text, perLine: 14, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 15 })
        #expect(lines.last?.hasSuffix("…") == true)
        #expect(ChartDiagram.wrap(["кратко"], perLine: 14, maxLines: 3) == ["кратко"])
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
        #expect(!everything.contains("Мария Иванова"))
        #expect(!everything.contains("лв."))
        #expect(!everything.contains("Обучени пенсионери"))
    }
}
