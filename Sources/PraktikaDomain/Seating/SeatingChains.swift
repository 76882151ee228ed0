import Foundation

/// Ejection chains: one person goes to a table, someone there makes room by going on to the table
/// where they cost least, and so on, until the chain closes at the table it started from or ends
/// at a free seat.
///
/// Where every balance is already perfect, a wish is seldom met by one move or one swap: the one
/// who arrives puts their district and role over the band, the one who leaves theirs under. A
/// chain lets several tables each give and take one person, so that the bands are mended further
/// along (one table's surplus librarian goes where one is missing, and that table's spare seat or
/// spare volunteer goes on), as the people who seat a meeting by hand do it.
extension SeatingState {
    /// Longest chain tried: depths from three to nine did about as well on the hard instances, and
    /// each step costs a look at every person at a table.
    static let chainDepth = 5
    /// On instances with more tables, each step looks at this many tables drawn at random.
    static let chainSample = 8

    /// Moves p to b and lets the chain run to `chainDepth` steps, each step moving the person at
    /// the chain's end table (not yet moved) to the table where that costs least. Keeps the
    /// cheapest prefix that leaves every table at an allowed size and returns its change with the
    /// moves made (person, table they came from), so the caller can undo them; nil if no prefix
    /// was allowed (then nothing changed).
    mutating func ejectionChain(_ p: Int, to b: Int, _ random: inout SplitMix64) -> (delta: Int, trail: [(person: Int, from: Int)])? {
        let origin = tableOf[p]
        guard origin != b else { return nil }
        var trail: [(person: Int, from: Int)] = [(p, origin)]
        var delta = moveDelta(p, from: origin, to: b)
        remove(p)
        add(p, b)
        var end = b
        func allowed() -> Bool { end == origin || (size[origin] >= minSize[origin] && size[end] <= maxSize[end]) }
        var bestDelta = allowed() ? delta : Int.max
        var bestLength = allowed() ? 1 : 0
        while trail.count < Self.chainDepth, end != origin {
            var choice: (q: Int, c: Int, delta: Int)?
            func consider(_ q: Int, _ c: Int) {
                let change = moveDelta(q, from: end, to: c)
                if choice == nil || change < choice!.delta { choice = (q, c, change) }
            }
            // Read in place: a copy of the list would be copied again when the chain moves on.
            let seated = members[end].count
            guard seated > 0 else { break }
            // Where the next one may go: back to the start, or to a few tables drawn at random
            // (all of them on small instances), or to a table they asked for.
            var destinations = [origin]
            if k <= Self.chainSample {
                destinations = Array(0..<k)
            } else {
                for _ in 0..<Self.chainSample { destinations.append(Int(random.next() % UInt64(k))) }
            }
            let offset = Int(random.next() % UInt64(seated))
            for i in 0..<seated {
                let q = members[end][(offset + i) % seated]
                guard pinned[q] == nil, !trail.contains(where: { $0.person == q }) else { continue }
                for c in destinations where c != end && maxSize[c] > 0 { consider(q, c) }
                if k > Self.chainSample {
                    for c in wished[q] where c != end { consider(q, c) }
                }
            }
            guard let (q, c, change) = choice else { break }
            trail.append((q, end))
            delta += change
            remove(q)
            add(q, c)
            end = c
            if allowed(), delta < bestDelta {
                bestDelta = delta
                bestLength = trail.count
            }
        }
        while trail.count > bestLength {
            let (q, from) = trail.removeLast()
            remove(q)
            add(q, from)
        }
        return bestLength > 0 ? (bestDelta, trail) : nil
    }

    /// Puts everyone of a chain back, last move first.
    mutating func undoChain(_ trail: [(person: Int, from: Int)]) {
        for (q, from) in trail.reversed() {
            remove(q)
            add(q, from)
        }
    }
}
