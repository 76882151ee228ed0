import Foundation
import PraktikaDomain
import Vapor

/// `praktika seat`: reads a seating instance as JSON on standard input and prints the seating
/// and its penalty, with the same solver the meeting pages use.
struct SeatCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seconds", help: "the longest the search may take (default 1.8)")
        var seconds: Double?
        @Option(name: "seed", help: "the random seed (default 2012)")
        var seed: UInt64?
        @Option(
            name: "workers",
            help:
                "searches side by side (default 2, one per core); with 1 and a search that proves its optimum, the same seed gives the same seating"
        )
        var workers: Int?
    }

    var help: String {
        "Seats meeting participants at work tables. Reads {\"tables\":[…],\"participants\":[…],\"weights\"?:{…}} on standard input."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let problem: SeatingProblem
        do {
            problem = try JSONDecoder().decode(SeatingProblem.self, from: input)
        } catch {
            throw SeatingCommandError(message: "the input is not a seating instance: \(error)")
        }
        var options = SeatingSolver.Options()
        if let seconds = signature.seconds { options.timeLimit = .milliseconds(Int(max(0.001, seconds) * 1000)) }
        if let seed = signature.seed { options.seed = seed }
        if let workers = signature.workers { options.workers = min(max(1, workers), 8) }
        let result: SeatingResult
        do {
            result = try SeatingSolver.solve(problem, options: options)
        } catch let error as SeatingError {
            throw SeatingCommandError(message: error.description)
        }
        FileHandle.standardOutput.write(try SeatingAnswer(result).json())
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

struct SeatingCommandError: Error, CustomStringConvertible, LocalizedError {
    let message: String
    var description: String { message }
    var errorDescription: String? { message }
}

/// The answer's JSON: `{"seating": {participant: table}, "penalty": {…}}`.
struct SeatingAnswer: Encodable {
    let seating: [String: SeatID]
    let penalty: SeatingPenalty

    init(_ result: SeatingResult) {
        seating = Dictionary(uniqueKeysWithValues: result.seating.map { ($0.key.description, $0.value) })
        penalty = result.penalty
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
