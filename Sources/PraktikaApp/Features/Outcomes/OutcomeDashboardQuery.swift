import Foundation
import PraktikaDomain
import SQLKit

/// The figures of the outcome dashboards, read from the running tallies: a few rows per survey,
/// never the answers themselves.
struct OutcomeDashboardQuery {
    let db: any SQLDatabase

    struct Figures: Sendable, Equatable {
        var services = 0
        var answers = 0
        var libraries = 0
        var areas: [OutcomeArea: Int] = [:]
    }

    func figures(_ scope: OutcomeStore.Scope) async throws -> Figures {
        var figures = Figures()
        if let row = try await db.raw(
            """
            SELECT COUNT(DISTINCT s.design_id) AS services, CAST(COALESCE(SUM(t.answered), 0) AS BIGINT) AS answers FROM outcome_tallies t \
            JOIN outcome_surveys s ON s.id = t.survey_id WHERE t.item = \(bind: OutcomeStore.answersItem) AND t.answered > 0\(scope.designFilter)
            """
        ).first() {
            figures.services = Int(try row.decode(column: "services", as: Int64.self))
            figures.answers = Int(try row.decode(column: "answers", as: Int64.self))
        }
        if let row = try await db.raw(
            """
            SELECT COUNT(DISTINCT dl.library_id) AS libraries FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id \
            JOIN design_libraries dl ON dl.design_id = s.design_id JOIN libraries l ON l.id = dl.library_id \
            WHERE t.item = \(bind: OutcomeStore.answersItem) AND t.answered > 0\(scope.libraryFilter)
            """
        ).first() {
            figures.libraries = Int(try row.decode(column: "libraries", as: Int64.self))
        }
        for row in try await db.raw(
            """
            SELECT p.areas AS areas FROM outcome_plans p WHERE p.design_id IN (SELECT s.design_id FROM outcome_tallies t \
            JOIN outcome_surveys s ON s.id = t.survey_id WHERE t.item = \(bind: OutcomeStore.answersItem) AND t.answered > 0\(scope.designFilter))
            """
        ).all() {
            for code in try row.decode(column: "areas", as: String.self).split(separator: ",") {
                if let area = OutcomeArea(rawValue: String(code)) { figures.areas[area, default: 0] += 1 }
            }
        }
        return figures
    }

    struct DistrictRow: Sendable, Equatable {
        let code: String
        var services: Set<Int64> = []
        var libraries: Set<Int64> = []
        var answers = 0
    }

    /// Per district: services with answers, their libraries, and answers (a service of libraries
    /// in two districts counts in both).
    func byDistrict() async throws -> [DistrictRow] {
        let rows = try await db.raw(
            """
            SELECT l.district_code AS code, s.id AS survey, s.design_id AS design, dl.library_id AS library, t.answered AS answered \
            FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id JOIN design_libraries dl ON dl.design_id = s.design_id \
            JOIN libraries l ON l.id = dl.library_id WHERE t.item = \(bind: OutcomeStore.answersItem) AND t.answered > 0 \
            AND l.district_code IS NOT NULL
            """
        ).all()
        var result: [String: DistrictRow] = [:]
        var counted: Set<String> = []
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            let survey = try row.decode(column: "survey", as: Int64.self)
            var entry = result[code] ?? DistrictRow(code: code)
            entry.services.insert(try row.decode(column: "design", as: Int64.self))
            entry.libraries.insert(try row.decode(column: "library", as: Int64.self))
            if counted.insert("\(code)/\(survey)").inserted { entry.answers += Int(try row.decode(column: "answered", as: Int64.self)) }
            result[code] = entry
        }
        return result.values.sorted { $0.code < $1.code }
    }

    struct ServiceRow: Sendable {
        let id: Int64
        let title: String
        let visibility: DesignVisibility
        let answers: Int
    }

    /// Services with answers in the scope, most answered first; the caller shows those the
    /// reader may see.
    func services(_ scope: OutcomeStore.Scope, limit: Int = 200) async throws -> [ServiceRow] {
        try await db.raw(
            """
            SELECT d.id AS id, d.title AS title, d.visibility AS visibility, CAST(SUM(t.answered) AS BIGINT) AS answers FROM outcome_tallies t \
            JOIN outcome_surveys s ON s.id = t.survey_id JOIN service_designs d ON d.id = s.design_id \
            WHERE t.item = \(bind: OutcomeStore.answersItem) AND t.answered > 0\(scope.designFilter) \
            GROUP BY d.id, d.title, d.visibility ORDER BY SUM(t.answered) DESC, d.id LIMIT \(literal: limit)
            """
        ).all().map { row in
            ServiceRow(
                id: try row.decode(column: "id", as: Int64.self), title: try row.decode(column: "title", as: String.self),
                visibility: DesignVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) ?? .libraries,
                answers: Int(try row.decode(column: "answers", as: Int64.self)))
        }
    }
}
