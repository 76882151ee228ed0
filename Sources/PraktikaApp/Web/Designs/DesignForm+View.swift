import Foundation
import Plot
import PraktikaDomain

/// The form of one block of the chart, and the short form that starts a new design.
/// Lists (budget lines, partners, activities, indicators, libraries) are numbered rows, each a
/// fieldset with labelled inputs; without JavaScript there is always one empty row and an
/// "add a line" button, with JavaScript rows are added and removed in place.
enum DesignFormView {
    static func render(_ model: DesignBlockFormModel, _ context: PageContext) -> HTML {
        let l = context.language
        // Every row without a choice, the empty one at the end and those added without JavaScript
        // too, starts with the usual one, so that typing an item is enough and what shows is saved.
        var values = model.values
        for (prefix, column, value) in [
            ("budget", "currency", Currency.EUR.rawValue), ("budget", "source", FundingSource.undecided.rawValue),
            ("indicator", "unit", IndicatorUnit.people.rawValue),
        ] {
            for row in 0...DesignForm.rowCount(model.values, prefix) where (values["\(prefix)-\(row)-\(column)"] ?? "").isEmpty {
                values["\(prefix)-\(row)-\(column)"] = value
            }
        }
        let form = FormModel(
            title: model.block.title(l), action: SiteURL.serviceBlock(model.id, model.block).path, fields: [],
            values: values, errors: model.errors, cancelHref: SiteURL.service(model.id).path + "#block-\(model.block.rawValue)")
        let title = TextKey.editBlockTitle(l, ["block": model.block.title(l)])
        let body: Node<HTML.BodyContext> = .form(
            .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form chart-form"),
            .attr("data-block", model.block.rawValue),
            Layout.csrfField(context),
            FormView.input([("type", "hidden"), ("name", "version"), ("value", String(model.version))]),
            defaultSave(l),
            errorSummary(form, l),
            fields(model.block, form, model.options, context),
            .div(
                .class("actions"),
                .button(.type(.submit), .class("button"), .safe(TextKey.save(l))),
                .link(form.cancelHref, TextKey.cancel(l), .class("button secondary"))))
        return Layout.page(
            context, title: "\(title) · \(model.designTitle)",
            breadcrumbs: [(SiteURL.services.path, TextKey.servicesTitle(l)), (SiteURL.service(model.id).path, model.designTitle)],
            body: [.h1(.safe(title)), model.conflict.map { conflictBox($0, context) } ?? .empty, body])
    }

    static func renderNew(values: FormInput, errors: FieldErrors, options: DesignFormOptions, _ context: PageContext) -> HTML {
        let l = context.language
        let form = FormModel(
            title: TextKey.newService(l), action: SiteURL.services.path, fields: [], values: values, errors: errors,
            cancelHref: SiteURL.services.path)
        let body: Node<HTML.BodyContext> = .form(
            .method(.post), .action(form.action), .attribute(named: "novalidate"), .class("record-form chart-form"),
            Layout.csrfField(context),
            defaultSave(l),
            errorSummary(form, l),
            field(form, FormField(name: "title", label: .fieldTitle, kind: .text, required: true), l),
            rows("library", form, l, legend: .library, firstRequired: true) { i in
                [field(form, FormField(name: "library-\(i)-id", label: .library, kind: .select(options.libraries), required: i == 0), l)]
            },
            field(
                form,
                FormField(
                    name: "target_category", label: .fieldTargetCategory, kind: .select(.choices(TargetGroupCategory.self, l)),
                    required: true, hint: .hintVulnerableGroup), l),
            field(form, FormField(name: "target_description", label: .fieldTargetDescription, kind: .textarea), l),
            .div(
                .class("actions"),
                .button(.type(.submit), .class("button"), .safe(TextKey.save(l))),
                .link(form.cancelHref, TextKey.cancel(l), .class("button secondary"))))
        return Layout.page(
            context, title: TextKey.newService(l), breadcrumbs: [(SiteURL.services.path, TextKey.servicesTitle(l))],
            body: [.h1(.safe(TextKey.newService(l))), .p(.class("lead"), .safe(TextKey.newServiceIntro(l))), body])
    }

    // MARK: Blocks

    static func fields(_ block: DesignBlock, _ form: FormModel, _ options: DesignFormOptions, _ context: PageContext) -> Node<
        HTML.FormContext
    > {
        let l = context.language
        func f(_ name: String, _ label: TextKey, _ kind: FormField.Kind, required: Bool = false, hint: TextKey? = nil) -> Node<
            HTML.FormContext
        > {
            field(form, FormField(name: name, label: label, kind: kind, required: required, hint: hint), l)
        }
        switch block {
        case .basics:
            return .group(
                f("title", .fieldTitle, .text, required: true),
                f("summary", .fieldSummary, .textarea),
                rows("library", form, l, legend: .library, firstRequired: true) { i in
                    [f("library-\(i)-id", .library, .select(options.libraries), required: i == 0)]
                },
                f("status", .fieldStatus, .select(.choices(DesignStatus.self, l)), required: true, hint: .hintStatus),
                f("visibility", .fieldVisibility, .select(.choices(DesignVisibility.self, l)), required: true, hint: .hintVisibility),
                checkboxes("innovation", .fieldInnovations, Innovation.self, form, l))
        case .target:
            return .group(
                f("target_category", .fieldTargetCategory, .select(.choices(TargetGroupCategory.self, l)), required: true),
                f("target_description", .fieldTargetDescription, .textarea),
                f("expected_reach", .fieldExpectedReach, .integer))
        case .service:
            return .group(
                f("needs", .fieldNeeds, .textarea, hint: .hintNeeds), f("service", .fieldService, .textarea),
                f("goal", .fieldGoal, .textarea))
        case .resources:
            return .group(
                checkboxes("resource", .fieldExistingResources, ExistingResource.self, form, l),
                f("existing_notes", .fieldExistingNotes, .textarea), f("needed", .fieldNeededResources, .textarea))
        case .budget:
            let currencies = Currency.allCases.map { FormOption(value: $0.rawValue, label: context.format.currencySign($0)) }
            return .group(
                .p(.class("hint"), .safe(TextKey.hintBudget(l))),
                rows("budget", form, l, legend: .fieldItem) { i in
                    [
                        f("budget-\(i)-item", .fieldItem, .text, required: true),
                        f("budget-\(i)-quantity", .fieldQuantity, .decimal),
                        f("budget-\(i)-unit_cost", .fieldUnitCost, .decimal, required: true),
                        f("budget-\(i)-currency", .fieldCurrency, .select(currencies), required: true),
                        f("budget-\(i)-source", .fieldFundingSource, .select(.choices(FundingSource.self, l)), required: true),
                    ]
                },
                .element(named: "output", nodes: [.class("running-total"), .attr("aria-live", "polite"), .attr("for", "")]))
        case .partners:
            let search: Node<HTML.FormContext> = options.partnersNarrowed ? partnerSearch(form, l) : .empty
            return .group(
                .p(.class("hint"), .safe(TextKey.hintPartners(l))),
                search,
                rows("partner", form, l, legend: .partner) { i in
                    [
                        f("partner-\(i)-id", .fieldRegistryPartner, .select(options.partners)),
                        f("partner-\(i)-name", .fieldName, .text),
                        f("partner-\(i)-kind", .fieldPartnerKind, .select(.choices(PartnerKind.self, l))),
                        f("partner-\(i)-role", .fieldPartnerRole, .text),
                        f("partner-\(i)-register", .fieldAddToRegistry, .checkbox),
                    ]
                },
                suggestions(options.suggestions, context))
        case .channels:
            return .group(
                checkboxes("channel", .fieldChannels, InformationChannel.self, form, l), f("channel_notes", .fieldChannelNotes, .textarea))
        case .activities:
            return .group(
                listError("activities", form, l),
                rows("activity", form, l, legend: .fieldActivity) { i in
                    [
                        f("activity-\(i)-title", .fieldActivity, .text, required: true),
                        f("activity-\(i)-start", .fieldStart, .date), f("activity-\(i)-end", .fieldEnd, .date),
                        f("activity-\(i)-responsible", .fieldResponsible, .text), f("activity-\(i)-partner", .partner, .text),
                    ]
                })
        case .effect:
            return .group(
                f("expected_results", .fieldExpectedResults, .textarea), f("social_effect", .fieldSocialEffect, .textarea),
                f("economic_effect", .fieldEconomicEffect, .textarea),
                .h2(.safe(TextKey.indicatorsTitle(l))),
                .p(.class("hint"), .safe(TextKey.hintIndicators(l))),
                listError("indicators", form, l),
                rows("indicator", form, l, legend: .fieldIndicator) { i in
                    [
                        f("indicator-\(i)-name", .fieldIndicator, .text, required: true),
                        f("indicator-\(i)-unit", .fieldUnit, .select(.choices(IndicatorUnit.self, l))),
                        f("indicator-\(i)-baseline", .fieldBaseline, .decimal), f("indicator-\(i)-target", .fieldTarget, .decimal),
                        f("indicator-\(i)-period", .fieldPeriod, .text), f("indicator-\(i)-actual", .fieldActual, .decimal),
                    ]
                })
        }
    }

    // MARK: Pieces

    static func field(_ form: FormModel, _ field: FormField, _ l: Language) -> Node<HTML.FormContext> {
        FormView.field(form, field, l)
    }

    /// Existing rows, then one empty row, then the button that asks the server for another.
    /// A list of rows ending in an empty one, with „Добави ред“; `firstRequired` for a list that
    /// needs its first row only (a further row copied in the browser is then not marked required).
    static func rows(
        _ prefix: String, _ form: FormModel, _ l: Language, legend: TextKey, firstRequired: Bool = false,
        _ columns: (Int) -> [Node<HTML.FormContext>]
    ) -> Node<HTML.FormContext> {
        // Always one empty row at the end (it may already be there, holding default choices).
        let rowsInInput = DesignForm.rowCount(form.values, prefix)
        let endsEmpty = rowsInInput > 0 && DesignForm.isEmptyRow(form.values, prefix, rowsInInput - 1)
        let count = endsEmpty ? rowsInInput : rowsInInput + 1
        // The rows with something typed, which are the ones that can change places.
        let filled = endsEmpty ? rowsInInput - 1 : rowsInInput
        let fieldsets: [Node<HTML.FormContext>] = (0..<count).map { i in
            .element(
                named: "fieldset",
                nodes: [
                    .class("row"), .attr("data-row", String(i)),
                    .element(named: "legend", nodes: [.safe("\(legend(l)) \(i + 1)")]),
                    .div(.class("row-fields"), .group(columns(i))),
                    .div(
                        .class("field row-remove"),
                        FormView.input([
                            ("type", "checkbox"), ("id", "\(prefix)-\(i)-remove"), ("name", "\(prefix)-\(i)-remove"), ("value", "on"),
                        ]),
                        .label(.attr("for", "\(prefix)-\(i)-remove"), .safe(TextKey.removeRow(l)))),
                    // The filled rows can change places; the form comes back with them swapped, unsaved.
                    i < filled && filled > 1
                        ? .div(
                            .class("row-move"),
                            i > 0 ? moveButton(prefix, i, up: true, "\(legend(l)) \(i + 1)", l) : .empty,
                            i < filled - 1 ? moveButton(prefix, i, up: false, "\(legend(l)) \(i + 1)", l) : .empty)
                        : .empty,
                ])
        }
        return .div(
            .class("rows"), .attr("data-prefix", prefix), firstRequired ? .attr("data-first-required", "") : .empty,
            .group(fieldsets),
            .button(
                .type(.submit), .class("button secondary add-row"), .attr("name", "add_row"), .attr("value", prefix),
                .attr("formnovalidate", "formnovalidate"), .safe(TextKey.addRow(l))))
    }

    /// With a large registry the partner choices hold the design's districts only: a search adds
    /// the partners whose name holds what is typed.
    static func partnerSearch(_ form: FormModel, _ l: Language, hint: TextKey = .hintFindPartner) -> Node<HTML.FormContext> {
        let search: String = form.values["partner_search"] ?? ""
        return .div(
            .class("field partner-search"),
            .label(.attr("for", "field-partner_search"), .safe(TextKey.findPartner(l))),
            .div(
                .class("inline"),
                // With JavaScript, Enter here searches (app.js); without it, Enter saves like elsewhere.
                FormView.input([
                    ("type", "search"), ("id", "field-partner_search"), ("name", "partner_search"), ("value", search),
                    ("data-enter-button", "find_partner"),
                ]),
                .button(
                    .type(.submit), .class("button secondary small"), .attr("name", "find_partner"), .attr("value", "1"),
                    .attr("formnovalidate", "formnovalidate"), .safe(TextKey.search(l)))),
            .p(.class("hint"), .safe(hint(l))))
    }

    /// Enter in a field submits a form through its first submit button: this one, so that it saves
    /// rather than adding or moving a line. Out of sight and out of the tab order; the visible
    /// Save button stays at the end.
    /// Partners who worked on similar services, each with a button that puts it in a new row
    /// (the form comes back with it, nothing saved yet).
    static func suggestions(_ suggestions: [PartnerSuggestion.Ranked], _ context: PageContext) -> Node<HTML.FormContext> {
        guard !suggestions.isEmpty else { return .empty }
        let l = context.language
        let items: [Node<HTML.ListContext>] = suggestions.map { s in
            var facts = [s.kind.label(l)]
            if let code = s.districtCode, let district = District.named(code) { facts.append(district.name(l)) }
            return .li(
                .strong(.safe(s.name)), .span(.class("muted"), .safe(" · " + facts.joined(separator: " · "))),
                s.sameKind ? .span(.class("tag"), .safe(TextKey.suggestionSameKind(l))) : .empty,
                s.nearby ? .span(.class("tag"), .safe(TextKey.suggestionNearby(l))) : .empty,
                .p(.class("muted"), .safe(TextKey.suggestionWorkedOn(l) + ": " + s.designs.prefix(3).joined(separator: "; "))),
                .button(
                    .type(.submit), .class("button secondary small"), .attr("name", "suggest_partner"), .attr("value", String(s.partnerID)),
                    .safe(TextKey.suggestionAdd(l))))
        }
        return .div(
            .class("partner-suggestions"),
            .h2(.safe(TextKey.suggestionsTitle(l))),
            .p(.class("hint"), .safe(TextKey.suggestionsHint(l))),
            .ul(.group(items)))
    }

    static func defaultSave(_ l: Language) -> Node<HTML.FormContext> {
        .button(
            .type(.submit), .class("visually-hidden default-save"), .attr("tabindex", "-1"), .attr("aria-hidden", "true"),
            .safe(TextKey.save(l)))
    }

    static func moveButton(_ prefix: String, _ row: Int, up: Bool, _ rowName: String, _ l: Language) -> Node<HTML.FormContext> {
        .button(
            .type(.submit), .class("button secondary small"), .attr("name", "move_row"),
            .attr("value", DesignForm.RowMove.value(prefix, row, up: up)), .attr("formnovalidate", "formnovalidate"),
            .attr("aria-label", (up ? TextKey.moveRowUp : TextKey.moveRowDown)(l) + ": " + rowName),
            .safe((up ? "↑ " : "↓ ") + (up ? TextKey.moveRowUp : TextKey.moveRowDown)(l)))
    }

    static func checkboxes<E: LabelledChoice>(_ prefix: String, _ label: TextKey, _ type: E.Type, _ form: FormModel, _ l: Language)
        -> Node<HTML.FormContext>
    {
        .element(
            named: "fieldset",
            nodes: [
                .class("choices"),
                .element(named: "legend", nodes: [.safe(label(l))]),
                .group(
                    E.allCases.map { choice in
                        let name = "\(prefix)-\(choice.rawValue)"
                        var attributes = [("type", "checkbox"), ("id", "field-\(name)"), ("name", name), ("value", "on")]
                        if FormReader(form.values).flag(name) { attributes.append(("checked", "checked")) }
                        return .div(
                            .class("field choice"), FormView.input(attributes),
                            .label(.attr("for", "field-\(name)"), .safe(choice.label(l))))
                    }),
            ])
    }

    static func listError(_ name: String, _ form: FormModel, _ l: Language) -> Node<HTML.FormContext> {
        guard let error = form.errors[name] else { return .empty }
        return .p(.class("error"), .id("field-\(name)"), .safe(error.text(l)))
    }

    /// Every problem, each a link to its field, labelled as the person sees the field.
    static func errorSummary(_ form: FormModel, _ l: Language) -> Node<HTML.FormContext> {
        guard !form.errors.isEmpty else { return .empty }
        return .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .p(.strong(.safe(TextKey.formHasErrors(l)))),
            .ul(
                .group(
                    form.errors.order.map { name in
                        .li(.link("#field-\(name)", "\(label(of: name, l)): \(form.errors[name]?.text(l) ?? "")"))
                    })))
    }

    static func label(of field: String, _ l: Language) -> String {
        let parts = field.split(separator: "-").map(String.init)
        let single: [String: TextKey] = [
            "title": .fieldTitle, "summary": .fieldSummary, "status": .fieldStatus, "visibility": .fieldVisibility,
            "target_category": .fieldTargetCategory, "target_description": .fieldTargetDescription,
            "expected_reach": .fieldExpectedReach, "needs": .fieldNeeds, "service": .fieldService, "goal": .fieldGoal,
            "existing_notes": .fieldExistingNotes, "needed": .fieldNeededResources, "channel_notes": .fieldChannelNotes,
            "expected_results": .fieldExpectedResults, "social_effect": .fieldSocialEffect, "economic_effect": .fieldEconomicEffect,
            "activities": .blockActivities, "indicators": .indicatorsTitle,
        ]
        if parts.count == 1 { return single[field]?(l) ?? field }
        let columns: [String: TextKey] = [
            "item": .fieldItem, "quantity": .fieldQuantity, "unit_cost": .fieldUnitCost, "currency": .fieldCurrency,
            "source": .fieldFundingSource, "name": .fieldName, "kind": .fieldPartnerKind, "role": .fieldPartnerRole,
            "start": .fieldStart, "end": .fieldEnd, "responsible": .fieldResponsible, "partner": .partner, "unit": .fieldUnit,
            "baseline": .fieldBaseline, "target": .fieldTarget, "period": .fieldPeriod, "actual": .fieldActual,
        ]
        let lists: [String: TextKey] = [
            "library": .library, "budget": .fieldItem, "partner": .partner, "activity": .fieldActivity, "indicator": .fieldIndicator,
        ]
        guard parts.count == 3, let list = lists[parts[0]], let row = Int(parts[1]) else { return field }
        let column: String
        switch (parts[0], parts[2]) {
        case ("library", "id"): column = TextKey.library(l)
        case ("partner", "id"): column = TextKey.fieldRegistryPartner(l)
        case ("activity", "title"): column = TextKey.fieldActivity(l)
        case ("indicator", "name"): column = TextKey.fieldIndicator(l)
        default: column = columns[parts[2]]?(l) ?? parts[2]
        }
        return "\(list(l)) \(row + 1): \(column)"
    }

    /// Someone saved this block meanwhile: what they changed, and that what was typed here is kept.
    static func conflictBox(_ conflict: DesignService.Conflict, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let who = conflict.by ?? TextKey.auditSystem(l)
        return .div(
            .class("conflict"), .attribute(named: "role", value: "alert"),
            .h2(.safe(TextKey.conflictTitle(l))),
            .p(.safe(TextKey.conflictBody(l, ["who": who, "when": context.format.dateTime(conflict.at)]))),
            conflict.changes.isEmpty ? .empty : ChangeListView.render(conflict.changes, l))
    }
}

/// A list of changes: field, what it was, what it became.
enum ChangeListView {
    static func render<C>(_ changes: [DesignChange], _ l: Language) -> Node<C> {
        .element(
            named: "ul",
            nodes: [.attr("class", "changes")]
                + changes.map { change in
                    .element(
                        named: "li",
                        nodes: [
                            .element(named: "strong", nodes: [.raw(change.label.htmlEscaped + ": ")]),
                            change.before.isEmpty ? .empty : .element(named: "del", nodes: [.raw(change.before.htmlEscaped)]),
                            change.before.isEmpty || change.after.isEmpty ? .empty : .raw(" → "),
                            change.after.isEmpty
                                ? .element(named: "em", nodes: [.raw(TextKey.valueRemoved(l).htmlEscaped)])
                                : .element(named: "ins", nodes: [.raw(change.after.htmlEscaped)]),
                        ])
                })
    }
}
