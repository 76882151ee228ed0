import Foundation

/// The kinds of record in the network registry.
public enum RegistryKind: String, CaseIterable, Sendable, Codable {
    case district, municipality, settlement, library, partner, person
}

/// A record of the registry as a plain value: parsed from a form, checked, stored and shown.
public protocol RegistryRecord: Codable, Sendable, Hashable {
    static var kind: RegistryKind { get }
    var id: Int64? { get set }
    var displayName: String { get }
    /// The bare name used for sorting and name search (without prefixes such as "гр.").
    var sortName: String { get }
    /// The record as form fields, for edit forms and for the audit log's field-by-field changes.
    var formInput: FormInput { get }
    /// Reads a form; `previous` is the stored version when editing.
    static func parse(_ input: FormInput, previous: Self?, today: LocalDate) -> (Self, FieldErrors)
    /// Checks that hold however the record arrived.
    func validate() -> FieldErrors
}

extension RegistryRecord {
    public var sortName: String { displayName }
    /// The name in the reader's language, where the two differ (settlements); otherwise `displayName`.
    public func displayName(_ language: Language) -> String { displayName }

    /// Parsing problems first (they say why a value is missing), then the semantic checks.
    static func finish(_ record: Self, _ reader: FormReader) -> (Self, FieldErrors) {
        var errors = reader.errors
        errors.merge(record.validate())
        return (record, errors)
    }
}

/// Limits on free text, generous for real names and notes but bounded.
enum Limits {
    static let name = 200
    static let short = 300
    static let notes = 4000
}

extension Optional where Wrapped == String {
    var formValue: String { self ?? "" }
}

extension Optional where Wrapped == Int64 {
    var formValue: String { self.map(String.init) ?? "" }
}
