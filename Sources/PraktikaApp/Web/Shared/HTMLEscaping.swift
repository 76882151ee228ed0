import Plot
import PraktikaDomain

extension String {
    /// Escapes text for HTML element content and attribute values alike. Plot writes attribute
    /// values as given and leaves `&entity;` sequences in text alone, so every value that comes
    /// from a person or the database goes through here.
    var htmlEscaped: String { markupEscaped }
}

extension Node {
    /// Text from any source, escaped completely.
    static func safe(_ text: String) -> Node { .raw(text.htmlEscaped) }

    /// An attribute whose value is escaped completely. Use for every value not written in code.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: value.htmlEscaped, ignoreIfValueIsEmpty: false)
    }

    /// A link whose address and text are both escaped.
    static func link(_ href: String, _ text: String, _ extra: Node...) -> Node {
        .element(named: "a", nodes: [.attr("href", href), .safe(text)] + extra)
    }
}
