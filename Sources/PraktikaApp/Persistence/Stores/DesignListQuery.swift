import Foundation
import PraktikaDomain
import SQLKit

/// The list of service designs a person may see, filtered and sorted in SQL: the permission
/// rule of `Policy.allows(_:_:design:)` written as a WHERE clause, so that paging counts only
/// what is shown.
enum DesignListQuery {
    static let sortColumns = ["title": "title_key", "status": "status", "updated": "updated_at", "budget": "budget_total_eur_minor"]

    struct Libraries: Sendable {
        var names: [String] = []
        var districtCodes: Set<String> = []
    }

    static func visible(to actor: Actor?) -> SQLQueryString {
        let inDistrict = { (code: String) -> SQLQueryString in
            """
            EXISTS (SELECT 1 FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id \
            WHERE dl.design_id = d.id AND l.district_code = \(bind: code))
            """
        }
        guard let actor else { return "d.visibility = 'public'" }
        switch actor.role {
        case .admin: return "1 = 1"
        case .partner: return "d.visibility = 'public'"
        case .coordinator:
            guard let code = actor.districtCode else { return "d.visibility = 'public'" }
            return "(d.visibility = 'public' OR " + inDistrict(code) + ")"
        case .librarian:
            var clause: SQLQueryString = "(d.visibility = 'public'"
            if let library = actor.libraryID {
                clause += " OR EXISTS (SELECT 1 FROM design_libraries dl WHERE dl.design_id = d.id AND dl.library_id = \(bind: library))"
            }
            if let code = actor.districtCode {
                clause += " OR (d.visibility = 'district' AND " + inDistrict(code) + ")"
            }
            return clause + ")"
        }
    }

    /// The filters of the list; the words typed in the search box are matched by the full-text
    /// index instead (`rows` does that), so they are not part of this clause.
    static func conditions(_ query: ListQuery, _ actor: Actor?) -> SQLQueryString {
        var parts: [SQLQueryString] = [visible(to: actor)]
        if let status = query.status { parts.append("d.status = \(bind: status)") }
        if let target = query.kind { parts.append("d.target_category = \(bind: target)") }
        if let district = query.district {
            parts.append(
                """
                EXISTS (SELECT 1 FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id \
                WHERE dl.design_id = d.id AND l.district_code = \(bind: district))
                """)
        }
        return parts.joined(separator: " AND ")
    }

    static func rows(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?) async throws -> (rows: [DesignListRow], total: Int) {
        if let q = query.q {
            // Searching: the index ranks, the filters and permissions still apply.
            let offset = (query.page - 1) * ListQuery.perPage
            let (hits, total) = try await SearchIndex(db: db).search(
                SearchQuery(q, analyzer: SearchSettings.analyzer), where: conditions(query, actor), limit: ListQuery.perPage, offset: offset
            )
            guard !hits.isEmpty else { return ([], total) }
            let rows = try await db.raw(
                "SELECT d.id, d.title, d.status, d.visibility, d.target_category, d.budget_total_eur_minor, d.updated_at FROM service_designs d WHERE d.id IN (\(binds: hits.map(\.designID)))"
            ).all(decoding: DesignListRow.self)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            return (hits.compactMap { byID[$0.designID] }, total)
        }
        let column = sortColumns[query.sort ?? "updated"] ?? "updated_at"
        let descending = query.sort == nil ? true : query.descending
        let direction = descending ? "DESC" : "ASC"
        let offset = (query.page - 1) * ListQuery.perPage
        let whereClause = conditions(query, actor)
        let rows = try await db.raw(
            """
            SELECT d.id, d.title, d.status, d.visibility, d.target_category, d.budget_total_eur_minor, d.updated_at \
            FROM service_designs d WHERE 
            """ + whereClause
                + " ORDER BY d.\(unsafeRaw: column) \(unsafeRaw: direction), d.id \(unsafeRaw: direction) LIMIT \(literal: ListQuery.perPage) OFFSET \(literal: offset)"
        ).all(decoding: DesignListRow.self)
        let total =
            try await db.raw("SELECT COUNT(*) AS n FROM service_designs d WHERE " + conditions(query, actor)).first()?
            .decode(column: "n", as: Int.self) ?? 0
        return (rows, total)
    }

    /// The libraries of each listed design, with their districts.
    static func libraries(_ db: any SQLDatabase, _ ids: [Int64]) async throws -> [Int64: Libraries] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column(SQLColumn("design_id", table: "dl")).column(SQLColumn("name", table: "l"))
            .column(SQLColumn("district_code", table: "l"))
            .from(SQLAlias(SQLIdentifier("design_libraries"), as: SQLIdentifier("dl")))
            .join(
                SQLAlias(SQLIdentifier("libraries"), as: SQLIdentifier("l")), method: SQLJoinMethod.inner,
                on: SQLColumn("library_id", table: "dl"), .equal, SQLColumn("id", table: "l")
            )
            .where(SQLColumn("design_id", table: "dl"), .in, SQLBind.group(ids))
            .orderBy(SQLColumn("name", table: "l"), SQLDirection.ascending)
            .all()
        var result: [Int64: Libraries] = [:]
        for row in rows {
            let id = try row.decode(column: "design_id", as: Int64.self)
            result[id, default: Libraries()].names.append(try row.decode(column: "name", as: String.self))
            if let code = try row.decode(column: "district_code", as: String?.self) {
                result[id, default: Libraries()].districtCodes.insert(code)
            }
        }
        return result
    }
}
