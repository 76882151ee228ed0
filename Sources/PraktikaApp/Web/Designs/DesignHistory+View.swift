import Foundation
import Plot
import PraktikaDomain

/// Every saved version of a design: who saved which block when; any two compared; any one
/// restored as a new version.
enum DesignHistoryView {
    static func render(_ model: DesignHistoryModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let title = TextKey.historyTitle(l)
        let from = model.comparison?.from ?? max(1, model.current - 1)
        let to = model.comparison?.to ?? model.current
        func radio(_ name: String, _ version: Int, _ checked: Bool) -> Node<HTML.TableRowContext> {
            var attributes = [("type", "radio"), ("name", name), ("value", String(version)), ("id", "\(name)-\(version)")]
            if checked { attributes.append(("checked", "checked")) }
            return .td(
                .class("pick"), .attr("data-label", (name == "from" ? TextKey.historyFrom : TextKey.historyTo)(l)),
                .selfClosedElement(named: "input", attributes: attributes.map { Attribute(name: $0.0, value: $0.1.htmlEscaped) }),
                .label(
                    .class("visually-hidden"), .attr("for", "\(name)-\(version)"),
                    .safe(TextKey.versionNumber(l, ["version": String(version)]))))
        }
        let rows: [Node<HTML.TableContext>] = model.revisions.map { r in
            let what: String
            if let restored = r.restoredFrom {
                what = TextKey.historyRestoredFrom(l, ["version": String(restored)])
            } else if let block = r.block {
                what = block.title(l)
            } else {
                what = TextKey.historyCreated(l)
            }
            // A link to a page that asks first: a form here would sit inside the comparison's form,
            // which browsers do not allow (the first such button compared instead of restoring).
            let restore: Node<HTML.TableRowContext> =
                model.canRestore && r.version != model.current
                ? .td(
                    .a(
                        .href(SiteURL.serviceRestore(model.id, r.version).path), .safe(TextKey.historyRestore(l)),
                        .span(.class("visually-hidden"), .safe(" " + TextKey.versionNumber(l, ["version": String(r.version)])))))
                : .td()
            // Each version links to what it changed against the one before it.
            let whatCell: Node<HTML.TableRowContext> =
                r.version > 1
                ? .td(.link(SiteURL.serviceCompare(model.id).with([("from", String(r.version - 1)), ("to", String(r.version))]), what))
                : .td(.safe(what))
            return .tr(
                radio("from", r.version, r.version == from), radio("to", r.version, r.version == to),
                .th(.attr("scope", "row"), .safe(String(r.version))),
                .td(.attr("data-label", TextKey.auditWhen(l)), .safe(f.dateTime(r.at))),
                .td(.attr("data-label", TextKey.auditWho(l)), .safe(r.userName ?? TextKey.auditSystem(l))), whatCell, restore)
        }
        let table: Node<HTML.FormContext> = .div(
            .class("table-wrap"),
            .table(
                .class("stack history"),
                .thead(
                    .tr(
                        .th(.attr("scope", "col"), .safe(TextKey.historyFrom(l))), .th(.attr("scope", "col"), .safe(TextKey.historyTo(l))),
                        .th(.attr("scope", "col"), .safe(TextKey.historyVersion(l))),
                        .th(.attr("scope", "col"), .safe(TextKey.auditWhen(l))),
                        .th(.attr("scope", "col"), .safe(TextKey.auditWho(l))), .th(.attr("scope", "col"), .safe(TextKey.historyWhat(l))),
                        .th(.attr("scope", "col"), .span(.class("visually-hidden"), .safe(TextKey.historyRestore(l)))))),
                .tbody(.group(rows))))
        let compareForm: Node<HTML.BodyContext> = .form(
            .method(.get), .action(SiteURL.serviceCompare(model.id).path), table,
            .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.historyCompare(l)))))
        let comparison: Node<HTML.BodyContext> =
            model.comparison.map { c in
                .element(
                    named: "section",
                    nodes: [
                        .class("comparison"), .attr("aria-labelledby", "comparison-heading"),
                        .h2(.id("comparison-heading"), .safe(TextKey.historyComparison(l, ["from": String(c.from), "to": String(c.to)]))),
                        c.changes.isEmpty ? .p(.safe(TextKey.historyNoChanges(l))) : sideBySide(c.changes, from: c.from, to: c.to, l),
                    ])
            } ?? .empty
        return Layout.page(
            context, title: "\(title) · \(model.title)",
            breadcrumbs: [(SiteURL.services.path, TextKey.servicesTitle(l)), (SiteURL.service(model.id).path, model.title)],
            body: [
                .h1(.safe(title)),
                model.problem.map { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe($0))) } ?? .empty,
                comparison, compareForm,
            ])
    }

    /// The changes between two versions, block by block in the chart's order: each block a table
    /// with the field, what it was and what it became, side by side, the removed struck through and
    /// the added marked.
    static func sideBySide(_ changes: [DesignChange], from: Int, to: Int, _ l: Language) -> Node<HTML.BodyContext> {
        let before = TextKey.versionNumber(l, ["version": String(from)])
        let after = TextKey.versionNumber(l, ["version": String(to)])
        return .group(
            DesignBlock.allCases.compactMap { block -> Node<HTML.BodyContext>? in
                let inBlock = changes.filter { $0.block == block }
                guard !inBlock.isEmpty else { return nil }
                return .div(
                    .class("table-wrap compare-block"),
                    .table(
                        .class("compare stack"),
                        .caption(.safe(block.title(l))),
                        .thead(
                            .tr(
                                .th(.attr("scope", "col"), .safe(TextKey.historyField(l))),
                                .th(.attr("scope", "col"), .safe(before)), .th(.attr("scope", "col"), .safe(after)))),
                        .tbody(
                            .group(
                                inBlock.map { change in
                                    .tr(
                                        .th(.attr("scope", "row"), .safe(change.label)),
                                        .td(
                                            .attr("data-label", before),
                                            change.before.isEmpty
                                                ? .span(.class("muted"), .text("—")) : .element(named: "del", nodes: [.safe(change.before)])
                                        ),
                                        .td(
                                            .attr("data-label", after),
                                            change.after.isEmpty
                                                ? .em(.safe(TextKey.valueRemoved(l))) : .element(named: "ins", nodes: [.safe(change.after)])
                                        ))
                                }))))
            })
    }
}

/// The question before a version is restored, with what it will do.
enum DesignRestorePage {
    static func render(id: Int64, title: String, revision: DesignRevision, current: Int, _ context: PageContext) -> HTML {
        let l = context.language
        return Layout.page(
            context, title: TextKey.historyRestore(l),
            breadcrumbs: [
                (SiteURL.services.path, TextKey.servicesTitle(l)), (SiteURL.service(id).path, title),
                (SiteURL.serviceHistory(id).path, TextKey.historyTitle(l)),
            ],
            body: [
                .h1(.safe(TextKey.historyRestore(l) + ": " + TextKey.versionNumber(l, ["version": String(revision.version)]))),
                .p(
                    .safe(
                        TextKey.historyRestoreQuestion(
                            l,
                            [
                                "version": String(revision.version), "date": context.format.dateTime(revision.at),
                                "current": String(current), "next": String(current + 1),
                            ]))),
                .p(
                    .link(
                        SiteURL.serviceCompare(id).with([("from", String(revision.version)), ("to", String(current))]),
                        TextKey.historyRestoreCompare(l))),
                .form(
                    .method(.post), .action(SiteURL.serviceRestore(id, revision.version).path), Layout.csrfField(context),
                    .div(
                        .class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.historyRestore(l))),
                        .link(SiteURL.serviceHistory(id).path, TextKey.cancel(l), .class("button secondary")))),
            ])
    }
}

enum DesignDeletePage {
    static func render(id: Int64, title: String, _ context: PageContext) -> HTML {
        ConfirmDeletePage.render(
            name: title, action: SiteURL.serviceDelete(id).path, cancel: SiteURL.service(id).path,
            breadcrumbs: [(SiteURL.services.path, TextKey.servicesTitle(context.language)), (SiteURL.service(id).path, title)], context)
    }

}
