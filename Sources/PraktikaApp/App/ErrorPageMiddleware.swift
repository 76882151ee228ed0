import Plot
import PraktikaDomain
import Vapor

/// Turns every error into a page (or, under /api, a JSON body) in the visitor's language.
/// Internal error descriptions are logged, never shown.
struct ErrorPageMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in
            if let failure = error as? APIFailure { return Self.retryable(try failure.response(request.language)) }
            let status: HTTPResponseStatus
            var reason: String?
            // Vapor would answer every decoding error with 400, as if the visitor had sent bad input.
            // Every handler here decodes what a visitor sends itself and answers a bad body at the
            // field (`Request.decodeBody`, forms read leniently), so one that arrives here came
            // from the server's own data (a database row, a stored document): a server error.
            if let abort = error as? any AbortError, !(error is DecodingError) {
                status = abort.status
                reason = abort.reason
            } else if isDatabaseBusy(error) {
                // Still locked after waiting: nothing was written, and the client may try again.
                status = .serviceUnavailable
            } else {
                status = .internalServerError
            }
            if status.code >= 500 {
                request.logger.error("Unhandled error on \(request.method) \(request.url.path): \(String(reflecting: error))")
            }
            let context = request.page
            let (titleKey, bodyKey) = Self.texts(status, reason: reason)
            if request.url.path.hasPrefix("/api/") {
                return Self.retryable(
                    try APIError.response(status: status, message: bodyKey(context.language), code: Self.apiCode(status, reason: reason)))
            }
            let html = Layout.page(
                context, title: titleKey(context.language),
                body: [
                    .h1(.safe(titleKey(context.language))),
                    .p(.safe(bodyKey(context.language))),
                    // A page that is not found may be a private one of the visitor's own library: someone
                    // not signed in is offered to sign in on every such page alike, so nothing is told.
                    status == .unauthorized || (status == .notFound && context.actor == nil && request.method == .GET)
                        ? .p(.link(SiteURL.signIn.with([("back", request.url.path)]), TextKey.signIn(context.language), .class("button")))
                        : .p(.link(SiteURL.home.path, TextKey.back(context.language))),
                ])
            return Self.retryable(HTMLResponse.make(html, status: status))
        }
    }

    /// A busy answer says when to try again.
    static func retryable(_ response: Response) -> Response {
        if response.status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "2") }
        return response
    }

    /// The machine-readable code of an error the API did not word itself.
    static func apiCode(_ status: HTTPResponseStatus, reason: String?) -> String? {
        if reason == "csrf" { return "csrf" }
        switch status {
        case .notFound: return "not_found"
        case .forbidden: return "forbidden"
        case .unauthorized: return "unauthorized"
        case .serviceUnavailable: return "busy"
        default: return nil
        }
    }

    static func texts(_ status: HTTPResponseStatus, reason: String?) -> (TextKey, TextKey) {
        switch status {
        case .notFound: return (.errorNotFoundTitle, .errorNotFoundBody)
        case .forbidden where reason == "csrf": return (.errorForbiddenTitle, .errorCSRF)
        case .forbidden: return (.errorForbiddenTitle, .errorForbiddenBody)
        case .unauthorized: return (.errorForbiddenTitle, .errorUnauthorized)
        case .badRequest, .unprocessableEntity, .payloadTooLarge: return (.errorServerTitle, .errorBadRequest)
        case .serviceUnavailable: return (.errorBusyTitle, .errorBusyBody)
        default: return (.errorServerTitle, .errorServerBody)
        }
    }
}

enum HTMLResponse {
    static func make(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }
}
