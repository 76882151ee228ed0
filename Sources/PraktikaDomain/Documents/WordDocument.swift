import Foundation

/// A Word document (Office Open XML, `.docx`) of headings, paragraphs, bullet lists and tables:
/// what librarians edit further in Word or LibreOffice Writer. Only the parts every reader needs
/// are written (content types, relationships, the document, styles, numbering, core properties),
/// in a stored ZIP.
public struct WordDocument: Sendable, Equatable {
    /// A piece of a paragraph's text.
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold: Bool
        public var italic: Bool

        public init(_ text: String, bold: Bool = false, italic: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
        }
    }

    public enum Block: Sendable, Equatable {
        case title(String)
        case heading(String, level: Int)
        case paragraph([Run])
        case bullet([Run])
        /// A table whose first row is its header, repeated on every page.
        case table(header: [String], rows: [[String]])
        case pageBreak
    }

    public var title: String
    public var language: Language
    public var blocks: [Block]
    public var landscape: Bool

    public init(title: String, language: Language, blocks: [Block] = [], landscape: Bool = false) {
        self.title = title
        self.language = language
        self.blocks = blocks
        self.landscape = landscape
    }

    public static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// The small Markdown of reports (see `Markdown`): `#`–`###` headings, paragraphs, lists,
    /// `**bold**` and `*italic*`. The first level-1 heading becomes the title.
    public static func markdown(_ source: String, title: String, language: Language) -> WordDocument {
        var blocks: [Block] = []
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            var runs: [Run] = []
            for (i, line) in paragraph.enumerated() {
                if i > 0 { runs.append(Run("\n")) }
                runs += inline(line)
            }
            blocks.append(.paragraph(runs))
            paragraph = []
        }
        var titled = false
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if let level = Markdown.heading(line) {
                flush()
                let text = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                if level == 1 && !titled {
                    blocks.append(.title(text))
                    titled = true
                } else {
                    blocks.append(.heading(text, level: level))
                }
            } else if let item = Markdown.listItem(line) {
                flush()
                blocks.append(.bullet(inline(item)))
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return WordDocument(title: title, language: language, blocks: blocks)
    }

    /// `**bold**` and `*italic*` as runs; an unmatched marker stays text.
    static func inline(_ text: String) -> [Run] {
        var runs: [Run] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**"), end.lowerBound > rest.index(rest.startIndex, offsetBy: 2)
            {
                runs.append(Run(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), bold: true))
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("*"), !rest.hasPrefix("**"), let end = rest.dropFirst().firstIndex(of: "*"),
                end > rest.index(after: rest.startIndex)
            {
                runs.append(Run(String(rest[rest.index(after: rest.startIndex)..<end]), italic: true))
                rest = rest[rest.index(after: end)...]
            } else {
                let next = rest.dropFirst().firstIndex(of: "*") ?? rest.endIndex
                let plain = String(rest[..<next])
                if let last = runs.last, !last.bold, !last.italic {
                    runs[runs.count - 1].text += plain
                } else {
                    runs.append(Run(plain))
                }
                rest = rest[next...]
            }
        }
        return runs
    }

    // MARK: The package

    public func data() -> [UInt8] {
        ZipArchive.stored([
            ("[Content_Types].xml", Array(Self.contentTypes.utf8)),
            ("_rels/.rels", Array(Self.packageRelationships.utf8)),
            ("docProps/core.xml", Array(coreProperties.utf8)),
            ("word/_rels/document.xml.rels", Array(Self.documentRelationships.utf8)),
            ("word/document.xml", Array(documentXML.utf8)),
            ("word/styles.xml", Array(styles.utf8)),
            ("word/numbering.xml", Array(Self.numbering.utf8)),
        ])
    }

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static let contentTypes =
        header
            + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            </Types>
            """

    static let packageRelationships =
        header
            + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """

    static let documentRelationships =
        header
            + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
            </Relationships>
            """

    static let numbering =
        header
            + """
            <w:numbering xmlns:w="\(w)"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>\
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>\
            <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
            """

    var languageTag: String { language == .bg ? "bg-BG" : "en-GB" }

    var coreProperties: String {
        Self.header
            + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(Self.escape(title))</dc:title>\
            <dc:creator>\(Self.escape(TextKey.appName(language)))</dc:creator><dc:language>\(languageTag)</dc:language>\
            </cp:coreProperties>
            """
    }

    var styles: String {
        func style(_ id: String, _ name: String, size: Int, bold: Bool = false, color: String? = nil, before: Int = 0, after: Int = 120)
            -> String
        {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/>"
                + "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"\(before)\" w:after=\"\(after)\"/>"
                + (id.hasPrefix("Heading") ? "<w:outlineLvl w:val=\"\(Int(id.dropFirst(7)).map { $0 - 1 } ?? 0)\"/>" : "")
                + "</w:pPr><w:rPr>" + (bold ? "<w:b/>" : "") + (color.map { "<w:color w:val=\"\($0)\"/>" } ?? "")
                + "<w:sz w:val=\"\(size)\"/></w:rPr></w:style>"
        }
        return Self.header
            + "<w:styles xmlns:w=\"\(Self.w)\"><w:docDefaults><w:rPrDefault><w:rPr>"
            + "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/>"
            + "<w:lang w:val=\"\(languageTag)\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + style("Title", "Title", size: 40, bold: true, color: "1F5C8A", after: 240)
            + style("Heading1", "heading 1", size: 30, bold: true, color: "1F5C8A", before: 360)
            + style("Heading2", "heading 2", size: 26, bold: true, color: "1F5C8A", before: 240)
            + style("Heading3", "heading 3", size: 23, bold: true, before: 200)
            + "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>"
            + "<w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/></w:pPr></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
                "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>"
            }.joined()
            + "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
            + "</w:tblPr></w:style></w:styles>"
    }

    var documentXML: String {
        var body = ""
        for block in blocks {
            switch block {
            case .title(let text): body += Self.paragraph([Run(text)], style: "Title")
            case .heading(let text, let level): body += Self.paragraph([Run(text)], style: "Heading\(min(max(level, 1), 3))")
            case .paragraph(let runs): body += Self.paragraph(runs, style: nil)
            case .bullet(let runs): body += Self.paragraph(runs, style: "ListParagraph", bullet: true)
            case .table(let head, let rows): body += Self.table(head, rows) + Self.paragraph([], style: nil)
            case .pageBreak: body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            }
        }
        // A4, 2 cm margins.
        let (width, height) = landscape ? (16838, 11906) : (11906, 16838)
        let section =
            "<w:sectPr><w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"" + (landscape ? " w:orient=\"landscape\"" : "") + "/>"
            + "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
            + "</w:sectPr>"
        return Self.header + "<w:document xmlns:w=\"\(Self.w)\"><w:body>" + body + section + "</w:body></w:document>"
    }

    static func paragraph(_ runs: [Run], style: String?, bullet: Bool = false) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if bullet { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs.map(run).joined() + "</w:p>"
    }

    /// A run; a line break in its text becomes a break in the paragraph.
    static func run(_ r: Run) -> String {
        let format = (r.bold ? "<w:b/>" : "") + (r.italic ? "<w:i/>" : "")
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        let content = lines.enumerated().map { i, line in
            (i > 0 ? "<w:br/>" : "") + (line.isEmpty ? "" : "<w:t xml:space=\"preserve\">\(escape(String(line)))</w:t>")
        }.joined()
        return "<w:r>" + (format.isEmpty ? "" : "<w:rPr>\(format)</w:rPr>") + content + "</w:r>"
    }

    static func table(_ head: [String], _ rows: [[String]]) -> String {
        let columns = max(head.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return "" }
        // The text width of A4 portrait with 2 cm margins; the first column, which names the row, gets two shares.
        let share = 9638 / (columns + 1)
        let widths = (0..<columns).map { $0 == 0 ? 2 * share : share }
        func row(_ cells: [String], header: Bool) -> String {
            let padded = cells + Array(repeating: "", count: columns - cells.count)
            return "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "")
                + zip(padded, widths).map { cell, width in
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
                        + paragraph([Run(cell, bold: header)], style: nil) + "</w:tc>"
                }.joined() + "</w:tr>"
        }
        return "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + (head.isEmpty ? "" : row(head, header: true)) + rows.map { row($0, header: false) }.joined() + "</w:tbl>"
    }

    /// Escapes XML's special characters and leaves out the characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += " "
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
