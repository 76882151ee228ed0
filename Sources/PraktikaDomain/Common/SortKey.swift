import Foundation

/// Folding used for case-insensitive sorting and filtering of names, identical on SQLite and
/// PostgreSQL because it is computed here rather than by the database's collation.
public enum SortKey {
    public static func fold(_ text: String) -> String {
        var folded = text.lowercased()
        // The grave-accented и (ѝ, "her") is a spelling variant, not a different letter.
        folded = folded.replacingOccurrences(of: "ѝ", with: "и")
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
