import Foundation
import PraktikaDomain

/// Candidates' facet texts as they were read, one after another, to be numbered later into a
/// `FacetMatrix` (away from the thread that reads them).
struct FacetTexts: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        ends.append(bytes.count)
    }

    /// The texts numbered, in the order they were appended.
    var matrix: FacetMatrix {
        var matrix = FacetMatrix()
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                matrix.append(utf8: UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return matrix
    }
}

/// The facet values of a list of candidates (a search's matches, or the designs a browse walks),
/// read from the text the index keeps beside each document (`SearchIndex.facetText`). Each
/// distinct line (`district=BG-13`) gets a small number the first time it is met, so that
/// filtering and counting two thousand candidates compare integers, not strings.
struct FacetMatrix: Sendable {
    /// The distinct lines met; a line's code is its number there.
    private var table = ByteStringTable()
    /// Each code's facet and value; nil for a line that names no facet this version knows.
    private(set) var lines: [(facet: DesignFacet, value: String)?] = []
    /// Each candidate's codes: candidate `r` holds `codes[starts[r]..<starts[r + 1]]`.
    private var starts: [Int] = [0]
    private var codes: [Int32] = []

    /// How many candidates (rows) have been appended.
    var count: Int { starts.count - 1 }

    /// Adds one candidate, given its stored facet text.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    /// Adds one candidate, given the bytes of its stored facet text.
    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        if let base = utf8.baseAddress {
            var start = 0
            while start < utf8.count {
                // memchr finds the line's end many bytes at a time.
                var end = utf8.count
                if let newline = memchr(base + start, 0x0A, utf8.count - start) {
                    end = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base
                }
                if end > start { codes.append(code(adding: UnsafeBufferPointer(start: base + start, count: end - start))) }
                start = end + 1
            }
        }
        starts.append(codes.count)
    }

    /// Adds the candidates of another matrix after these, renumbering its lines into this one's.
    mutating func append(contentsOf other: FacetMatrix) {
        var renumbered = [Int32](repeating: 0, count: other.lines.count)
        for number in 0..<other.table.count {
            var line = other.table.string(number)
            renumbered[number] = line.withUTF8 { code(adding: $0) }
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        for row in 0..<other.count {
            for code in other.codes(row) { codes.append(renumbered[Int(code)]) }
            starts.append(codes.count)
        }
    }

    /// Drops the last `k` candidates; their lines stay numbered, with no candidate to count.
    mutating func removeLast(_ k: Int) {
        starts.removeLast(k)
        codes.removeLast(codes.count - starts[starts.count - 1])
    }

    /// The codes of one candidate's lines.
    func codes(_ row: Int) -> ArraySlice<Int32> { codes[starts[row]..<starts[row + 1]] }

    /// The code of a facet value, or nil when no candidate has it.
    func code(_ facet: DesignFacet, _ value: String) -> Int32? {
        table.number(of: SearchIndex.facetLine(facet, value)).map(Int32.init)
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
        let (number, added) = table.add(utf8)
        if added {
            let line = table.string(number)[...]
            var parsed: (facet: DesignFacet, value: String)?
            if let equals = line.utf8.firstIndex(of: UInt8(ascii: "=")), let facet = DesignFacet(rawValue: String(line[..<equals])) {
                parsed = (facet, String(line[line.utf8.index(after: equals)...]))
            }
            lines.append(parsed)
        }
        return Int32(number)
    }
}
