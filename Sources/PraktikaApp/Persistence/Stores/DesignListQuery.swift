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

    /// Who may see what, and whether only published practices are listed: the part of the
    /// filters that is not a facet.
    static func access(_ query: ListQuery, _ actor: Actor?) -> SQLQueryString {
        query.practicesOnly ? visible(to: actor) + " AND d.published_on IS NOT NULL" : visible(to: actor)
    }

    /// The filters of the list; the words typed in the search box are matched by the full-text
    /// index instead (`page` does that), so they are not part of this clause.
    static func conditions(_ query: ListQuery, _ actor: Actor?, except skipped: DesignFacet? = nil) -> SQLQueryString {
        var parts: [SQLQueryString] = [access(query, actor)]
        for (facet, value) in selected(query) where facet != skipped {
            parts.append(
                "EXISTS (SELECT 1 FROM design_facets f WHERE f.design_id = d.id AND f.facet = \(bind: facet.rawValue) AND f.value = \(bind: value))"
            )
        }
        return parts.joined(separator: " AND ")
    }

    /// The facet values chosen in the URL.
    static func selected(_ query: ListQuery) -> [(DesignFacet, String)] {
        let chosen: [(DesignFacet, String?)] = [
            (.status, query.status), (.target, query.kind), (.district, query.district), (.innovation, query.innovation),
            (.partnerKind, query.partnerKind), (.budget, query.budget), (.year, query.year),
        ]
        return chosen.compactMap { facet, value in value.map { (facet, $0) } }
    }

    /// One page of the list: its rows, how many there are in all, the facet counts (when asked
    /// for), and whether a search looked at only the newest `SearchIndex.candidateCap` matches.
    struct Page: Sendable {
        var rows: [DesignListRow] = []
        var total = 0
        var facets: [(facet: DesignFacet, values: [(value: String, count: Int)])] = []
        var capped = false
    }

    static func page(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?, facets: Bool = true) async throws -> Page {
        var page = Page()
        if let q = query.q {
            // Searching: the index ranks, filters and counts in one pass; permissions still apply.
            let outcome = try await SearchIndex(db: db).search(
                SearchQuery(q, analyzer: SearchSettings.analyzer), where: access(query, actor), selected: selected(query),
                limit: ListQuery.perPage, offset: (query.page - 1) * ListQuery.perPage)
            page.total = outcome.total
            page.capped = outcome.capped
            if facets { page.facets = outcome.facets }
            guard !outcome.hits.isEmpty else { return page }
            let rows = try await db.raw(
                "SELECT d.id, d.title, d.status, d.visibility, d.target_category, d.budget_total_eur_minor, d.updated_at FROM service_designs d WHERE d.id IN (\(binds: outcome.hits.map(\.designID)))"
            ).all(decoding: DesignListRow.self)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            page.rows = outcome.hits.compactMap { byID[$0.designID] }
            return page
        }
        let column = sortColumns[query.sort ?? "updated"] ?? "updated_at"
        let descending = query.sort == nil ? true : query.descending
        let direction = descending ? "DESC" : "ASC"
        let offset = (query.page - 1) * ListQuery.perPage
        let whereClause = conditions(query, actor)
        page.rows = try await db.raw(
            """
            SELECT d.id, d.title, d.status, d.visibility, d.target_category, d.budget_total_eur_minor, d.updated_at \
            FROM service_designs d WHERE 
            """ + whereClause
                + " ORDER BY d.\(unsafeRaw: column) \(unsafeRaw: direction), d.id \(unsafeRaw: direction) LIMIT \(literal: ListQuery.perPage) OFFSET \(literal: offset)"
        ).all(decoding: DesignListRow.self)
        page.total =
            try await db.raw("SELECT COUNT(*) AS n FROM service_designs d WHERE " + whereClause).first()?
            .decode(column: "n", as: Int.self) ?? 0
        if facets { page.facets = try await facetCounts(db, query, actor) }
        return page
    }

    /// The rows of one page and the total, without facet counts.
    static func rows(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?) async throws -> (rows: [DesignListRow], total: Int) {
        let page = try await page(db, query, actor, facets: false)
        return (page.rows, page.total)
    }

    /// For each facet, its values with how many of the listed designs have them (the facet's own
    /// choice left out, so that the other values stay reachable). A search counts its own.
    private static func facetCounts(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?) async throws -> [(
        facet: DesignFacet, values: [(value: String, count: Int)]
    )] {
        var result: [(facet: DesignFacet, values: [(value: String, count: Int)])] = []
        for facet in DesignFacet.allCases {
            let rows = try await db.raw(
                "SELECT f.value, COUNT(DISTINCT f.design_id) AS n FROM design_facets f JOIN service_designs d ON d.id = f.design_id WHERE f.facet = \(bind: facet.rawValue) AND "
                    + conditions(query, actor, except: facet) + " GROUP BY f.value ORDER BY n DESC, f.value"
            ).all()
            let counts = try rows.map {
                (value: try $0.decode(column: "value", as: String.self), count: try $0.decode(column: "n", as: Int.self))
            }
            if !counts.isEmpty { result.append((facet, counts)) }
        }
        return result
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

    /// Designs like this one that the person may read, best first.
    static func similar(_ db: any SQLDatabase, to stored: StoredDesign, _ actor: Actor?, limit: Int = 5) async throws -> [(
        id: Int64, design: ServiceDesign
    )] {
        let keys = Similarity.keys(of: stored.design, analyzer: SearchSettings.analyzer)
        let filter = visible(to: actor) + " AND d.id <> \(bind: stored.id)"
        let hits = try await SearchIndex(db: db).search(SearchQuery(anyOf: keys), where: filter, limit: 12, offset: 0).hits
        let designs = try await DesignStore(db: db).designs(hits.map(\.designID))
        let best = hits.map(\.rank).max() ?? 0
        let scored = hits.compactMap { hit -> (Int64, ServiceDesign, Double)? in
            guard let candidate = designs[hit.designID] else { return nil }
            return (hit.designID, candidate, Similarity.score(stored.design, candidate, textRank: hit.rank, bestTextRank: best))
        }
        return scored.sorted { ($0.2, -$0.0) > ($1.2, -$1.0) }.prefix(limit).map { ($0.0, $0.1) }
    }
}
