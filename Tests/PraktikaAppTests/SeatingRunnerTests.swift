import Foundation
import PraktikaDomain
import Testing

@testable import PraktikaApp

@Suite("Seating runner")
struct SeatingRunnerTests {
    @Test("the solver's gate lets so many in, queues a few more in order, and turns the rest away")
    func gate() async throws {
        let gate = SolverGate(slots: 1, waiting: 1)
        try await gate.enter()
        // The second waits in line until the first leaves.
        let second = Task { try await gate.enter() }
        while await gate.occupancy.waiting == 0 { await Task.yield() }
        // The line is full: a third is turned away at once.
        await #expect(throws: SeatingRunner.Busy.self) { try await gate.enter() }
        await gate.leave()
        try await second.value
        #expect(await gate.occupancy == (1, 0))
        await gate.leave()
        #expect(await gate.occupancy == (0, 0))
    }

    @Test("a seating asked for while the solver is taken and its line full is refused as busy, and the gate is left free after every run")
    func busyAndReleased() async throws {
        let gate = SolverGate(slots: 1, waiting: 0)
        let problem = SyntheticMeeting.velingrad()
        let result = try await SeatingRunner.solve(problem, gate: gate)
        #expect(result.isProvenOptimal)
        #expect(await gate.occupancy == (0, 0))
        // A refusal from the solver itself also frees the gate.
        await #expect(throws: SeatingError.noTables) {
            try await SeatingRunner.solve(SeatingProblem(tables: [], participants: problem.participants), gate: gate)
        }
        #expect(await gate.occupancy == (0, 0))
        try await gate.enter()
        await #expect(throws: SeatingRunner.Busy.self) { try await SeatingRunner.solve(problem, gate: gate) }
        await gate.leave()
    }
}
