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
    static func render(_ id: Int64, _ leaflet: Leaflet, photo: String?, canEdit: Bool, _ context: PageContext) -> HTML {
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
            photo.map { .img(.class("cover-photo"), .src($0), .alt(leaflet.photoAlt ?? "")) } ?? .empty,
            .h1(.safe(leaflet.title)),
            leaflet.tagline.map { .p(.class("tagline"), .safe($0)) } ?? .empty)
        return Layout.printable(
            context, title: "\(TextKey.leafletTitle(l)) · \(leaflet.title)", back: SiteURL.service(id).path, bodyClass: "leaflet-page",
            body: [
                .p(
                    .class("print-help"), .safe(TextKey.leafletHelp(l)), .text(" "),
                    .link(SiteURL.serviceLeafletDocx(id).path, TextKey.downloadWord(l)),
                    canEdit ? .group(.text(" "), .link(SiteURL.serviceLeafletEdit(id).path, TextKey.leafletEdit(l))) : .empty),
                .div(
                    .class("sheet"), .attr("aria-label", TextKey.leafletOutside(l)),
                    panel(leaflet.flap, "flap"), panel(leaflet.back, "back"), cover),
                .div(
                    .class("sheet"), .attr("aria-label", TextKey.leafletInside(l)),
                    .group(leaflet.inside.enumerated().map { panel($0.element, "inside-\($0.offset + 1)") })),
            ])
    }
}

/// What the public reads on the leaflet, as the librarian edits it.
enum LeafletFormView {
    static func render(id: Int64, title: String, images: [AttachmentInfo], values: FormInput, errors: FieldErrors, _ context: PageContext)
        -> HTML
    {
        let l = context.language
        var fields = [
            FormField(name: "title", label: .leafletHeading, kind: .text, required: true),
            FormField(name: "tagline", label: .leafletTagline, kind: .textarea),
            FormField(name: "for_whom", label: .leafletForWhom, kind: .textarea, hint: .leafletLinesHint),
            FormField(name: "offer", label: .leafletWhatWeOffer, kind: .textarea, hint: .leafletLinesHint),
            FormField(name: "gain", label: .leafletWhatYouGet, kind: .textarea, hint: .leafletLinesHint),
            FormField(name: "when_and_how", label: .leafletWhenAndHow, kind: .textarea, hint: .leafletLinesHint),
            FormField(name: "hours", label: .leafletHours, kind: .text),
            FormField(name: "contact_note", label: .leafletContactNote, kind: .text),
        ]
        if images.isEmpty {
            fields.append(FormField(name: "photo", label: .leafletPhoto, kind: .select([]), hint: .leafletNoPhotos))
        } else {
            fields.append(
                FormField(
                    name: "photo", label: .leafletPhoto, kind: .select(images.map { FormOption(value: String($0.id), label: $0.filename) }),
                    hint: .leafletPhotoHint))
            fields.append(FormField(name: "photo_alt", label: .leafletPhotoAlt, kind: .text))
        }
        let model = FormModel(
            title: TextKey.leafletEdit(l), action: SiteURL.serviceLeaflet(id).path, fields: fields, values: values, errors: errors,
            cancelHref: SiteURL.serviceLeaflet(id).path)
        return Layout.page(
            context, title: "\(TextKey.leafletEdit(l)) · \(title)",
            breadcrumbs: [
                (SiteURL.services.path, TextKey.servicesTitle(l)), (SiteURL.service(id).path, title),
                (SiteURL.serviceLeaflet(id).path, TextKey.leafletTitle(l)),
            ],
            body: [
                .h1(.safe(TextKey.leafletEdit(l))), .p(.class("lead"), .safe(TextKey.leafletEditIntro(l))), FormView.render(model, context),
            ])
    }
}
