import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/practices`: the catalogue of good practices: search with the list's filters, one
/// practice with its story, results, files and adoptions, and adoption into a library's draft.
struct PracticeAPIController: Sendable {
    struct File: Content {
        let id: Int64
        let filename: String
        let kind: AttachmentKind
        let size: Int
        let url: String
    }

    struct Adopter: Content {
        let id: Int64
        let libraries: [String]
        let status: DesignStatus
        let indicators: [Indicator]
    }

    struct Practice: Content {
        let id: Int64
        let title: String
        let libraries: [String]
        let districts: [String]
        let story: PracticeStory
        let results: [Indicator]
        let files: [File]
        let adoptions: Int
        let adoptionsByDistrict: [String: Int]
        let adopters: [Adopter]
        let design: ServiceDesign

        enum CodingKeys: String, CodingKey {
            case id, title, libraries, districts, story, results, files, adoptions, adopters, design
            case adoptionsByDistrict = "adoptions_by_district"
        }
    }

    struct AdoptRequest: Content {
        let libraryID: Int64?
        enum CodingKeys: String, CodingKey { case libraryID = "library_id" }
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get(.api(.practices), use: list)
        routes.get(.api(.practice(SiteURL.any)), use: read)
        routes.post(.api(.adoptPractice(SiteURL.any)), use: adopt)
    }

    /// Published practices the caller may read, ranked when there is a query, with the same
    /// filters as `/practices`; the answer has the shape of `/api/v1/search`.
    @Sendable func list(_ req: Request) async throws -> Response {
        var query = ListQuery(req)
        query.practicesOnly = true
        guard let (found, next) = try await APICursor.page(req, query) else { return try APICursor.refusal(req) }
        let (rows, total) = (found.rows, found.total)
        let items = rows.map(DesignAPIController.SearchResult.init)
        let suggestion =
            total == 0 && query.q != nil
            ? try await SearchIndex(db: req.sql).suggestion(for: query.q!, analyzer: SearchSettings.analyzer) : nil
        return try APIResponses.json(
            DesignAPIController.SearchAnswer(
                items: items, total: total, capped: found.capped, page: query.page, perPage: ListQuery.perPage, suggestion: suggestion,
                nextCursor: next.map(String.init)))
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        let store = DesignStore(db: req.sql)
        guard let id = req.parameters.get("id", as: Int64.self), let stored = try await store.find(id), let story = stored.design.practice,
            Policy.allows(req.actor, .view, design: stored.scope)
        else { throw APIFailure.notFound }
        let names = try await store.libraryNames(stored.design.libraryIDs)
        let files = try await AttachmentStore(db: req.sql).list(.design(id)).map {
            File(
                id: $0.id, filename: $0.filename, kind: $0.kind, size: $0.size,
                url: SiteURL.file($0.id, AttachmentKind.safeName($0.filename)).path)
        }
        let adoptions = try await store.adoptions(of: id)
        var adopters: [Adopter] = []
        for copy in try await store.adoptedCopies(of: id) where Policy.allows(req.actor, .view, design: copy.scope) {
            let copyNames = try await store.libraryNames(copy.design.libraryIDs)
            adopters.append(
                Adopter(
                    id: copy.id, libraries: copy.design.libraryIDs.compactMap { copyNames[$0] }, status: copy.design.status,
                    indicators: copy.design.indicators))
        }
        return try APIResponses.json(
            Practice(
                id: id, title: stored.design.title, libraries: stored.design.libraryIDs.compactMap { names[$0] },
                districts: stored.districtCodes.sorted(), story: story, results: stored.design.indicators, files: files,
                adoptions: adoptions.count, adoptionsByDistrict: adoptions.districts, adopters: adopters, design: stored.design))
    }

    /// Copies the practice into a draft of the given library (`{"library_id": …}`), linked to the original.
    @Sendable func adopt(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self) else { throw APIFailure.notFound }
        let body: AdoptRequest
        body = try req.decodeBody(AdoptRequest.self)
        switch try await DesignService(db: req.db, actor: req.actor, language: req.language).adopt(id, libraryID: body.libraryID) {
        case .saved(let copy, _, _):
            let response = try APIResponses.json(MeetingAPIController.Created(id: copy), .created)
            response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.service(copy)).path)
            return response
        case .invalid(_, let errors):
            return try APIError.response(
                status: .unprocessableEntity, message: TextKey.formHasErrors(req.language), code: "validation",
                fields: errors.messages(req.language))
        case .forbidden: throw APIFailure.forbidden
        default: throw APIFailure.notFound
        }
    }
}
