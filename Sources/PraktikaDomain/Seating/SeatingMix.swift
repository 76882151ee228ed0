import Foundation

/// What is off at a table, for the seating page to flag.
public enum MixFlag: Sendable, Hashable {
    /// More or fewer people than the table may have.
    case size
    /// Everybody at the table comes from one district although the meeting has several.
    case singleDistrict
    /// A district or role is outside its fair band at this table.
    case district(String)
    case role(String)
    /// Colleagues from one organisation sit together.
    case organisation(String)
    /// People who asked for other target groups.
    case wishes(Int)
}

/// One table's mix: who sits there by district and role, against the fair band of each.
public struct TableMix: Sendable, Hashable {
    public struct Count: Sendable, Hashable {
        public let value: String
        public let count: Int
        public let low: Int
        public let high: Int
        public var isOff: Bool { count < low || count > high }
    }

    public let table: SeatID
    public let size: Int
    public let minSize: Int
    public let maxSize: Int
    public let districts: [Count]
    public let roles: [Count]
    public let organisations: [(name: String, count: Int)]
    public let unmetWishes: Int
    public let flags: [MixFlag]

    public static func == (a: TableMix, b: TableMix) -> Bool {
        a.table == b.table && a.size == b.size && a.districts == b.districts && a.roles == b.roles && a.flags == b.flags
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(table) }
}

extension SeatingSolver {
    /// Each table's mix under a seating that may be incomplete or made by hand (sizes are then
    /// flagged rather than refused), with the penalty of what is seated.
    public static func mix(_ problem: SeatingProblem, seating: [SeatID: SeatID]) throws -> (tables: [TableMix], penalty: SeatingPenalty) {
        var state = try SeatingState(problem)
        let tableIndex = Dictionary(uniqueKeysWithValues: problem.tables.enumerated().map { ($1.id, $0) })
        for (p, person) in problem.participants.enumerated() where state.tableOf[p] < 0 {
            if let id = seating[person.id], let t = tableIndex[id] { state.add(p, t) }
        }
        func names(_ values: [String]) -> [String] {
            var seen: Set<String> = []
            return values.filter { seen.insert($0).inserted }
        }
        let districtNames = names(problem.participants.map(\.district))
        let roleNames = names(problem.participants.map(\.role))
        let orgNames = names(problem.participants.map(\.organization))
        var result: [TableMix] = []
        for (t, table) in problem.tables.enumerated() {
            var flags: [MixFlag] = []
            let size = state.size[t]
            let allowedMax = state.maxSize[t]
            if size < state.minSize[t] || size > allowedMax { flags.append(.size) }
            func counts(_ names: [String], _ count: [Int], _ lo: [Int], _ hi: [Int]) -> [TableMix.Count] {
                names.indices.compactMap { c in
                    let i = t * names.count + c
                    guard count[i] > 0 || lo[i] > 0 else { return nil }
                    return TableMix.Count(value: names[c], count: count[i], low: lo[i], high: hi[i])
                }
            }
            let districts = counts(districtNames, state.dCount, state.districtLo, state.districtHi)
            let roles = counts(roleNames, state.rCount, state.roleLo, state.roleHi)
            if districtNames.count > 1, size > 1, districts.filter({ $0.count > 0 }).count == 1 { flags.append(.singleDistrict) }
            for d in districts where d.isOff { flags.append(.district(d.value)) }
            for r in roles where r.isOff { flags.append(.role(r.value)) }
            var organisations: [(String, Int)] = []
            for (o, name) in orgNames.enumerated() where state.oCount[t * orgNames.count + o] > 1 {
                organisations.append((name, state.oCount[t * orgNames.count + o]))
                flags.append(.organisation(name))
            }
            let unmet = state.members[t].filter { state.hasWishes[$0] && !state.satisfied[$0 * state.k + t] }.count
            if unmet > 0 { flags.append(.wishes(unmet)) }
            result.append(
                TableMix(
                    table: table.id, size: size, minSize: state.minSize[t], maxSize: allowedMax, districts: districts,
                    roles: roles, organisations: organisations, unmetWishes: unmet, flags: flags))
        }
        return (result, state.penalty())
    }
}
