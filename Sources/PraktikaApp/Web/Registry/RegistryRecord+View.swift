import Plot
import PraktikaDomain

enum RegistryRecordView {
    static func render(_ model: RegistryRecordModel, _ context: PageContext) -> HTML {
        let l = context.language
        let problem: Node<HTML.BodyContext> =
            model.problem.map { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe($0))) } ?? .empty
        let edit: Node<HTML.BodyContext> =
            model.canEdit ? .link(SiteURL.editRecord(model.area, model.id).path, TextKey.edit(l), .class("button")) : .empty
        let delete: Node<HTML.BodyContext> =
            model.canDelete ? .link(SiteURL.deleteRecord(model.area, model.id).path, TextKey.delete(l), .class("button danger")) : .empty
        let details: [Node<HTML.DescriptionListContext>] = model.details.map { row in
            .group(.dt(.safe(row.label(l))), .dd(CellView.render(row.value, l)))
        }
        let related: [Node<HTML.BodyContext>] = model.related.map { relatedSection($0, l) }
        let history: Node<HTML.BodyContext> = model.history.map { Self.history(entries: $0, context) } ?? .empty
        return Layout.page(
            context, title: model.name,
            breadcrumbs: [(SiteURL.registry(model.area).path, model.area.title(l))],
            body: [
                .h1(.safe(model.name)),
                problem,
                .div(.class("record-actions"), edit, delete, personalData(model, l)),
                model.area == .people && model.canDelete ? .p(.class("hint"), .safe(TextKey.personEraseNote(l))) : .empty,
                .section(
                    .attr("aria-labelledby", "details-heading"),
                    .h2(.id("details-heading"), .class("visually-hidden"), .safe(TextKey.recordDetails(l))),
                    .dl(.class("details"), .group(details))),
                .group(related),
                history,
            ])
    }

    static func relatedSection(_ section: RelatedSection, _ l: Language) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = section.items.map { .li(CellView.render($0, l)) }
        return .section(
            .h2(.safe(section.title(l))),
            section.items.isEmpty
                ? .p(.class("muted"), .safe(TextKey.noRecords(l)))
                : section.inOrder ? .ol(.class("related-timeline"), .group(items)) : .ul(.class("related"), .group(items)))
    }

    static func history(entries: [AuditEntry], _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        return .section(
            .class("history"),
            .h2(.safe(TextKey.historyOfRecord(l))),
            AuditView.table(entries, context, showRecord: false))
    }
}

/// The form page for a new record or an edit.
enum RegistryFormPage {
    static func render(_ form: FormModel, area: RegistryArea, _ context: PageContext) -> HTML {
        Layout.page(
            context, title: form.title,
            breadcrumbs: [(SiteURL.registry(area).path, area.title(context.language))],
            body: [.h1(.safe(form.title)), FormView.render(form, context)])
    }
}

/// Asks before deleting; the button posts, so a link or a crawler can never delete.
extension RegistryRecordView {
    /// People are personal data: whoever may change the record can hand the person a copy of it.
    static func personalData(_ model: RegistryRecordModel, _ l: Language) -> Node<HTML.BodyContext> {
        guard model.area == .people, model.canEdit else { return .empty }
        return .link(SiteURL.personExport(model.id).path, TextKey.personExport(l), .class("button secondary"))
    }
}

enum RegistryDeletePage {
    static func render(area: RegistryArea, id: String, name: String, _ context: PageContext) -> HTML {
        ConfirmDeletePage.render(
            name: name, action: SiteURL.deleteRecord(area, id).path, cancel: SiteURL.record(area, id).path,
            breadcrumbs: [(SiteURL.registry(area).path, area.title(context.language)), (SiteURL.record(area, id).path, name)],
            context)
    }
}
