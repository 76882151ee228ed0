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
        for key in classes.keys.sorted() {
            let people = classes[key]!
            let before = people.map { tableOf[$0] }
            for p in people { remove(p) }
            guard let after = bestSeats(for: people) else {
                for (i, p) in people.enumerated() { add(p, before[i]) }
                continue
            }
            for (i, p) in people.enumerated() { add(p, after[i]) }
            let now = penalty().total
            if now <= total {
                total = now
            } else {
                for p in people { remove(p) }
                for (i, p) in people.enumerated() { add(p, before[i]) }
            }
        }
        return total
    }

    /// The best tables for people of one district and role who have just been removed, everyone
    /// else staying; nil if the flow cannot seat them all (it always can where they came from).
    func bestSeats(for people: [Int]) -> [Int]? {
        guard let first = people.first else { return [] }
        let m = people.count
        let d = districtOf[first]
        let r = roleOf[first]
        var network = MinCostFlow()
        let source = network.addNode()
        let sink = network.addNode()
        let force = 10_000_000
        var tableNode = [Int](repeating: -1, count: k)
        for t in 0..<k {
            let room = min(maxSize[t] - size[t], m)
            guard room > 0 else { continue }
            let need = max(0, minSize[t] - size[t])
            let node = network.addNode()
            tableNode[t] = node
            let di = t * districtCount + d
            let ri = t * roleCount + r
            for c in 1...room {
                var cost =
                    weights.district
                    * (Self.band(dCount[di] + c, districtLo[di], districtHi[di])
                        - Self.band(dCount[di] + c - 1, districtLo[di], districtHi[di]))
                cost +=
                    weights.role
                    * (Self.band(rCount[ri] + c, roleLo[ri], roleHi[ri]) - Self.band(rCount[ri] + c - 1, roleLo[ri], roleHi[ri]))
                if c <= need { cost -= force }
                network.addArc(node, sink, capacity: 1, cost: cost)
            }
        }
        // Colleagues within the class meet at an organisation node per table: the first one there
        // is free unless a colleague from outside the class already sits at it.
        var inClass: [Int: Int] = [:]
        for p in people { inClass[orgOf[p], default: 0] += 1 }
        var orgNode: [Int: Int] = [:]
        func target(_ p: Int, _ t: Int) -> (node: Int, cost: Int) {
            let o = orgOf[p]
            let elsewhere = oCount[t * orgCount + o] >= 1 ? weights.organization : 0
            guard inClass[o]! >= 2 else { return (tableNode[t], elsewhere) }
            if let node = orgNode[o * k + t] { return (node, 0) }
            let node = network.addNode()
            network.addArc(node, tableNode[t], capacity: 1, cost: elsewhere)
            network.addArc(node, tableNode[t], capacity: m, cost: weights.organization)
            orgNode[o * k + t] = node
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
