import Foundation

/// Re-seating one class of alike people exactly.
///
/// People of one district and one role share every balance: with everyone else where they are,
/// the cost of putting c of them at table t is a convex function of c (the district's band plus
/// the role's band there), their colleagues' cost depends only on how many of one organisation
/// sit together, and each one's wish on their own table. That is a minimum-cost flow, so the best
/// seating of the class, empty seats included, is found exactly. Never worse than where they sat.
extension SeatingState {
    /// Re-seats every district-and-role class in turn; returns the total afterwards.
    mutating func reseatClasses() -> Int {
        var classes: [Int: [Int]] = [:]
        for p in 0..<n where pinned[p] == nil { classes[districtOf[p] * roleCount + roleOf[p], default: []].append(p) }
        var total = penalty().total
        for key in classes.keys.sorted() { total = reseat(classes[key]!, outerIsRole: true, total: total) }
        return total
    }

    /// Re-seats, in turn, everyone of one role and everyone of one district, where the network
    /// stays small enough (people × tables at most `groupLimit`); returns the total afterwards.
    mutating func reseatGroups() -> Int {
        var total = penalty().total
        var byRole = [[Int]](repeating: [], count: roleCount)
        var byDistrict = [[Int]](repeating: [], count: districtCount)
        for p in 0..<n where pinned[p] == nil {
            byRole[roleOf[p]].append(p)
            byDistrict[districtOf[p]].append(p)
        }
        for (groups, outerIsRole) in [(byRole, true), (byDistrict, false)] {
            for people in groups where people.count >= 2 && people.count * k <= Self.groupLimit {
                total = reseat(people, outerIsRole: outerIsRole, total: total)
            }
        }
        return total
    }

    /// Takes the people up and seats them where `bestSeats` says, keeping that only if the total
    /// (`total` now) does not grow; returns the total afterwards.
    private mutating func reseat(_ people: [Int], outerIsRole: Bool, total: Int) -> Int {
        let before = people.map { tableOf[$0] }
        for p in people { remove(p) }
        let after = bestSeats(for: people, outerIsRole: outerIsRole) ?? before
        for (i, p) in people.enumerated() { add(p, after[i]) }
        let now = penalty().total
        guard now > total else { return now }
        for p in people { remove(p) }
        for (i, p) in people.enumerated() { add(p, before[i]) }
        return total
    }

    static let groupLimit = 6_000

    /// The best tables for people who share a role (`outerIsRole`) or a district and have just
    /// been removed, everyone else staying; nil if the flow cannot seat them all (it always can
    /// where they came from). People flow through their organisation at a table, then through
    /// the attribute they differ in (district, or role) at that table, whose band is a convex cost
    /// there, then through the table, where the shared attribute's band is. Exact for one class of
    /// district and role, and for a role when organisations keep to one district; for a district
    /// it does not see colleagues of different roles meet (the caller checks the true total).
    func bestSeats(for people: [Int], outerIsRole: Bool = true) -> [Int]? {
        guard let first = people.first else { return [] }
        let m = people.count
        let outer = outerIsRole ? roleOf[first] : districtOf[first]
        func inner(_ p: Int) -> Int { outerIsRole ? districtOf[p] : roleOf[p] }
        func outerBand(_ t: Int, _ c: Int) -> Int {
            if outerIsRole {
                let i = t * roleCount + outer
                return weights.role * Self.band(rCount[i] + c, roleLo[i], roleHi[i])
            }
            let i = t * districtCount + outer
            return weights.district * Self.band(dCount[i] + c, districtLo[i], districtHi[i])
        }
        func innerBand(_ value: Int, _ t: Int, _ c: Int) -> Int {
            if outerIsRole {
                let i = t * districtCount + value
                return weights.district * Self.band(dCount[i] + c, districtLo[i], districtHi[i])
            }
            let i = t * roleCount + value
            return weights.role * Self.band(rCount[i] + c, roleLo[i], roleHi[i])
        }
        var network = MinCostFlow()
        let source = network.addNode()
        let sink = network.addNode()
        let force = 10_000_000
        var tableNode = [Int](repeating: -1, count: k)
        var room = [Int](repeating: 0, count: k)
        for t in 0..<k {
            room[t] = min(maxSize[t] - size[t], m)
            guard room[t] > 0 else { continue }
            let need = max(0, minSize[t] - size[t])
            let node = network.addNode()
            tableNode[t] = node
            for c in 1...room[t] {
                network.addArc(node, sink, capacity: 1, cost: outerBand(t, c) - outerBand(t, c - 1) - (c <= need ? force : 0))
            }
        }
        var innerSize: [Int: Int] = [:]
        for p in people { innerSize[inner(p), default: 0] += 1 }
        var innerNode: [Int: Int] = [:]
        func innerAt(_ value: Int, _ t: Int) -> Int {
            if let node = innerNode[value * k + t] { return node }
            let node = network.addNode()
            for c in 1...min(room[t], innerSize[value]!) {
                network.addArc(node, tableNode[t], capacity: 1, cost: innerBand(value, t, c) - innerBand(value, t, c - 1))
            }
            innerNode[value * k + t] = node
            return node
        }
        // Colleagues alike in the inner attribute meet at an organisation node per table: the first
        // one there is free unless a colleague from outside the group already sits at it.
        struct Colleagues: Hashable {
            var organisation: Int
            var inner: Int
        }
        var together: [Colleagues: Int] = [:]
        for p in people { together[Colleagues(organisation: orgOf[p], inner: inner(p)), default: 0] += 1 }
        var orgNode: [Int: Int] = [:]
        func target(_ p: Int, _ t: Int) -> (node: Int, cost: Int) {
            let o = orgOf[p]
            let elsewhere = oCount[t * orgCount + o] >= 1 ? weights.organization : 0
            let value = inner(p)
            guard together[Colleagues(organisation: o, inner: value)]! >= 2 else { return (innerAt(value, t), elsewhere) }
            let key = (o * max(districtCount, roleCount) + value) * k + t
            if let node = orgNode[key] { return (node, 0) }
            let node = network.addNode()
            network.addArc(node, innerAt(value, t), capacity: 1, cost: elsewhere)
            network.addArc(node, innerAt(value, t), capacity: m, cost: weights.organization)
            orgNode[key] = node
            return (node, 0)
        }
        var arcs: [[(arc: Int, table: Int)]] = []
        for p in people {
            let node = network.addNode()
            network.addArc(source, node, capacity: 1, cost: 0)
            var out: [(Int, Int)] = []
            for t in 0..<k where tableNode[t] >= 0 {
                let (to, cost) = target(p, t)
                let wish = hasWishes[p] && !satisfied[p * k + t] ? weights.preference : 0
                out.append((network.addArc(node, to, capacity: 1, cost: cost + wish), t))
            }
            arcs.append(out)
        }
        guard let (sent, _) = network.solve(from: source, to: sink, amount: m), sent == m else { return nil }
        var seats = [Int](repeating: -1, count: m)
        for (i, out) in arcs.enumerated() {
            for (arc, t) in out where network.flow(arc) > 0 { seats[i] = t }
        }
        return seats.contains(-1) ? nil : seats
    }
}
