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
    }

    /// Instances with at most this many (organisation, table) pairs keep organisations in the flow.
    static let organisationLayerLimit = 12_000

    func relaxation(organisationLayer: Bool? = nil, deadline: ContinuousClock.Instant? = nil) -> Relaxation? {
        var orgSize = [Int](repeating: 0, count: orgCount)
        for p in 0..<n { orgSize[orgOf[p]] += 1 }
        let sharedOrgs = orgSize.filter { $0 >= 2 }.count
        let withOrganisations = organisationLayer ?? (sharedOrgs * k <= Self.organisationLayerLimit)

        var network = MinCostFlow()
        let source = network.addNode()
        let sink = network.addNode()
        var (tableNode, constant) = tables(in: &network, sink: sink)
        // District bands at each table.
        var districtAt = [Int](repeating: 0, count: districtCount * k)
        for d in 0..<districtCount {
            for t in 0..<k where maxSize[t] > 0 {
                let node = network.addNode()
                districtAt[d * k + t] = node
                let i = t * districtCount + d
                constant += band(in: &network, from: node, to: tableNode[t], districtLo[i], districtHi[i], weights.district)
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
                network.addArc(node, districtAt[d * k + t], capacity: n, cost: weights.organization)
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
        func spread(_ hub: Int, group: Int?) -> Int {
            let key = group.map { hub * (groupCount + 1) + $0 + 1 } ?? hub * (groupCount + 1)
            if let existing = group == nil ? anyTable[key] : groupTables[key] { return existing.node }
            let node = network.addNode()
            var arcs: [(Int, Int)] = []
            for t in 0..<k where maxSize[t] > 0 && (group == nil || tableGroup[t] == group) {
                arcs.append((network.addArc(node, hubAt(hub, t), capacity: n, cost: 0), t))
            }
            let made = Spread(node: node, arcs: arcs)
            if group == nil { anyTable[key] = made } else { groupTables[key] = made }
            hubs.append(made)
            return node
        }
        // People alike in hub, wishes and pin form one class that enters the network together.
        struct ClassKey: Hashable {
            var hub: Int
            var groups: [Int]
            var wishes: Bool
            var pin: Int
        }
        var classOf: [ClassKey: Int] = [:]
        var classMembers: [[Int]] = []
        var classKeys: [ClassKey] = []
        for p in 0..<n {
            let key = ClassKey(hub: hubKey(p), groups: wantedGroups[p], wishes: hasWishes[p], pin: pinned[p] ?? -1)
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
                let cost = hasWishes[p] && !satisfied[p * k + key.pin] ? weights.preference : 0
                arcs.append((network.addArc(node, target, capacity: n, cost: cost), target))
            } else {
                let target = spread(key.hub, group: nil)
                arcs.append((network.addArc(node, target, capacity: n, cost: key.wishes ? weights.preference : 0), target))
                for g in key.groups {
                    let target = spread(key.hub, group: g)
                    arcs.append((network.addArc(node, target, capacity: n, cost: 0), target))
                }
            }
            classArcs.append(arcs)
        }
        guard let (sent, cost) = network.solve(from: source, to: sink, amount: n, deadline: deadline), sent == n else { return nil }
        var bound = cost + constant + roleBound()
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
        return Relaxation(bound: bound, seating: seating)
    }

    /// A node per table, with arcs to the sink that hold its size between its minimum (forced by a
    /// reward larger than any other cost on a path, taken back by the constant) and its maximum.
    private func tables(in network: inout MinCostFlow, sink: Int) -> (nodes: [Int], constant: Int) {
        let force = 10_000_000
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
