import Vapor

/// Headers that keep the browser strict: only our own scripts and styles, no framing, no sniffing.
/// The middlewares here are future-based, not `AsyncMiddleware`: Vapor runs each async one in a
/// task of its own and waits for the next one from it, two thread wake-ups per layer and request.
struct SecurityHeadersMiddleware: Middleware {
    /// Served only over HTTPS (the public address is `https://…`): browsers are told to keep to it.
    var strictTransport = false

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            Self.add(to: response)
            if strictTransport { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
            return response
        }
    }

    static func add(to response: Response) {
        // A response with a stricter policy of its own (a download's sandbox) keeps it.
        if response.headers["Content-Security-Policy"].isEmpty {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    }
}
