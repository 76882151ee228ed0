import Foundation
import SQLKit

/// The matches of recent searches, kept by one app server, as a search engine keeps its query
/// results between commits: a search typed again, another page of it, or a facet chosen on it
/// reads one number (`search_version`, migration 018) instead of its statements, and ranks,
/// filters and counts the kept matches in memory.
///
/// Entries are keyed by the query as the index reads it, the reader's access rule (so that what
/// one reader may see is never shown to another) and the cap; each remembers the version it was
/// read under and is used only while the version is the same. The version is read before the
/// search's statements, so what is kept under it is never older than it. Nothing here outlives
/// the process or is shared between servers: each asks the database which version holds.
///
/// The matches are ids, ranks and facet codes, no personal data. The cache is bounded by the
/// number of matches it holds (`capacity`); past it, the entries used longest ago go.
public final class SearchCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        let query: String
        let access: String
        let cap: Int
    }

    struct Entry: Sendable {
        let matches: SearchIndex.Matches
        let capped: Bool
    }

    private struct Slot {
        let version: Int64
        let entry: Entry
        var used: UInt64
    }

    /// The most matches kept at once, over all entries (some 60 bytes each).
    let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var slots: [Key: Slot] = [:]
    private var held = 0
    private var clock: UInt64 = 0
    private var counts = (hits: 0, misses: 0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The version that holds now; nil when its row is missing (a damaged database), and then
    /// nothing may be kept or used.
    static func version(_ db: any SQLDatabase) async throws -> Int64? {
        let reading = versionReading()
        try await RowStream.each(db, [reading.statement])
        return reading.read()
    }

    /// A statement that reads the version, to run before a search's own statements in the same
    /// visit, and the version it read once it has run.
    static func versionReading() -> (statement: RowStream.Statement, read: @Sendable () -> Int64?) {
        let read = RowStream.Collector(Int64?.none)
        let statement = RowStream.Statement("SELECT version FROM search_version WHERE id = 1") { row in
            let value = try row.int64("version")
            read.update { $0 = value }
        }
        return (statement, { read.result })
    }

    /// Whether an entry for `key` is kept, of whatever version.
    func holds(_ key: Key) -> Bool { lock.withLock { slots[key] != nil } }

    /// The kept entry for `key`, if it was read under `version`.
    func entry(_ key: Key, version: Int64) -> Entry? {
        lock.withLock {
            clock += 1
            guard let slot = slots[key], slot.version == version else {
                counts.misses += 1
                return nil
            }
            slots[key]!.used = clock
            counts.hits += 1
            return slot.entry
        }
    }

    /// Counts a lookup that could not find an entry, made without asking for one: the cache
    /// held none for the key, of any version.
    func missed() { lock.withLock { counts.misses += 1 } }

    /// Keeps an entry read under `version`, replacing any older one; an entry larger than the
    /// whole capacity is not kept.
    func keep(_ entry: Entry, _ key: Key, version: Int64) {
        let size = max(1, entry.matches.ids.count)
        guard size <= capacity else { return }
        lock.withLock {
            clock += 1
            if let old = slots.removeValue(forKey: key) { held -= max(1, old.entry.matches.ids.count) }
            while held + size > capacity, let oldest = slots.min(by: { $0.value.used < $1.value.used }) {
                slots.removeValue(forKey: oldest.key)
                held -= max(1, oldest.value.entry.matches.ids.count)
            }
            slots[key] = Slot(version: version, entry: entry, used: clock)
            held += size
        }
    }

    /// Forgets every entry (the benchmarks measure a search that finds nothing kept this way).
    public func removeAll() {
        lock.withLock {
            slots.removeAll()
            held = 0
        }
    }

    /// How many lookups found a kept entry and how many did not; how many matches are kept.
    var statistics: (hits: Int, misses: Int, matches: Int) {
        lock.withLock { (counts.hits, counts.misses, held) }
    }

    /// The part of a key that stands for an access rule: its SQL and bound values, as the
    /// database would receive them.
    static func accessKey(_ access: SQLQueryString, _ db: any SQLDatabase) -> String {
        var serializer = SQLSerializer(database: db)
        access.serialize(to: &serializer)
        return serializer.sql + "\u{1}" + serializer.binds.map { String(describing: $0) }.joined(separator: "\u{1}")
    }
}
