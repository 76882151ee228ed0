import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// API tokens, districts, the audit log and the health check.
struct AccountAPIController: Sendable {
    let configuration: AppConfiguration

    func register(_ routes: any RoutesBuilder) {
        routes.post(.api(.tokens), use: createToken)
        routes.delete(.api(.currentToken), use: revokeCurrent)
        routes.get(.api(.tokens), use: listTokens)
        routes.delete(.api(.token(SiteURL.any)), use: revokeByID)
        routes.get(.api(.collection(.districts)), use: districts)
        routes.get(.api(.district(SiteURL.anyText)), use: district)
        routes.get(.api(.audit), use: audit)
    }

    struct TokenRequest: Content {
        let email: String
        let password: String
        let label: String?
    }

    struct TokenResponse: Content {
        let token: String
        let tokenType: String
        let role: String

        enum CodingKeys: String, CodingKey {
            case token, role
            case tokenType = "token_type"
        }
    }

    @Sendable func createToken(_ req: Request) async throws -> Response {
        guard let body = try? req.content.decode(TokenRequest.self) else {
            return try APIError.response(status: .badRequest, message: TextKey.errorBadRequest(req.language), code: "bad_request")
        }
        switch try await Authentication(db: req.db, configuration: configuration)
            .signIn(email: body.email, password: body.password, client: req.client, kind: .api, label: body.label)
        {
        case .success(let token, let actor):
            let response = Response(status: .created)
            try response.content.encode(TokenResponse(token: token, tokenType: "Bearer", role: actor.role.rawValue))
            return response
        case .failure(let key, let values):
            return try APIError.response(
                status: key == .loginThrottled ? .tooManyRequests : .unauthorized, message: key(req.language, values),
                code: key == .loginThrottled ? "throttled" : "unauthorized")
        }
    }

    struct TokenInfo: Content {
        let id: Int64
        let kind: String
        let label: String?
        let createdAt: Date
        let expiresAt: Date?
        let current: Bool

        enum CodingKeys: String, CodingKey {
            case id, kind, label, current
            case createdAt = "created_at"
            case expiresAt = "expires_at"
        }
    }

    /// The caller's own sessions and API keys (never their secrets).
    @Sendable func listTokens(_ req: Request) async throws -> Response {
        guard let actor = req.actor else { throw APIFailure.unauthorized }
        let current = req.storage[APITokenIDKey.self]
        let tokens = try await AccountStore(db: req.sql).tokens(userID: actor.userID).map {
            TokenInfo(
                id: $0.id, kind: $0.kind, label: $0.label, createdAt: $0.createdAt, expiresAt: $0.expiresAt, current: $0.id == current)
        }
        let response = Response(status: .ok)
        try response.content.encode(tokens, using: APIResponses.encoder)
        return response
    }

    /// Revokes one of the caller's own sessions or keys by its id.
    @Sendable func revokeByID(_ req: Request) async throws -> Response {
        guard let actor = req.actor else { throw APIFailure.unauthorized }
        guard let id = req.parameters.get("id", as: Int64.self),
            try await AccountStore(db: req.sql).revokeToken(id: id, ownedBy: actor.userID)
        else {
            throw APIFailure.notFound
        }
        try await AuditStore(db: req.sql).record(
            actor: actor, action: .tokenRevoke, entity: "user", entityID: String(actor.userID), entityName: actor.name)
        return Response(status: .noContent)
    }

    @Sendable func revokeCurrent(_ req: Request) async throws -> Response {
        guard let actor = req.actor, let id = req.storage[APITokenIDKey.self] else {
            return try APIError.response(status: .unauthorized, message: TextKey.errorUnauthorized(req.language), code: "unauthorized")
        }
        try await AccountStore(db: req.sql).revokeToken(id: id)
        try await AuditStore(db: req.sql).record(
            actor: actor, action: .tokenRevoke, entity: "user", entityID: String(actor.userID), entityName: actor.name)
        return Response(status: .noContent)
    }

    @Sendable func districts(_ req: Request) async throws -> [District] { District.all }

    @Sendable func district(_ req: Request) async throws -> Response {
        guard let district = req.parameters.get("code").flatMap(District.named) else {
            return try APIError.response(status: .notFound, message: TextKey.errorNotFoundBody(req.language), code: "not_found")
        }
        let response = Response(status: .ok)
        try response.content.encode(district)
        return response
    }

    struct AuditPage: Content {
        let items: [AuditEntry]
        let total: Int
    }

    @Sendable func audit(_ req: Request) async throws -> Response {
        guard Policy.mayReadAuditLog(req.actor) else {
            let status: HTTPResponseStatus = req.actor == nil ? .unauthorized : .forbidden
            return try APIError.response(status: status, message: TextKey.errorForbiddenBody(req.language), code: "forbidden")
        }
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let (items, total) = try await AuditStore(db: req.sql).entries(
            entity: try? req.query.get(String.self, at: "entity"), entityID: try? req.query.get(String.self, at: "entity_id"),
            limit: 100, offset: (page - 1) * 100)
        let response = Response(status: .ok)
        try response.content.encode(AuditPage(items: items, total: total), using: APIResponses.encoder)
        return response
    }
}

extension District: Content {}
extension AuditEntry: Content {}
