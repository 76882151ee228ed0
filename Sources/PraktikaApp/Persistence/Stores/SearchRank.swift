import Foundation
import VaporCSQLite

/// `praktika_rank(search_fts, w_title, w_target, w_body, n_0, n_1, …)`: Okapi BM25 exactly as
/// FTS5's own `bm25()` computes it (k1 = 1.2, b = 0.75, column weights, length normalisation), but
/// higher for better matches and with each phrase's document count `n_i` passed in (from
/// `search_terms`) instead of counted.
///
/// FTS5's `bm25()` counts the documents of every phrase on each query by walking that phrase's
/// whole posting list: for a word in most of a million practices that walk alone takes 40 ms,
/// however few matches the query then ranks. Passing the counts in makes the cost of ranking
/// depend only on the matches ranked.
///
/// The function is registered on every SQLite connection opened after `install()` through
/// SQLite's auto-extension hook (the driver does not expose its connection handle), which also
/// sets each connection's page cache and gives it `praktika_connection()` (`SQLiteStatementReader`).
enum SearchRank {
    static let name = "praktika_rank"

    private static let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var registered = false

    /// Pages SQLite keeps in memory per connection (negative: KiB). The default 2 MiB is less than
    /// one capped search reads (two thousand rows of two tables), so every search would read them
    /// again from the file; 16 MiB keeps the recent ones, at a cost the memory goal allows.
    static let cacheKiB = 16_384

    /// Registers the function, and sets the page cache, for connections opened from now on; safe
    /// to call more than once.
    static func install() {
        lock.withLock {
            guard !installed else { return }
            installed = true
            let entry: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeRawPointer?) -> Int32 = {
                db, _, _ in
                SearchRank.register(on: db)
                SQLiteStatementReader.register(on: db)
                _ = sqlite_nio_sqlite3_exec(db, "PRAGMA cache_size = -\(SearchRank.cacheKiB)", nil, nil, nil)
                return SQLITE_OK
            }
            _ = sqlite_nio_sqlite3_auto_extension(unsafeBitCast(entry, to: (@convention(c) () -> Void).self))
        }
    }

    /// Whether a connection has the function; until one does, the index ranks with `bm25()`.
    static var isAvailable: Bool { lock.withLock { registered } }

    private static let apiType: StaticString = "fts5_api_ptr"
    private static let functionName: StaticString = "praktika_rank"

    private static func register(on db: OpaquePointer?) {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else { return }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        let bound = withUnsafeMutablePointer(to: &api) { pointer in
            apiType.withUTF8Buffer { type in
                sqlite_nio_sqlite3_bind_pointer(
                    statement, 1, UnsafeMutableRawPointer(pointer), UnsafeRawPointer(type.baseAddress!).assumingMemoryBound(to: CChar.self), nil)
            }
        }
        guard bound == SQLITE_OK else { return }
        _ = sqlite_nio_sqlite3_step(statement)
        guard let api, api.pointee.iVersion >= 2, let create = api.pointee.xCreateFunction else { return }
        let result = functionName.withUTF8Buffer { name in
            create(api, UnsafeRawPointer(name.baseAddress!).assumingMemoryBound(to: CChar.self), nil, rank, nil)
        }
        if result == SQLITE_OK { lock.withLock { registered = true } }
    }
}

/// The ranking function itself; see `SearchRank`.
private let rank: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let values, count >= 3 else {
        sqlite_nio_sqlite3_result_error(context, "praktika_rank: expected three column weights", -1)
        return
    }
    let k1 = 1.2
    let b = 0.75
    var rows: sqlite3_int64 = 0
    var tokens: sqlite3_int64 = 0
    guard api.xRowCount(fts, &rows) == SQLITE_OK, api.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK, rows > 0 else {
        sqlite_nio_sqlite3_result_double(context, 0)
        return
    }
    let averageLength = Double(tokens) / Double(rows)
    let phrases = Int(api.xPhraseCount(fts))
    let weights = (0..<3).map { sqlite_nio_sqlite3_value_double(values[$0]) }
    var frequency = [Double](repeating: 0, count: phrases)
    var instances: Int32 = 0
    guard api.xInstCount(fts, &instances) == SQLITE_OK else {
        sqlite_nio_sqlite3_result_error(context, "praktika_rank: no instances", -1)
        return
    }
    for i in 0..<instances {
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        if api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK, Int(phrase) < phrases {
            frequency[Int(phrase)] += column >= 0 && column < 3 ? weights[Int(column)] : 1
        }
    }
    var size: Int32 = 0
    _ = api.xColumnSize(fts, -1, &size)
    let length = Double(size)
    var score = 0.0
    for p in 0..<phrases where frequency[p] > 0 {
        // The phrase's document count, when the caller passed it; otherwise treated as rare.
        let documents = 3 + p < Int(count) ? Double(sqlite_nio_sqlite3_value_int64(values[3 + p])) : 0
        var idf = log((Double(rows) - documents + 0.5) / (documents + 0.5))
        if idf <= 0 { idf = 1e-6 }
        score += idf * (frequency[p] * (k1 + 1)) / (frequency[p] + k1 * (1 - b + b * length / averageLength))
    }
    sqlite_nio_sqlite3_result_double(context, score)
}
