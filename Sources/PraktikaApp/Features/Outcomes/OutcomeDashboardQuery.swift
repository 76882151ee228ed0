import Foundation
import PraktikaDomain
import SQLKit

/// The figures of the outcome dashboards, read from the running tallies: a few rows per survey,
/// never the answers themselves.
struct OutcomeDashboardQuery {
    let db: any SQLDatabase

    struct Figures: Sendable, Equatable {
        /// Services running now in the scope.
        var running = 0
        /// Reporting periods ended without a result, or with one returned for correction.
        var resultsDue = 0
        var services = 0
        var answers = 0
        var libraries = 0
        /// Services measured per outcome area code.
        var areas: [String: Int] = [:]
    }

    /// A condition on a design id column for the scope.
    static func designs(in scope: OutcomeStore.Scope, column: String) -> SQLQueryString {
        switch scope {
        case .network: return ""
        case .district(let code):
            return
                " AND \(unsafeRaw: column) IN (SELECT dl.design_id FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id WHERE l.district_code = \(bind: code))"
        case .library(let id):
            return " AND \(unsafeRaw: column) IN (SELECT dl.design_id FROM design_libraries dl WHERE dl.library_id = \(bind: id))"
        }
    }

    func figures(_ scope: OutcomeStore.Scope, today: LocalDate = LocalDate(Date())) async throws -> Figures {
        var figures = Figures()
        if let row = try await db.raw(
            """
            SELECT COUNT(*) AS n FROM service_designs d WHERE d.status = \(bind: DesignStatus.running.rawValue)\(Self.designs(in: scope, column: "d.id"))
            """
        ).first() {
            figures.running = Int(try row.decode(column: "n", as: Int64.self))
        }
        if let row = try await db.raw(
            """
            SELECT COUNT(*) AS n FROM indicator_periods p LEFT JOIN indicator_results r ON r.period_id = p.id \
            WHERE p.ends_on < \(bind: today.iso) AND (r.status IS NULL OR r.status = \(bind: ResultStatus.returned.rawValue))\
            \(Self.designs(in: scope, column: "p.design_id"))
            """
        ).first() {
            figures.resultsDue = Int(try row.decode(column: "n", as: Int64.self))
        }
        if let row = try await db.raw(
            """
            SELECT COUNT(*) AS services FROM outcome_scope_services WHERE scope = \(bind: scope.key) AND answers > 0
            """
        ).first() {
            figures.services = Int(try row.decode(column: "services", as: Int64.self))
        }
        if let row = try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(answered), 0) AS BIGINT) AS answers FROM outcome_rollups \
            WHERE scope = \(bind: scope.key) AND item = \(bind: OutcomeStore.answersItem)
            """
        ).first() {
            figures.answers = Int(try row.decode(column: "answers", as: Int64.self))
        }
        if let row = try await db.raw(
            """
            SELECT COUNT(DISTINCT library_id) AS libraries FROM outcome_contributors WHERE scope = \(bind: scope.key) \
            AND item = \(bind: OutcomeStore.answersItem)
            """
        ).first() {
            figures.libraries = Int(try row.decode(column: "libraries", as: Int64.self))
        }
        for row in try await db.raw(
            """
            SELECT p.areas AS areas, COUNT(*) AS n FROM outcome_plans p JOIN outcome_scope_services x ON x.design_id = p.design_id \
            WHERE x.scope = \(bind: scope.key) AND x.answers > 0 GROUP BY p.areas
            """
        ).all() {
            let n = Int(try row.decode(column: "n", as: Int64.self))
            for code in try row.decode(column: "areas", as: String.self).split(separator: ",") {
                figures.areas[String(code), default: 0] += n
            }
        }
        return figures
    }

    struct DistrictRow: Sendable, Equatable {
        let code: String
        var services = 0
        var libraries = 0
        var answers = 0
    }

    /// Per district: services with answers, their libraries, and answers (a service of libraries
    /// in two districts counts in both).
    func byDistrict() async throws -> [DistrictRow] {
        var result: [String: DistrictRow] = [:]
        func code(_ row: any SQLRow) throws -> String {
            String(try row.decode(column: "scope", as: String.self).dropFirst("district:".count))
        }
        for row in try await db.raw(
            """
            SELECT scope, CAST(SUM(answered) AS BIGINT) AS n FROM outcome_rollups WHERE item = \(bind: OutcomeStore.answersItem) \
            AND scope LIKE 'district:%' GROUP BY scope
            """
        ).all() {
            let c = try code(row)
            result[c, default: DistrictRow(code: c)].answers = Int(try row.decode(column: "n", as: Int64.self))
        }
        for row in try await db.raw(
            "SELECT scope, COUNT(*) AS n FROM outcome_scope_services WHERE scope LIKE 'district:%' AND answers > 0 GROUP BY scope"
        ).all() {
            let c = try code(row)
            result[c, default: DistrictRow(code: c)].services = Int(try row.decode(column: "n", as: Int64.self))
        }
        for row in try await db.raw(
            """
            SELECT scope, COUNT(DISTINCT library_id) AS n FROM outcome_contributors WHERE item = \(bind: OutcomeStore.answersItem) \
            AND scope LIKE 'district:%' GROUP BY scope
            """
        ).all() {
            let c = try code(row)
            result[c, default: DistrictRow(code: c)].libraries = Int(try row.decode(column: "n", as: Int64.self))
        }
        return result.values.filter { $0.answers > 0 }.sorted { $0.code < $1.code }
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
            SELECT d.id AS id, d.title AS title, d.visibility AS visibility, x.answers AS answers FROM outcome_scope_services x \
            JOIN service_designs d ON d.id = x.design_id WHERE x.scope = \(bind: scope.key) AND x.answers > 0 \
            ORDER BY x.answers DESC, x.design_id LIMIT \(literal: limit)
            """
        ).all().map { row in
            ServiceRow(
                id: try row.decode(column: "id", as: Int64.self), title: try row.decode(column: "title", as: String.self),
                visibility: DesignVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) ?? .libraries,
                answers: Int(try row.decode(column: "answers", as: Int64.self)))
        }
    }
}
