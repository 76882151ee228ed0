import Foundation
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
        let limit = Self.bodyLimit(path)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            return request.eventLoop.makeFailedFuture(Abort(.payloadTooLarge))
        }
        return request.body.collect(max: limit).flatMapThrowing { _ in
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            let expected = request.cookies[Cookies.csrf]?.string ?? ""
            // Either form is accepted: a raw token can, by chance, also decode as a masked value.
            let matches = Self.constantTimeEqual(sent, expected) || Self.constantTimeEqual(CSRFMask.unmasked(sent) ?? "", expected)
            guard !expected.isEmpty, matches else {
                throw Abort(.forbidden, reason: "csrf")
            }
        }.flatMap { next.respond(to: request) }
    }

    /// The forms people post without an account: signing in and out, the language, a meeting's
    /// public registration, a participant's withdrawal by their personal link, an anonymous
    /// feedback or survey answer, and asking for and choosing a new password.
    static func isOpenToAnyone(_ path: String) -> Bool {
        path == SiteURL.signIn.path || path == SiteURL.signOut.path || path.hasPrefix("/language/") || path.hasPrefix("/register/")
            || path.hasPrefix("/feedback/") || path.hasPrefix("/s/") || path.hasPrefix("/r/") || path == SiteURL.forgotPassword.path
            || path.hasPrefix("/password/reset/")
    }

    /// Uploads may be larger than other forms; their routes set the same limit.
    static func bodyLimit(_ path: String) -> Int {
        path.hasSuffix("/attachments") || path.hasSuffix("/agreements") ? 11 * 1_048_576 : 1_048_576
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

/// The token as forms carry it: masked with a fresh random pad on every page (the pad, then the
/// token XOR the pad, in base64url), so that a compressed page never repeats the same secret and
/// its size cannot be used to guess it (BREACH). The cookie holds the token itself.
enum CSRFMask {
    static func masked(_ token: String) -> String {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty else { return token }
        var generator = SystemRandomNumberGenerator()
        let pad = (0..<bytes.count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64url(pad + zip(pad, bytes).map { $0 ^ $1 })
    }

    /// The token inside a masked value; nil for anything that is not one (a raw token, sent by a
    /// client that read it from the cookie, is compared as it is).
    static func unmasked(_ value: String) -> String? {
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), data.count >= 2, data.count % 2 == 0 else { return nil }
        let bytes = Array(data)
        let half = bytes.count / 2
        return String(bytes: zip(bytes[..<half], bytes[half...]).map { $0 ^ $1 }, encoding: .utf8)
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
