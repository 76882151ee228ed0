import Foundation

/// Minimum-cost flow by successive shortest paths (Dijkstra over reduced costs), for the seating
/// solver's relaxations. Costs may be negative on arcs leaving the source side as long as the
/// network starts without a negative cycle (the seating networks are layered, so they do).
struct MinCostFlow {
    private(set) var nodeCount = 0
    private var to: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int] = []
    private var adjacency: [[Int]] = []

    mutating func addNode() -> Int {
        adjacency.append([])
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds an arc and its residual twin; returns the arc's index for reading its flow later.
    @discardableResult
    mutating func addArc(_ u: Int, _ v: Int, capacity c: Int, cost w: Int) -> Int {
        let index = to.count
        to.append(v)
        capacity.append(c)
        cost.append(w)
        adjacency[u].append(index)
        to.append(u)
        capacity.append(0)
        cost.append(-w)
        adjacency[v].append(index + 1)
        return index
    }

    /// The flow an arc carries.
    func flow(_ arc: Int) -> Int { capacity[arc ^ 1] }

    /// Sends up to `amount` from s to t as cheaply as possible; returns what was sent and its cost,
    /// or nil when the deadline passed first.
    mutating func solve(from s: Int, to t: Int, amount: Int, deadline: ContinuousClock.Instant? = nil) -> (flow: Int, cost: Int)? {
        let infinity = Int.max / 4
        // Potentials from Bellman-Ford (queue-based), since some costs are negative.
        var potential = [Int](repeating: infinity, count: nodeCount)
        var inQueue = [Bool](repeating: false, count: nodeCount)
        var queue = [s]
        var head = 0
        potential[s] = 0
        inQueue[s] = true
        while head < queue.count {
            let u = queue[head]
            head += 1
            inQueue[u] = false
            for e in adjacency[u] where capacity[e] > 0 {
                let v = to[e]
                if potential[u] + cost[e] < potential[v] {
                    potential[v] = potential[u] + cost[e]
                    if !inQueue[v] {
                        inQueue[v] = true
                        queue.append(v)
                    }
                }
            }
            if head > 4096, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        for v in 0..<nodeCount where potential[v] == infinity { potential[v] = 0 }

        var sent = 0
        var total = 0
        var distance = [Int](repeating: infinity, count: nodeCount)
        var via = [Int](repeating: -1, count: nodeCount)
        var done = [Bool](repeating: false, count: nodeCount)
        var heap = BinaryHeap()
        var rounds = 0
        while sent < amount {
            rounds += 1
            if let deadline, rounds % 32 == 0, ContinuousClock.now >= deadline { return nil }
            for v in 0..<nodeCount {
                distance[v] = infinity
                via[v] = -1
                done[v] = false
            }
            distance[s] = 0
            heap.removeAll()
            heap.push(0, s)
            while let (d, u) = heap.pop() {
                if done[u] || d > distance[u] { continue }
                done[u] = true
                if u == t { break }
                for e in adjacency[u] where capacity[e] > 0 {
                    let v = to[e]
                    let nd = d + cost[e] + potential[u] - potential[v]
                    if nd < distance[v] {
                        distance[v] = nd
                        via[v] = e
                        heap.push(nd, v)
                    }
                }
            }
            guard distance[t] < infinity else { break }
            // Nodes beyond t's distance take t's, which keeps every reduced cost non-negative.
            let reach = distance[t]
            for v in 0..<nodeCount { potential[v] += min(distance[v], reach) }
            var push = amount - sent
            var v = t
            while v != s {
                let e = via[v]
                push = min(push, capacity[e])
                v = to[e ^ 1]
            }
            v = t
            while v != s {
                let e = via[v]
                capacity[e] -= push
                capacity[e ^ 1] += push
                total += push * cost[e]
                v = to[e ^ 1]
            }
            sent += push
        }
        return (sent, total)
    }
}

/// A binary min-heap of (key, node) pairs.
struct BinaryHeap {
    private var keys: [Int] = []
    private var nodes: [Int] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Int, _ node: Int) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[parent] > keys[i] else { break }
            keys.swapAt(parent, i)
            nodes.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let top = keys.first else { return nil }
        let node = nodes[0]
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var smallest = i
                if l < keys.count, keys[l] < keys[smallest] { smallest = l }
                if r < keys.count, keys[r] < keys[smallest] { smallest = r }
                if smallest == i { break }
                keys.swapAt(smallest, i)
                nodes.swapAt(smallest, i)
                i = smallest
            }
        }
        return (top, node)
    }
}
