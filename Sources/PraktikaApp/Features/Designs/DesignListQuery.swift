import Foundation
import PraktikaDomain
import SQLKit

/// The list of service designs a person may see, filtered and sorted in SQL: the permission
/// rule of `Policy.allows(_:_:design:)` written as a WHERE clause, so that paging counts only
/// what is shown.
enum DesignListQuery {
    /// What a list can be sorted by (`sort=` in the URL); newest changes first when none is given.
    static let sortKeys: Set<String> = ["title", "status", "updated", "budget"]

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
    /// filters that is not a facet (facet choices and the words typed are applied by `page`).
    static func access(_ query: ListQuery, _ actor: Actor?) -> SQLQueryString {
        query.practicesOnly ? visible(to: actor) + " AND d.published_on IS NOT NULL" : visible(to: actor)
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
    /// for), and whether only the newest `SearchIndex.candidateCap` matches (of a search, or of
    /// the filters when browsing) were sorted and counted.
    struct Page: Sendable {
        var rows: [DesignListRow] = []
        var total = 0
        var facets: [(facet: DesignFacet, values: [(value: String, count: Int)])] = []
        var capped = false
    }

    static func page(
        _ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?, facets: Bool = true, cache: SearchCache? = nil
    ) async throws -> Page {
        let found = try await find(db, query, actor, facets: facets, cache: cache)
        var page = Page(total: found.total, facets: found.facets, capped: found.capped)
        page.rows = try await listRows(db, found.ids, snippetsMatching: found.keys)
        return page
    }

    /// A page of the list before its rows are read: the listed designs' ids, in order, and the
    /// rest of `Page`. The catalogue page renders the facets while the rows are read.
    struct Found: Sendable {
        var ids: [Int64] = []
        var total = 0
        var facets: [(facet: DesignFacet, values: [(value: String, count: Int)])] = []
        var capped = false
        /// For a search: the keys it matched by, for the listed rows' snippets.
        var keys: Set<String> = []
    }

    /// A search's matches are kept in `cache`, when given, between requests.
    static func find(
        _ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?, facets: Bool = true, cache: SearchCache? = nil
    ) async throws -> Found {
        var found = Found()
        let offset = (query.page - 1) * ListQuery.perPage
        if let q = query.q {
            // Searching: the index ranks, filters and counts in one pass; permissions still apply.
            let outcome = try await SearchIndex(db: db, cache: cache).search(
                SearchQuery(q, analyzer: SearchSettings.analyzer), where: access(query, actor), selected: selected(query),
                limit: ListQuery.perPage, offset: offset)
            found.ids = outcome.hits.map(\.designID)
            found.total = outcome.total
            found.capped = outcome.capped
            found.keys = outcome.keys
            if facets { found.facets = outcome.facets }
            return found
        }
        // Browsing: the newest designs that pass the filters, at most `candidateCap` of them, are
        // sorted, paged and counted here; a million designs cost no more than two thousand.
        let cap = SearchIndex.candidateCap
        let chosen = selected(query)
        var walked = try await browseCandidates(db, query, actor, chosen, limit: cap + 1)
        found.capped = walked.rows.count > cap
        if found.capped { walked.rows.removeLast() }
        let kept = walked.rows
        found.total = kept.count
        let descending = query.sort == nil ? true : query.descending
        let key = query.sort.flatMap { sortKeys.contains($0) ? $0 : nil } ?? "updated"
        let ordered = kept.sorted { a, b in
            let order = BrowseCandidate.compare(a, b, by: key)
            return order == 0 ? (descending ? a.id > b.id : a.id < b.id) : (descending ? order > 0 : order < 0)
        }
        found.ids = ordered.dropFirst(offset).prefix(ListQuery.perPage).map(\.id)
        guard facets else { return found }
        // Each facet is counted among the candidates; a chosen facet among those that pass the
        // other choices, so that its other values stay reachable.
        var counts: [Int] = []
        walked.facets.tally(kept.indices, into: &counts)
        for facet in DesignFacet.allCases {
            var values = walked.facets.values(of: facet, counts: counts)
            if chosen.contains(where: { $0.0 == facet }) {
                let others = try await browseCandidates(db, query, actor, chosen.filter { $0.0 != facet }, limit: cap)
                var own: [Int] = []
                others.facets.tally(others.rows.indices, only: facet, into: &own)
                values = others.facets.values(of: facet, counts: own)
            }
            if !values.isEmpty { found.facets.append((facet, values)) }
        }
        return found
    }

    /// The listed designs of the given ids, in that order, with their libraries' names: one
    /// statement. For a search (`snippetsMatching` the keys it matched by, `Found.keys`), each also
    /// gets its snippet: the first passage with a matched word among its most telling texts
    /// (`Snippet.designTexts`, read from the stored design), cut as the rows are read, with one
    /// matcher for the whole page.
    static func listRows(_ db: any SQLDatabase, _ ids: [Int64], snippetsMatching keys: Set<String> = []) async throws -> [DesignListRow] {
        guard !ids.isEmpty else { return [] }
        let snippets = keys.isEmpty ? nil : RowStream.Collector(Snippet.Matcher(keys: keys, analyzer: SearchSettings.analyzer))
        let rows = RowStream.Collector([Int64: DesignListRow]())
        try await RowStream.each(
            db,
            "SELECT d.id, d.title, d.status, d.visibility, d.target_category, d.budget_total_eur_minor, d.updated_at, l.name AS library, "
                + "CASE WHEN d.published_on IS NULL THEN 0 ELSE 1 END AS practice"
                + (snippets != nil ? ", d.content " : " ")
                + "FROM service_designs d LEFT JOIN design_libraries dl ON dl.design_id = d.id LEFT JOIN libraries l ON l.id = dl.library_id "
                + "WHERE d.id IN (\(binds: ids)) ORDER BY l.name"
        ) { row in
            // A design with more libraries comes once per library; the first time is read whole.
            let id = try row.int64("id")
            var listed: DesignListRow?
            if !rows.update({ $0[id] != nil }) {
                listed = DesignListRow(
                    id: id, title: try row.string("title"), status: try row.string("status"), visibility: try row.string("visibility"),
                    targetCategory: try row.string("target_category"), budgetTotalEURMinor: try row.int64("budget_total_eur_minor"),
                    updatedAt: try row.date("updated_at"), isPractice: try row.int64("practice") != 0)
                if let snippets, let title = listed?.title {
                    // A title is short: all of it, with the matched words marked.
                    listed?.titleParts = snippets.update { Snippet.make(title, matching: &$0, words: 1_000) }
                }
                if let snippets, let texts = try row.withUTF8("content", { Snippet.designTexts(json: $0) }) {
                    listed?.snippet = snippets.update { matcher in
                        for text in texts { if let found = Snippet.make(text, matching: &matcher) { return found } }
                        return nil
                    }
                }
            }
            let library = try row.optionalString("library")
            rows.update {
                if let listed { $0[id] = listed }
                if let library { $0[id]!.libraries.append(library) }
            }
        }
        let byID = rows.result
        return ids.compactMap { byID[$0] }
    }

    /// A design as browsing sorts and counts it.
    struct BrowseCandidate: Sendable {
        let id: Int64
        let titleKey: String
        let status: String
        let updatedAt: Date
        let budget: Int64

        /// -1, 0 or 1, by one of `sortKeys`.
        static func compare(_ a: Self, _ b: Self, by key: String) -> Int {
            func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
            switch key {
            case "title": return sign(a.titleKey, b.titleKey)
            case "status": return sign(a.status, b.status)
            case "budget": return sign(a.budget, b.budget)
            default: return sign(a.updatedAt, b.updatedAt)
            }
        }
    }

    /// The newest designs the reader may see that have every chosen facet value, newest first.
    /// With a choice, the walk starts from that value's designs (an index in design-id order),
    /// so a rare value is as cheap as a common one; with several, from the finest facet's
    /// (`finestFirst`), testing the others design by design.
    private static func browseCandidates(
        _ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?, _ chosen: [(DesignFacet, String)], limit: Int, before: Int64? = nil
    ) async throws -> (rows: [BrowseCandidate], facets: FacetMatrix) {
        var chosen = chosen
        if chosen.count > 1 {
            let order = try await finestFirst(db, chosen)
            if order.empty { return ([], FacetMatrix()) }
            chosen = order.values
        }
        let columns: SQLQueryString =
            "SELECT d.id, d.title_key, d.status, d.updated_at, d.budget_total_eur_minor, COALESCE(sd.facet_codes, '') AS facet_codes "
        var filter = access(query, actor)
        if let before { filter += " AND d.id < \(bind: before)" }
        for (facet, value) in chosen.dropFirst() {
            filter +=
                " AND EXISTS (SELECT 1 FROM design_facets f WHERE f.design_id = d.id AND f.facet = \(bind: facet.rawValue) AND f.value = \(bind: value))"
        }
        // The designs' list columns and the documents' facets come from the dense indexes of
        // migration 015 (SQLite would otherwise read each design's and document's wide row).
        let isSQLite = db.dialect.name == "sqlite"
        let designs: SQLQueryString = isSQLite ? "service_designs d INDEXED BY \(ident: SearchSchema.designList)" : "service_designs d"
        let documents: SQLQueryString =
            isSQLite ? "search_documents sd INDEXED BY \(ident: SearchSchema.documentsByDesign)" : "search_documents sd"
        let sql: SQLQueryString
        if let (facet, value) = chosen.first {
            // CROSS JOIN keeps SQLite walking the chosen value's designs in order instead of the whole table.
            sql =
                columns + "FROM design_facets w CROSS JOIN " + designs + " LEFT JOIN " + documents + " ON sd.design_id = d.id "
                + "WHERE w.facet = \(bind: facet.rawValue) AND w.value = \(bind: value) AND d.id = w.design_id AND "
                + (before.map { "w.design_id < \(bind: $0) AND " } ?? "") + filter
                + " ORDER BY w.design_id DESC LIMIT \(literal: limit)"
        } else {
            sql =
                columns + "FROM " + designs + " LEFT JOIN " + documents + " ON sd.design_id = d.id WHERE " + filter
                + " ORDER BY d.id DESC LIMIT \(literal: limit)"
        }
        // As in a search, the dictionary of facet codes is read right after, on the same connection.
        let read = RowStream.Collector((rows: [BrowseCandidate](), facets: FacetMatrix()))
        let dictionary = FacetDictionary.reading()
        try await RowStream.each(
            db,
            [
                RowStream.Statement(sql) { row in
                    let candidate = BrowseCandidate(
                        id: try row.int64("id"), titleKey: try row.string("title_key"), status: try row.string("status"),
                        updatedAt: try row.date("updated_at"), budget: try row.int64("budget_total_eur_minor"))
                    try row.withUTF8("facet_codes") { codes in
                        read.update {
                            $0.rows.append(candidate)
                            $0.facets.append(stored: codes)
                        }
                    }
                },
                dictionary.statement,
            ])
        var result = read.result
        result.facets.dictionary = dictionary.read()
        return result
    }

    /// The chosen values in the order a walk should take them, the one likely to leave the fewest
    /// designs to walk first: each value's designs are counted up to `probe` (a read of one index
    /// range, bounded); values past it go after, the facet with more distinct values first
    /// (`facet_values`); ties keep the URL's order. A walk starts from the first value and tests
    /// the others design by design, so starting from "running" (a quarter of the catalogue) to
    /// find a year walks four times as many designs as the other way round, and a value no design
    /// has ends the walk before it starts (`empty`).
    static func finestFirst(_ db: any SQLDatabase, _ chosen: [(DesignFacet, String)], probe: Int = 20_000) async throws -> (
        values: [(DesignFacet, String)], empty: Bool
    ) {
        let counts = try chosen.enumerated().map { index, choice -> SQLQueryString in
            "SELECT \(literal: index) AS i, COUNT(*) AS n FROM (SELECT 1 AS one FROM design_facets WHERE facet = \(bind: choice.0.rawValue) "
                + "AND value = \(bind: choice.1) LIMIT \(literal: probe)) AS probe"
        }
        var designs = Array(repeating: probe, count: chosen.count)
        for row in try await db.raw(counts.joined(separator: " UNION ALL ")).all() {
            designs[try row.decode(column: "i", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        if designs.contains(0) { return (chosen, true) }
        var distinct: [String: Int] = [:]
        for row in try await db.raw("SELECT facet, COUNT(*) AS n FROM facet_values GROUP BY facet").all() {
            distinct[try row.decode(column: "facet", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let ordered = chosen.enumerated().sorted { a, b in
            if designs[a.offset] != designs[b.offset] { return designs[a.offset] < designs[b.offset] }
            let (x, y) = (distinct[a.element.0.rawValue] ?? 0, distinct[b.element.0.rawValue] ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }
        return (ordered.map(\.element), false)
    }

    /// One step of a walk through the whole list, newest first and past any cap: the designs
    /// older than `before` (from the newest when nil) that pass the access rule and the chosen
    /// facet values, one page of them, and the id to continue from when more follow.
    static func walk(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?, before: Int64?) async throws -> (
        rows: [DesignListRow], next: Int64?
    ) {
        let walked = try await browseCandidates(db, query, actor, selected(query), limit: ListQuery.perPage + 1, before: before)
        let step = walked.rows.prefix(ListQuery.perPage).map(\.id)
        return (try await listRows(db, step), walked.rows.count > ListQuery.perPage ? step.last : nil)
    }

    /// The rows of one page and the total, without facet counts.
    static func rows(_ db: any SQLDatabase, _ query: ListQuery, _ actor: Actor?) async throws -> (rows: [DesignListRow], total: Int) {
        let page = try await page(db, query, actor, facets: false)
        return (page.rows, page.total)
    }

    /// Designs like this one that the person may read, best first.
    static func similar(
        _ db: any SQLDatabase, to stored: StoredDesign, _ actor: Actor?, practicesOnly: Bool = false, limit: Int = 5
    ) async throws -> [(id: Int64, design: ServiceDesign)] {
        let keys = Similarity.keys(of: stored.design, analyzer: SearchSettings.analyzer)
        var scope = ListQuery()
        scope.practicesOnly = practicesOnly
        let filter = access(scope, actor) + " AND d.id <> \(bind: stored.id)"
        let hits = try await SearchIndex(db: db).search(SearchQuery(anyOf: keys), where: filter, limit: max(12, limit), offset: 0).hits
        let designs = try await DesignStore(db: db).designs(hits.map(\.designID))
        let best = hits.map(\.rank).max() ?? 0
        let scored = hits.compactMap { hit -> (Int64, ServiceDesign, Double)? in
            guard let candidate = designs[hit.designID] else { return nil }
            return (hit.designID, candidate, Similarity.score(stored.design, candidate, textRank: hit.rank, bestTextRank: best))
        }
        return scored.sorted { ($0.2, -$0.0) > ($1.2, -$1.0) }.prefix(limit).map { ($0.0, $0.1) }
    }
}
