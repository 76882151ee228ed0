import PraktikaDomain
import SQLKit

/// Which analyzer made the search index (`BulgarianAnalyzer.identity`, kept in `search_state`).
/// Its keys are only found by the same analyzer's query keys, so an index made by another one is
/// rebuilt: after an upgrade that changes the built-in stemmer, or once hunspell-bg is installed
/// or removed.
enum IndexedAnalyzer {
    static let row = "analyzer"

    /// Records `identity` as the index's analyzer, in the caller's transaction; true when the index
    /// was made by another one (or it is not known by which), so it must be rebuilt. Of several
    /// servers starting at once, one claims the change: the others wait for its row and find it done.
    static func claim(_ sql: any SQLDatabase, _ identity: String) async throws -> Bool {
        let changed = try await sql.raw(
            "UPDATE search_state SET value = \(bind: identity) WHERE name = \(bind: row) AND value <> \(bind: identity) RETURNING name"
        ).first()
        if changed != nil { return true }
        let inserted = try await sql.raw(
            "INSERT INTO search_state (name, value) VALUES (\(bind: row), \(bind: identity)) ON CONFLICT (name) DO NOTHING RETURNING name"
        ).first()
        return inserted != nil
    }

    static func current(_ sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT value FROM search_state WHERE name = \(bind: row)").first()?.decode(column: "value", as: String.self)
    }
}
