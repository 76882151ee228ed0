import Foundation
import PraktikaDomain

/// Where the seating solver runs for the pages and the API: on threads of its own, never those
/// that serve requests, and only so many searches at a time, since each keeps two cores busy for
/// up to two seconds. A few more wait their turn; beyond that a caller is told the solver is busy
/// (and the API answers 503 with `Retry-After`), so that a burst of requests cannot starve the site.
enum SeatingRunner {
    /// One search at a time per two cores; four more may wait.
    static let shared = SolverGate(slots: max(1, ProcessInfo.processInfo.activeProcessorCount / 2), waiting: 4)

    struct Busy: Error {}

    static func solve(_ problem: SeatingProblem, gate: SolverGate = shared) async throws -> SeatingResult {
        try await gate.enter()
        do {
            let result = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(with: Result { try SeatingSolver.solve(problem) })
                }
            }
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }
}

/// A counting gate with a bounded queue: `slots` callers inside, at most `waiting` in line.
actor SolverGate {
    let slots: Int
    let waiting: Int
    private var inside = 0
    private var line: [CheckedContinuation<Void, Never>] = []

    init(slots: Int, waiting: Int) {
        self.slots = max(1, slots)
        self.waiting = max(0, waiting)
    }

    /// Enters, waiting in line if every slot is taken; throws `Busy` when the line is full.
    func enter() async throws {
        if inside < slots {
            inside += 1
            return
        }
        guard line.count < waiting else { throw SeatingRunner.Busy() }
        // The one leaving hands its slot straight to the first in line.
        await withCheckedContinuation { line.append($0) }
    }

    func leave() {
        if line.isEmpty {
            inside -= 1
        } else {
            line.removeFirst().resume()
        }
    }

    var occupancy: (inside: Int, waiting: Int) { (inside, line.count) }
}
