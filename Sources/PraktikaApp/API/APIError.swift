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
        // A message may quote what the client sent (a table's label): never its control characters.
        let detail = Body.Detail(
            status: Int(status.code), message: Validator.printableOnly(message), code: code,
            fields: fields?.mapValues(Validator.printableOnly))
        try response.content.encode(Body(error: detail))
        return response
    }
}

/// A refusal an API handler throws: the error middleware answers it in `APIError`'s shape, in
/// the caller's language, with the problems per field when there are any.
struct APIFailure: Error, Sendable {
    let status: HTTPResponseStatus
    let code: String
    /// The message; nil for the status's usual words.
    var message: String? = nil
    var errors: FieldErrors? = nil
    var fields: [String: String]? = nil

    static let unauthorized = APIFailure(status: .unauthorized, code: "unauthorized")
    static let forbidden = APIFailure(status: .forbidden, code: "forbidden")
    static let notFound = APIFailure(status: .notFound, code: "not_found")
    /// The seating solver is busy with other requests; try again after `Retry-After` seconds.
    static func solverBusy(_ l: Language) -> APIFailure {
        APIFailure(status: .serviceUnavailable, code: "busy", message: TextKey.seatingBusy(l))
    }

    /// The body broke the server's rules: 422 with each field's problem.
    static func invalid(_ errors: FieldErrors) -> APIFailure {
        APIFailure(status: .unprocessableEntity, code: "validation", errors: errors)
    }

    /// Not allowed: 401 to someone not signed in, 403 to someone signed in.
    static func refused(_ actor: Actor?) -> APIFailure { actor == nil ? .unauthorized : .forbidden }

    func response(_ language: Language) throws -> Response {
        let text: String
        switch (message, status) {
        case (let message?, _): text = message
        case (nil, .unauthorized): text = TextKey.errorUnauthorized(language)
        case (nil, .forbidden): text = TextKey.errorForbiddenBody(language)
        case (nil, .notFound): text = TextKey.errorNotFoundBody(language)
        case (nil, .unprocessableEntity): text = TextKey.formHasErrors(language)
        default: text = TextKey.errorBadRequest(language)
        }
        return try APIError.response(status: status, message: text, code: code, fields: errors.map { $0.messages(language) } ?? fields)
    }
}

extension Request {
    /// The version an `If-Match` header names: `"3"` or `W/"3"`; `*` or no header, none (any version
    /// will do); anything else is a version no record has, so the change is refused.
    var ifMatchVersion: Int64? {
        guard let value = headers.first(name: .ifMatch)?.trimmingCharacters(in: .whitespaces), value != "*" else { return nil }
        let tag = value.hasPrefix("W/") ? value.dropFirst(2) : Substring(value)
        guard tag.count > 2, tag.first == "\"", tag.last == "\"", let version = Int64(tag.dropFirst().dropLast()) else { return -1 }
        return version
    }

    /// The body as `T`, or a 400 that names the field the decoder stopped at.
    func decodeBody<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do { return try content.decode(T.self) } catch { throw APIResponses.badBody(language, error) }
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

    /// A body that is not the expected JSON: which field, when the decoder says, and what it expected there.
    static func badBody(_ language: Language, _ error: any Error) -> APIFailure {
        var fields: [String: String]?
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, _): fields = [key.stringValue: TextKey.validationRequired(language)]
            case .valueNotFound(_, let c):
                if let key = c.codingPath.last { fields = [key.stringValue: TextKey.apiNotNull(language)] }
            case .typeMismatch(let type, let c):
                if let key = c.codingPath.last { fields = [key.stringValue: expected(type)(language)] }
            case .dataCorrupted(let c):
                // What the decoder said was wrong, if it did (a weight out of its range); else a
                // word outside a closed list (a status, a kind), whose choices the document lists.
                if let key = c.codingPath.last {
                    fields = [key.stringValue: (c.underlyingError as? FieldError)?.text(language) ?? TextKey.validationOption(language)]
                }
            @unknown default: break
            }
        }
        return APIFailure(status: .badRequest, code: "bad_request", fields: fields)
    }

    /// What a field of this type takes, in words.
    static func expected(_ type: Any.Type) -> TextKey {
        switch type {
        case let written as any WrittenFormat.Type: written.formatHint
        case is any BinaryInteger.Type: .validationInteger
        case is any BinaryFloatingPoint.Type: .validationNumber
        case is Bool.Type: .apiExpectedBoolean
        case is String.Type: .apiExpectedText
        case is any Collection.Type: type is any ExpressibleByDictionaryLiteral.Type ? .apiExpectedObject : .apiExpectedList
        default: .validationOption
        }
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
