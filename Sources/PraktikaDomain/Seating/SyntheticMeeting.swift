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

    /// A hard instance: what an organiser's real lists look like when not everything can be had.
    /// Districts of very unequal size, wishes crowding onto a few popular target groups (so many
    /// cannot be met), large organisations, facilitators pinned, and optionally tight capacities of
    /// unequal tables. Its optimum is above zero, and the balances fight the wishes.
    public struct Hard: Sendable {
        public var name: String
        public var participants: Int
        public var tables: Int
        /// Relative sizes of the districts, largest first.
        public var districtWeights: [Int]
        public var organizations: Int
        /// Organisations this large (people), the rest small.
        public var largeOrganizations: Int = 0
        public var largeOrganizationSize: Int = 8
        /// The share of people who name target groups, and how many each names.
        public var wishShare: Double = 0.8
        public var wishesEach: Int = 1
        public var pinnedPerTable: Int = 1
        /// Seats to spare over the people when tables have capacities; nil: balanced sizes.
        public var spareSeats: Int? = nil
        public var seed: UInt64 = 1

        public init(name: String, participants: Int, tables: Int, districtWeights: [Int], organizations: Int) {
            self.name = name
            self.participants = participants
            self.tables = tables
            self.districtWeights = districtWeights
            self.organizations = organizations
        }
    }

    /// The hard family kept with the benchmarks, 50 to 2,000 participants.
    public static let hardFamily: [Hard] = {
        var a = Hard(name: "hard-50x5-capacity", participants: 50, tables: 5, districtWeights: [6, 3, 1], organizations: 18)
        a.spareSeats = 2
        a.largeOrganizations = 2
        a.seed = 50
        var b = Hard(name: "hard-60x6-pinned", participants: 60, tables: 6, districtWeights: [5, 4, 2, 1], organizations: 16)
        b.pinnedPerTable = 3
        b.largeOrganizations = 4
        b.largeOrganizationSize = 9
        b.wishShare = 0.5
        b.seed = 60
        var c = Hard(name: "hard-100x10", participants: 100, tables: 10, districtWeights: [7, 4, 1], organizations: 40)
        c.largeOrganizations = 2
        c.seed = 100
        var d = Hard(name: "hard-150x15-capacity", participants: 150, tables: 15, districtWeights: [8, 5, 3, 2, 1], organizations: 60)
        d.spareSeats = 5
        d.largeOrganizations = 3
        d.wishesEach = 2
        d.seed = 150
        var e = Hard(name: "hard-200x20", participants: 200, tables: 20, districtWeights: [9, 6, 4, 3, 2, 1], organizations: 70)
        e.largeOrganizations = 4
        e.largeOrganizationSize = 12
        e.pinnedPerTable = 2
        e.seed = 200
        var f = Hard(
            name: "hard-1000x100", participants: 1_000, tables: 100, districtWeights: (0..<28).map { 1 + (27 - $0) / 3 }, organizations: 300
        )
        f.largeOrganizations = 10
        f.largeOrganizationSize = 15
        f.seed = 1_000
        var g = Hard(
            name: "hard-2000x200-capacity", participants: 2_000, tables: 200, districtWeights: (0..<28).map { 1 + (27 - $0) / 2 },
            organizations: 600)
        g.largeOrganizations = 20
        g.largeOrganizationSize = 12
        g.spareSeats = 40
        g.wishesEach = 2
        g.seed = 2_000
        return [a, b, c, d, e, f, g]
    }()

    public static func hard(_ spec: Hard) -> SeatingProblem {
        var random = SplitMix64(seed: spec.seed)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
        func weighted(_ weights: [Int]) -> Int {
            var r = below(weights.reduce(0, +))
            for (i, w) in weights.enumerated() {
                if r < w { return i }
                r -= w
            }
            return weights.count - 1
        }
        let n = spec.participants
        let k = spec.tables
        // Fewer target groups than tables: popular groups get two tables, and wishes crowd onto the
        // first groups (weights falling as 1/rank).
        let groupCount = max(2, (k * 2 + 2) / 3)
        let groups = (0..<groupCount).map { "group \($0 + 1)" }
        let groupWeights = (0..<groupCount).map { 120 / ($0 + 1) }
        var capacities: [Int?] = Array(repeating: nil, count: k)
        if let spare = spec.spareSeats {
            // Unequal tables: some for four, some for twice the average, adding up to n + spare.
            let seats = n + spare
            var caps = (0..<k).map { _ in 2 + below(4) }
            var total = caps.reduce(0, +)
            while total < seats {
                caps[below(k)] += 1
                total += 1
            }
            capacities = caps.map { Optional($0) }
        }
        let tables = (0..<k).map {
            SeatingTable(id: .number(Int64($0 + 1)), targetGroup: groups[$0 % groupCount], capacity: capacities[$0])
        }
        let codes = District.all.prefix(max(1, min(spec.districtWeights.count, District.all.count))).map(\.code)
        let districtWeights = Array(spec.districtWeights.prefix(codes.count))
        // Organisations belong to a district; the large ones fill first, the rest share what is left.
        let orgDistrict = (0..<spec.organizations).map { _ in weighted(districtWeights) }
        var orgsOf = [[Int]](repeating: [], count: codes.count)
        for (o, d) in orgDistrict.enumerated() { orgsOf[d].append(o) }
        let roleWeights = [8, 3, 2, 2, 1, 1, 1]
        var people: [SeatingParticipant] = []
        var pinnedAt = [Int](repeating: 0, count: k)
        for i in 0..<n {
            var d: Int
            var org: Int
            let largeSeats = spec.largeOrganizations * spec.largeOrganizationSize
            if i < largeSeats {
                org = i / spec.largeOrganizationSize
                d = orgDistrict[org]
            } else if i - largeSeats < spec.organizations - spec.largeOrganizations {
                org = spec.largeOrganizations + (i - largeSeats)
                d = orgDistrict[org]
            } else {
                d = weighted(districtWeights)
                if orgsOf[d].isEmpty { d = orgDistrict[spec.largeOrganizations + below(spec.organizations - spec.largeOrganizations)] }
                org = orgsOf[d][below(orgsOf[d].count)]
                if org < spec.largeOrganizations { org = spec.largeOrganizations + below(spec.organizations - spec.largeOrganizations) }
                d = orgDistrict[org]
            }
            let role = roles[weighted(roleWeights)]
            var wants: [String]?
            if Double(below(1000)) / 1000 < spec.wishShare {
                var chosen: [String] = []
                for _ in 0..<spec.wishesEach {
                    let g = groups[weighted(groupWeights)]
                    if !chosen.contains(g) { chosen.append(g) }
                }
                wants = chosen
            }
            // Facilitators: the first people of each table's quota, at a table with room.
            var pin: SeatID?
            let open = (0..<k).filter { pinnedAt[$0] < spec.pinnedPerTable && pinnedAt[$0] < (capacities[$0] ?? n) - 1 }
            if people.count % 3 == 0, let t = open.min(by: { pinnedAt[$0] < pinnedAt[$1] }) {
                pinnedAt[t] += 1
                pin = .number(Int64(t + 1))
            }
            people.append(
                SeatingParticipant(
                    id: .number(Int64(i + 1)), district: codes[d], role: role, organization: "org-\(org + 1)", wants: wants, table: pin))
        }
        return SeatingProblem(tables: tables, participants: people)
    }
}
