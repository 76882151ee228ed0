import Foundation
import Plot
import PraktikaDomain

/// The chart on A4: the diagram on one landscape page, then every block in full, for a folder or a notice board.
enum DesignPrintView {
    static func render(_ model: DesignChartModel, _ context: PageContext) -> HTML {
        let l = context.language
        let d = model.design
        var readOnly = model
        readOnly = DesignChartModel(
            id: model.id, design: model.design, version: model.version, libraries: model.libraries, districts: model.districts,
            updatedAt: model.updatedAt, updatedBy: model.updatedBy, canEdit: false, canDelete: false)
        let meta = [
            model.libraries.map(\.name).joined(separator: "; "), d.status.label(l),
            "\(TextKey.lastChanged(l)): \(context.format.dateTime(model.updatedAt)), \(TextKey.versionNumber(l, ["version": String(model.version)]))",
        ]
        let blocks: [Node<HTML.BodyContext>] = DesignBlock.printOrder.map { block in
            DesignChartView.block(block, readOnly, context, DesignChartView.content(block, d, context))
        }
        return Layout.printable(
            context, title: d.title, back: SiteURL.service(model.id).path, bodyClass: "print-page",
            body: [
                // The first sheet is the chart itself, on one A4 landscape page; every block in full follows.
                .div(
                    .class("chart-sheet"),
                    .p(.class("muted"), .safe(([TextKey.appName(l), TextKey.chartLabel(l)] + meta).joined(separator: " · "))),
                    .div(.class("diagram"), .raw(ChartDiagram.svg(d, l)))),
                .header(.class("print-header"), .h1(.safe(d.title)), d.summary.map { .p(.safe($0)) } ?? .empty),
                .div(.class("chart print-blocks"), .group(blocks)),
            ])
    }
}

/// The leaflet: two A4 landscape sheets of three panels each, printed back to back.
enum LeafletView {
    static func render(_ id: Int64, _ leaflet: Leaflet, _ context: PageContext) -> HTML {
        let l = context.language
        func panel(_ p: Leaflet.Panel, _ cls: String) -> Node<HTML.BodyContext> {
            .section(
                .class("panel \(cls)"),
                p.heading.map { .h2(.safe($0)) } ?? .empty,
                .group(p.paragraphs.map { .p(.safe($0)) }),
                p.items.isEmpty ? .empty : .ul(.group(p.items.map { .li(.safe($0)) })))
        }
        let cover: Node<HTML.BodyContext> = .section(
            .class("panel cover"),
            .p(.class("cover-library"), .safe(leaflet.coverLibrary)),
            .h1(.safe(leaflet.title)),
            leaflet.tagline.map { .p(.class("tagline"), .safe($0)) } ?? .empty)
        return Layout.printable(
            context, title: "\(TextKey.leafletTitle(l)) · \(leaflet.title)", back: SiteURL.service(id).path, bodyClass: "leaflet-page",
            body: [
                .p(.class("print-help"), .safe(TextKey.leafletHelp(l))),
                .div(
                    .class("sheet"), .attr("aria-label", TextKey.leafletOutside(l)),
                    panel(leaflet.flap, "flap"), panel(leaflet.back, "back"), cover),
                .div(
                    .class("sheet"), .attr("aria-label", TextKey.leafletInside(l)),
                    .group(leaflet.inside.enumerated().map { panel($0.element, "inside-\($0.offset + 1)") })),
            ])
    }
}
