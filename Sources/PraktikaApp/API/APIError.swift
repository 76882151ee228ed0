import PraktikaDomain
import Vapor

/// The JSON shape of every API error: `{"error": {"status", "message", "code"?, "fields"?}}`.
enum APIError {
    struct Body: Content {
        struct Detail: Content {
            let status: Int
            let message: String
            let code: String?
            let fields: [String: String]?
        }
        let error: Detail
    }

    static func response(status: HTTPResponseStatus, message: String, code: String? = nil, fields: [String: String]? = nil) throws
        -> Response
    {
        let response = Response(status: status)
        try response.content.encode(Body(error: .init(status: Int(status.code), message: message, code: code, fields: fields)))
        return response
    }
}

/// The answers every API controller gives in the same words.
enum APIResponses {
    /// Dates as ISO 8601 text, so that clients in any language read them without guessing.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// A JSON answer with ISO dates, as every API controller answers.
    static func json(_ value: some Encodable, _ status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: encoder)
        return response
    }

    static func unauthorized(_ req: Request) throws -> Response {
        try APIError.response(status: .unauthorized, message: TextKey.errorUnauthorized(req.language), code: "unauthorized")
    }

    static func forbidden(_ req: Request) throws -> Response {
        try APIError.response(status: .forbidden, message: TextKey.errorForbiddenBody(req.language), code: "forbidden")
    }

    static func notFound(_ req: Request) throws -> Response {
        try APIError.response(status: .notFound, message: TextKey.errorNotFoundBody(req.language), code: "not_found")
    }

    /// A body that is not the expected JSON: which field, when the decoder says.
    static func badBody(_ req: Request, _ error: any Error) throws -> Response {
        var fields: [String: String]?
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, _): fields = [key.stringValue: TextKey.validationRequired(req.language)]
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                if let key = c.codingPath.last { fields = [key.stringValue: TextKey.validationOption(req.language)] }
            @unknown default: break
            }
        }
        return try APIError.response(
            status: .badRequest, message: TextKey.errorBadRequest(req.language), code: "bad_request", fields: fields)
    }
}

/// One page of a list, as every list endpoint answers.
struct APIPage<Item: Codable & Sendable>: Content {
    let items: [Item]
    let total: Int
    let page: Int
    let perPage: Int

    enum CodingKeys: String, CodingKey {
        case items, total, page
        case perPage = "per_page"
    }
}
