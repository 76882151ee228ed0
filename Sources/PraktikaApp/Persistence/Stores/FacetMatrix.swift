import Foundation
import PraktikaDomain

/// The facet values of a list of candidates (a search's matches, or the designs a browse walks),
/// read from the text the index keeps beside each document (`SearchIndex.facetText`). Each
/// distinct line (`district=BG-13`) gets a small number the first time it is met, so that
/// filtering and counting two thousand candidates compare integers, not strings.
struct FacetMatrix: Sendable {
    /// Each code's facet and value; nil for a line that names no facet this version knows.
    private(set) var lines: [(facet: DesignFacet, value: String)?] = []
    /// The codes' bytes one after another, to tell apart two lines with the same hash; code `c`
    /// spans `lineStarts[c]..<lineStarts[c + 1]`.
    private var bytes: [UInt8] = []
    private var lineStarts: [Int] = [0]
    private var codeOfHash: [UInt64: Int32] = [:]
    /// Lines whose hash an earlier line already holds (64-bit hashes of a few hundred lines: rare).
    private var spilled: [String: Int32] = [:]
    private var starts: [Int] = [0]
    private var codes: [Int32] = []

    /// How many candidates (rows) have been appended.
    var count: Int { starts.count - 1 }

    /// Adds one candidate, given its stored facet text.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0...utf8.count where i == utf8.count || utf8[i] == UInt8(ascii: "\n") {
                if i > start { codes.append(code(adding: UnsafeBufferPointer(rebasing: utf8[start..<i]))) }
                start = i + 1
            }
        }
        starts.append(codes.count)
    }

    /// The codes of one candidate's lines.
    func codes(_ row: Int) -> ArraySlice<Int32> { codes[starts[row]..<starts[row + 1]] }

    /// The code of a facet value, or nil when no candidate has it.
    func code(_ facet: DesignFacet, _ value: String) -> Int32? {
        var line = SearchIndex.facetLine(facet, value)
        return line.withUTF8 { utf8 in
            if let code = codeOfHash[FNV1a.hash(utf8)], holds(code, utf8) { return code }
            return spilled[String(decoding: utf8, as: UTF8.self)]
        }
    }

    /// For each candidate, the choices it lacks, as bits in the order of `chosen` (at most 32).
    func failures(_ chosen: [(DesignFacet, String)]) -> [UInt32] {
        let wanted = chosen.prefix(32).map { code($0.0, $0.1) }
        return (0..<count).map { row in
            let held = codes(row)
            var mask: UInt32 = 0
            for (bit, code) in wanted.enumerated() where code.map({ !held.contains($0) }) ?? true { mask |= 1 << UInt32(bit) }
            return mask
        }
    }

    /// Adds to `counts` (indexed by code) the lines of the given candidates, of one facet only when
    /// `facet` is given.
    func tally(_ rows: some Sequence<Int>, only facet: DesignFacet? = nil, into counts: inout [Int]) {
        if counts.count < lines.count { counts += Array(repeating: 0, count: lines.count - counts.count) }
        for row in rows {
            for code in codes(row) where facet == nil || lines[Int(code)]?.facet == facet { counts[Int(code)] += 1 }
        }
    }

    /// One facet's values that `counts` holds, most frequent first, then by value.
    func values(of facet: DesignFacet, counts: [Int]) -> [(value: String, count: Int)] {
        var result: [(value: String, count: Int)] = []
        for (code, line) in lines.enumerated() where line?.facet == facet && code < counts.count && counts[code] > 0 {
            result.append((line!.value, counts[code]))
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

    private mutating func code(adding utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = FNV1a.hash(utf8)
        guard let code = codeOfHash[hash] else {
            let new = register(utf8)
            codeOfHash[hash] = new
            return new
        }
        if holds(code, utf8) { return code }
        let line = String(decoding: utf8, as: UTF8.self)
        if let code = spilled[line] { return code }
        let new = register(utf8)
        spilled[line] = new
        return new
    }

    private mutating func register(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let line = String(decoding: utf8, as: UTF8.self)[...]
        var parsed: (facet: DesignFacet, value: String)?
        if let equals = line.utf8.firstIndex(of: UInt8(ascii: "=")), let facet = DesignFacet(rawValue: String(line[..<equals])) {
            parsed = (facet, String(line[line.utf8.index(after: equals)...]))
        }
        lines.append(parsed)
        bytes.append(contentsOf: utf8)
        lineStarts.append(bytes.count)
        return Int32(lines.count - 1)
    }

    /// Whether a code stands for exactly these bytes.
    private func holds(_ code: Int32, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let (from, to) = (lineStarts[Int(code)], lineStarts[Int(code) + 1])
        guard to - from == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { all in utf8.isEmpty || memcmp(all.baseAddress! + from, utf8.baseAddress!, utf8.count) == 0 }
    }
}
