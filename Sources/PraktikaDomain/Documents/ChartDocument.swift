import Foundation

/// The smart chart as a Word document: every block in the order it is thought through, its
/// fields as labelled paragraphs and its lists (budget, partners, activities, indicators) as
/// tables, for a library to print, send or edit further.
public enum ChartDocument {
    public static func make(_ d: ServiceDesign, libraryName: (Int64) -> String = { "#\($0)" }, _ language: Language) -> WordDocument {
        typealias Run = WordDocument.Run
        let l = language
        let f = Formatting(l)
        let values = DesignDiff.values(d, l, libraryName: libraryName)
        var blocks: [WordDocument.Block] = [
            .title(d.title),
            .paragraph([Run("\(TextKey.appName(l)) · \(TextKey.chartLabel(l)) · \(d.status.label(l))", italic: true)]),
        ]
        for block in DesignBlock.printOrder {
            blocks.append(.heading(block.title(l), level: 1))
            // The single fields; the lists are tables below. The title heads the document already.
            let fields = values.filter {
                $0.block == block && $0.key != "title" && !$0.key.contains(where: \.isNumber) && !$0.value.isEmpty
            }
            for value in fields {
                blocks.append(.paragraph([Run(value.label + ": ", bold: true), Run(value.value)]))
            }
            var lists: [WordDocument.Block] = []
            switch block {
            case .budget where !d.budget.isEmpty:
                lists.append(
                    .table(
                        header: [TextKey.fieldItem, .fieldQuantity, .fieldUnitCost, .fieldAmount, .fieldFundingSource].map { $0(l) },
                        rows: d.budget.map {
                            [$0.item, f.number($0.quantity), f.money($0.unitCost), $0.amount.map(f.money) ?? "", $0.source.label(l)]
                        }))
                let totals = d.totals
                lists.append(
                    .paragraph([
                        Run("\(TextKey.budgetTotal(l)): ", bold: true), Run(f.moneyWithEquivalent(totals.total(in: totals.mainCurrency))),
                    ]))
                for source in totals.sources {
                    lists.append(
                        .bullet([
                            Run("\(source.label(l)): "), Run(f.moneyWithEquivalent(totals.total(for: source, in: totals.mainCurrency))),
                        ]))
                }
            case .partners where !d.partners.isEmpty:
                lists.append(
                    .table(
                        header: [TextKey.partner, .fieldPartnerKind, .fieldPartnerRole].map { $0(l) },
                        rows: d.partners.map { [$0.name, $0.kind?.label(l) ?? "", $0.role ?? ""] }))
            case .activities where !d.activities.isEmpty:
                lists.append(
                    .table(
                        header: [TextKey.fieldActivity, .fieldStart, .fieldEnd, .fieldResponsible, .partner].map { $0(l) },
                        rows: d.activities.map {
                            [$0.title, $0.start.map(f.date) ?? "", $0.end.map(f.date) ?? "", $0.responsible ?? "", $0.partner ?? ""]
                        }))
            case .effect where !d.indicators.isEmpty:
                lists.append(
                    .table(
                        header: [TextKey.fieldIndicator, .fieldUnit, .fieldBaseline, .fieldTarget, .fieldPeriod, .fieldActual].map {
                            $0(l)
                        },
                        rows: d.indicators.map {
                            [
                                $0.name, $0.unit.label(l), $0.baseline.map(f.number) ?? "", $0.target.map(f.number) ?? "", $0.period ?? "",
                                $0.actual.map(f.number) ?? "",
                            ]
                        }))
            default: break
            }
            blocks += lists
            if fields.isEmpty && lists.isEmpty { blocks.append(.paragraph([Run(TextKey.chartEmptyBlock(l), italic: true)])) }
        }
        return WordDocument(title: d.title, language: l, blocks: blocks)
    }
}

/// The leaflet as a Word document: the cover, then each panel under its heading, for a library
/// that lays out its own leaflets.
public enum LeafletDocument {
    public static func make(_ leaflet: Leaflet, _ language: Language) -> WordDocument {
        typealias Run = WordDocument.Run
        var blocks: [WordDocument.Block] = [.title(leaflet.title)]
        if let tagline = leaflet.tagline { blocks.append(.paragraph([Run(tagline, italic: true)])) }
        if !leaflet.coverLibrary.isEmpty { blocks.append(.paragraph([Run(leaflet.coverLibrary)])) }
        for panel in leaflet.inside + [leaflet.flap, leaflet.back] where !(panel.paragraphs.isEmpty && panel.items.isEmpty) {
            if let heading = panel.heading { blocks.append(.heading(heading, level: 1)) }
            blocks += panel.paragraphs.map { .paragraph([Run($0)]) }
            blocks += panel.items.map { .bullet([Run($0)]) }
        }
        return WordDocument(title: leaflet.title, language: language, blocks: blocks)
    }
}
