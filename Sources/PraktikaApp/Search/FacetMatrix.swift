import Foundation
import PraktikaDomain
import SQLKit

/// The facet values the index has met, each with the small number (its code) that documents
/// store in its place (`search_documents.facet_codes`, migration 017). A value keeps its code for
/// good, so a search reads the dictionary after its candidates and finds every code they hold.
struct FacetDictionary: Sendable {
    /// Each code's facet and value; nil for a code no row names, or a facet this version does not know.
    private(set) var entries: [(facet: DesignFacet, value: String)?] = []
    private var codes: [String: Int32] = [:]

    init() {}

    /// The dictionary of the given rows.
    init(_ rows: [(code: Int32, facet: String, value: String)]) {
        for row in rows { add(code: row.code, facet: row.facet, value: row.value) }
    }

    /// Codes stay small (a value gets one the first time any save meets it); a code past this
    /// would mean a damaged table, and is left out rather than given room.
    static let largestCode: Int32 = 1 << 20

    mutating func add(code: Int32, facet: String, value: String) {
        guard code >= 0, code <= Self.largestCode else { return }
        codes[Self.key(facet, value)] = code
        guard let known = DesignFacet(rawValue: facet) else { return }
        if entries.count <= Int(code) { entries += Array(repeating: nil, count: Int(code) + 1 - entries.count) }
        entries[Int(code)] = (known, value)
    }

    /// The code of a facet value, or nil when the index has never met it.
    func code(_ facet: DesignFacet, _ value: String) -> Int32? { codes[Self.key(facet.rawValue, value)] }

    /// A statement that reads the whole dictionary, to run after the statement whose codes it
    /// names, and the dictionary it read once it has run.
    static func reading() -> (statement: RowStream.Statement, read: @Sendable () -> FacetDictionary) {
        let rows = RowStream.Collector([(code: Int32, facet: String, value: String)]())
        let statement = RowStream.Statement("SELECT id, facet, value FROM facet_values") { row in
            let entry = (Int32(truncatingIfNeeded: try row.int64("id")), try row.string("facet"), try row.string("value"))
            rows.update { $0.append(entry) }
        }
        return (statement, { FacetDictionary(rows.result) })
    }

    /// The stored form of a document's facet values: their codes, ascending, separated by spaces.
    /// Values the dictionary lacks are added to `facet_values` first, in the caller's transaction.
    static func codes(for values: [(DesignFacet, String)], _ db: any SQLDatabase) async throws -> String {
        try await codes(forEach: [values], db)[0]
    }

    /// The same for several documents at once: two statements, three when a value is new.
    static func codes(forEach documents: [[(DesignFacet, String)]], _ db: any SQLDatabase) async throws -> [String] {
        var wanted: [String: (DesignFacet, String)] = [:]
        for values in documents { for value in values { wanted[key(value.0.rawValue, value.1)] = value } }
        func known() async throws -> [String: Int32] {
            guard !wanted.isEmpty else { return [:] }
            var found: [String: Int32] = [:]
            let names = Array(Set(wanted.values.map(\.1)))
            for row in try await db.raw("SELECT id, facet, value FROM facet_values WHERE value IN (\(binds: names))").all() {
                let line = key(try row.decode(column: "facet", as: String.self), try row.decode(column: "value", as: String.self))
                if wanted[line] != nil { found[line] = Int32(truncatingIfNeeded: try row.decode(column: "id", as: Int64.self)) }
            }
            return found
        }
        var found = try await known()
        let missing = wanted.filter { found[$0.key] == nil }.sorted { $0.key < $1.key }.map(\.value)
        if !missing.isEmpty {
            // Only what is missing is inserted: PostgreSQL spends a sequence number on every
            // attempt, and codes are meant to stay small and dense. A conflict is another writer
            // adding the same value at the same time.
            let rows = missing.map { value -> SQLQueryString in "(\(bind: value.0.rawValue), \(bind: value.1))" }
            try await db.raw(
                "INSERT INTO facet_values(facet, value) VALUES " + rows.joined(separator: ", ") + " ON CONFLICT (facet, value) DO NOTHING"
            )
            .run()
            found = try await known()
        }
        return documents.map { values in
            Set(values.compactMap { found[key($0.0.rawValue, $0.1)] }).sorted().map(String.init).joined(separator: " ")
        }
    }

    private static func key(_ facet: String, _ value: String) -> String { facet + "=" + value }
}

/// The facet values of a list of candidates (a search's matches, or the designs a browse walks):
/// each candidate's codes as the index stores them, counted and filtered as integers, and the
/// dictionary that names them.
struct FacetMatrix: Sendable {
    var dictionary = FacetDictionary()
    /// Each candidate's codes: candidate `r` holds `codes[starts[r]..<starts[r + 1]]`.
    private var starts: [Int] = [0]
    private var codes: [Int32] = []

    /// How many candidates (rows) have been appended.
    var count: Int { starts.count - 1 }

    /// Adds one candidate, given its stored codes (`12 7 33`): decimal numbers, separated by
    /// anything that is not a digit.
    mutating func append(stored utf8: UnsafeBufferPointer<UInt8>) {
        var value: Int32 = 0
        var inNumber = false
        for byte in utf8 {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                value = value &* 10 &+ Int32(digit)
                inNumber = true
            } else if inNumber {
                codes.append(value)
                (value, inNumber) = (0, false)
            }
        }
        if inNumber { codes.append(value) }
        starts.append(codes.count)
    }

    /// Drops the last `k` candidates.
    mutating func removeLast(_ k: Int) {
        starts.removeLast(k)
        codes.removeLast(codes.count - starts[starts.count - 1])
    }

    /// The codes of one candidate's values.
    func codes(_ row: Int) -> ArraySlice<Int32> { codes[starts[row]..<starts[row + 1]] }

    /// For each candidate, the choices it lacks, as bits in the order of `chosen` (at most 32).
    func failures(_ chosen: [(DesignFacet, String)]) -> [UInt32] {
        let wanted = chosen.prefix(32).map { dictionary.code($0.0, $0.1) }
        return (0..<count).map { row in
            let held = codes(row)
            var mask: UInt32 = 0
            for (bit, code) in wanted.enumerated() where code.map({ !held.contains($0) }) ?? true { mask |= 1 << UInt32(bit) }
            return mask
        }
    }

    /// Adds to `counts` (indexed by code) the values of the given candidates, of one facet only
    /// when `facet` is given. Codes the dictionary does not name are not counted.
    func tally(_ rows: some Sequence<Int>, only facet: DesignFacet? = nil, into counts: inout [Int]) {
        let entries = dictionary.entries
        if counts.count < entries.count { counts += Array(repeating: 0, count: entries.count - counts.count) }
        for row in rows {
            for code in codes(row) where code >= 0 && Int(code) < entries.count {
                guard let entry = entries[Int(code)], facet == nil || entry.facet == facet else { continue }
                counts[Int(code)] += 1
            }
        }
    }

    /// One facet's values that `counts` holds, most frequent first, then by value.
    func values(of facet: DesignFacet, counts: [Int]) -> [(value: String, count: Int)] {
        var result: [(value: String, count: Int)] = []
        for (code, entry) in dictionary.entries.enumerated() where entry?.facet == facet && code < counts.count && counts[code] > 0 {
            result.append((entry!.value, counts[code]))
        }
        return result.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    /// Every facet's values among the candidates that pass all choices (`failures` of 0); a chosen
    /// facet's among those that lack only it, so that its other values stay reachable.
    func facets(failures: [UInt32], chosen: [(DesignFacet, String)]) -> [(facet: DesignFacet, values: [(value: String, count: Int)])] {
        var counts: [Int] = []
        tally(failures.indices.lazy.filter { failures[$0] == 0 }, into: &counts)
        var own: [DesignFacet: [Int]] = [:]
        for (bit, choice) in chosen.prefix(32).enumerated() {
            var chosenCounts: [Int] = []
            tally(failures.indices.lazy.filter { failures[$0] == 1 << UInt32(bit) }, only: choice.0, into: &chosenCounts)
            own[choice.0] = chosenCounts
        }
        return DesignFacet.allCases.compactMap { facet in
            var merged = counts
            if let extra = own[facet] {
                for (code, n) in extra.enumerated() { merged[code] += n }
            }
            let values = values(of: facet, counts: merged)
            return values.isEmpty ? nil : (facet, values)
        }
    }
}
