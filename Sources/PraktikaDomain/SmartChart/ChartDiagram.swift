import Foundation

/// The smart chart as a diagram (SVG): the target group on top, its needs and the service,
/// the means (resources, budget, partners, information), the activities and the effect, with
/// arrows in the order a design is thought through. Text is wrapped and shortened to fit each box
/// (measured by estimated letter widths, not counted);
/// the full text is on the chart page.
public enum ChartDiagram {
    struct Box {
        let block: DesignBlock
        let x: Int, y: Int, width: Int, height: Int
        let colour: String
    }

    /// Wide as an A4 landscape page with a heading above it: printed, the body text is about 10 pt.
    static let width = 1200
    static let height = 760
    static let titleSize = 18.0
    static let textSize = 15.0
    static let lineHeight = 20
    static let padding = 12
    /// Three columns: the means on the left and right, the people and the service in the middle;
    /// the steps and the effect below. The design's name, stage and innovation head the diagram.
    static let boxes: [Box] = [
        Box(block: .resources, x: 20, y: 76, width: 370, height: 190, colour: "#1f5f8b"),
        Box(block: .target, x: 415, y: 76, width: 370, height: 190, colour: "#8a4b08"),
        Box(block: .partners, x: 810, y: 76, width: 370, height: 190, colour: "#1f5f8b"),
        Box(block: .budget, x: 20, y: 296, width: 370, height: 200, colour: "#1f5f8b"),
        Box(block: .service, x: 415, y: 296, width: 370, height: 200, colour: "#1f5f8b"),
        Box(block: .channels, x: 810, y: 296, width: 370, height: 200, colour: "#1f5f8b"),
        Box(block: .activities, x: 20, y: 526, width: 565, height: 214, colour: "#1f5f8b"),
        Box(block: .effect, x: 615, y: 526, width: 565, height: 214, colour: "#1e6b3a"),
    ]
    /// Arrows: from the people to their needs and the service, the service into its steps, the
    /// steps into the effect; the means feed the service.
    static let arrows: [(DesignBlock, DesignBlock)] = [
        (.target, .service), (.service, .activities), (.activities, .effect), (.resources, .service), (.budget, .service),
        (.partners, .service), (.channels, .service),
    ]

    public static func svg(_ d: ServiceDesign, _ language: Language) -> String {
        let l = language
        let f = Formatting(l)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" \
            role="img" aria-labelledby="chart-title" font-family="system-ui, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif">
            <title id="chart-title">\(escape(TextKey.chartLabel(l) + ": " + d.title))</title>
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">\
            <path d="M0,0 L10,5 L0,10 z" fill="#5a6272"/></marker></defs>
            <rect width="\(width)" height="\(height)" fill="#ffffff"/>

            """
        // The heading: the design's name, then its stage and innovation (left out when none is chosen).
        let titleLine = fit(d.title, width: Double(width - 40), size: 22)
        var meta = ["\(TextKey.fieldStatus(l)): \(d.status.label(l))"]
        if !d.innovations.isEmpty {
            meta.append("\(TextKey.fieldInnovations(l)): \(d.innovations.map { $0.label(l) }.joined(separator: ", "))")
        }
        out += "<g id=\"diagram-\(DesignBlock.basics.rawValue)\">"
        out += "<text x=\"20\" y=\"32\" font-size=\"22\" font-weight=\"700\" fill=\"#1d2433\">\(escape(titleLine))</text>"
        out +=
            "<text x=\"20\" y=\"58\" font-size=\"\(Int(textSize))\" fill=\"#4a5263\">\(escape(fit(meta.joined(separator: " · "), width: Double(width - 40), size: textSize)))</text>"
        out += "</g>\n"
        for (from, to) in arrows {
            guard let a = boxes.first(where: { $0.block == from }), let b = boxes.first(where: { $0.block == to }) else { continue }
            let (x1, y1, x2, y2) = connect(a, b)
            out +=
                "<line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"#5a6272\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n"
        }
        for box in boxes {
            let lines = content(box.block, d, l, f)
            out += "<g id=\"diagram-\(box.block.rawValue)\">"
            out +=
                "<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"\(box.height)\" rx=\"8\" fill=\"#f8fafc\" stroke=\"#c9ced6\"/>"
            out += "<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"6\" rx=\"3\" fill=\"\(box.colour)\"/>"
            out +=
                "<text x=\"\(box.x + padding)\" y=\"\(box.y + 30)\" font-size=\"\(Int(titleSize))\" font-weight=\"700\" fill=\"#1d2433\">\(escape(box.block.title(l)))</text>"
            let room = Double(box.width - 2 * padding)
            let maxLines = max(1, (box.height - 46) / lineHeight)
            for (i, line) in wrap(lines, width: room, size: textSize, maxLines: maxLines).enumerated() {
                out +=
                    "<text x=\"\(box.x + padding)\" y=\"\(box.y + 56 + i * lineHeight)\" font-size=\"\(Int(textSize))\" fill=\"#1d2433\">\(escape(line))</text>"
            }
            out += "</g>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// The text a box shows, as paragraphs.
    static func content(_ block: DesignBlock, _ d: ServiceDesign, _ l: Language, _ f: Formatting) -> [String] {
        func choices<E: LabelledChoice>(_ values: [E]) -> String { values.map { $0.label(l) }.joined(separator: ", ") }
        var lines: [String]
        switch block {
        case .target:
            lines = [d.targetGroup.category.label(l), d.targetGroup.description ?? ""]
            if let reach = d.targetGroup.expectedReach { lines.append("\(TextKey.fieldExpectedReach(l)): \(f.integer(reach))") }
        case .service: lines = [d.needs.map { "\(TextKey.fieldNeeds(l)): \($0)" } ?? "", d.service ?? "", d.goal ?? ""]
        case .resources:
            lines = [choices(d.resources.existing), d.resources.needed.map { "\(TextKey.fieldNeededResources(l)): \($0)" } ?? ""]
        case .budget:
            // The total first: it is what a reader of the diagram looks for.
            let totals = d.totals
            lines = totals.isEmpty ? [] : ["\(TextKey.budgetTotal(l)): \(f.moneyWithEquivalent(totals.total(in: totals.mainCurrency)))"]
            lines += d.budget.map { "\($0.item): \($0.amount.map(f.money) ?? "")" }
        case .partners: lines = d.partners.map { p in p.role.map { "\(p.name) – \($0)" } ?? p.name }
        case .channels: lines = [choices(d.channels), d.channelNotes ?? ""]
        case .activities: lines = d.activities.enumerated().map { "\($0.offset + 1). \($0.element.title)" }
        case .effect:
            lines = [d.expectedResults ?? "", d.socialEffect ?? "", d.economicEffect ?? ""]
            lines += d.indicators.map { i in "• \(i.name): \(i.target.map(f.number) ?? "—") (\(i.unit.label(l)))" }
        case .basics:
            lines = ["\(TextKey.fieldStatus(l)): \(d.status.label(l))"]
            if !d.innovations.isEmpty { lines.append("\(TextKey.fieldInnovations(l)): \(choices(d.innovations))") }
        }
        let kept = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return kept.isEmpty ? [TextKey.chartEmptyBlock(l)] : kept
    }

    /// How wide a text is drawn, in pixels at `size`, estimated generously from the widths of the
    /// letters in common sans-serif faces (DejaVu Sans, the widest of them, among them), so that
    /// what is wrapped to a width stays inside it whichever of them the reader has.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for ch in text.unicodeScalars {
            switch ch {
            case " ", "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "ı", "і", "ї": em += 0.32
            case "f", "t", "r", "(", ")", "[", "]", "-", "„", "“", "”", "\"", "/": em += 0.42
            case "m", "w", "M", "W", "ш", "щ", "ж", "ю", "ы", "Ш", "Щ", "Ж", "Ю", "Ф", "ф", "Ы", "@", "%", "—", "…": em += 0.92
            default:
                if ch.properties.isUppercase {
                    em += 0.74
                } else if ch.properties.numericType != nil {
                    em += 0.64
                } else {
                    em += 0.62
                }
            }
        }
        return em * size
    }

    /// One line of text, shortened to `width` with "…" when it is longer.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        return ellipsis(String(text), width: width, size: size)
    }

    /// Cuts a line so that it and a final "…" fit, and never leaves a stray stop or comma before the "…".
    static func ellipsis(_ line: String, width: Double, size: Double) -> String {
        var cut = line
        while !cut.isEmpty && textWidth(cut + "…", size: size) > width { cut.removeLast() }
        let trimmed = cut.trimmingCharacters(
            in: CharacterSet.whitespaces.union(.punctuationCharacters).subtracting(CharacterSet(charactersIn: ")»“”\"")))
        return trimmed + "…"
    }

    /// Greedy word wrap to a width in pixels; when the text does not fit in `maxLines`, the last
    /// line kept ends in "…". A word wider than a line is cut with "…".
    static func wrap(_ paragraphs: [String], width: Double, size: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        for paragraph in paragraphs {
            var current = ""
            for word in paragraph.split(separator: " ") {
                let piece = textWidth(String(word), size: size) > width ? ellipsis(String(word), width: width, size: size) : String(word)
                if current.isEmpty {
                    current = piece
                } else if textWidth(current + " " + piece, size: size) <= width {
                    current += " " + piece
                } else {
                    lines.append(current)
                    current = piece
                }
            }
            if !current.isEmpty { lines.append(current) }
        }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        let last = kept.removeLast()
        kept.append(ellipsis(last, width: width, size: size))
        return kept
    }

    static func connect(_ a: Box, _ b: Box) -> (Int, Int, Int, Int) {
        let (ax, ay) = (a.x + a.width / 2, a.y + a.height / 2)
        let (bx, by) = (b.x + b.width / 2, b.y + b.height / 2)
        func edge(_ box: Box, towards x: Int, _ y: Int) -> (Int, Int) {
            let cx = box.x + box.width / 2
            let cy = box.y + box.height / 2
            let dx = Double(x - cx)
            let dy = Double(y - cy)
            guard dx != 0 || dy != 0 else { return (cx, cy) }
            let sx = dx == 0 ? Double.infinity : Double(box.width / 2) / abs(dx)
            let sy = dy == 0 ? Double.infinity : Double(box.height / 2) / abs(dy)
            let s = min(sx, sy)
            return (cx + Int(dx * s), cy + Int(dy * s))
        }
        let (x1, y1) = edge(a, towards: bx, by)
        let (x2, y2) = edge(b, towards: ax, ay)
        return (x1, y1, x2, y2)
    }

    /// XML text and attribute escaping (one rule for HTML pages and SVG alike).
    public static func escape(_ text: String) -> String { text.markupEscaped }
}
