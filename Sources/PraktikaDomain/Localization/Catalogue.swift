import Foundation

/// Looks up the interface texts. A key missing from a language falls back to the other
/// language (never to a crash or an empty string); the catalogue test keeps that from shipping.
public enum Catalogue {
    public static func table(_ language: Language) -> [TextKey: String] {
        language == .bg ? bulgarianAll : englishAll
    }

    /// Each language's texts, one dictionary per area of the product.
    static let bulgarianAll = bulgarian.merging(bulgarianMeetings) { a, _ in a }.merging(bulgarianOutcomes) { a, _ in a }
        .merging(bulgarianAttendance) { a, _ in a }
    static let englishAll = english.merging(englishMeetings) { a, _ in a }.merging(englishOutcomes) { a, _ in a }
        .merging(englishAttendance) { a, _ in a }

    public static func text(_ key: TextKey, _ language: Language) -> String {
        table(language)[key] ?? table(language.other)[key] ?? key.rawValue
    }

    /// Fills `{name}` placeholders.
    public static func text(_ key: TextKey, _ language: Language, _ values: [String: String]) -> String {
        var result = text(key, language)
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// The placeholder names a text uses, for the consistency test.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension TextKey {
    public func callAsFunction(_ language: Language) -> String { Catalogue.text(self, language) }
    public func callAsFunction(_ language: Language, _ values: [String: String]) -> String {
        Catalogue.text(self, language, values)
    }
}
