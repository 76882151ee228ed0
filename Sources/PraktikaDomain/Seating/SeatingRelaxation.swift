import Foundation

/// The seating without one of its balances, solved exactly as a minimum-cost flow.
///
/// Leave out the balance of roles and what remains (table sizes, the district bands, colleagues
/// apart, wishes) is a flow problem: people flow to tables through their organisation at that
/// table (the first colleague free, each further one costing the organisation weight), then
/// through their district at that table (the band's deficit and excess as convex arc costs).
/// Its optimum is a lower bound on the whole objective, and its flow a seating that is best on
/// everything but roles, which the search then only has to mend.
///
/// On large instances the organisation layer makes the network too big to solve in the time a
/// person waits, so it is left out as well and counted by its own bound instead; since the
/// minimum of a sum is at least the sum of the minima, the bounds still add up.
extension SeatingState {
    struct Relaxation {
        var bound: Int
        var seating: [Int]
        /// The bound before rounding up (priced bounds are fractions).
        var value: Double = 0
    }

    /// Instances with at most this many (organisation, table) pairs keep organisations in the flow.
    static let organisationLayerLimit = 12_000
    /// Role prices are counted in hundredths of a unit of the objective.
    static let priceScale = 100

    /// Role prices (per table and role, in hundredths of a unit, at most the role weight either way)
    /// put the role balance back as a Lagrangian term: each person pays the price of their role at
    /// their table, and the bound takes back what a band can at most be worth at that price.
    func relaxation(
        organisationLayer: Bool? = nil, deadline: ContinuousClock.Instant? = nil, rolePrices: [Int]? = nil
    ) -> Relaxation? {
        let scale = rolePrices == nil ? 1 : Self.priceScale
        let roles = rolePrices == nil ? 1 : roleCount
        func role(_ p: Int) -> Int { rolePrices == nil ? 0 : roleOf[p] }
        func price(_ r: Int, _ t: Int) -> Int { rolePrices?[t * roleCount + r] ?? 0 }
        var orgSize = [Int](repeating: 0, count: orgCount)
        for p in 0..<n { orgSize[orgOf[p]] += 1 }
        let sharedOrgs = orgSize.filter { $0 >= 2 }.count
        let withOrganisations = organisationLayer ?? (sharedOrgs * k <= Self.organisationLayerLimit)

        var network = MinCostFlow()
        let source = network.addNode()
        let sink = network.addNode()
        var (tableNode, constant) = tables(in: &network, sink: sink, scale: scale)
        // District bands at each table.
        var districtAt = [Int](repeating: 0, count: districtCount * k)
        for d in 0..<districtCount {
            for t in 0..<k where maxSize[t] > 0 {
                let node = network.addNode()
                districtAt[d * k + t] = node
                let i = t * districtCount + d
                constant += band(in: &network, from: node, to: tableNode[t], districtLo[i], districtHi[i], weights.district * scale)
            }
        }
        // Hubs: an organisation of several people within one district, or a district for the rest.
        func hubKey(_ p: Int) -> Int {
            withOrganisations && orgSize[orgOf[p]] >= 2 ? districtCount + orgOf[p] * districtCount + districtOf[p] : districtOf[p]
        }
        var atTable: [Int: Int] = [:]  // (hub * k + t) → node
        var tableOfNode: [Int: Int] = [:]
        func hubAt(_ hub: Int, _ t: Int) -> Int {
            if let node = atTable[hub * k + t] { return node }
            let node: Int
            if hub < districtCount {
                node = districtAt[hub * k + t]
            } else {
                node = network.addNode()
                let d = (hub - districtCount) % districtCount
                network.addArc(node, districtAt[d * k + t], capacity: 1, cost: 0)
                network.addArc(node, districtAt[d * k + t], capacity: n, cost: weights.organization * scale)
            }
            atTable[hub * k + t] = node
            tableOfNode[node] = t
            return node
        }
        struct Spread {
            var node: Int
            /// Arcs to the hub's place at each table, with that table.
            var arcs: [(arc: Int, table: Int)]
        }
        var anyTable: [Int: Spread] = [:]
        var groupTables: [Int: Spread] = [:]
        var hubs: [Spread] = []
        var groupCount = 0
        for g in tableGroup { groupCount = max(groupCount, g + 1) }
        func spread(_ hub: Int, role r: Int, group: Int?) -> Int {
            let base = (hub * roles + r) * (groupCount + 1)
            let key = group.map { base + $0 + 1 } ?? base
            if let existing = group == nil ? anyTable[key] : groupTables[key] { return existing.node }
            let node = network.addNode()
            var arcs: [(Int, Int)] = []
            for t in 0..<k where maxSize[t] > 0 && (group == nil || tableGroup[t] == group) {
                arcs.append((network.addArc(node, hubAt(hub, t), capacity: n, cost: price(r, t)), t))
            }
            let made = Spread(node: node, arcs: arcs)
            if group == nil { anyTable[key] = made } else { groupTables[key] = made }
            hubs.append(made)
            return node
        }
        // People alike in hub, wishes and pin form one class that enters the network together.
        struct ClassKey: Hashable {
            var hub: Int
            var role: Int
            var groups: [Int]
            var wishes: Bool
            var pin: Int
        }
        var classOf: [ClassKey: Int] = [:]
        var classMembers: [[Int]] = []
        var classKeys: [ClassKey] = []
        for p in 0..<n {
            let key = ClassKey(hub: hubKey(p), role: role(p), groups: wantedGroups[p], wishes: hasWishes[p], pin: pinned[p] ?? -1)
            if let c = classOf[key] {
                classMembers[c].append(p)
            } else {
                classOf[key] = classMembers.count
                classMembers.append([p])
                classKeys.append(key)
            }
        }
        var classArcs: [[(arc: Int, target: Int)]] = []
        for (c, key) in classKeys.enumerated() {
            let node = network.addNode()
            network.addArc(source, node, capacity: classMembers[c].count, cost: 0)
            var arcs: [(Int, Int)] = []
            if key.pin >= 0 {
                let p = classMembers[c][0]
                let target = hubAt(key.hub, key.pin)
                let cost = (hasWishes[p] && !satisfied[p * k + key.pin] ? weights.preference * scale : 0) + price(key.role, key.pin)
                arcs.append((network.addArc(node, target, capacity: n, cost: cost), target))
            } else {
                let target = spread(key.hub, role: key.role, group: nil)
                arcs.append((network.addArc(node, target, capacity: n, cost: key.wishes ? weights.preference * scale : 0), target))
                for g in key.groups {
                    let target = spread(key.hub, role: key.role, group: g)
                    arcs.append((network.addArc(node, target, capacity: n, cost: 0), target))
                }
            }
            classArcs.append(arcs)
        }
        guard let (sent, cost) = network.solve(from: source, to: sink, amount: n, deadline: deadline), sent == n else { return nil }
        var bound: Int
        var exact = 0.0
        if let rolePrices {
            // What the bands can at most be worth at these prices (the conjugate of a band): a
            // positive price is worth up to hi people, a negative one at least lo.
            var worth = 0
            for t in 0..<k {
                for r in 0..<roleCount {
                    let i = t * roleCount + r
                    worth += rolePrices[i] >= 0 ? rolePrices[i] * roleHi[i] : rolePrices[i] * roleLo[i]
                }
            }
            let value = cost + constant - worth
            bound = value >= 0 ? (value + scale - 1) / scale : -((-value) / scale)
            exact = Double(value) / Double(scale)
        } else {
            bound = cost + constant + roleBound()
        }
        if !withOrganisations { bound += organisationBound() }

        // Who goes where: classes hand their people to hubs, hubs to tables.
        var waiting: [Int: [Int]] = [:]
        var seating = [Int](repeating: -1, count: n)
        func arrive(_ people: ArraySlice<Int>, at node: Int) {
            if let t = tableOfNode[node] {
                for p in people { seating[p] = t }
            } else {
                waiting[node, default: []].append(contentsOf: people)
            }
        }
        for (c, arcs) in classArcs.enumerated() {
            var members = classMembers[c][...]
            for (arc, target) in arcs {
                let f = network.flow(arc)
                guard f > 0 else { continue }
                arrive(members.prefix(f), at: target)
                members = members.dropFirst(f)
            }
        }
        for hub in hubs {
            var people = (waiting[hub.node] ?? [])[...]
            for (arc, t) in hub.arcs {
                let f = network.flow(arc)
                guard f > 0 else { continue }
                for p in people.prefix(f) { seating[p] = t }
                people = people.dropFirst(f)
            }
        }
        guard !seating.contains(-1) else { return nil }
        return Relaxation(bound: bound, seating: seating, value: exact)
    }

    /// A tighter bound: the role balance priced back in (Lagrangian relaxation), the prices moved
    /// by subgradient steps towards the best bound, with `upper` (a seating's penalty) as target.
    /// Stops when the bound reaches `upper` (the seating is then proven optimal), after a number of
    /// rounds without progress, or at the deadline. Returns the best bound found.
    func pricedBound(upper: Int, start: Int, deadline: ContinuousClock.Instant) -> Int {
        var best = start
        var bestValue = -Double.infinity
        let limit = weights.role * Self.priceScale
        var prices = [Int](repeating: 0, count: k * roleCount)
        var step = 1.0
        let patience = 4
        var stale = 0
        for _ in 0..<200 where best < upper && ContinuousClock.now < deadline {
            guard let relaxed = relaxation(deadline: deadline, rolePrices: prices) else { break }
            best = max(best, relaxed.bound)
            if relaxed.value > bestValue + 1e-9 {
                bestValue = relaxed.value
                stale = 0
            } else {
                stale += 1
                if stale >= patience {
                    step /= 2
                    stale = 0
                    if step < 0.005 { break }
                }
            }
            // The subgradient: how far each role count at each table lies outside its band.
            var count = [Int](repeating: 0, count: k * roleCount)
            for p in 0..<n { count[relaxed.seating[p] * roleCount + roleOf[p]] += 1 }
            var gradient = [Int](repeating: 0, count: k * roleCount)
            var norm = 0
            for i in gradient.indices {
                let c = count[i]
                if prices[i] > 0 {
                    gradient[i] = c - roleHi[i]
                } else if prices[i] < 0 {
                    gradient[i] = c - roleLo[i]
                } else {
                    gradient[i] = c > roleHi[i] ? c - roleHi[i] : (c < roleLo[i] ? c - roleLo[i] : 0)
                }
                norm += gradient[i] * gradient[i]
            }
            guard norm > 0 else { break }
            let move = step * max(0.5, Double(upper) - relaxed.value) / Double(norm) * Double(Self.priceScale)
            for i in prices.indices where gradient[i] != 0 {
                prices[i] = min(limit, max(-limit, prices[i] + Int((move * Double(gradient[i])).rounded())))
            }
        }
        return best
    }

    /// A node per table, with arcs to the sink that hold its size between its minimum (forced by a
    /// reward larger than any other cost on a path, taken back by the constant) and its maximum.
    private func tables(in network: inout MinCostFlow, sink: Int, scale: Int = 1) -> (nodes: [Int], constant: Int) {
        let force = 10_000_000 * scale
        var constant = 0
        var nodes = [Int](repeating: 0, count: k)
        for t in 0..<k {
            nodes[t] = network.addNode()
            if minSize[t] > 0 {
                network.addArc(nodes[t], sink, capacity: minSize[t], cost: -force)
                constant += force * minSize[t]
            }
            if maxSize[t] > minSize[t] { network.addArc(nodes[t], sink, capacity: maxSize[t] - minSize[t], cost: 0) }
        }
        return (nodes, constant)
    }

    /// Arcs whose cost is a band's penalty: each unit up to lo earns the weight back (the deficit
    /// shrinks), units up to hi are free, each unit beyond costs it. Returns the constant to add.
    private func band(in network: inout MinCostFlow, from node: Int, to table: Int, _ lo: Int, _ hi: Int, _ weight: Int) -> Int {
        if lo > 0 { network.addArc(node, table, capacity: lo, cost: -weight) }
        if hi > lo { network.addArc(node, table, capacity: hi - lo, cost: 0) }
        network.addArc(node, table, capacity: n, cost: weight)
        return weight * lo
    }

    /// The least role imbalance any seating of these table sizes has (pins ignored), weighted.
    func roleBound() -> Int {
        var network = MinCostFlow()
        let source = network.addNode()
        let sink = network.addNode()
        var (tableNode, constant) = tables(in: &network, sink: sink)
        var roleSize = [Int](repeating: 0, count: roleCount)
        for p in 0..<n { roleSize[roleOf[p]] += 1 }
        for r in 0..<roleCount {
            let node = network.addNode()
            network.addArc(source, node, capacity: roleSize[r], cost: 0)
            for t in 0..<k where maxSize[t] > 0 {
                let i = t * roleCount + r
                constant += band(in: &network, from: node, to: tableNode[t], roleLo[i], roleHi[i], weights.role)
            }
        }
        guard let (sent, cost) = network.solve(from: source, to: sink, amount: n), sent == n else { return 0 }
        return max(0, cost + constant)
    }

    /// Colleagues that must share a table: more of them than tables, or pinned together.
    func organisationBound() -> Int {
        var members = [Int](repeating: 0, count: orgCount)
        var pinnedTogether = [Int](repeating: 0, count: k * orgCount)
        for p in 0..<n {
            members[orgOf[p]] += 1
            if let t = pinned[p] { pinnedTogether[t * orgCount + orgOf[p]] += 1 }
        }
        var organization = 0
        for o in 0..<orgCount {
            var together = 0
            for t in 0..<k { together += max(0, pinnedTogether[t * orgCount + o] - 1) }
            organization += max(together, members[o] - k)
        }
        return weights.organization * organization
    }
}
