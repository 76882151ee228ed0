import Foundation
import PraktikaDomain

// Writes the benchmark instances as `praktika seat` JSON, for the reference solver
// (reference/cpsat_seating.py) and for `praktika seat` itself.
// Usage: seating-instances DIR
let directory = CommandLine.arguments.dropFirst().first ?? "."
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
for (name, problem) in [("velingrad-95x9", SyntheticMeeting.velingrad()), ("large-1000x100", SyntheticMeeting.large())] {
    let url = URL(fileURLWithPath: directory).appendingPathComponent("\(name).json")
    try encoder.encode(problem).write(to: url)
    print(url.path)
}
