import Plot
import PraktikaDomain

enum RegistryListView {
    static func render(_ model: RegistryListModel, _ context: PageContext) -> HTML {
        let l = context.language
        let title = model.area.title(l)
        return Layout.page(
            context, title: title,
            body: [
                Layout.registryNav(context, current: model.area),
                .div(
                    .class("page-heading"),
                    .h1(.safe(title)),
                    model.canCreate
                        ? .link(SiteURL.newRecord(model.area).path, model.newTitle(l), .class("button")) : .empty
                ),
                model.showFilters ? filters(model, context) : .empty,
                .p(
                    .class("count"), .attribute(named: "role", value: "status"),
                    .safe(TextKey.recordCount(l, ["count": context.format.integer(model.total)]))),
                model.rows.isEmpty ? .p(.class("empty"), .safe(TextKey.noRecords(l))) : table(model, context),
                pagination(model, context),
            ])
    }

    static func filters(_ model: RegistryListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let q = model.query
        func select(_ name: String, _ label: TextKey, _ all: TextKey, _ options: [FormOption], _ value: String?) -> Node<HTML.FormContext> {
            FilterView.select(name, label, all, options, value, l)
        }
        return .form(
            .class("filters"), .method(.get), .action(SiteURL.registry(model.area).path),
            .attribute(named: "role", value: "search"),
            .div(
                .class("filter"),
                .label(.attr("for", "filter-q"), .safe(TextKey.searchByName(l))),
                FormView.input([("type", "search"), ("id", "filter-q"), ("name", "q"), ("value", q.q ?? "")])
            ),
            select("district", .fieldDistrict, .allDistricts, [FormOption].districts(l), q.district),
            model.kindOptions.isEmpty ? .empty : select("kind", .fieldKind, .allKinds, model.kindOptions, q.kind),
            q.sort.map { FormView.input([("type", "hidden"), ("name", "sort"), ("value", $0)]) } ?? .empty,
            q.descending ? FormView.input([("type", "hidden"), ("name", "dir"), ("value", "desc")]) : .empty,
            .div(
                .class("filter-actions"),
                .button(.type(.submit), .class("button"), .safe(TextKey.filter(l))),
                .link(SiteURL.registry(model.area).path, TextKey.clearFilters(l))
            )
        )
    }

    static func table(_ model: RegistryListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let headers: [Node<HTML.TableRowContext>] = model.columns.map { header($0, model, context.language) }
        let labels = model.columns.map { $0.header(context.language) }
        let rows: [Node<HTML.TableContext>] = model.rows.map { row($0, labels: labels, context.language) }
        return .div(.class("table-wrap"), .table(.class("stack"), .thead(.tr(.group(headers))), .tbody(.group(rows))))
    }

    static func header(_ column: ListColumn, _ model: RegistryListModel, _ l: Language) -> Node<HTML.TableRowContext> {
        guard let key = column.sortKey else { return .th(.attr("scope", "col"), .safe(column.header(l))) }
        let isCurrent = (model.query.sort ?? model.columns[0].sortKey) == key
        var next = model.query
        next.sort = key
        next.descending = isCurrent && !model.query.descending
        next.page = 1
        let sortState = isCurrent ? (model.query.descending ? "descending" : "ascending") : "none"
        let arrow = isCurrent ? (model.query.descending ? " ↓" : " ↑") : ""
        return .th(
            .attr("scope", "col"), .attr("aria-sort", sortState),
            .link(SiteURL.registry(model.area).with(next.queryItems), column.header(l) + arrow))
    }

    /// `labels` are the columns' headers: on a phone each row is a card, and a cell says what it is.
    static func row(_ cells: [Cell], labels: [String] = [], _ l: Language) -> Node<HTML.TableContext> {
        let nodes: [Node<HTML.TableRowContext>] = cells.enumerated().map { index, cell in
            if index == 0 { return .th(.attr("scope", "row"), CellView.render(cell, l)) }
            if case .empty = cell { return .td(.class("no-card"), CellView.render(cell, l)) }
            return index < labels.count ? .td(.attr("data-label", labels[index]), CellView.render(cell, l)) : .td(CellView.render(cell, l))
        }
        return .tr(.group(nodes))
    }

    static func pagination(_ model: RegistryListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        FilterView.pagination(page: model.query.page, pages: model.pages, context) { page in
            var q = model.query
            q.page = page
            return SiteURL.registry(model.area).with(q.queryItems)
        }
    }
}

enum CellView {
    static func render<C>(_ cell: Cell, _ l: Language) -> Node<C> {
        switch cell {
        case .text(let text): .raw(text.htmlEscaped)
        case .link(let href, let text): .element(named: "a", nodes: [.attr("href", href), .raw(text.htmlEscaped)])
        case .empty: .element(named: "span", nodes: [.attr("class", "muted"), .raw("—")])
        }
    }
}
