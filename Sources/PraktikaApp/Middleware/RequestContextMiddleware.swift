import PraktikaDomain
import Vapor

/// Builds the `PageContext` of each request: language, signed-in actor (browser session or API
/// bearer token), CSRF token and one-time flash message; and writes back the cookies they need.
struct RequestContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let isAPI = request.url.path.hasPrefix("/api/")
        let language = Language(code: request.cookies[Cookies.language]?.string)
        let existingCSRF = request.cookies[Cookies.csrf]?.string ?? ""
        let csrf = existingCSRF.count >= 32 ? existingCSRF : AccountStore.randomToken()
        let flash = request.cookies[Cookies.flash].flatMap { TextKey(rawValue: $0.string) }
            .flatMap { $0.rawValue.hasPrefix("flash") ? $0 : nil }

        var actor: Actor?
        let accounts = AccountStore(db: request.sql)
        if isAPI {
            if let bearer = request.headers.bearerAuthorization?.token,
                let found = try await accounts.actor(token: bearer, kind: .api)
            {
                actor = found.actor
                request.storage[APITokenIDKey.self] = found.tokenID
            }
        } else if let session = request.cookies[Cookies.session]?.string {
            actor = try await accounts.actor(token: session, kind: .session)?.actor
        }
        request.page = PageContext(language: language, actor: actor, csrfToken: csrf, flash: flash, path: request.url.path)

        let response = try await next.respond(to: request)
        if !isAPI {
            if csrf != existingCSRF {
                response.cookies[Cookies.csrf] = request.cookie(csrf, maxAge: nil, sameSite: .strict)
            }
            if flash != nil, response.cookies[Cookies.flash] == nil {
                response.cookies[Cookies.flash] = request.cookie("", maxAge: 0)
            }
            // Pages differ by cookie (language, account): never cache them in shared caches.
            if response.headers[.cacheControl].isEmpty {
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
        }
        return response
    }
}

struct APITokenIDKey: StorageKey { typealias Value = Int64 }

/// Rejects any state-changing browser request whose form does not carry the CSRF token that
/// was set in the visitor's cookie (double-submit). The API is exempt: it accepts only bearer
/// tokens, which a browser never sends on its own.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        if !safe.contains(request.method) && !request.url.path.hasPrefix("/api/") {
            // Uploads may be larger than other forms; their routes set the same limit.
            let limit = request.url.path.hasSuffix("/attachments") ? 11 * 1_048_576 : 1_048_576
            _ = try await request.body.collect(max: limit).get()
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            let expected = request.cookies[Cookies.csrf]?.string ?? ""
            guard !expected.isEmpty, Self.constantTimeEqual(sent, expected) else {
                throw Abort(.forbidden, reason: "csrf")
            }
        }
        return try await next.respond(to: request)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
