import Foundation

extension KeyedDecodingContainer {
    /// A field that may be left out (the caller then takes its default) but is never null when
    /// given: an explicit `null` fails to decode, at this field, instead of being read as "left out"
    /// the way `decodeIfPresent` reads it. The API document marks such fields as not nullable.
    public func decodeGiven<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        contains(key) ? try decode(type, forKey: key) : nil
    }
}
