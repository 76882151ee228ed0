import Foundation
import PraktikaDomain
import Vapor

/// `POST /api/v1/seating`: the seating solver as a service, the same one `praktika seat` and the
/// meeting pages use. Signed-in callers only; instances are capped, and searches queue
/// (`SeatingRunner`), so that requests cannot hold the cores for long.
struct SeatingAPIController: Sendable {
    static let maxParticipants = 5_000
    static let maxTables = 500

    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, .api(.seating), body: .collect(maxSize: "4mb"), use: solve)
    }

    @Sendable func solve(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        let problem: SeatingProblem
        problem = try req.decodeBody(SeatingProblem.self)
        guard problem.participants.count <= Self.maxParticipants, problem.tables.count <= Self.maxTables else {
            return try APIError.response(
                status: .payloadTooLarge, message: TextKey.errorBadRequest(req.language), code: "too_large",
                fields: ["participants": "≤ \(Self.maxParticipants)", "tables": "≤ \(Self.maxTables)"])
        }
        let result: SeatingResult
        do {
            // On the solver's own threads: the search is CPU work of up to two seconds.
            result = try await SeatingRunner.solve(problem, gate: req.application.seatingGate)
        } catch let error as SeatingError {
            return try APIError.response(
                status: .unprocessableEntity, message: MeetingService.message(error, tables: [], participants: [], req.language),
                code: "unseatable")
        } catch is SeatingRunner.Busy {
            throw APIFailure.solverBusy(req.language)
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try SeatingAnswer(result).json()))
    }
}
