/// The languages of the user interface. Bulgarian is the default; English is second.
public enum Language: String, CaseIterable, Sendable, Codable, Hashable {
    case bg
    case en

    public static let `default`: Language = .bg

    /// Reads a language code leniently ("en", "EN", "en-GB"), falling back to the default.
    public init(code: String?) {
        let prefix = (code ?? "").lowercased().prefix(2)
        self = Language(rawValue: String(prefix)) ?? .default
    }

    /// The other language, for the one-click switch.
    public var other: Language { self == .bg ? .en : .bg }
}
