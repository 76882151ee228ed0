import Foundation
import PraktikaDomain
import SQLKit

/// A reporting period with its result, as stored.
struct StoredPeriod: Sendable {
    let id: Int64
    let designID: Int64
    let period: IndicatorPeriod
    let result: IndicatorResult?
}

/// Reads and writes indicator periods and their results.
struct IndicatorStore {
    let db: any SQLDatabase

    private static let query = """
        SELECT p.id AS id, p.design_id AS design_id, p.indicator AS indicator, p.starts_on AS starts_on, p.ends_on AS ends_on, \
        p.target AS target, p.direction AS direction, r.value AS value, r.note AS note, r.status AS status, r.entered_by AS entered_by, \
        r.review_comment AS review_comment, r.reviewed_by AS reviewed_by FROM indicator_periods p \
        LEFT JOIN indicator_results r ON r.period_id = p.id
        """

    func periods(_ designID: Int64) async throws -> [StoredPeriod] {
        try await db.raw("\(unsafeRaw: Self.query) WHERE p.design_id = \(bind: designID) ORDER BY p.indicator, p.starts_on, p.id").all()
            .map(Self.period)
    }

    func period(_ id: Int64) async throws -> StoredPeriod? {
        try await db.raw("\(unsafeRaw: Self.query) WHERE p.id = \(bind: id)").first().map(Self.period)
    }

    /// The periods of every design of a district's libraries.
    func periods(district: String) async throws -> [StoredPeriod] {
        try await db.raw(
            """
            \(unsafeRaw: Self.query) WHERE p.design_id IN (SELECT dl.design_id FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id \
            WHERE l.district_code = \(bind: district)) ORDER BY p.ends_on, p.id
            """
        ).all().map(Self.period)
    }

    /// The periods of several designs at once.
    func periods(designs ids: [Int64]) async throws -> [StoredPeriod] {
        guard !ids.isEmpty else { return [] }
        let list = SQLList(ids.map { SQLBind($0) })
        return try await db.raw("\(unsafeRaw: Self.query) WHERE p.design_id IN (\(list)) ORDER BY p.ends_on, p.id").all().map(Self.period)
    }

    /// Every period whose result waits for review, oldest first; with a district, only its libraries' designs.
    func submitted(district: String? = nil) async throws -> [StoredPeriod] {
        var query: SQLQueryString = "\(unsafeRaw: Self.query) WHERE r.status = \(bind: ResultStatus.submitted.rawValue)"
        if let district {
            query =
                query
                + " AND p.design_id IN (SELECT dl.design_id FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id "
                + "WHERE l.district_code = \(bind: district))"
        }
        return try await db.raw(query + " ORDER BY p.ends_on, p.id").all().map(Self.period)
    }

    /// The periods a result is owed for, among the designs a subquery selects: ended with no result yet
    /// (due or overdue), or returned for correction. Oldest first.
    func owed(designsIn designs: SQLQueryString, today: LocalDate) async throws -> [StoredPeriod] {
        try await db.raw(
            "\(unsafeRaw: Self.query) WHERE p.design_id IN (" + designs
                + ") AND ((r.status IS NULL AND p.ends_on < \(bind: today.iso)) OR r.status = \(bind: ResultStatus.returned.rawValue))"
                + " ORDER BY p.ends_on, p.id"
        ).all().map(Self.period)
    }

    private static func period(_ row: any SQLRow) throws -> StoredPeriod {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        let period = IndicatorPeriod(
            indicator: try row.decode(column: "indicator", as: String.self),
            startsOn: LocalDate(parsing: try row.decode(column: "starts_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
            endsOn: LocalDate(parsing: try row.decode(column: "ends_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
            target: try text("target").flatMap(FixedDecimal.init(parsing:)),
            direction: IndicatorDirection(rawValue: try row.decode(column: "direction", as: String.self)) ?? .increase)
        var result: IndicatorResult?
        if let raw = try text("value"), let value = FixedDecimal(parsing: raw) {
            result = IndicatorResult(
                value: value, note: try text("note"), status: ResultStatus(rawValue: try text("status") ?? "") ?? .submitted,
                enteredBy: try text("entered_by"), reviewComment: try text("review_comment"), reviewedBy: try text("reviewed_by"))
        }
        return StoredPeriod(
            id: try row.decode(column: "id", as: Int64.self), designID: try row.decode(column: "design_id", as: Int64.self), period: period,
            result: result)
    }

    func insert(_ designID: Int64, _ period: IndicatorPeriod) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "indicator_periods").columns(
                "design_id", "indicator", "starts_on", "ends_on", "target", "direction"
            )
            .values(
                SQLBind(designID), SQLBind(period.indicator), SQLBind(period.startsOn.iso), SQLBind(period.endsOn.iso),
                SQLBind(period.target?.description), SQLBind(period.direction.rawValue)
            )
            .returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Enters (or corrects) a period's result, which then waits for review again.
    func submit(_ periodID: Int64, value: FixedDecimal, note: String?, by name: String?) async throws {
        try await db.insert(into: "indicator_results")
            .columns("period_id", "value", "note", "status", "entered_by", "entered_at", "review_comment", "reviewed_by", "reviewed_at")
            .values(
                SQLBind(periodID), SQLBind(value.description), SQLBind(note), SQLBind(ResultStatus.submitted.rawValue), SQLBind(name),
                SQLBind(Date()), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null
            )
            .onConflict(with: ["period_id"]) {
                $0.set(excludedValueOf: "value").set(excludedValueOf: "note").set(excludedValueOf: "status").set(
                    excludedValueOf: "entered_by"
                )
                .set(excludedValueOf: "entered_at").set(excludedValueOf: "review_comment").set(excludedValueOf: "reviewed_by")
                .set(excludedValueOf: "reviewed_at")
            }
            .run()
    }

    /// Approves or returns a submitted result; false when it was not (or no longer) submitted.
    func review(_ periodID: Int64, approve: Bool, comment: String?, by name: String?) async throws -> Bool {
        try await db.update("indicator_results").where("period_id", .equal, periodID)
            .where("status", .equal, ResultStatus.submitted.rawValue)
            .set("status", to: SQLBind(approve ? ResultStatus.approved.rawValue : ResultStatus.returned.rawValue))
            .set("review_comment", to: SQLBind(comment)).set("reviewed_by", to: SQLBind(name)).set("reviewed_at", to: SQLBind(Date()))
            .returning("period_id").first() != nil
    }
}
