import Foundation
import Testing

@testable import PraktikaDomain

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Word documents")
struct WordDocumentTests {
    /// The entries of a stored ZIP, read back from its local headers.
    static func entries(_ bytes: [UInt8]) -> [String: [UInt8]] {
        func le(_ at: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        var out: [String: [UInt8]] = [:]
        var at = 0
        while at + 30 <= bytes.count, le(at, 4) == 0x0403_4B50 {
            let size = le(at + 18, 4)
            let nameLength = le(at + 26, 2)
            let extra = le(at + 28, 2)
            let name = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            let start = at + 30 + nameLength + extra
            out[name] = Array(bytes[start..<(start + size)])
            at = start + size
        }
        return out
    }

    /// Every part of the package, each well-formed XML.
    static func parts(_ document: WordDocument) throws -> [String: String] {
        let files = entries(document.data())
        for (name, bytes) in files {
            let parser = XMLParser(data: Data(bytes))
            #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        return files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the chart as a package Word opens: every part present and well-formed, blocks as headings, lists as tables, text escaped")
    func chart() throws {
        var design = ChartOutputTests.sample()
        design.needs = "Нужди\u{1A} с контролен знак"
        let document = ChartDocument.make(design, libraryName: { _ in "РБ „Никола Вранчев“" }, .bg)
        let parts = try Self.parts(document)
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels", "word/document.xml",
                "word/styles.xml", "word/numbering.xml",
            ])
        let body = try #require(parts["word/document.xml"])
        #expect(body.contains("Пенсионери &lt;ONLINE&gt; &amp; &quot;приятели&quot;"))
        #expect(!body.contains("<ONLINE>"))
        // Blocks in the order they are thought through, each a heading.
        let headings = DesignBlock.printOrder.map {
            "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(WordDocument.escape($0.title(.bg)))"
        }
        #expect(body.inOrder(headings))
        // The budget is a table whose header repeats, with its total and the equivalent in euro.
        #expect(body.inOrder("<w:tbl>", "<w:tblHeader/>", "Дипляни", "300,00 лв.", "</w:tbl>", "Общо: ", "300,00 лв. (≈ 153,39 €)"))
        #expect(body.contains("Нужди с контролен знак"))
        #expect(body.contains("РБ „Никола Вранчев“"))
        #expect(parts["docProps/core.xml"]?.contains("<dc:language>bg-BG</dc:language>") == true)
        #expect(parts["word/styles.xml"]?.contains("<w:lang w:val=\"bg-BG\"/>") == true)
        // An empty block says so instead of leaving a heading with nothing under it.
        let empty = ServiceDesign(title: "Празна", libraryIDs: [1], targetGroup: TargetGroup(category: .children))
        let emptyBody = try #require(try Self.parts(ChartDocument.make(empty, .en))["word/document.xml"])
        #expect(emptyBody.contains(TextKey.chartEmptyBlock(.en)))
    }

    @Test("a report's Markdown becomes a title, headings, paragraphs with line breaks, bullets, bold and italic")
    func markdown() throws {
        let source =
            "# Среща във Велинград\n\n## Програма\n\nПърви ред\nвтори ред с **удебелено** и *наклонено*\n\n- точка една\n- точка * две\n\n# Втора първа"
        let document = WordDocument.markdown(source, title: "Велинград", language: .bg)
        typealias Run = WordDocument.Run
        #expect(
            document.blocks == [
                .title("Среща във Велинград"), .heading("Програма", level: 2),
                .paragraph([
                    Run("Първи ред"), Run("\n"), Run("втори ред с "), Run("удебелено", bold: true), Run(" и "),
                    Run("наклонено", italic: true),
                ]),
                .bullet([Run("точка една")]), .bullet([Run("точка * две")]), .heading("Втора първа", level: 1),
            ])
        let body = try #require(try Self.parts(document)["word/document.xml"])
        #expect(body.contains("<w:t xml:space=\"preserve\">Първи ред</w:t></w:r><w:r><w:br/></w:r>"))
        #expect(body.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"))
        #expect(body.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">удебелено</w:t>"))
    }

    @Test("the leaflet as a document: cover, then the panels that say something, under their headings")
    func leaflet() throws {
        let text = LeafletText(
            title: "Интернет за всяка възраст", tagline: "За внуците", offer: "Уроци\n- писмо\n- видео", hours: "вторник")
        let leaflet = Leaflet.make(ChartOutputTests.sample(), contacts: [Leaflet.Contact(name: "Читалище „Просвета“")], text: text, .bg)
        let document = LeafletDocument.make(leaflet, .bg)
        #expect(document.blocks.first == .title("Интернет за всяка възраст"))
        #expect(document.blocks.contains(.bullet([WordDocument.Run("писмо")])))
        // "For whom" was left empty: no heading for it.
        #expect(!document.blocks.contains(.heading(TextKey.leafletForWhom(.bg), level: 1)))
        let body = try #require(try Self.parts(document)["word/document.xml"])
        #expect(body.inOrder("Интернет за всяка възраст", "Уроци", "вторник", "Читалище „Просвета“"))
    }
}

extension String {
    /// Whether each of `parts` occurs, each after the end of the one before.
    fileprivate func inOrder(_ parts: String...) -> Bool { inOrder(parts) }

    fileprivate func inOrder(_ parts: [String]) -> Bool {
        var rest = self[...]
        for part in parts {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
