import Foundation
import SQLKit
import VaporCSQLite

/// `praktika_rank(search_fts, w_title, w_target, w_body, length, n_0, n_1, …)`: Okapi BM25
/// exactly as FTS5's own `bm25()` computes it (k1 = 1.2, b = 0.75, column weights, length
/// normalisation), but higher for better matches, with each phrase's document count `n_i` passed
/// in (from `search_terms`) instead of counted, and the document's length in terms passed in
/// (`search_documents.length`, migration 019) instead of looked up, where it is not NULL. The
/// weights and counts must be the same on every row of a statement: they are read once.
///
/// FTS5's `bm25()` counts the documents of every phrase on each query by walking that phrase's
/// whole posting list: for a word in most of a million practices that walk alone takes 40 ms,
/// however few matches the query then ranks. Passing the counts in makes the cost of ranking
/// depend only on the matches ranked.
///
/// The function is registered on every SQLite connection opened after `install()` through
/// SQLite's auto-extension hook (the driver does not expose its connection handle), which also
/// sets each connection's page cache and gives it `praktika_connection()` (`SQLiteStatementReader`)
/// and `praktika_doclength(sz)`, the length in terms of a document as FTS5 records it (the sum of
/// the column sizes in a `search_fts_docsize` blob).
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
                    statement, 1, UnsafeMutableRawPointer(pointer), UnsafeRawPointer(type.baseAddress!).assumingMemoryBound(to: CChar.self),
                    nil)
            }
        }
        guard bound == SQLITE_OK else { return }
        _ = sqlite_nio_sqlite3_step(statement)
        guard let api, api.pointee.iVersion >= 2, let create = api.pointee.xCreateFunction else { return }
        let result = functionName.withUTF8Buffer { name in
            create(api, UnsafeRawPointer(name.baseAddress!).assumingMemoryBound(to: CChar.self), nil, rank, nil)
        }
        let length = sqlite_nio_sqlite3_create_function_v2(
            db, "praktika_doclength", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, docLengthFunction, nil, nil, nil)
        if result == SQLITE_OK && length == SQLITE_OK { lock.withLock { registered = true } }
    }

    /// Fills `search_documents.length` from FTS5's own record of each document's size: for the
    /// documents `from` through `through` (by id), or all of them. Nothing is filled where the
    /// functions could not be registered; the rank then looks each length up itself.
    static func storeLengths(_ db: any SQLDatabase, from first: Int64? = nil, through last: Int64? = nil) async throws {
        guard isAvailable else { return }
        var statement: SQLQueryString =
            "UPDATE search_documents SET length = praktika_doclength((SELECT sz FROM search_fts_docsize z WHERE z.id = search_documents.id))"
        if let first, let last { statement += " WHERE id BETWEEN \(bind: first) AND \(bind: last)" }
        try await db.raw(statement).run()
    }

    /// The sum of the varints (SQLite's encoding: seven bits a byte, high bit set on all but the
    /// last, a ninth byte whole) in a docsize blob: one per column.
    static func documentLength(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        var total: Int64 = 0
        var i = 0
        while i < bytes.count {
            var value: UInt64 = 0
            var n = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                n += 1
                if n == 9 {
                    value = (value << 8) | UInt64(byte)
                    break
                }
                value = (value << 7) | UInt64(byte & 0x7f)
                if byte & 0x80 == 0 { break }
            }
            total &+= Int64(bitPattern: value)
        }
        return total
    }
}

/// `praktika_doclength(sz)`; see `SearchRank`.
private let docLengthFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context, count, values in
    guard count == 1, let value = values?[0], sqlite_nio_sqlite3_value_type(value) == SQLITE_BLOB else {
        sqlite_nio_sqlite3_result_null(context)
        return
    }
    let size = Int(sqlite_nio_sqlite3_value_bytes(value))
    let bytes = UnsafeRawBufferPointer(start: sqlite_nio_sqlite3_value_blob(value), count: size)
    sqlite_nio_sqlite3_result_int64(context, SearchRank.documentLength(bytes))
}

/// What `praktika_rank` computes once per statement and keeps with the query
/// (`xSetAuxdata`): the average document length, each phrase's inverse document frequency, the
/// column weights, and room to count a row's phrase frequencies without allocating. FTS5 reads
/// the table's totals again from the index on every `xRowCount` and `xColumnTotalSize`: asked for
/// on every row, they took about a quarter of the function's time in a profile of the cold search.
private final class RankStatement {
    let averageLength: Double
    let idf: [Double]
    let weights: (Double, Double, Double)
    var frequency: [Double]

    init(averageLength: Double, idf: [Double], weights: (Double, Double, Double)) {
        self.averageLength = averageLength
        self.idf = idf
        self.weights = weights
        frequency = [Double](repeating: 0, count: idf.count)
    }

    /// The statement's state: kept from an earlier row, or computed now and kept; nil when the
    /// table's totals cannot be read or it holds no document.
    static func of(
        _ api: Fts5ExtensionApi, _ fts: OpaquePointer?, _ values: UnsafeMutablePointer<OpaquePointer?>, _ count: Int32
    ) -> RankStatement? {
        if let kept = api.xGetAuxdata(fts, 0) { return Unmanaged<RankStatement>.fromOpaque(kept).takeUnretainedValue() }
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        guard api.xRowCount(fts, &rows) == SQLITE_OK, api.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK, rows > 0 else { return nil }
        let idf = (0..<Int(api.xPhraseCount(fts))).map { p -> Double in
            // The phrase's document count, when the caller passed it; otherwise treated as rare.
            let documents = 4 + p < Int(count) ? Double(sqlite_nio_sqlite3_value_int64(values[4 + p])) : 0
            let idf = log((Double(rows) - documents + 0.5) / (documents + 0.5))
            return idf > 0 ? idf : 1e-6
        }
        let state = RankStatement(
            averageLength: Double(tokens) / Double(rows), idf: idf,
            weights: (
                sqlite_nio_sqlite3_value_double(values[0]), sqlite_nio_sqlite3_value_double(values[1]),
                sqlite_nio_sqlite3_value_double(values[2])
            ))
        let kept = Unmanaged.passRetained(state).toOpaque()
        // On failure SQLite has already called the release below.
        guard api.xSetAuxdata(fts, kept, { Unmanaged<RankStatement>.fromOpaque($0!).release() }) == SQLITE_OK else { return nil }
        return state
    }

    func weight(of column: Int32) -> Double {
        switch column {
        case 0: weights.0
        case 1: weights.1
        case 2: weights.2
        default: 1
        }
    }
}

/// The ranking function itself; see `SearchRank`.
private let rank: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let values, count >= 4 else {
        sqlite_nio_sqlite3_result_error(context, "praktika_rank: expected three column weights and a length", -1)
        return
    }
    guard let statement = RankStatement.of(api, fts, values, count) else {
        sqlite_nio_sqlite3_result_double(context, 0)
        return
    }
    let k1 = 1.2
    let b = 0.75
    let phrases = statement.idf.count
    var instances: Int32 = 0
    guard api.xInstCount(fts, &instances) == SQLITE_OK else {
        sqlite_nio_sqlite3_result_error(context, "praktika_rank: no instances", -1)
        return
    }
    var score = 0.0
    statement.frequency.withUnsafeMutableBufferPointer { frequency in
        for p in 0..<phrases { frequency[p] = 0 }
        for i in 0..<instances {
            var phrase: Int32 = 0
            var column: Int32 = 0
            var offset: Int32 = 0
            if api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK, phrase >= 0, Int(phrase) < phrases {
                frequency[Int(phrase)] += statement.weight(of: column)
            }
        }
        let length: Double
        if sqlite_nio_sqlite3_value_type(values[3]) == SQLITE_INTEGER {
            length = Double(sqlite_nio_sqlite3_value_int64(values[3]))
        } else {
            var size: Int32 = 0
            _ = api.xColumnSize(fts, -1, &size)
            length = Double(size)
        }
        let lengthFactor = k1 * (1 - b + b * length / statement.averageLength)
        for p in 0..<phrases where frequency[p] > 0 {
            score += statement.idf[p] * (frequency[p] * (k1 + 1)) / (frequency[p] + lengthFactor)
        }
    }
    sqlite_nio_sqlite3_result_double(context, score)
}
