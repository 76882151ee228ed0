import Foundation

/// Seats the participants of a meeting at its work tables: every table mixes the districts and
/// the roles in proportion, colleagues from one organisation sit apart, and people get a table
/// for the target group they asked for, as far as all of that can be had at once.
///
/// The objective is exactly the one in the meeting issue, so any solver can be scored on it:
/// fair(t,c) = n_c × cap(t) / Σ cap (without capacities, cap(t) = n / k);
/// band(x, f) = max(0, ⌊f⌋ − x) + max(0, x − ⌈f⌉);
/// district = Σ_t Σ_d band(count(t,d), fair(t,d)); role likewise;
/// organisation = Σ_t Σ_o max(0, count(t,o) − 1);
/// preference = participants with wishes seated at a table whose target group they did not ask for;
/// total = 10·district + 3·role + 5·organisation + 1·preference (weights overridable).
///
/// Table sizes: with capacities, at most the capacity (a table without one, among tables with one,
/// takes ⌈n / k⌉); without capacities, sizes differ by at most one. Pinned participants stay.
///
/// The search starts from the exact optimum of a relaxation (everything but the role balance, as a
/// minimum-cost flow; `SeatingRelaxation.swift`), whose value is also the lower bound. It then
/// anneals over moves, swaps, swaps within a district and role (which keep both balances), cross
/// swaps (two swaps between the same two tables whose role changes cancel) and ejection chains
/// (`SeatingChains.swift`), and at each cooling cycle re-seats every district-and-role class
/// exactly, then (on instances up to a few hundred people) everyone of one role and everyone of
/// one district (`SeatingClassReseat.swift`). Cycles double in length, counted in moves; the last
/// one is fitted to end at the time limit. After the first, when the flow is quick, the role
/// balance is priced back into the relaxation (Lagrangian) for a tighter bound. Two searches run
/// side by side on two cores, sharing their best total and bound. The search stops at the time
/// limit or as soon as it reaches the lower bound, which proves the optimum.
public enum SeatingSolver {
    public struct Options: Sendable {
        /// Moves tried at most; the search also stops at the time limit or at the lower bound.
        public var maxMoves: Int
        public var timeLimit: Duration
        public var seed: UInt64
        /// Searches run side by side from the same start with different seeds (one per core, at
        /// most two, by default), each telling the others its best total and bound; the best wins.
        public var workers: Int

        public init(
            maxMoves: Int = 100_000_000, timeLimit: Duration = .seconds(1.8), seed: UInt64 = 2012,
            workers: Int = min(2, ProcessInfo.processInfo.activeProcessorCount)
        ) {
            self.maxMoves = maxMoves
            self.timeLimit = timeLimit
            self.seed = seed
            self.workers = max(1, workers)
        }
    }

    public static func solve(_ problem: SeatingProblem, options: Options = Options()) throws -> SeatingResult {
        var state = try SeatingState(problem)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: options.timeLimit)
        // Start from the exact optimum of everything but the role balance when it can be had in
        // under half the time; it also gives the lower bound that lets the search stop at a
        // proven optimum.
        let started = clock.now
        let relaxation = state.relaxation(deadline: started.advanced(by: options.timeLimit / 2))
        // Pricing the roles back in takes a few dozen such flows: worth it when one is quick.
        let tighten = relaxation != nil && started.duration(to: clock.now) * 200 < options.timeLimit
        if let relaxation {
            for p in 0..<state.n where state.tableOf[p] < 0 { state.add(p, relaxation.seating[p]) }
        } else {
            state.greedyStart()
        }
        let bound = max(state.lowerBound(), relaxation?.bound ?? 0)
        let board = SearchBoard(bound: bound)
        let start = state
        // Worker 0 runs on the given seed, so that one worker gives what the single search gave.
        DispatchQueue.concurrentPerform(iterations: options.workers) { worker in
            var state = start
            var own = options
            own.seed = options.seed &+ UInt64(worker) &* 0x9E37_79B9_7F4A_7C15
            var bound = bound
            let moves = state.anneal(own, bound: &bound, deadline: deadline, tighten: tighten && worker == 0, board: board)
            board.finish(worker, seating: state.tableOf, total: state.penalty().total, moves: moves)
        }
        let winner = board.winner()
        state.restore(winner.seating)
        var result = state.result(problem)
        result.lowerBound = board.bound
        result.movesTried = winner.moves
        return result
    }

    /// Scores any seating of the instance (for the web page's hand-made changes and for comparing
    /// solvers); refuses a seating that breaks the rules.
    public static func evaluate(_ problem: SeatingProblem, seating: [SeatID: SeatID]) throws -> SeatingPenalty {
        var state = try SeatingState(problem)
        try state.place(seating, participants: problem.participants, tables: problem.tables)
        return state.penalty()
    }
}

/// Why a given seating breaks the rules.
public enum SeatingViolation: Error, Equatable, CustomStringConvertible {
    case unseated(String)
    case unknownTable(participant: String, table: String)
    case movedPinned(String)
    case tableSize(table: String, size: Int)

    public var description: String {
        switch self {
        case .unseated(let p): "participant \(p) has no table"
        case .unknownTable(let p, let t): "participant \(p) is at table \(t), which does not exist"
        case .movedPinned(let p): "participant \(p) is pinned elsewhere"
        case .tableSize(let t, let size): "table \(t) would seat \(size), outside its allowed size"
        }
    }
}

/// The instance in integers, the current seating, and the counts the objective is made of.
struct SeatingState {
    /// Up to this many people × tables, whole roles and districts are re-seated too (on larger
    /// instances the time is better spent on moves).
    static let groupReseatLimit = 40_000
    /// More seats than any table needs: larger capacities are read as this.
    static let largestCapacity = 1_000_000_000
    let n: Int
    let k: Int
    let weights: SeatingWeights
    let districtOf: [Int]
    let roleOf: [Int]
    let orgOf: [Int]
    let districtCount: Int
    let roleCount: Int
    let orgCount: Int
    /// satisfied[p * k + t]: table t's target group is among p's wishes.
    let satisfied: [Bool]
    let hasWishes: [Bool]
    let pinned: [Int?]
    /// Allowed size of each table: [minSize, maxSize].
    let minSize: [Int]
    let maxSize: [Int]
    /// In balanced mode only so many tables may be at the larger size.
    let largeSize: Int?
    let largeAllowed: Int
    /// Fair band per table and district / role: [lo, hi].
    let districtLo: [Int], districtHi: [Int]
    let roleLo: [Int], roleHi: [Int]

    var tableOf: [Int]
    var size: [Int]
    var dCount: [Int]
    var rCount: [Int]
    var oCount: [Int]
    /// Who sits at each table, and where in that list each person is, for picking a swap partner.
    var members: [[Int]]
    var slot: [Int]
    /// The tables each person asked for.
    let wished: [[Int]]
    /// Each table's target group as a number, and the groups each person asked for (those some table has).
    let tableGroup: [Int]
    let wantedGroups: [[Int]]

    init(_ problem: SeatingProblem) throws {
        let tables = problem.tables
        let people = problem.participants
        guard !tables.isEmpty else { throw SeatingError.noTables }
        var tableIndex: [SeatID: Int] = [:]
        for (i, t) in tables.enumerated() {
            guard tableIndex[t.id] == nil else { throw SeatingError.duplicateTable(t.id.description) }
            if let c = t.capacity, c < 0 { throw SeatingError.negativeCapacity(t.id.description) }
            tableIndex[t.id] = i
        }
        var seen: Set<SeatID> = []
        for p in people {
            guard seen.insert(p.id).inserted else { throw SeatingError.duplicateParticipant(p.id.description) }
        }
        n = people.count
        k = tables.count
        weights = problem.weights ?? SeatingWeights()

        func indexer(_ values: [String]) -> ([Int], Int) {
            var map: [String: Int] = [:]
            let indices = values.map { v -> Int in
                if let i = map[v] { return i }
                map[v] = map.count
                return map.count - 1
            }
            return (indices, map.count)
        }
        (districtOf, districtCount) = indexer(people.map(\.district))
        (roleOf, roleCount) = indexer(people.map(\.role))
        (orgOf, orgCount) = indexer(people.map(\.organization))

        var groupIndex: [String: Int] = [:]
        tableGroup = tables.map { table in
            if let g = groupIndex[table.targetGroup] { return g }
            groupIndex[table.targetGroup] = groupIndex.count
            return groupIndex.count - 1
        }
        wantedGroups = people.map { person in Set((person.wants ?? []).compactMap { groupIndex[$0] }).sorted() }
        var satisfied = [Bool](repeating: false, count: n * k)
        var hasWishes = [Bool](repeating: false, count: n)
        var pinned = [Int?](repeating: nil, count: n)
        for (p, person) in people.enumerated() {
            let wants = Set(person.wants ?? [])
            hasWishes[p] = !wants.isEmpty
            for (t, table) in tables.enumerated() where wants.contains(table.targetGroup) { satisfied[p * k + t] = true }
            if let pin = person.table {
                guard let t = tableIndex[pin] else {
                    throw SeatingError.unknownPinnedTable(participant: person.id.description, table: pin.description)
                }
                pinned[p] = t
            }
        }
        self.satisfied = satisfied
        self.hasWishes = hasWishes
        self.pinned = pinned

        // Table sizes and the capacities the fair shares are computed from.
        let capacityMode = tables.contains { $0.capacity != nil }
        let balancedLow = n / k
        let balancedHigh = (n + k - 1) / k
        var capacity: [Int]
        if capacityMode {
            // A capacity past any meeting's size counts as that size, so that the sums and the
            // shares below stay within Int (an API client once sent Int.max).
            capacity = tables.map { min($0.capacity ?? balancedHigh, Self.largestCapacity) }
            let seats = capacity.reduce(0, +)
            guard seats >= n else { throw SeatingError.notEnoughSeats(seats: seats, participants: n) }
            minSize = [Int](repeating: 0, count: k)
            maxSize = capacity
            largeSize = nil
            largeAllowed = k
        } else {
            capacity = [Int](repeating: 1, count: k)
            minSize = [Int](repeating: balancedLow, count: k)
            maxSize = [Int](repeating: balancedHigh, count: k)
            largeSize = balancedLow == balancedHigh ? nil : balancedHigh
            largeAllowed = n - balancedLow * k
        }
        let capacityTotal = max(1, capacity.reduce(0, +))

        let tableCount = tables.count
        func bands(_ of: [Int], _ count: Int) -> ([Int], [Int]) {
            var totals = [Int](repeating: 0, count: count)
            for c in of { totals[c] += 1 }
            var lo = [Int](repeating: 0, count: tableCount * count)
            var hi = [Int](repeating: 0, count: tableCount * count)
            for t in 0..<tableCount {
                for c in 0..<count {
                    let numerator = totals[c] * capacity[t]
                    lo[t * count + c] = numerator / capacityTotal
                    hi[t * count + c] = (numerator + capacityTotal - 1) / capacityTotal
                }
            }
            return (lo, hi)
        }
        (districtLo, districtHi) = bands(districtOf, districtCount)
        (roleLo, roleHi) = bands(roleOf, roleCount)

        tableOf = [Int](repeating: -1, count: n)
        size = [Int](repeating: 0, count: k)
        dCount = [Int](repeating: 0, count: k * districtCount)
        rCount = [Int](repeating: 0, count: k * roleCount)
        oCount = [Int](repeating: 0, count: k * orgCount)
        members = [[Int]](repeating: [], count: k)
        slot = [Int](repeating: -1, count: n)
        wished = (0..<n).map { p in (0..<tables.count).filter { satisfied[p * tables.count + $0] } }

        for p in 0..<n {
            if let t = pinned[p] { add(p, t) }
        }
        for t in 0..<k where size[t] > maxSize[t] { throw SeatingError.tooManyPinned(table: tables[t].id.description) }
        if let large = largeSize, size.filter({ $0 >= large }).count > largeAllowed {
            throw SeatingError.tooManyPinned(table: tables[size.firstIndex { $0 >= large }!].id.description)
        }
    }

    // MARK: Counts

    mutating func add(_ p: Int, _ t: Int) {
        tableOf[p] = t
        slot[p] = members[t].count
        members[t].append(p)
        size[t] += 1
        dCount[t * districtCount + districtOf[p]] += 1
        rCount[t * roleCount + roleOf[p]] += 1
        oCount[t * orgCount + orgOf[p]] += 1
    }

    mutating func remove(_ p: Int) {
        let t = tableOf[p]
        let last = members[t].removeLast()
        if last != p {
            members[t][slot[p]] = last
            slot[last] = slot[p]
        }
        slot[p] = -1
        size[t] -= 1
        dCount[t * districtCount + districtOf[p]] -= 1
        rCount[t * roleCount + roleOf[p]] -= 1
        oCount[t * orgCount + orgOf[p]] -= 1
        tableOf[p] = -1
    }

    @inline(__always) static func band(_ x: Int, _ lo: Int, _ hi: Int) -> Int { max(0, lo - x) + max(0, x - hi) }

    /// The change in the weighted total if p left table a for table b.
    func moveDelta(_ p: Int, from a: Int, to b: Int) -> Int {
        let d = districtOf[p]
        let r = roleOf[p]
        let o = orgOf[p]
        let da = a * districtCount + d
        let db = b * districtCount + d
        let ra = a * roleCount + r
        let rb = b * roleCount + r
        var district = 0
        district += Self.band(dCount[da] - 1, districtLo[da], districtHi[da]) - Self.band(dCount[da], districtLo[da], districtHi[da])
        district += Self.band(dCount[db] + 1, districtLo[db], districtHi[db]) - Self.band(dCount[db], districtLo[db], districtHi[db])
        var role = 0
        role += Self.band(rCount[ra] - 1, roleLo[ra], roleHi[ra]) - Self.band(rCount[ra], roleLo[ra], roleHi[ra])
        role += Self.band(rCount[rb] + 1, roleLo[rb], roleHi[rb]) - Self.band(rCount[rb], roleLo[rb], roleHi[rb])
        var organization = 0
        if oCount[a * orgCount + o] >= 2 { organization -= 1 }
        if oCount[b * orgCount + o] >= 1 { organization += 1 }
        var preference = 0
        if hasWishes[p] {
            preference = (satisfied[p * k + b] ? 0 : 1) - (satisfied[p * k + a] ? 0 : 1)
        }
        return weights.district * district + weights.role * role + weights.organization * organization
            + weights.preference * preference
    }

    /// The change in the weighted total if x (at a) and y (at b) traded seats, without trying it.
    func swapDelta(_ x: Int, at a: Int, with y: Int, at b: Int) -> Int {
        func bands(_ ofX: Int, _ ofY: Int, _ count: [Int], _ width: Int, _ lo: [Int], _ hi: [Int]) -> Int {
            guard ofX != ofY else { return 0 }
            @inline(__always) func step(_ cell: Int, _ by: Int) -> Int {
                Self.band(count[cell] + by, lo[cell], hi[cell]) - Self.band(count[cell], lo[cell], hi[cell])
            }
            return step(a * width + ofX, -1) + step(a * width + ofY, 1) + step(b * width + ofX, 1) + step(b * width + ofY, -1)
        }
        let district = bands(districtOf[x], districtOf[y], dCount, districtCount, districtLo, districtHi)
        let role = bands(roleOf[x], roleOf[y], rCount, roleCount, roleLo, roleHi)
        var organization = 0
        if orgOf[x] != orgOf[y] {
            if oCount[a * orgCount + orgOf[x]] >= 2 { organization -= 1 }
            if oCount[b * orgCount + orgOf[x]] >= 1 { organization += 1 }
            if oCount[b * orgCount + orgOf[y]] >= 2 { organization -= 1 }
            if oCount[a * orgCount + orgOf[y]] >= 1 { organization += 1 }
        }
        var preference = 0
        if hasWishes[x] { preference += (satisfied[x * k + b] ? 0 : 1) - (satisfied[x * k + a] ? 0 : 1) }
        if hasWishes[y] { preference += (satisfied[y * k + a] ? 0 : 1) - (satisfied[y * k + b] ? 0 : 1) }
        return weights.district * district + weights.role * role + weights.organization * organization
            + weights.preference * preference
    }

    func canMove(from a: Int, to b: Int) -> Bool {
        guard a != b, size[a] - 1 >= minSize[a], size[b] + 1 <= maxSize[b] else { return false }
        return true
    }

    // MARK: Objective

    func penalty() -> SeatingPenalty {
        var district = 0
        var role = 0
        var organization = 0
        var preference = 0
        for t in 0..<k {
            for d in 0..<districtCount {
                let i = t * districtCount + d
                district += Self.band(dCount[i], districtLo[i], districtHi[i])
            }
            for r in 0..<roleCount {
                let i = t * roleCount + r
                role += Self.band(rCount[i], roleLo[i], roleHi[i])
            }
            for o in 0..<orgCount { organization += max(0, oCount[t * orgCount + o] - 1) }
        }
        for p in 0..<n where hasWishes[p] && tableOf[p] >= 0 && !satisfied[p * k + tableOf[p]] { preference += 1 }
        let total =
            weights.district * district + weights.role * role + weights.organization * organization + weights.preference * preference
        return SeatingPenalty(district: district, role: role, organization: organization, preference: preference, total: total)
    }

    /// What no seating can avoid: members of one organisation beyond one per table, colleagues
    /// pinned together, and wishes no table (or no allowed table) can meet.
    func lowerBound() -> Int {
        var preference = 0
        for p in 0..<n where hasWishes[p] {
            if let t = pinned[p] {
                if !satisfied[p * k + t] { preference += 1 }
            } else if !(0..<k).contains(where: { satisfied[p * k + $0] && maxSize[$0] > 0 }) {
                preference += 1
            }
        }
        return organisationBound() + weights.preference * preference
    }

    // MARK: Search

    /// Whether table t may take one more in the start: up to its size, and in balanced mode only
    /// as many tables at the larger size as there are extra people.
    func hasRoom(_ t: Int) -> Bool {
        guard size[t] < maxSize[t] else { return false }
        if let large = largeSize, size[t] + 1 == large {
            return size.filter { $0 >= large }.count < largeAllowed
        }
        return true
    }

    /// Seats the people who are hardest to place first (large organisations, then wishes), each at
    /// the table where they cost least now.
    mutating func greedyStart() {
        var members = [Int](repeating: 0, count: orgCount)
        for p in 0..<n { members[orgOf[p]] += 1 }
        let order = (0..<n).filter { pinned[$0] == nil }.sorted {
            (members[orgOf[$0]], hasWishes[$0] ? 1 : 0, -$0) > (members[orgOf[$1]], hasWishes[$1] ? 1 : 0, -$1)
        }
        for p in order {
            var best = -1
            var bestCost = Int.max
            for t in 0..<k where hasRoom(t) {
                // The cost of arriving at t, measured as a move from a virtual empty table.
                let cost = arrivalCost(p, t) * 4 + size[t]
                if cost < bestCost {
                    bestCost = cost
                    best = t
                }
            }
            add(p, best >= 0 ? best : (0..<k).min { size[$0] < size[$1] }!)
        }
    }

    func arrivalCost(_ p: Int, _ t: Int) -> Int {
        let di = t * districtCount + districtOf[p]
        let ri = t * roleCount + roleOf[p]
        let district = Self.band(dCount[di] + 1, districtLo[di], districtHi[di]) - Self.band(dCount[di], districtLo[di], districtHi[di])
        let role = Self.band(rCount[ri] + 1, roleLo[ri], roleHi[ri]) - Self.band(rCount[ri], roleLo[ri], roleHi[ri])
        let organization = oCount[t * orgCount + orgOf[p]] >= 1 ? 1 : 0
        let preference = hasWishes[p] && !satisfied[p * k + t] ? 1 : 0
        return weights.district * district + weights.role * role + weights.organization * organization + weights.preference * preference
    }

    /// Returns how many moves it tried.
    @discardableResult
    mutating func anneal(
        _ options: SeatingSolver.Options, bound: inout Int, deadline: ContinuousClock.Instant, tighten: Bool = false,
        board: SearchBoard? = nil
    ) -> Int {
        let movable = (0..<n).filter { pinned[$0] == nil }
        let wishers = movable.filter { !wished[$0].isEmpty }
        guard movable.count >= 1, k >= 2 else { return 0 }
        var current = penalty().total
        var best = current
        var bestSeating = tableOf
        guard current > bound else { return 0 }
        var random = SplitMix64(seed: options.seed)
        current = reseatClasses()
        if current < best {
            best = current
            bestSeating = tableOf
            if best <= bound { return 0 }
        }
        let clock = ContinuousClock()
        // Warm enough to leave a balance for a while (a role off its band is accepted about one
        // time in seven at the start, a district almost never), cool enough to stay near the
        // relaxation's good start.
        let startTemperature = Double(max(weights.district, weights.role, weights.organization, weights.preference)) * 0.15
        let endTemperature = 0.05
        var temperature = startTemperature
        // Cooling cycles, each twice as long as the one before: easy instances are done in the
        // first short ones, hard ones get long slow coolings later. Every cycle after the first
        // starts again from the best seating found. Counted in moves, not time, so that a move
        // budget gives the same seating on any machine.
        var cycleLength = max(20_000, 400 * n)
        var cycleStart = 0
        var cycleStartTime = clock.now
        let checkEvery = 1024
        var moves = 0
        while moves < options.maxMoves {
            if moves % checkEvery == 0 {
                if clock.now >= deadline { break }
                if let board {
                    // Another worker may have found better, or proven the bound.
                    let shared = board.share(best: best, bound: bound)
                    bound = shared.bound
                    if shared.best <= bound { break }
                }
                if moves - cycleStart >= cycleLength {
                    if tighten, cycleStart == 0 {
                        // After the first cooling the best seating is a fair target for the bound.
                        let now = clock.now
                        let upper = min(best, board?.share(best: best, bound: bound).best ?? best)
                        bound = max(
                            bound, pricedBound(upper: upper, start: bound, deadline: now.advanced(by: now.duration(to: deadline) / 4)))
                        if let board, board.share(best: best, bound: bound).best <= bound { break }
                        if best <= bound { break }
                    }
                    // The last cooling ends at the deadline rather than being cut off while still
                    // warm: the rate of the cycle just done says how many moves are left.
                    let now = clock.now
                    let rate = Double(moves - cycleStart) / max(1e-9, cycleStartTime.duration(to: now).seconds)
                    let left = rate * now.duration(to: deadline).seconds
                    cycleStart = moves
                    cycleLength *= 2
                    if Double(cycleLength) * 1.5 > left { cycleLength = max(checkEvery, Int(left)) }
                    if current > best { restore(bestSeating) }
                    // Re-seat each class of alike people exactly, then each role and each
                    // district, and cool again from there.
                    current = reseatClasses()
                    if n * k <= Self.groupReseatLimit { current = reseatGroups() }
                    if current < best {
                        best = current
                        bestSeating = tableOf
                        if best <= bound { break }
                    }
                }
                if moves == cycleStart { cycleStartTime = clock.now }
                let phase = Double(moves - cycleStart) / Double(cycleLength)
                temperature = startTemperature * pow(endTemperature / startTemperature, phase)
            }
            moves += 1
            let kind = random.next() % 9
            var p = movable[Int(random.next() % UInt64(movable.count))]
            var b = Int(random.next() % UInt64(k))
            var towardsWish = false
            if kind >= 5, !wishers.isEmpty {
                // Someone whose wish is not met, towards a table they asked for.
                let w = wishers[Int(random.next() % UInt64(wishers.count))]
                if !satisfied[w * k + tableOf[w]] {
                    p = w
                    b = wished[w][Int(random.next() % UInt64(wished[w].count))]
                    towardsWish = true
                }
            }
            let a = tableOf[p]
            guard a != b else { continue }
            if kind >= 8 {
                // Chains are costly, and worth it only for a wish (where every balance is already
                // kept, a chain for anyone else mostly wanders).
                guard towardsWish else { continue }
                guard let (delta, trail) = ejectionChain(p, to: b, &random) else { continue }
                if delta <= 0 || Double(random.next() % 1_000_000) / 1_000_000 < exp(-Double(delta) / temperature) {
                    current += delta
                } else {
                    undoChain(trail)
                }
            } else if kind == 7 {
                guard let (delta, trail) = crossSwap(p, from: a, to: b, &random) else { continue }
                if delta <= 0 || Double(random.next() % 1_000_000) / 1_000_000 < exp(-Double(delta) / temperature) {
                    current += delta
                } else {
                    undoChain(trail)
                }
            } else if kind == 0 || kind == 5 {
                // Move p to table b if it has room.
                guard canMove(from: a, to: b) else { continue }
                let delta = moveDelta(p, from: a, to: b)
                if delta <= 0 || Double(random.next() % 1_000_000) / 1_000_000 < exp(-Double(delta) / temperature) {
                    remove(p)
                    add(p, b)
                    current += delta
                }
            } else {
                // Swap p with someone at table b who may move.
                guard !members[b].isEmpty else { continue }
                var q = members[b][Int(random.next() % UInt64(members[b].count))]
                if kind >= 6 {
                    // Someone of the same district and role, so that both balances stay as they are.
                    let start = Int(random.next() % UInt64(members[b].count))
                    for i in 0..<members[b].count {
                        let candidate = members[b][(start + i) % members[b].count]
                        if districtOf[candidate] == districtOf[p], roleOf[candidate] == roleOf[p], pinned[candidate] == nil {
                            q = candidate
                            break
                        }
                    }
                }
                guard pinned[q] == nil else { continue }
                let delta = swapDelta(p, at: a, with: q, at: b)
                if delta <= 0 || Double(random.next() % 1_000_000) / 1_000_000 < exp(-Double(delta) / temperature) {
                    remove(p)
                    add(p, b)
                    remove(q)
                    add(q, a)
                    current += delta
                }
            }
            if current < best {
                best = current
                bestSeating = tableOf
                if best <= bound { break }
            }
        }
        if best < current { restore(bestSeating) }
        return moves
    }

    /// Swaps p (at a) with a colleague of the same district at b, then makes the best second swap
    /// between the two tables that repairs what the first did to the role balance (someone of q's
    /// role at a for someone of p's role at b): the move that lets a wish be met while both
    /// balances stay. Returns the change with the moves made (person, table they came from), for
    /// undoing; nil if none was made (then nothing changed).
    mutating func crossSwap(_ p: Int, from a: Int, to b: Int, _ random: inout SplitMix64) -> (
        delta: Int, trail: [(person: Int, from: Int)]
    )? {
        let count = members[b].count
        guard a != b, count > 0 else { return nil }
        let start = Int(random.next() % UInt64(count))
        var q = -1
        for i in 0..<count {
            let candidate = members[b][(start + i) % count]
            if pinned[candidate] == nil, districtOf[candidate] == districtOf[p] {
                q = candidate
                break
            }
        }
        guard q >= 0 else { return nil }
        var delta = swapDelta(p, at: a, with: q, at: b)
        remove(p)
        add(p, b)
        remove(q)
        add(q, a)
        var trail: [(person: Int, from: Int)] = [(p, a), (q, b)]
        // Within one role the first swap kept both balances: there is nothing to repair.
        guard roleOf[p] != roleOf[q] else { return (delta, trail) }
        var bestRepair = 0
        var bestPair: (Int, Int)?
        for x in members[a] where x != q && pinned[x] == nil && roleOf[x] == roleOf[q] {
            for y in members[b] where y != p && pinned[y] == nil && roleOf[y] == roleOf[p] {
                let change = swapDelta(x, at: a, with: y, at: b)
                if change < bestRepair {
                    bestRepair = change
                    bestPair = (x, y)
                }
            }
        }
        if let (x, y) = bestPair {
            remove(x)
            add(x, b)
            remove(y)
            add(y, a)
            trail += [(x, a), (y, b)]
            delta += bestRepair
        }
        return (delta, trail)
    }

    mutating func restore(_ seating: [Int]) {
        for p in 0..<n where tableOf[p] >= 0 { remove(p) }
        for p in 0..<n { add(p, seating[p]) }
    }

    /// Takes a given seating, checking it keeps the rules.
    mutating func place(_ seating: [SeatID: SeatID], participants: [SeatingParticipant], tables: [SeatingTable]) throws {
        let tableIndex = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.id, $0) })
        for (p, person) in participants.enumerated() {
            guard let id = seating[person.id] else { throw SeatingViolation.unseated(person.id.description) }
            guard let t = tableIndex[id] else {
                throw SeatingViolation.unknownTable(participant: person.id.description, table: id.description)
            }
            if let pin = pinned[p] {
                guard pin == t else { throw SeatingViolation.movedPinned(person.id.description) }
                continue
            }
            add(p, t)
        }
        for t in 0..<k where size[t] < minSize[t] || size[t] > maxSize[t] {
            throw SeatingViolation.tableSize(table: tables[t].id.description, size: size[t])
        }
    }

    func result(_ problem: SeatingProblem) -> SeatingResult {
        var seating: [SeatID: SeatID] = [:]
        for (p, person) in problem.participants.enumerated() { seating[person.id] = problem.tables[tableOf[p]].id }
        return SeatingResult(seating: seating, penalty: penalty(), lowerBound: lowerBound(), movesTried: 0)
    }
}

/// What searches running side by side tell each other: the best total any has found and the
/// best lower bound any has proven.
final class SearchBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var best = Int.max
    private var proven: Int
    /// Each worker's seating, total and moves, as they finish.
    private var outcomes: [Int: (seating: [Int], total: Int, moves: Int)] = [:]

    init(bound: Int) { proven = bound }

    var bound: Int { lock.withLock { proven } }

    /// Records a worker's best total and bound; returns the best of all so far.
    func share(best: Int, bound: Int) -> (best: Int, bound: Int) {
        lock.withLock {
            self.best = min(self.best, best)
            proven = max(proven, bound)
            return (self.best, proven)
        }
    }

    func finish(_ worker: Int, seating: [Int], total: Int, moves: Int) {
        lock.withLock { outcomes[worker] = (seating, total, moves) }
    }

    /// The best seating (the lowest worker on a tie, so that the result does not depend on which
    /// finished first) and the moves of all.
    func winner() -> (seating: [Int], moves: Int) {
        lock.withLock {
            let (_, first) = outcomes.min { ($0.value.total, $0.key) < ($1.value.total, $1.key) }!
            return (first.seating, outcomes.values.reduce(0) { $0 + $1.moves })
        }
    }
}

/// A small, fast, seedable generator, so that the same instance gets the same seating.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Duration {
    /// In seconds, as a fraction.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
