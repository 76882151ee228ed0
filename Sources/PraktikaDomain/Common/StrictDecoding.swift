import Foundation

extension KeyedDecodingContainer {
    /// A field that may be left out (the caller then takes its default) but is never null when
    /// given: an explicit `null` fails to decode, at this field, instead of being read as "left out"
    /// the way `decodeIfPresent` reads it. The API document marks such fields as not nullable.
    public func decodeGiven<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        contains(key) ? try decode(type, forKey: key) : nil
    }
}

/// A value written in a format of its own (a date, a time of day, a decimal): when the text sent
/// does not read, its decoder throws `DecodingError.typeMismatch` naming the type, and the API's
/// answer names this hint at the field instead of a generic "choose from the list".
public protocol WrittenFormat {
    static var formatHint: TextKey { get }
}

extension WrittenFormat {
    /// The error for a value that does not read as this type.
    public static func mismatch(_ decoder: any Decoder, _ description: String) -> DecodingError {
        .typeMismatch(Self.self, .init(codingPath: decoder.codingPath, debugDescription: description))
    }

    /// The text sent for it; nil when something else than text was sent. A null is refused as a
    /// null (`valueNotFound`), not as a wrong format.
    public static func sentText(_ decoder: any Decoder) throws -> String? {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            throw DecodingError.valueNotFound(Self.self, .init(codingPath: decoder.codingPath, debugDescription: "null"))
        }
        return try? container.decode(String.self)
    }
}
