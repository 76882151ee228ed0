import Plot
import PraktikaDomain

/// Draws a `FormModel`: an error summary that links to the fields, then each field with its
/// label, hint and message. Works without JavaScript; what was typed is always shown again.
enum FormView {
    static func render(_ model: FormModel, _ context: PageContext, submit: String? = nil) -> Node<HTML.BodyContext> {
        let l = context.language
        let upload = model.fields.contains {
            if case .file = $0.kind { return true }
            return false
        }
        return .form(
            .method(.post), .action(model.action), .attribute(named: "novalidate"), .class("record-form"),
            upload ? .enctype(.multipartData) : .empty,
            Layout.csrfField(context),
            .group(model.hidden.map { .input(.type(.hidden), .name($0.name), .value($0.value)) }),
            errorSummary(model, l),
            .group(model.fields.map { field(model, $0, l) }),
            .div(
                .class("actions"),
                .button(.type(.submit), .class("button"), .safe(submit ?? TextKey.save(l))),
                .link(model.cancelHref, TextKey.cancel(l), .class("button secondary"))
            )
        )
    }

    static func errorSummary(_ model: FormModel, _ l: Language) -> Node<HTML.FormContext> {
        guard !model.errors.isEmpty else { return .empty }
        return .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .p(.strong(.safe(TextKey.formHasErrors(l)))),
            .ul(
                .group(
                    model.errors.order.map { name in
                        let message = model.errors[name]?.text(l) ?? ""
                        // A problem with no field of its own (someone else's change) is said as it is.
                        guard let label = model.fields.first(where: { $0.name == name })?.label(l) else { return .li(.text(message)) }
                        return .li(.link("#field-\(name)", "\(label): \(message)"))
                    }))
        )
    }

    static func field(_ model: FormModel, _ field: FormField, _ l: Language) -> Node<HTML.FormContext> {
        let id = "field-\(field.name)"
        let value = model.values[field.name] ?? ""
        let error = model.errors[field.name]
        var describedBy: [String] = []
        if field.hint != nil { describedBy.append("\(id)-hint") }
        if error != nil { describedBy.append("\(id)-error") }
        var common: [(String, String)] = [("id", id), ("name", field.name)]
        if !describedBy.isEmpty { common.append(("aria-describedby", describedBy.joined(separator: " "))) }
        if error != nil { common.append(("aria-invalid", "true")) }
        if field.required { common.append(("required", "required")) }

        if case .checkboxes(let options) = field.kind {
            return checkboxGroup(model, field, options, id: id, error: error, l)
        }
        let control: Node<HTML.FormContext>
        switch field.kind {
        case .textarea:
            control = .element(named: "textarea", nodes: nodes(common + [("rows", "4")]) + [.safe(value)])
        case .select(let options):
            control = select(common: nodes(common), options: options, value: value, l: l)
        case .file(let accept):
            control = input(common + [("type", "file"), ("accept", accept)])
        case .checkbox:
            var pairs = common + [("type", "checkbox"), ("value", "on")]
            if !value.isEmpty { pairs.append(("checked", "checked")) }
            control = input(pairs)
        default:
            control = input(common + [("type", inputType(field.kind)), ("value", value)] + extras(field.kind) + autocomplete(field))
        }
        let label: Node<HTML.FormContext> = .element(
            named: "label",
            nodes: [
                .attr("for", id), .safe(field.label(l)),
                field.required ? .element(named: "span", nodes: [.class("required"), .attr("aria-hidden", "true"), .raw(" *")]) : .empty,
            ])
        let isCheckbox: Bool = {
            if case .checkbox = field.kind { return true }
            return false
        }()
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            isCheckbox ? .group(control, label) : .group(label, control),
            field.hint.map { hint in .p(.class("hint"), .attr("id", "\(id)-hint"), .safe(hint(l))) } ?? .empty,
            error.map { e in .p(.class("error"), .attr("id", "\(id)-error"), .safe(e.text(l))) } ?? .empty
        )
    }

    /// A fieldset of checkboxes, one per option, named `<field>-<value>`.
    static func checkboxGroup(
        _ model: FormModel, _ field: FormField, _ options: [FormOption], id: String, error: FieldError?, _ l: Language
    )
        -> Node<HTML.FormContext>
    {
        .element(
            named: "fieldset",
            nodes: [
                .attr("id", id), .class(error == nil ? "field choices" : "field choices has-error"),
                .element(named: "legend", nodes: [.safe(field.label(l))]),
                field.hint.map { hint in .p(.class("hint"), .safe(hint(l))) } ?? .empty,
                error.map { e in .p(.class("error"), .attr("id", "\(id)-error"), .safe(e.text(l))) } ?? .empty,
                .div(
                    .class("choice-grid"),
                    .group(
                        options.map { option in
                            let name = "\(field.name)-\(option.value)"
                            var pairs = [("type", "checkbox"), ("id", "\(id)-\(option.value)"), ("name", name), ("value", "on")]
                            if !(model.values[name] ?? "").isEmpty { pairs.append(("checked", "checked")) }
                            return .element(
                                named: "label", nodes: [.class("choice"), .group(input(pairs)), .text(" "), .safe(option.label)])
                        })),
            ])
    }

    static func select(common: [Node<HTML.FormContext>], options: [FormOption], value: String, l: Language)
        -> Node<HTML.FormContext>
    {
        func option(_ o: FormOption) -> Node<HTML.FormContext> {
            .element(
                named: "option",
                nodes: [.attr("value", o.value), o.value == value ? .attr("selected", "selected") : .empty, .safe(o.label)])
        }
        var nodes = common
        nodes.append(
            .element(named: "option", nodes: [.attr("value", ""), .safe(TextKey.noneSelected(l))]))
        var groups: [String] = []
        for o in options where o.group != nil && !groups.contains(o.group!) { groups.append(o.group!) }
        nodes.append(contentsOf: options.filter { $0.group == nil }.map(option))
        for group in groups {
            nodes.append(
                .element(
                    named: "optgroup",
                    nodes: [.attr("label", group)] + options.filter { $0.group == group }.map(option)))
        }
        return .element(named: "select", nodes: nodes)
    }

    static func inputType(_ kind: FormField.Kind) -> String {
        switch kind {
        case .email: "email"
        case .tel: "tel"
        case .url: "url"
        case .password: "password"
        // The browser's own date and time pickers, shown in the reader's conventions; they send
        // ISO dates and 24-hour times, and the server also reads 17.05.2012 and 9.30 where a
        // browser offers a plain text box instead.
        case .date: "date"
        case .time: "time"
        case .integer, .decimal, .text: "text"
        default: "text"
        }
    }

    static func extras(_ kind: FormField.Kind) -> [(String, String)] {
        switch kind {
        case .integer: [("inputmode", "numeric")]
        case .decimal: [("inputmode", "decimal")]
        case .date: [("placeholder", "17.05.2012")]
        default: []
        }
    }

    /// What a password manager should offer: the saved password to sign in, a new one to change it.
    static func autocomplete(_ field: FormField) -> [(String, String)] {
        switch field.kind {
        case .password: [("autocomplete", field.name == "current_password" ? "current-password" : "new-password")]
        default: []
        }
    }

    static func nodes(_ pairs: [(String, String)]) -> [Node<HTML.FormContext>] {
        pairs.map { .attr($0.0, $0.1) }
    }

    /// A self-closing input with every attribute value escaped.
    static func input(_ pairs: [(String, String)]) -> Node<HTML.FormContext> {
        .selfClosedElement(
            named: "input",
            attributes: pairs.map { Attribute<HTML.FormContext>(name: $0.0, value: $0.1.htmlEscaped, ignoreIfValueIsEmpty: false) })
    }
}
