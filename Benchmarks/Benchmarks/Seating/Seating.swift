import Benchmark
import PraktikaDomain

// The seating goals of the meetings issue: 95 participants / 9 tables solved to the optimum in
// under 50 ms; 1,000 / 100 tables / 28 districts / 300 organisations in under 2 s within 2 % of
// OR-Tools CP-SAT. The floor is scoring one seating of the large instance: the cheapest useful
// thing the solver does, measured in the same run so that ratios survive a noisy machine.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], timeUnits: .microseconds, maxDuration: .seconds(30), maxIterations: 200)

    let velingrad = SyntheticMeeting.velingrad()
    let large = SyntheticMeeting.large()
    let largeSeating = try! SeatingSolver.solve(large, options: .init(maxMoves: 50_000)).seating

    Benchmark("Floor: score one seating of 1000 people") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! SeatingSolver.evaluate(large, seating: largeSeating))
        }
    }

    Benchmark("Seat 95 people at 9 tables (to the proven optimum)") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = try! SeatingSolver.solve(velingrad, options: .init(maxMoves: 50_000_000, timeLimit: .seconds(10)))
            precondition(result.isProvenOptimal, "not optimal: \(result.penalty.total) > \(result.lowerBound)")
            blackHole(result)
        }
    }

    // The hard family (optimum above zero, balances against wishes; BENCHMARKS.md has CP-SAT's
    // results beside these). Up to 200 people the goal is CP-SAT's optimum within 300 ms, so they
    // run with that budget; the seatings' penalties over seeds are in BENCHMARKS.md, from
    // `seating-instances solve`.
    for spec in SyntheticMeeting.hardFamily {
        let problem = SyntheticMeeting.hard(spec)
        let small = spec.participants <= 200
        let options = SeatingSolver.Options(timeLimit: small ? .milliseconds(300) : .seconds(1.8))
        Benchmark(
            "Seat \(spec.name) (\(small ? "0.3" : "1.8") s budget)",
            configuration: .init(maxDuration: .seconds(30), maxIterations: small ? 20 : 8)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! SeatingSolver.solve(problem, options: options))
            }
        }
    }

    Benchmark("Seat 1000 people at 100 tables (1.8 s budget)", configuration: .init(maxDuration: .seconds(60), maxIterations: 15)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            let result = try! SeatingSolver.solve(large)
            // CP-SAT proves 0 optimal for this instance (BENCHMARKS.md); within 2 % of 0 is 0.
            precondition(result.penalty.total == 0, "penalty \(result.penalty.total) on the large instance")
            blackHole(result)
        }
    }
}
