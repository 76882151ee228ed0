import PraktikaDomain
import Vapor

/// Builds the `PageContext` of each request: language, signed-in actor (browser session or API
/// bearer token), CSRF token and one-time flash message; and writes back the cookies they need.
struct RequestContextMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let isAPI = request.url.path.hasPrefix("/api/")
        let timing = request.application.storage[ConfigurationKey.self]?.serverTiming == true ? ServerTiming() : nil
        if let timing { request.storage[ServerTiming.Key.self] = timing }
        let language = Language(code: request.cookies[Cookies.language]?.string)
        let existingCSRF = request.cookies[Cookies.csrf]?.string ?? ""
        let csrf = existingCSRF.count >= 32 ? existingCSRF : AccountStore.randomToken()
        let flash = request.cookies[Cookies.flash].flatMap { TextKey(rawValue: $0.string) }
            .flatMap { $0.rawValue.hasPrefix("flash") ? $0 : nil }

        @Sendable func proceed(_ found: (actor: Actor, tokenID: Int64?)?) -> EventLoopFuture<Response> {
            if let tokenID = found?.tokenID { request.storage[APITokenIDKey.self] = tokenID }
            request.page = PageContext(language: language, actor: found?.actor, csrfToken: csrf, flash: flash, path: request.url.path)
            return next.respond(to: request).map { response in
                if !isAPI {
                    if csrf != existingCSRF {
                        response.cookies[Cookies.csrf] = request.cookie(csrf, maxAge: nil, sameSite: .strict)
                    }
                    if flash != nil, response.cookies[Cookies.flash] == nil {
                        response.cookies[Cookies.flash] = request.cookie("", maxAge: 0)
                    }
                    if let timing { response.headers.replaceOrAdd(name: "Server-Timing", value: timing.header) }
                    // Pages differ by cookie (language, account): never cache them in shared caches.
                    if response.headers[.cacheControl].isEmpty {
                        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                    }
                }
                return response
            }
        }
        // Only a request that names a session or a token needs the database (and a task); any
        // other goes on to its handler in the same call.
        if isAPI, let bearer = request.headers.bearerAuthorization?.token {
            return request.eventLoop.makeFutureWithTask {
                try await AccountStore(db: request.sql).actor(token: bearer, kind: .api).map { ($0.actor, $0.tokenID) }
            }.flatMap(proceed)
        }
        if !isAPI, let session = request.cookies[Cookies.session]?.string {
            return request.eventLoop.makeFutureWithTask {
                try await AccountStore(db: request.sql).actor(token: session, kind: .session).map { ($0.actor, nil) }
            }.flatMap(proceed)
        }
        return proceed(nil)
    }
}

struct APITokenIDKey: StorageKey { typealias Value = Int64 }
