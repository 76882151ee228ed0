import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/<area>` for one kind of registry record: list (same filters as the pages),
/// read, create, replace and delete. Writes need a bearer token and obey the same policy.
struct RegistryAPIController<R: RegistryResource>: Sendable {
    typealias Page = APIPage<R.Record>

    func register(_ routes: any RoutesBuilder) {
        let area = R.area
        routes.get(.api(.collection(area)), use: list)
        routes.post(.api(.collection(area)), use: create)
        routes.get(.api(.item(area, SiteURL.anyText)), use: read)
        routes.put(.api(.item(area, SiteURL.anyText)), use: replace)
        routes.delete(.api(.item(area, SiteURL.anyText)), use: delete)
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        guard Policy.allows(req.actor, .view, R.Record.kind, in: .network) else { throw APIFailure.unauthorized }
        let query = ListQuery(req)
        let (records, total) = try await RegistryListQuery.records(R.self, req.sql, query, limit: 100)
        let response = Response(status: .ok)
        let shown = records.map { R.shown($0, to: req.actor) }
        try response.content.encode(Page(items: shown, total: total, page: query.page, perPage: 100))
        return response
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        guard Policy.allows(req.actor, .view, R.Record.kind, in: .network) else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self), let record = try await service(req).find(id) else {
            throw APIFailure.notFound
        }
        return try await tagged(req, json(R.shown(record, to: req.actor), .ok), id)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        let record: R.Record
        record = try req.decodeBody(R.Record.self)
        return try await answer(req, try await service(req).create(record), created: true)
    }

    @Sendable func replace(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self) else { throw APIFailure.notFound }
        let record: R.Record
        record = try req.decodeBody(R.Record.self)
        return try await answer(req, try await service(req).update(id, record, basedOn: req.ifMatchVersion), created: false)
    }

    /// Adds the record's version as its `ETag`, for a later `If-Match`.
    private func tagged(_ req: Request, _ response: Response, _ id: Int64) async throws -> Response {
        if let version = try await RegistryStore<R.Record>(db: req.sql, table: R.table).version(id) {
            response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        }
        return response
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        guard req.actor != nil else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self) else { throw APIFailure.notFound }
        return try await answer(req, try await service(req).delete(id), created: false)
    }

    private func service(_ req: Request) -> RegistryService<R> { RegistryService<R>(db: req.db, actor: req.actor) }

    private func answer(_ req: Request, _ outcome: RegistryService<R>.Outcome, created: Bool) async throws -> Response {
        let l = req.language
        switch outcome {
        case .saved(let record):
            var response = try json(record, created ? .created : .ok)
            if let id = record.id {
                if created { response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.item(R.area, String(id))).path) }
                response = try await tagged(req, response, id)
            }
            return response
        case .conflict:
            throw APIFailure(status: .preconditionFailed, code: "conflict", message: TextKey.conflictRecordChanged(l))
        case .invalid(_, let errors):
            return try APIError.response(
                status: .unprocessableEntity, message: TextKey.formHasErrors(l), code: "validation", fields: errors.messages(l))
        case .forbidden:
            throw APIFailure.forbidden
        case .notFound:
            throw APIFailure.notFound
        case .referenced(let references):
            return try APIError.response(
                status: .conflict, message: TextKey.deleteRefused(l, ["refs": RegistryService<R>.describe(references, l)]),
                code: "referenced")
        case .deleted:
            return Response(status: .noContent)
        }
    }

    private func json(_ record: R.Record, _ status: HTTPStatus) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(record, as: .json)
        return response
    }

}
