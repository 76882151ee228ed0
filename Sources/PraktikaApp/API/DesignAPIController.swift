import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/services`: service designs as JSON, with the same permissions as the pages.
/// A replace carries the version it was based on and is refused with 409 if someone saved since.
struct DesignAPIController: Sendable {
    struct Totals: Content {
        let byCurrency: [String: Money]
        let totalEUR: Money
        let totalBGN: Money

        init(_ totals: BudgetTotals) {
            byCurrency = Dictionary(uniqueKeysWithValues: totals.byCurrency.map { ($0.key.rawValue, $0.value) })
            totalEUR = totals.total(in: .EUR)
            totalBGN = totals.total(in: .BGN)
        }

        enum CodingKeys: String, CodingKey {
            case byCurrency = "by_currency"
            case totalEUR = "total_eur"
            case totalBGN = "total_bgn"
        }
    }

    struct Envelope: Content {
        let id: Int64
        let version: Int
        let updatedAt: Date
        let design: ServiceDesign
        let totals: Totals

        init(_ stored: StoredDesign) {
            id = stored.id
            version = stored.version
            updatedAt = stored.updatedAt
            design = stored.design
            totals = Totals(stored.design.totals)
        }

        enum CodingKeys: String, CodingKey {
            case id, version, design, totals
            case updatedAt = "updated_at"
        }
    }

    struct Replacement: Content {
        let version: Int
        let design: ServiceDesign
    }

    struct Summary: Content {
        let id: Int64
        let title: String
        let status: String
        let visibility: String
        let targetCategory: String
        let budgetTotalEUR: Money
        let libraries: [String]
        let updatedAt: Date
        /// Published as a good practice (`/api/v1/practices/{id}`).
        let isPractice: Bool

        enum CodingKeys: String, CodingKey {
            case id, title, status, visibility, libraries
            case targetCategory = "target_category"
            case budgetTotalEUR = "budget_total_eur"
            case updatedAt = "updated_at"
            case isPractice = "is_practice"
        }
    }

    typealias Page = APIPage<Summary>

    struct Revision: Content {
        let version: Int
        let at: Date
        let userName: String?
        let block: String?
        let restoredFrom: Int?

        enum CodingKeys: String, CodingKey {
            case version, at, block
            case userName = "user_name"
            case restoredFrom = "restored_from"
        }
    }

    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.api(.services), use: list)
        routes.post(.api(.services), use: create)
        routes.get(.api(.service(id)), use: read)
        routes.put(.api(.service(id)), use: replace)
        routes.delete(.api(.service(id)), use: delete)
        routes.get(.api(.serviceRevisions(id)), use: revisions)
        routes.get(.api(.search), use: search)
    }

    struct SearchResult: Content {
        let id: Int64
        let title: String
        let status: String
        let targetCategory: String
        let snippet: String?
        let matched: [String]
        let isPractice: Bool

        enum CodingKeys: String, CodingKey {
            case id, title, status, snippet, matched
            case targetCategory = "target_category"
            case isPractice = "is_practice"
        }

        /// A listed design, its snippet as text and its matched words apart.
        init(_ row: DesignListRow) {
            (id, title, status, targetCategory, isPractice) = (row.id, row.title, row.status, row.targetCategory, row.isPractice)
            snippet = row.snippet.map { $0.map(\.text).joined() }
            matched = row.snippet.map { $0.filter(\.isMatch).map(\.text) } ?? []
        }
    }

    /// Full-text search over the designs this caller may read, best first, with the list's filters.
    @Sendable func search(_ req: Request) async throws -> Response {
        let query = ListQuery(req)
        guard let q = query.q else {
            return try APIError.response(
                status: .badRequest, message: TextKey.errorBadRequest(req.language), code: "bad_request",
                fields: ["q": TextKey.validationRequired(req.language)])
        }
        let found = try await DesignListQuery.page(req.sql, query, req.actor, facets: false, cache: req.application.searchCache)
        let (rows, total) = (found.rows, found.total)
        let items = rows.map(SearchResult.init)
        let suggestion = total == 0 ? try await SearchIndex(db: req.sql).suggestion(for: q, analyzer: SearchSettings.analyzer) : nil
        return try APIResponses.json(
            SearchAnswer(
                items: items, total: total, capped: found.capped, page: query.page, perPage: ListQuery.perPage, suggestion: suggestion), .ok
        )
    }

    struct SearchAnswer: Content {
        let items: [SearchResult]
        let total: Int
        /// True when only the newest `SearchIndex.candidateCap` matches were ranked and counted.
        let capped: Bool
        let page: Int
        let perPage: Int
        /// When nothing was found: the query with its unknown words corrected, if there is a likely correction.
        let suggestion: String?
        /// In a walk through the whole catalogue (`cursor`, without `q`): the cursor of the next step.
        var nextCursor: String? = nil

        enum CodingKeys: String, CodingKey {
            case items, total, capped, page, suggestion
            case perPage = "per_page"
            case nextCursor = "next_cursor"
        }
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        let query = ListQuery(req)
        guard let (found, next) = try await APICursor.page(req, query) else { return try APICursor.refusal(req) }
        let rows = found.rows
        let items = rows.map { row in
            Summary(
                id: row.id, title: row.title, status: row.status, visibility: row.visibility, targetCategory: row.targetCategory,
                budgetTotalEUR: Money(minorUnits: row.budgetTotalEURMinor, currency: .EUR), libraries: row.libraries,
                updatedAt: row.updatedAt, isPractice: row.isPractice)
        }
        return try APIResponses.json(
            DesignPage(
                items: items, total: found.total, capped: found.capped, page: query.page, perPage: ListQuery.perPage,
                nextCursor: next.map(String.init)), .ok)
    }

    /// A page of designs; `capped` as in `SearchAnswer` (browsing counts the newest designs too).
    /// In a walk (`cursor`), `total` counts this step's items and `next_cursor` continues it.
    struct DesignPage: Content {
        let items: [Summary]
        let total: Int
        let capped: Bool
        let page: Int
        let perPage: Int
        let nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case items, total, capped, page
            case perPage = "per_page"
            case nextCursor = "next_cursor"
        }
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        let stored = try await visible(req)
        return try APIResponses.json(Envelope(stored), .ok)
    }

    @Sendable func revisions(_ req: Request) async throws -> Response {
        let stored = try await visible(req)
        let list = try await DesignStore(db: req.sql).revisions(stored.id).map {
            Revision(version: $0.version, at: $0.at, userName: $0.userName, block: $0.block?.rawValue, restoredFrom: $0.restoredFrom)
        }
        return try APIResponses.json(list, .ok)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        var design = try req.decodeBody(ServiceDesign.self)
        // Only recording a meeting's presentation makes a design of one.
        design.presentedAt = nil
        let outcome = try await DesignService(db: req.db, actor: req.actor, language: req.language).create(design)
        return try await answer(req, outcome, created: true)
    }

    @Sendable func replace(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self) else { throw APIFailure.notFound }
        let body = try req.decodeBody(Replacement.self)
        let outcome = try await DesignService(db: req.db, actor: req.actor, language: req.language)
            .replace(id, with: body.design, baseVersion: body.version)
        return try await answer(req, outcome, created: false)
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self) else { throw APIFailure.notFound }
        switch try await DesignService(db: req.db, actor: req.actor, language: req.language).delete(id) {
        case .saved: return Response(status: .noContent)
        case .forbidden: throw APIFailure.forbidden
        default: throw APIFailure.notFound
        }
    }

    // MARK: Private

    /// The design, or the refusal to answer with: not found also when it exists but is not this caller's to read.
    private func visible(_ req: Request) async throws -> StoredDesign {
        guard let id = req.parameters.get("id", as: Int64.self), let stored = try await DesignStore(db: req.sql).find(id) else {
            throw APIFailure.notFound
        }
        // Not found to anyone who may not read it, so that a private design's existence is not told.
        guard Policy.allows(req.actor, .view, design: stored.scope) else { throw APIFailure.notFound }
        return stored
    }

    private func answer(_ req: Request, _ outcome: DesignService.Outcome, created: Bool) async throws -> Response {
        let l = req.language
        switch outcome {
        case .saved(let id, _, _):
            guard let stored = try await DesignStore(db: req.sql).find(id) else { throw APIFailure.notFound }
            let response = try APIResponses.json(Envelope(stored), created ? .created : .ok)
            if created { response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.service(id)).path) }
            return response
        case .invalid(_, let errors):
            return try APIError.response(
                status: .unprocessableEntity, message: TextKey.formHasErrors(l), code: "validation", fields: errors.messages(l))
        case .conflict(let conflict):
            var fields: [String: String] = [:]
            for change in conflict.changes { fields[change.label] = "\(change.before) → \(change.after)" }
            return try APIError.response(
                status: .conflict,
                message: TextKey.conflictBody(
                    l, ["who": conflict.by ?? TextKey.auditSystem(l), "when": Formatting(l).dateTime(conflict.at)]),
                code: "conflict", fields: fields)
        case .forbidden: throw APIFailure.forbidden
        case .notFound: throw APIFailure.notFound
        }
    }

}

/// `cursor=` of a list endpoint: a walk through the whole list, newest first, one page at a time
/// and past the cap that sorted and counted pages have. `start` begins it; each answer's
/// `next_cursor` continues it until it is null. Ignored when the request searches (`q`).
enum APICursor: Equatable {
    case start
    case before(Int64)
    case invalid

    /// Nil when the request has no cursor.
    init?(_ req: Request) {
        guard let raw = try? req.query.get(String.self, at: "cursor") else { return nil }
        if raw == "start" {
            self = .start
        } else if let id = Int64(raw), id > 0 {
            self = .before(id)
        } else {
            self = .invalid
        }
    }

    var before: Int64? {
        if case .before(let id) = self { return id }
        return nil
    }

    /// What a list endpoint answers: a walk's step when the request walks, the sorted and
    /// counted page otherwise; nil for a cursor that is neither `start` nor an id.
    static func page(_ req: Request, _ query: ListQuery) async throws -> (DesignListQuery.Page, next: Int64?)? {
        switch query.q == nil ? APICursor(req) : nil {
        case .invalid?: return nil
        case nil: return (try await DesignListQuery.page(req.sql, query, req.actor, facets: false), nil)
        case let cursor?:
            var found = DesignListQuery.Page()
            let next: Int64?
            (found.rows, next) = try await DesignListQuery.walk(req.sql, query, req.actor, before: cursor.before)
            found.total = found.rows.count
            return (found, next)
        }
    }

    static func refusal(_ req: Request) throws -> Response {
        try APIError.response(
            status: .badRequest, message: TextKey.errorBadRequest(req.language), code: "bad_request",
            fields: ["cursor": TextKey.validationOption(req.language)])
    }
}
