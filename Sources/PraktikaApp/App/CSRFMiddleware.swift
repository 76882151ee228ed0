import Vapor

/// Rejects any state-changing browser request whose form does not carry the CSRF token that
/// was set in the visitor's cookie (double-submit). The API is exempt: it accepts only bearer
/// tokens, which a browser never sends on its own.
struct CSRFMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        guard !safe.contains(request.method) && !request.url.path.hasPrefix("/api/") else { return next.respond(to: request) }
        // Uploads may be larger than other forms; their routes set the same limit.
        let limit = request.url.path.hasSuffix("/attachments") ? 11 * 1_048_576 : 1_048_576
        return request.body.collect(max: limit).flatMapThrowing { _ in
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            let expected = request.cookies[Cookies.csrf]?.string ?? ""
            guard !expected.isEmpty, Self.constantTimeEqual(sent, expected) else {
                throw Abort(.forbidden, reason: "csrf")
            }
        }.flatMap { next.respond(to: request) }
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
