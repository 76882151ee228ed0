import PraktikaDomain

/// One input of a form, described independently of how it is drawn.
struct FormField: Sendable {
    enum Kind: Sendable {
        case text, email, tel, url, date, time, integer, decimal, password, textarea
        case select([FormOption])
        case checkbox
        /// Several choices, each a checkbox named `<field>-<value>`.
        case checkboxes([FormOption])
        /// A file to upload (`accept` lists the extensions); the form is then sent as multipart.
        case file(accept: String)
    }

    let name: String
    let label: TextKey
    let kind: Kind
    var required: Bool = false
    var hint: TextKey? = nil

    /// The label defaults to the field's usual one (`FieldLabel`); give one only where it differs.
    init(name: String, label: TextKey? = nil, kind: Kind, required: Bool = false, hint: TextKey? = nil) {
        self.name = name
        self.label = label ?? FieldLabel.of(name) ?? .fieldName
        self.kind = kind
        self.required = required
        self.hint = hint
    }
}

struct FormOption: Sendable, Hashable {
    let value: String
    let label: String
    /// Options with the same group are shown together (a district's settlements).
    var group: String? = nil
}

/// A whole form: what it shows, what was typed, and what was wrong with it.
struct FormModel: Sendable {
    let title: String
    let action: String
    let fields: [FormField]
    let values: FormInput
    let errors: FieldErrors
    let cancelHref: String
    /// Sent back unchanged: the version a change is made from.
    var hidden: [FormHidden] = []
}

struct FormHidden: Sendable {
    let name: String
    let value: String
}

extension [FormOption] {
    /// The options of a closed list, labelled in the page's language.
    static func choices<E: LabelledChoice>(_ type: E.Type, _ language: Language) -> [FormOption] {
        E.allCases.map { FormOption(value: $0.rawValue, label: $0.label(language)) }
    }

    static func districts(_ language: Language, only: String? = nil) -> [FormOption] {
        District.all.filter { only == nil || $0.code == only }.map {
            FormOption(value: $0.code, label: $0.name(language))
        }
    }
}
