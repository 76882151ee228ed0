import Foundation

/// Seating instances shaped like real regional meetings, for tests, benchmarks and the demo's
/// placeholder participants: districts of uneven size, a few roles with librarians the largest,
/// organisations of one to several people, a share of people with two wishes, facilitators pinned.
/// The same seed always gives the same instance.
public enum SyntheticMeeting {
    public static let roles = [
        "librarian", "chitalishte_secretary", "municipal_official", "ngo", "business", "cultural_institute", "volunteer",
    ]

    /// The nine target groups of the Velingrad work tables.
    public static let velingradGroups = [
        "tourism business", "pupils 1-4", "women victims of domestic violence", "children with motor disabilities",
        "long-term unemployed", "young Roma", "children's dance group", "farmers", "pensioners 60+",
    ]

    public static func instance(
        participants n: Int, tables k: Int, districts: Int, organizations: Int, wishShare: Double = 1.0 / 3.0,
        pinnedPerTable: Int = 0, seed: UInt64 = 1
    ) -> SeatingProblem {
        var random = SplitMix64(seed: seed)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
        let groups = (0..<k).map { k == velingradGroups.count ? velingradGroups[$0] : "group \($0 + 1)" }
        let tables = groups.enumerated().map { SeatingTable(id: .number(Int64($0.offset + 1)), targetGroup: $0.element) }
        let codes = District.all.prefix(max(1, min(districts, District.all.count))).map(\.code)
        // Districts of uneven size: the first ones send more people.
        let districtWeights = codes.indices.map { 3 + ($0 % 3) }
        let totalWeight = districtWeights.reduce(0, +)
        func weighted(_ weights: [Int], _ total: Int) -> Int {
            var r = below(total)
            for (i, w) in weights.enumerated() {
                if r < w { return i }
                r -= w
            }
            return weights.count - 1
        }
        // Each organisation belongs to one district; people join organisations of their district.
        let orgDistrict = (0..<organizations).map { _ in weighted(districtWeights, totalWeight) }
        var orgsOf = [[Int]](repeating: [], count: codes.count)
        for (o, d) in orgDistrict.enumerated() { orgsOf[d].append(o) }
        let roleWeights = [8, 3, 2, 2, 1, 1, 1]
        var people: [SeatingParticipant] = []
        for i in 0..<n {
            // Every organisation sends someone; the rest of the people join organisations of their district.
            var d = weighted(districtWeights, totalWeight)
            if orgsOf[d].isEmpty { d = orgDistrict[below(organizations)] }
            var org = orgsOf[d][below(orgsOf[d].count)]
            if i < organizations {
                org = i
                d = orgDistrict[i]
            }
            let role = roles[weighted(roleWeights, roleWeights.reduce(0, +))]
            let wants: [String]? = Double(below(1000)) / 1000 < wishShare ? [groups[below(k)], groups[below(k)]] : nil
            let pin: SeatID? = i < pinnedPerTable * k ? .number(Int64(i % k + 1)) : nil
            people.append(
                SeatingParticipant(
                    id: .number(Int64(i + 1)), district: codes[d], role: role, organization: "org-\(org + 1)", wants: wants, table: pin))
        }
        return SeatingProblem(tables: tables, participants: people)
    }

    /// The Velingrad meeting's shape: 95 people, 9 tables, two districts, a facilitator at two tables.
    public static func velingrad(seed: UInt64 = 2012) -> SeatingProblem {
        var problem = instance(participants: 95, tables: 9, districts: 2, organizations: 40, seed: seed)
        problem.participants[0].table = .number(1)
        problem.participants[1].table = .number(5)
        return problem
    }

    /// The large benchmark: 1,000 people, 100 tables, 28 districts, 300 organisations, with wishes.
    public static func large(seed: UInt64 = 1000) -> SeatingProblem {
        instance(participants: 1_000, tables: 100, districts: 28, organizations: 300, seed: seed)
    }
}
