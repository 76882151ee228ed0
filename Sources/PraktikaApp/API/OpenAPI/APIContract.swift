import PraktikaDomain
import Vapor

/// What the OpenAPI document promises about requests, enforced before any handler runs, so that
/// the document and the server cannot drift apart: a method the path does not have is 405 with
/// `Allow`, and every query parameter the operation declares is checked against its schema (a
/// value that is not a whole number, not one of the listed values, too short, out of range,
/// or given twice is 400, with the problem at the parameter's name). Parameters the operation
/// does not declare are ignored, as the document allows.
struct APIContract: Sendable {
    /// A documented path, as segments: nil for a `{parameter}`.
    struct Path: Sendable {
        let segments: [String?]
        /// Upper-case method → the operation's query parameters, and whether it needs a bearer token.
        let methods: [String: (rules: [QueryRule], secured: Bool)]

        func matches(_ parts: [Substring]) -> Bool {
            guard parts.count == segments.count else { return false }
            return zip(segments, parts).allSatisfy { segment, part in segment.map { $0 == part } ?? !part.isEmpty }
        }

        /// Constant segments first: `/tokens/current` before `/tokens/{id}`, as the router chooses.
        var specificity: Int { segments.count { $0 != nil } }
    }

    struct QueryRule: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case string(minLength: Int, options: [String]?, pattern: String?)
            case integer(minimum: Int?, maximum: Int?)
            case boolean
        }
        let name: String
        let required: Bool
        let kind: Kind
        /// A header rather than a query parameter (header names compare without case).
        var inHeader = false
        /// The pattern, compiled once when the document is read rather than on every request.
        // Matching never changes a compiled Regex (its program is built once, atomically), so sharing it is safe.
        nonisolated(unsafe) private let regex: Regex<AnyRegexOutput>?

        init(name: String, required: Bool, kind: Kind) {
            self.name = name
            self.required = required
            self.kind = kind
            if case .string(_, _, let pattern?) = kind { regex = try? Regex(pattern) } else { regex = nil }
        }

        static func == (a: QueryRule, b: QueryRule) -> Bool {
            a.name == b.name && a.required == b.required && a.kind == b.kind && a.inHeader == b.inHeader
        }

        /// The problem with one value, or nil when the schema admits it.
        func problem(_ value: String) -> TextKey? {
            switch kind {
            case .boolean:
                return value == "true" || value == "false" ? nil : .validationOption
            case .integer(let minimum, let maximum):
                guard let number = Int(value) else { return .validationInteger }
                if let minimum, number < minimum { return .validationTooSmall }
                if let maximum, number > maximum { return .validationTooLarge }
                return nil
            case .string(let minLength, let options, let pattern):
                if value.count < minLength { return .validationRequired }
                if let options, !options.contains(value) { return .validationOption }
                // A pattern that does not compile admits nothing, as a broken promise should not pass silently.
                if pattern != nil, (regex.flatMap { try? $0.firstMatch(in: value) }) == nil { return .validationOption }
                return nil
            }
        }
    }

    let paths: [Path]

    init(document: JSONValue) {
        var paths: [Path] = []
        if case .object(let members)? = document["paths"] {
            for (template, item) in members {
                guard case .object(let operations) = item else { continue }
                var methods: [String: (rules: [QueryRule], secured: Bool)] = [:]
                for (method, operation) in operations where method != "parameters" {
                    let secured: Bool
                    if case .array(let requirements)? = operation["security"] { secured = !requirements.isEmpty } else { secured = false }
                    methods[method.uppercased()] = (Self.queryRules(operation), secured)
                }
                let segments = template.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
                paths.append(Path(segments: segments, methods: methods))
            }
        }
        self.paths = paths.sorted { $0.specificity > $1.specificity }
    }

    static func queryRules(_ operation: JSONValue) -> [QueryRule] {
        guard case .array(let parameters)? = operation["parameters"] else { return [] }
        return parameters.compactMap { parameter in
            let place = parameter["in"]
            guard place == .string("query") || place == .string("header"), case .string(let name)? = parameter["name"],
                let schema = parameter["schema"]
            else { return nil }
            let required = parameter["required"] == .bool(true)
            let kind: QueryRule.Kind
            switch schema["type"] {
            case .string("integer")?: kind = .integer(minimum: schema["minimum"]?.integer, maximum: schema["maximum"]?.integer)
            case .string("boolean")?: kind = .boolean
            default:
                var options: [String]? = nil
                if case .array(let values)? = schema["enum"] { options = values.compactMap(\.text) }
                kind = .string(minLength: schema["minLength"]?.integer ?? 0, options: options, pattern: schema["pattern"]?.text)
            }
            var rule = QueryRule(name: name, required: required, kind: kind)
            rule.inHeader = place == .string("header")
            return rule
        }
    }

    /// The documented path that a request path falls under, the most specific first.
    func path(for requestPath: String) -> Path? {
        let parts = requestPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let trimmed = parts.last == "" ? Array(parts.dropLast()) : Array(parts)
        return paths.first { $0.matches(trimmed) }
    }

    enum Verdict: Equatable {
        case pass
        case methodNotAllowed(allow: [String])
        /// The operation needs a bearer token and the request has no valid one: 401 before
        /// anything is looked up, so that a refusal never tells whether the record exists.
        case unauthenticated
        case badQuery([String: TextKey])
    }

    /// `query` is the raw, still percent-encoded query string; `header` gives a header's values by name.
    func check(
        method: String, path requestPath: String, query: String?, header: (String) -> [String] = { _ in [] }, signedIn: Bool
    ) -> Verdict {
        guard let path = path(for: requestPath) else { return .pass }
        let method = method.uppercased()
        let lookup = method == "HEAD" ? "GET" : method
        guard let (rules, secured) = path.methods[lookup] else {
            return .methodNotAllowed(allow: path.methods.keys.sorted())
        }
        if secured && !signedIn { return .unauthenticated }
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]) else { continue }
            values[name, default: []].append(parts.count > 1 ? decode(parts[1]) ?? "\u{FFFD}" : "")
        }
        var problems: [String: TextKey] = [:]
        for rule in rules {
            let given = rule.inHeader ? header(rule.name) : values[rule.name]
            guard let given, !(rule.inHeader && given.isEmpty) else {
                if rule.required { problems[rule.name] = .validationRequired }
                continue
            }
            if given.count > 1 {
                problems[rule.name] = .validationRepeated
            } else if let problem = rule.problem(given[0]) {
                problems[rule.name] = problem
            }
        }
        return problems.isEmpty ? .pass : .badQuery(problems)
    }
}

/// Applies `APIContract` to every request under `/api/`.
struct APIContractMiddleware: AsyncMiddleware {
    let contract: APIContract

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        let verdict = contract.check(
            method: request.method.rawValue, path: request.url.path, query: request.url.query,
            header: { request.headers[$0].map { $0.trimmingCharacters(in: .whitespaces) } }, signedIn: request.actor != nil)
        switch verdict {
        case .pass:
            return try await next.respond(to: request)
        case .unauthenticated:
            throw APIFailure.unauthorized
        case .methodNotAllowed(let allow):
            let response = try APIFailure(
                status: .methodNotAllowed, code: "method_not_allowed", message: TextKey.errorMethodNotAllowed(request.language)
            ).response(request.language)
            response.headers.replaceOrAdd(name: .allow, value: allow.joined(separator: ", "))
            return response
        case .badQuery(let problems):
            throw APIFailure(
                status: .badRequest, code: "bad_request", fields: problems.mapValues { $0(request.language) })
        }
    }
}

/// The document, made once at start-up.
struct OpenAPIKey: StorageKey { typealias Value = JSONValue }

extension JSONValue {
    var integer: Int? { if case .number(let n) = self { n } else { nil } }
    var text: String? { if case .string(let s) = self { s } else { nil } }
}
