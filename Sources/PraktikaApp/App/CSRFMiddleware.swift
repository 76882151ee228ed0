import Vapor

/// Rejects any state-changing browser request whose form does not carry the CSRF token that
/// was set in the visitor's cookie (double-submit). The API is exempt: it accepts only bearer
/// tokens, which a browser never sends on its own.
struct CSRFMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        let path = request.url.path
        guard !safe.contains(request.method) && !path.hasPrefix("/api/") else { return next.respond(to: request) }
        // Refuse before reading a byte of the body: a form that needs an account from someone who
        // is not signed in (the context middleware has resolved the session), or a body that says
        // it is larger than any form may be.
        if request.actor == nil && !Self.isOpenToAnyone(path) {
            return request.eventLoop.makeFailedFuture(Abort(.unauthorized))
        }
        // Uploads may be larger than other forms; their routes set the same limit.
        let limit = path.hasSuffix("/attachments") ? 11 * 1_048_576 : 1_048_576
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            return request.eventLoop.makeFailedFuture(Abort(.payloadTooLarge))
        }
        return request.body.collect(max: limit).flatMapThrowing { _ in
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            let expected = request.cookies[Cookies.csrf]?.string ?? ""
            guard !expected.isEmpty, Self.constantTimeEqual(sent, expected) else {
                throw Abort(.forbidden, reason: "csrf")
            }
        }.flatMap { next.respond(to: request) }
    }

    /// The forms people post without an account: signing in and out, the language, a meeting's
    /// public registration, a participant's withdrawal by their personal link, and an anonymous
    /// feedback or survey answer.
    static func isOpenToAnyone(_ path: String) -> Bool {
        path == SiteURL.signIn.path || path == SiteURL.signOut.path || path.hasPrefix("/language/") || path.hasPrefix("/register/")
            || path.hasPrefix("/feedback/") || path.hasPrefix("/s/") || path.hasPrefix("/r/")
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
