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
