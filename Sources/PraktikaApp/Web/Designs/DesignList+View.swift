import Foundation
import Plot
import PraktikaDomain

enum DesignListView {
    /// The page, with the facets already rendered (`renderedFacets`: the catalogue renders them
    /// while the listed rows are read).
    static func render(_ model: DesignListModel, facets: String, _ context: PageContext) -> HTML {
        let l = context.language
        let catalogue = model.base == .practices
        let title = catalogue ? TextKey.navPractices(l) : TextKey.servicesTitle(l)
        let heading: Node<HTML.BodyContext> = .div(
            .class("page-heading"),
            .h1(.safe(title)),
            model.canCreate && !catalogue ? .link(SiteURL.newService.path, TextKey.newService(l), .class("button")) : .empty)
        let count: Node<HTML.BodyContext> = .p(
            .class("count"), .attribute(named: "role", value: "status"),
            .safe(
                model.capped
                    ? TextKey.recordCountAtLeast(l, ["count": context.format.integer(model.total)])
                    : TextKey.recordCount(l, ["count": context.format.integer(model.total)])))
        return Layout.page(
            context, title: title,
            body: [
                heading, .p(.class("lead"), .safe((catalogue ? TextKey.practicesIntro : TextKey.servicesIntro)(l))),
                filters(model, context),
                // The results come before the facets, so that on a narrow screen they are not
                // below every facet; a wide screen shows the facets in the left column.
                .div(
                    .class("with-facets"),
                    .div(
                        .class("results"), count, suggestion(model, context), elsewhere(model, context),
                        model.rows.isEmpty ? .p(.class("empty"), .safe(TextKey.noRecords(l))) : table(model, context),
                        pagination(model, context)),
                    .raw(facets)),
            ])
    }

    static func filters(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let q = model.query
        return .form(
            .class("filters"), .method(.get), .action(model.base.path), .attribute(named: "role", value: "search"),
            .div(
                .class("filter"),
                .label(.attr("for", "filter-q"), .safe(TextKey.searchServices(l))),
                FormView.input([
                    ("type", "search"), ("id", "filter-q"), ("name", "q"), ("value", q.q ?? ""), ("aria-describedby", "filter-q-hint"),
                ])),
            // The catalogue holds only services that ran: it offers only the stages a practice can be at.
            FilterView.select(
                "status", .fieldStatus, .allStatuses,
                [FormOption].choices(DesignStatus.self, l).filter {
                    model.base != .practices || DesignStatus(rawValue: $0.value)?.mayBePublished == true
                }, q.status, l),
            FilterView.select("kind", .fieldTargetCategory, .allTargetGroups, .choices(TargetGroupCategory.self, l), q.kind, l),
            FilterView.select("district", .fieldDistrict, .allDistricts, .districts(l), q.district, l),
            .div(
                .class("filter-actions"),
                .button(.type(.submit), .class("button"), .safe(TextKey.filter(l))),
                .link(model.base.path, TextKey.clearFilters(l))),
            .p(.class("filter-hint"), .id("filter-q-hint"), .safe(TextKey.searchHint(l)))
        )
    }

    static func table(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        func header(_ key: String?, _ text: TextKey) -> Node<HTML.TableRowContext> {
            guard let key else { return .th(.attr("scope", "col"), .safe(text(l))) }
            // A search is ordered by relevance: no column then shows itself as the sort.
            let current = model.query.q == nil && (model.query.sort ?? "updated") == key
            let descending = model.query.sort == nil ? true : model.query.descending
            var next = model.query
            next.sort = key
            next.descending = current ? !descending : false
            next.page = 1
            let arrow = current ? (descending ? " ↓" : " ↑") : ""
            return .th(
                .attr("scope", "col"), .attr("aria-sort", current ? (descending ? "descending" : "ascending") : "none"),
                .link(model.base.with(next.queryItems), text(l) + arrow))
        }
        let headers: [Node<HTML.TableRowContext>] = [
            header("title", .fieldTitle), header(nil, .fieldTargetCategory), header("status", .fieldStatus),
            header(nil, .libraries), header("budget", .blockBudget), header("updated", .lastChanged),
        ]
        let rows: [Node<HTML.TableContext>] = model.rows.map { row in
            let category = TargetGroupCategory(rawValue: row.targetCategory)?.label(l) ?? row.targetCategory
            let status = DesignStatus(rawValue: row.status)
            let budget: Node<HTML.TableRowContext> =
                row.budgetTotalEURMinor == 0
                ? .td(.class("no-card"), .span(.class("muted"), .text("—")))
                : .td(
                    .class("number"), .attr("data-label", TextKey.blockBudget(l)),
                    .safe(f.money(Money(minorUnits: row.budgetTotalEURMinor, currency: .EUR))))
            return .tr(
                .th(
                    .attr("scope", "row"),
                    .a(.href(SiteURL.service(row.id).path), row.titleParts.map { marked($0) } ?? .safe(row.title)),
                    row.visibility == DesignVisibility.public.rawValue
                        ? .empty : .span(.class("tag"), .safe(DesignVisibility(rawValue: row.visibility)?.label(l) ?? "")),
                    // Among all designs, the published practices are marked; the catalogue lists nothing else.
                    row.isPractice && model.base != .practices
                        ? .span(.class("tag is-practice"), .safe(TextKey.similarIsPractice(l))) : .empty,
                    row.snippet.map { snippet($0) } ?? .empty),
                .td(.attr("data-label", TextKey.fieldTargetCategory(l)), .safe(category)),
                .td(
                    .attr("data-label", TextKey.fieldStatus(l)),
                    .span(.class("status status-\(row.status)"), .safe(status?.label(l) ?? row.status))),
                .td(.attr("data-label", TextKey.libraries(l)), .safe(row.libraries.joined(separator: "; "))),
                budget,
                .td(.attr("data-label", TextKey.lastChanged(l)), .safe(f.dateTime(row.updatedAt)))
            )
        }
        return .div(.class("table-wrap"), .table(.class("stack"), .thead(.tr(.group(headers))), .tbody(.group(rows))))
    }

    static func renderedFacets(_ model: DesignListModel, _ context: PageContext) -> String { facets(model, context).render() }

    /// Each facet's values with their counts; a chosen value can be taken off again.
    static func facets(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !model.facets.isEmpty else { return .empty }
        let groups: [Node<HTML.BodyContext>] = model.facets.map { facet, counts in
            let chosen = model.query.value(of: facet)
            let items: [Node<HTML.ListContext>] = counts.map { entry in
                let label = "\(facet.label(entry.value, l)) (\(context.format.integer(entry.count)))"
                if entry.value == chosen {
                    return .li(
                        .class("chosen"), .strong(.safe(label)), .text(" "),
                        .link(model.base.with(model.query.with(facet, nil).queryItems), "× " + TextKey.facetRemove(l)))
                }
                return .li(.link(model.base.with(model.query.with(facet, entry.value).queryItems), label))
            }
            return .div(.class("facet"), .h3(.safe(facet.title(l))), .ul(.group(items)))
        }
        return .element(
            named: "aside",
            nodes: [.class("facets"), .attr("aria-label", TextKey.facetsTitle(l)), .h2(.safe(TextKey.facetsTitle(l))), .group(groups)])
    }

    static func suggestion(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        if model.capped {
            return .p(
                .class("hint"),
                .safe(
                    (model.query.q == nil ? TextKey.listCapped : TextKey.searchCapped)(
                        context.language, ["count": context.format.integer(SearchIndex.candidateCap)])))
        }
        guard let suggestion = model.suggestion else { return .empty }
        var corrected = model.query
        corrected.q = suggestion
        corrected.page = 1
        return .p(
            .class("suggestion"), .safe(TextKey.didYouMean(context.language) + " "),
            .link(model.base.with(corrected.queryItems), suggestion))
    }

    /// A catalogue search that found no practice points to the designs that match it.
    static func elsewhere(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        guard model.base == .practices, model.elsewhere > 0 else { return .empty }
        var everyDesign = model.query
        everyDesign.page = 1
        return .p(
            .class("hint"),
            .safe(
                (model.elsewhereCapped ? TextKey.searchElsewhereAtLeast : TextKey.searchElsewhere)(
                    context.language, ["count": context.format.integer(model.elsewhere)]) + " "),
            .link(SiteURL.services.with(everyDesign.queryItems), TextKey.searchElsewhereLink(context.language)))
    }

    /// A passage with the matched words marked.
    static func snippet(_ parts: [Snippet.Part]) -> Node<HTML.BodyContext> {
        .p(.class("snippet"), marked(parts))
    }

    /// Text with the words a search matched marked.
    static func marked<Context>(_ parts: [Snippet.Part]) -> Node<Context> {
        .group(parts.map { part in part.isMatch ? .element(named: "mark", nodes: [.safe(part.text)]) : .safe(part.text) })
    }

    static func pagination(_ model: DesignListModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let pages = max(1, (model.total + ListQuery.perPage - 1) / ListQuery.perPage)
        return FilterView.pagination(page: model.query.page, pages: pages, context) { page in
            var q = model.query
            q.page = page
            return model.base.with(q.queryItems)
        }
    }
}

/// Pieces of list pages shared by the registry and the services.
enum FilterView {
    static func select(_ name: String, _ label: TextKey, _ all: TextKey, _ options: [FormOption], _ value: String?, _ l: Language)
        -> Node<HTML.FormContext>
    {
        let optionNodes: [Node<HTML.BodyContext>] = options.map { o in
            .element(
                named: "option",
                nodes: [.attr("value", o.value), o.value == value ? .attr("selected", "selected") : .empty, .safe(o.label)])
        }
        return .div(
            .class("filter"),
            .label(.attr("for", "filter-\(name)"), .safe(label(l))),
            .element(
                named: "select",
                nodes: [
                    .attr("id", "filter-\(name)"), .attr("name", name),
                    .element(named: "option", nodes: [.attr("value", ""), .safe(all(l))]),
                ]
                    + optionNodes))
    }

    static func pagination(page current: Int, pages: Int, _ context: PageContext, href: (Int) -> String) -> Node<HTML.BodyContext> {
        guard pages > 1 else { return .empty }
        let l = context.language
        func pageLink(_ page: Int, _ text: String) -> Node<HTML.ListContext> { .li(.link(href(page), text)) }
        return .nav(
            .class("pagination"), .attr("aria-label", TextKey.pagination(l)),
            .ul(
                current > 1 ? pageLink(current - 1, TextKey.previousPage(l)) : .empty,
                .li(.span(.safe(TextKey.pageOf(l, ["page": String(current), "pages": String(pages)])))),
                current < pages ? pageLink(current + 1, TextKey.nextPage(l)) : .empty))
    }
}
