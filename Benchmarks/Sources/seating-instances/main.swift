import Foundation
import PraktikaDomain

// seating-instances write DIR   — writes the benchmark instances as `praktika seat` JSON, for the
//                                 reference solver (reference/cpsat_seating.py) and for `praktika seat`.
// seating-instances solve FILE [RUNS] [SECONDS] [WORKERS] — solves an instance RUNS times (seeds 1…RUNS)
//                                 within SECONDS (default 1.8) with WORKERS searches side by side (default:
//                                 the solver's) and prints penalty, lower bound, moves and time per run.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "solve":
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let problem = try JSONDecoder().decode(SeatingProblem.self, from: data)
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
    let budget = arguments.count > 3 ? Double(arguments[3]) ?? 1.8 : 1.8
    var options = SeatingSolver.Options(timeLimit: .seconds(budget))
    if arguments.count > 4, let workers = Int(arguments[4]) { options.workers = max(1, workers) }
    let clock = ContinuousClock()
    for seed in 1...runs {
        var result: SeatingResult?
        let elapsed = try clock.measure {
            options.seed = UInt64(seed)
            result = try SeatingSolver.solve(problem, options: options)
        }
        let r = result!
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print(
            "seed \(seed): total \(r.penalty.total) (district \(r.penalty.district), role \(r.penalty.role), "
                + "organization \(r.penalty.organization), preference \(r.penalty.preference)), bound \(r.lowerBound), "
                + "moves \(r.movesTried), \(String(format: "%.1f", ms)) ms")
    }
default:
    let directory = arguments.dropFirst().first ?? arguments.first ?? "."
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let instances =
        [("velingrad-95x9", SyntheticMeeting.velingrad()), ("large-1000x100", SyntheticMeeting.large())]
        + SyntheticMeeting.hardFamily.map { ($0.name, SyntheticMeeting.hard($0)) }
    for (name, problem) in instances {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("\(name).json")
        try encoder.encode(problem).write(to: url)
        print(url.path)
    }
}
