import Foundation

/// What a form submitted: field name → the text typed, exactly as typed.
public typealias FormInput = [String: String]

/// One problem with one field, as a catalogue key so that it can be shown in either language.
/// A decoder that refuses a value says why with one as its error's `underlyingError`.
public struct FieldError: Sendable, Hashable, Codable, Error {
    public let key: TextKey
    public let values: [String: String]

    public init(_ key: TextKey, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    public func text(_ language: Language) -> String { key(language, values) }

    enum CodingKeys: String, CodingKey { case key, values }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decode(String.self, forKey: .key)
        guard let key = TextKey(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: .key, in: c, debugDescription: "unknown key \(raw)")
        }
        self.key = key
        self.values = try c.decodeIfPresent([String: String].self, forKey: .values) ?? [:]
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key.rawValue, forKey: .key)
        try c.encode(values, forKey: .values)
    }
}

/// The problems found in one submission, at most one per field (the first found wins).
public struct FieldErrors: Sendable, Hashable {
    public private(set) var byField: [String: FieldError] = [:]
    public private(set) var order: [String] = []

    public init() {}

    public var isEmpty: Bool { byField.isEmpty }
    public subscript(field: String) -> FieldError? { byField[field] }

    public mutating func add(_ field: String, _ key: TextKey, _ values: [String: String] = [:]) {
        guard byField[field] == nil else { return }
        byField[field] = FieldError(key, values)
        order.append(field)
    }

    public mutating func merge(_ other: FieldErrors) {
        for field in other.order { add(field, other.byField[field]!.key, other.byField[field]!.values) }
    }

    /// Field → message in one language, for API answers.
    public func messages(_ language: Language) -> [String: String] {
        byField.mapValues { $0.text(language) }
    }
}

/// Reads typed values out of a form submission, noting at the field what could not be read.
public struct FormReader {
    public let input: FormInput
    public private(set) var errors = FieldErrors()

    public init(_ input: FormInput) {
        self.input = input
    }

    /// Notes a problem found by a reader defined elsewhere (money, decimals).
    public mutating func addError(_ name: String, _ key: TextKey) { errors.add(name, key) }

    /// Trimmed text; empty becomes nil.
    public func text(_ name: String) -> String? {
        let value = (input[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    public func flag(_ name: String) -> Bool {
        ["on", "true", "1", "yes"].contains((input[name] ?? "").lowercased())
    }

    public mutating func integer(_ name: String) -> Int? {
        guard let raw = text(name) else { return nil }
        let digits = raw.filter { !$0.isWhitespace && $0 != "\u{00A0}" }
        guard let value = Int(digits) else {
            errors.add(name, .validationInteger)
            return nil
        }
        return value
    }

    public mutating func identifier(_ name: String) -> Int64? {
        guard let raw = text(name) else { return nil }
        guard let value = Int64(raw), value > 0 else {
            errors.add(name, .validationOption)
            return nil
        }
        return value
    }

    public mutating func date(_ name: String) -> LocalDate? {
        guard let raw = text(name) else { return nil }
        guard let value = LocalDate(parsing: raw) else {
            errors.add(name, .validationDate)
            return nil
        }
        return value
    }

    public mutating func choice<E: RawRepresentable>(_ name: String, default fallback: E) -> E
    where E.RawValue == String {
        guard let raw = text(name) else {
            errors.add(name, .validationRequired)
            return fallback
        }
        guard let value = E(rawValue: raw) else {
            errors.add(name, .validationOption)
            return fallback
        }
        return value
    }
}

/// Semantic checks shared by every record, whichever way it arrived (form or JSON).
public struct Validator {
    public private(set) var errors = FieldErrors()

    public init() {}

    public mutating func required(_ field: String, _ value: String?) {
        if (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add(field, .validationRequired)
        }
        printable(field, value)
    }

    /// Every text field has a length limit, so this is where its characters are checked too.
    public mutating func maxLength(_ field: String, _ value: String?, _ max: Int) {
        // Counted in code points, as JSON Schema's maxLength counts them (and as the API documents
        // it): a letter with combining marks is one character on screen but several here.
        if let value, value.unicodeScalars.count > max { errors.add(field, .validationTooLong, ["max": String(max)]) }
        printable(field, value)
    }

    /// Text holds no control characters but line breaks and tabs: nothing a person typed needs
    /// them, and they break exports, e-mail and terminals that show the data.
    public mutating func printable(_ field: String, _ value: String?) {
        guard let value else { return }
        if value.unicodeScalars.contains(where: Self.isInvisible) { errors.add(field, .validationControlCharacters) }
    }

    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .control && s != "\n" && s != "\r" && s != "\t"
    }

    /// Text that arrived without validation (an address someone tried to sign in with), made
    /// safe to keep and show: each control character becomes U+FFFD.
    public static func printableOnly(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isInvisible($0) ? "\u{FFFD}" : $0 }))
    }

    public mutating func nonNegative(_ field: String, _ value: Int?) {
        if let value, value < 0 { errors.add(field, .validationNegative) }
    }

    public mutating func email(_ field: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let ok =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !value.contains(where: { $0.isWhitespace }) && value.count <= 254
        if !ok { errors.add(field, .validationEmail) }
    }

    public mutating func url(_ field: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        let lower = value.lowercased()
        let hasScheme = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        let host = lower.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" })
        if !hasScheme || host.isEmpty || !host.contains(".") || value.contains(where: { $0.isWhitespace }) {
            errors.add(field, .validationURL)
        }
    }

    public mutating func phone(_ field: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        let allowed = Set("0123456789 +-()/")
        let digits = value.filter(\.isNumber).count
        if !value.allSatisfy({ allowed.contains($0) }) || digits < 6 || digits > 15 {
            errors.add(field, .validationPhone)
        }
    }

    public mutating func district(_ field: String, _ code: String?) {
        if let code, District.named(code) == nil { errors.add(field, .validationOption) }
    }

    public mutating func add(_ field: String, _ key: TextKey, _ values: [String: String] = [:]) { errors.add(field, key, values) }
}
