import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Seating")
struct SeatingTests {
    static func person(_ id: Int64, _ district: String, _ role: String, _ org: String, wants: [String]? = nil, table: Int64? = nil)
        -> SeatingParticipant
    {
        SeatingParticipant(
            id: .number(id), district: district, role: role, organization: org, wants: wants, table: table.map { .number($0) })
    }

    static let twoTables = [SeatingTable(id: .number(1), targetGroup: "pupils"), SeatingTable(id: .number(2), targetGroup: "pensioners")]
    static let four = [
        person(1, "A", "x", "o1"), person(2, "A", "y", "o1"), person(3, "B", "x", "o2"), person(4, "B", "y", "o3"),
    ]

    @Test("the objective, worked by hand on four people at two tables")
    func objectiveByHand() throws {
        let problem = SeatingProblem(tables: Self.twoTables, participants: Self.four)
        // Both A's (one organisation) together, both B's together.
        let clustered: [SeatID: SeatID] = [.number(1): .number(1), .number(2): .number(1), .number(3): .number(2), .number(4): .number(2)]
        let penalty = try SeatingSolver.evaluate(problem, seating: clustered)
        // fair(t, A) = 2 × 1 / 2 = 1: each table has 2 or 0 of each district, one off the band each way.
        #expect(penalty.district == 4)
        #expect(penalty.role == 0)
        #expect(penalty.organization == 1)
        #expect(penalty.preference == 0)
        #expect(penalty.total == 10 * 4 + 5 * 1)

        var weighted = problem
        weighted.weights = SeatingWeights(district: 1, role: 1, organization: 100, preference: 1)
        #expect(try SeatingSolver.evaluate(weighted, seating: clustered).total == 4 + 100)
    }

    @Test("the solver finds the perfect mix for four and proves it optimal")
    func perfectMix() throws {
        let result = try SeatingSolver.solve(SeatingProblem(tables: Self.twoTables, participants: Self.four))
        #expect(result.penalty.total == 0)
        #expect(result.isProvenOptimal)
        #expect(result.seating[.number(1)] != result.seating[.number(2)])
    }

    @Test("without capacities table sizes differ by at most one; pinned people stay")
    func balancedAndPinned() throws {
        let people: [SeatingParticipant] = (1...10).map { (i: Int) -> SeatingParticipant in
            let district = i % 2 == 0 ? "A" : "B"
            let pin: Int64? = i == 1 ? 3 : nil
            return Self.person(Int64(i), district, "x", "org\(i)", table: pin)
        }
        let tables: [SeatingTable] = (1...3).map { (i: Int) in SeatingTable(id: .number(Int64(i)), targetGroup: "g\(i)") }
        let result = try SeatingSolver.solve(SeatingProblem(tables: tables, participants: people))
        let sizes = Dictionary(grouping: result.seating.values, by: { $0 }).mapValues(\.count)
        #expect(sizes.values.sorted() == [3, 3, 4])
        #expect(result.seating[SeatID.number(1)] == SeatID.number(3))
        #expect(try SeatingSolver.evaluate(SeatingProblem(tables: tables, participants: people), seating: result.seating) == result.penalty)
    }

    @Test("capacities are kept, and wishes are met where they can be")
    func capacitiesAndWishes() throws {
        let tables = [
            SeatingTable(id: .text("small"), targetGroup: "farmers", capacity: 2),
            SeatingTable(id: .text("large"), targetGroup: "pensioners", capacity: 6),
        ]
        let people = (1...6).map { i in
            Self.person(Int64(i), "A", "x", "org\(i)", wants: i <= 2 ? ["farmers"] : ["pensioners"])
        }
        let result = try SeatingSolver.solve(SeatingProblem(tables: tables, participants: people))
        #expect(result.seating.values.filter { $0 == .text("small") }.count <= 2)
        #expect(result.penalty.preference == 0)
        #expect(result.seating[.number(1)] == .text("small") && result.seating[.number(2)] == .text("small"))
    }

    @Test("a capacity as large as Int can hold is read as a very large table, not an overflow (found by the API contract run)")
    func hugeCapacities() throws {
        let tables = [
            SeatingTable(id: .number(1), targetGroup: "g", capacity: Int.max),
            SeatingTable(id: .number(2), targetGroup: "h", capacity: Int.max),
            SeatingTable(id: .number(3), targetGroup: "i", capacity: 1),
        ]
        let people = (1...5).map { Self.person(Int64($0), $0 % 2 == 0 ? "A" : "B", "x", "org\($0)") }
        let result = try SeatingSolver.solve(SeatingProblem(tables: tables, participants: people))
        #expect(result.seating.count == 5)
        #expect(result.seating.values.filter { $0 == .number(3) }.count <= 1)
    }

    @Test("an instance that cannot be seated says why")
    func refusals() {
        let t = [SeatingTable(id: .number(1), targetGroup: "g", capacity: 1)]
        #expect(throws: SeatingError.notEnoughSeats(seats: 1, participants: 2)) {
            try SeatingSolver.solve(
                SeatingProblem(tables: t, participants: [Self.person(1, "A", "x", "o"), Self.person(2, "A", "x", "o")]))
        }
        #expect(throws: SeatingError.unknownPinnedTable(participant: "1", table: "9")) {
            try SeatingSolver.solve(SeatingProblem(tables: t, participants: [Self.person(1, "A", "x", "o", table: 9)]))
        }
        #expect(throws: SeatingError.duplicateParticipant("1")) {
            try SeatingSolver.solve(
                SeatingProblem(tables: Self.twoTables, participants: [Self.person(1, "A", "x", "o"), Self.person(1, "B", "x", "o")]))
        }
        #expect(throws: SeatingError.noTables) { try SeatingSolver.solve(SeatingProblem(tables: [], participants: [])) }
        #expect(throws: SeatingViolation.movedPinned("1")) {
            try SeatingSolver.evaluate(
                SeatingProblem(
                    tables: Self.twoTables, participants: [Self.person(1, "A", "x", "o", table: 1), Self.person(2, "A", "x", "p")]),
                seating: [.number(1): .number(2), .number(2): .number(1)])
        }
    }

    @Test("a Velingrad-sized meeting (95 people, 9 tables) is seated to a proven optimum, every table mixed")
    func velingrad() throws {
        let problem = SyntheticMeeting.velingrad()
        // A move budget instead of a time limit, and one search, so that the answer depends neither on
        // the machine nor on which of two searches finishes first.
        let options = SeatingSolver.Options(maxMoves: 3_000_000, timeLimit: .seconds(120), workers: 1)
        let result = try SeatingSolver.solve(problem, options: options)
        #expect(result.isProvenOptimal, "penalty \(result.penalty.total), bound \(result.lowerBound), moves \(result.movesTried)")
        #expect(result.penalty.district == 0 && result.penalty.organization == 0)
        let sizes = Dictionary(grouping: result.seating.values, by: { $0 }).mapValues(\.count)
        #expect(Set(sizes.values) == [10, 11])
        for table in problem.tables {
            let seated = problem.participants.filter { result.seating[$0.id] == table.id }
            #expect(Set(seated.map(\.district)).count == 2, "table \(table.id)")
            #expect(Set(seated.map(\.organization)).count == seated.count, "table \(table.id): colleagues apart")
        }
        // The same seed gives the same seating.
        #expect(try SeatingSolver.solve(problem, options: options).seating == result.seating)
    }

    @Test("instances and answers read and write the JSON of `praktika seat`, ids as numbers or strings")
    func json() throws {
        let text = """
            {"tables":[{"id":1,"targetGroup":"pupils"},{"id":"t2","targetGroup":"farmers","capacity":3}],
             "participants":[{"id":"p1","district":"BG-13","role":"librarian","organization":"RB","wants":["farmers"]},
                             {"id":2,"district":"BG-21","role":"ngo","organization":"NGO","table":1}],
             "weights":{"preference":7}}
            """
        let problem = try JSONDecoder().decode(SeatingProblem.self, from: Data(text.utf8))
        #expect(problem.tables[1].id == .text("t2") && problem.tables[1].capacity == 3)
        #expect(problem.participants[1].table == .number(1))
        #expect(problem.weights == SeatingWeights(district: 10, role: 3, organization: 5, preference: 7))
        // A weight out of 0…1000 is refused as it is read: a huge one would overflow the weighted sums.
        for weight in ["1001", "-1", "9223372036854775807"] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(SeatingWeights.self, from: Data(#"{"district":\#(weight)}"#.utf8))
            }
        }
        let result = try SeatingSolver.solve(problem)
        #expect(result.seating[.text("p1")] == .text("t2"))
        #expect(result.seating[.number(2)] == .number(1))
    }

    @Test("minimum-cost flow, worked by hand: the negative arc makes the longer way the cheapest")
    func minCostFlowByHand() throws {
        var network = MinCostFlow()
        let s = network.addNode()
        let a = network.addNode()
        let b = network.addNode()
        let t = network.addNode()
        network.addArc(s, a, capacity: 3, cost: 1)
        network.addArc(s, b, capacity: 3, cost: 4)
        let cheap = network.addArc(a, t, capacity: 2, cost: 1)
        network.addArc(a, b, capacity: 2, cost: 1)
        network.addArc(b, t, capacity: 3, cost: -1)
        let solved = network.solve(from: s, to: t, amount: 4)
        let (flow, cost) = try #require(solved)
        // s→a→b→t costs 1 + 1 − 1 = 1 and takes a→b's two units; s→a's third unit goes a→t (2);
        // the fourth must go s→b→t (3). Sending it through a→t instead would cost 8.
        #expect(flow == 4)
        #expect(cost == 2 * 1 + 2 + 3)
        #expect(network.flow(cheap) == 1)
    }

    /// Small instances whose optimum is above zero: seven people, three tables, wishes that cannot
    /// all be met, colleagues, a pinned facilitator.
    static func small(seed: UInt64) -> SeatingProblem {
        var random = SplitMix64(seed: seed)
        let tables = (1...3).map { SeatingTable(id: .number(Int64($0)), targetGroup: $0 == 3 ? "g1" : "g\($0)") }
        let people = (1...7).map { i -> SeatingParticipant in
            let wish = random.next() % 3
            return Self.person(
                Int64(i), random.next() % 3 == 0 ? "B" : "A", random.next() % 2 == 0 ? "x" : "y", "o\(random.next() % 3)",
                wants: wish == 0 ? nil : ["g\(wish)"], table: i == 1 ? 2 : nil)
        }
        return SeatingProblem(tables: tables, participants: people)
    }

    /// The optimum by trying every seating.
    static func bruteForce(_ problem: SeatingProblem) -> Int {
        let n = problem.participants.count
        let k = problem.tables.count
        var best = Int.max
        var code = [Int](repeating: 0, count: n)
        for _ in 0..<Int(pow(Double(k), Double(n))) {
            var seating: [SeatID: SeatID] = [:]
            for (p, person) in problem.participants.enumerated() { seating[person.id] = problem.tables[code[p]].id }
            if let penalty = try? SeatingSolver.evaluate(problem, seating: seating) { best = min(best, penalty.total) }
            var i = 0
            while i < n {
                code[i] += 1
                if code[i] < k { break }
                code[i] = 0
                i += 1
            }
        }
        return best
    }

    @Test("where the optimum is above zero, the bound never passes it and the solver reaches it (every seating tried)")
    func hardSmallInstances() throws {
        var aboveZero = 0
        for seed in UInt64(1)...12 {
            let problem = Self.small(seed: seed)
            let optimum = Self.bruteForce(problem)
            let state = try SeatingState(problem)
            let relaxation = try #require(state.relaxation())
            #expect(relaxation.bound <= optimum, "seed \(seed)")
            let priced = state.pricedBound(upper: optimum, start: relaxation.bound, deadline: .now.advanced(by: .seconds(2)))
            #expect(priced >= relaxation.bound && priced <= optimum, "seed \(seed)")
            let result = try SeatingSolver.solve(problem, options: .init(timeLimit: .seconds(1)))
            #expect(result.penalty.total == optimum, "seed \(seed)")
            #expect(result.lowerBound <= optimum, "seed \(seed)")
            if optimum > 0 { aboveZero += 1 }
        }
        #expect(aboveZero >= 8)
    }

    @Test("the hard 50-person instance with capacities: the bound proves CP-SAT's optimum (40) at once")
    func hardFiftyProven() throws {
        let spec = try #require(SyntheticMeeting.hardFamily.first { $0.name == "hard-50x5-capacity" })
        let result = try SeatingSolver.solve(SyntheticMeeting.hard(spec))
        // OR-Tools CP-SAT proves 40 optimal for this instance (BENCHMARKS.md).
        #expect(result.penalty.total == 40)
        #expect(result.isProvenOptimal)
    }

    @Test(
        "re-seating one class of alike people, or everyone of one role, finds the best of every way to seat them, empty seats included",
        arguments: [false, true])
    func reseatIsExact(wholeRole: Bool) throws {
        for seed in UInt64(1)...8 {
            var problem = Self.small(seed: seed)
            // Capacities with two spare seats, so that people may also move into empty ones, and
            // organisations within one district, as registries have them.
            problem.tables = problem.tables.enumerated().map {
                SeatingTable(id: $1.id, targetGroup: $1.targetGroup, capacity: [3, 3, 3][$0])
            }
            problem.participants = problem.participants.map {
                var person = $0
                person.organization = "\(person.district)-\(person.organization)"
                return person
            }
            var state = try SeatingState(problem)
            // A start: everyone else at the emptiest table.
            for p in 0..<state.n where state.tableOf[p] < 0 { state.add(p, (0..<3).min { state.size[$0] < state.size[$1] }!) }
            let people = (0..<state.n).filter {
                state.pinned[$0] == nil && state.roleOf[$0] == state.roleOf[1] && (wholeRole || state.districtOf[$0] == state.districtOf[1])
            }
            // Every way to seat them with the others where they are.
            let others = state
            var best = Int.max
            for code in 0..<Int(pow(3.0, Double(people.count))) {
                var trial = others
                for p in people { trial.remove(p) }
                var c = code
                for p in people {
                    trial.add(p, c % 3)
                    c /= 3
                }
                if (0..<3).allSatisfy({ trial.size[$0] <= 3 }) { best = min(best, trial.penalty().total) }
            }
            for p in people { state.remove(p) }
            let seats = try #require(state.bestSeats(for: people, outerIsRole: true))
            for (i, p) in people.enumerated() { state.add(p, seats[i]) }
            #expect((0..<3).allSatisfy { state.size[$0] <= 3 })
            #expect(state.penalty().total == best, "seed \(seed)")
        }
    }

    @Test("on the hard 60-person instance, pricing the roles back in raises the bound towards CP-SAT's optimum (72) without passing it")
    func pricedBoundOnHardSixty() throws {
        let spec = try #require(SyntheticMeeting.hardFamily.first { $0.name == "hard-60x6-pinned" })
        let state = try SeatingState(SyntheticMeeting.hard(spec))
        let relaxation = try #require(state.relaxation())
        let priced = state.pricedBound(upper: 72, start: relaxation.bound, deadline: .now.advanced(by: .seconds(20)))
        #expect(priced > relaxation.bound)
        #expect(priced <= 72)
    }

    @Test("an ejection chain meets a wish no single move or swap can: the wisher's table is full, and the one who yields goes on")
    func ejectionChainByHand() throws {
        // Three tables: g1 and g2 seat one each, g3 two. Person 1 wants g1 and sits at g3; person 2
        // sits at g1 and is as happy at g2; person 3 sits at g2 and is as happy at g3.
        let tables = [
            SeatingTable(id: .number(1), targetGroup: "g1", capacity: 1), SeatingTable(id: .number(2), targetGroup: "g2", capacity: 1),
            SeatingTable(id: .number(3), targetGroup: "g3", capacity: 2),
        ]
        let people = [
            Self.person(1, "A", "x", "o1", wants: ["g1"]), Self.person(2, "A", "x", "o2", wants: ["g1", "g2"]),
            Self.person(3, "A", "x", "o3", wants: ["g2", "g3"]),
        ]
        // Balances weigh nothing here, so that the wishes alone decide each step.
        let weights = SeatingWeights(district: 0, role: 0, organization: 5, preference: 1)
        var state = try SeatingState(SeatingProblem(tables: tables, participants: people, weights: weights))
        for (p, t) in [(0, 2), (1, 0), (2, 1)] { state.add(p, t) }
        #expect(state.penalty().total == 1)
        // No move fits (table g1 is full) and no swap helps.
        #expect(!state.canMove(from: 2, to: 0))
        #expect(state.swapDelta(0, at: 2, with: 1, at: 0) >= 0 && state.swapDelta(0, at: 2, with: 2, at: 1) >= 0)
        var random = SplitMix64(seed: 1)
        let (delta, trail) = try #require(state.ejectionChain(0, to: 0, &random))
        #expect(delta == -1)
        #expect(state.penalty().total == 0)
        #expect(state.tableOf == [0, 1, 2])
        #expect(trail.count == 3)
        state.undoChain(trail)
        #expect(state.tableOf == [2, 0, 1])
    }

    @Test("ejection chains and cross swaps report exactly what they changed, keep every table at an allowed size, and undo cleanly")
    func ejectionChainsKeepTheRules() throws {
        for seed in UInt64(1)...6 {
            for capacities in [nil, [4, 3, 3] as [Int]?] {
                var problem = Self.small(seed: seed)
                if let capacities {
                    problem.tables = problem.tables.enumerated().map {
                        SeatingTable(id: $1.id, targetGroup: $1.targetGroup, capacity: capacities[$0])
                    }
                }
                var state = try SeatingState(problem)
                state.greedyStart()
                var random = SplitMix64(seed: seed)
                for _ in 0..<200 {
                    let movable = (0..<state.n).filter { state.pinned[$0] == nil }
                    let p = movable[Int(random.next() % UInt64(movable.count))]
                    let b = Int(random.next() % UInt64(state.k))
                    let before = state.tableOf
                    let total = state.penalty().total
                    let (roles, districts) = (state.rCount, state.dCount)
                    let cross = random.next() % 2 == 0
                    let made = cross ? state.crossSwap(p, from: state.tableOf[p], to: b, &random) : state.ejectionChain(p, to: b, &random)
                    guard let (delta, trail) = made else {
                        #expect(state.tableOf == before)
                        continue
                    }
                    if cross {
                        // A swap within a district keeps every district count; its repair, a swap
                        // of the two roles back, every role count.
                        if trail.count == 2 { #expect(state.dCount == districts) }
                        if trail.count == 4 { #expect(state.rCount == roles) }
                    }
                    #expect(state.penalty().total == total + delta, "seed \(seed)")
                    #expect((0..<state.k).allSatisfy { state.size[$0] >= state.minSize[$0] && state.size[$0] <= state.maxSize[$0] })
                    if random.next() % 2 == 0 { state.undoChain(trail) }
                    if state.penalty().total == total { continue }
                    #expect(state.tableOf != before)
                }
            }
        }
    }

    @Test("two searches side by side give a seating at least as good as either alone, with every rule kept")
    func twoWorkers() throws {
        let spec = try #require(SyntheticMeeting.hardFamily.first { $0.name == "hard-100x10" })
        let problem = SyntheticMeeting.hard(spec)
        // Move budgets, so that what each search does is the same however the machine is loaded.
        let alone = try SeatingSolver.solve(problem, options: .init(maxMoves: 150_000, timeLimit: .seconds(60), seed: 7, workers: 1))
        let both = try SeatingSolver.solve(problem, options: .init(maxMoves: 150_000, timeLimit: .seconds(60), seed: 7, workers: 2))
        #expect(both.penalty.total <= alone.penalty.total)
        #expect(try SeatingSolver.evaluate(problem, seating: both.seating) == both.penalty)
        #expect(both.lowerBound <= both.penalty.total)
        #expect(both.movesTried > alone.movesTried)
    }
}
