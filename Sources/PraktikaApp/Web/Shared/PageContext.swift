import PraktikaDomain
import Vapor

/// What every page needs to know about the request it answers.
struct PageContext: Sendable {
    var language: Language
    var actor: Actor?
    var csrfToken: String
    var flash: TextKey?
    var path: String
    /// The part of the site a page belongs to, when its path says otherwise (a published practice
    /// lives at /services/… but belongs to the catalogue): the main menu marks it.
    var section: String?

    var format: Formatting { Formatting(language) }

}

extension Request {
    private struct PageContextKey: StorageKey { typealias Value = PageContext }

    /// Set by `RequestContextMiddleware` for every request.
    var page: PageContext {
        get {
            storage[PageContextKey.self]
                ?? PageContext(
                    language: Language(code: cookies[Cookies.language]?.string), actor: nil, csrfToken: "",
                    flash: nil, path: url.path)
        }
        set { storage[PageContextKey.self] = newValue }
    }

    var actor: Actor? { page.actor }
    var language: Language { page.language }
}

/// Cookie names, in one place.
enum Cookies {
    static let session = "praktika-session"
    static let csrf = "praktika-csrf"
    static let language = "praktika-lang"
    static let flash = "praktika-flash"
}

extension Request {
    /// A cookie of this site: HttpOnly, whole-site path, `Secure` when served over HTTPS.
    func cookie(_ value: String, maxAge: Int?, sameSite: HTTPCookies.SameSitePolicy = .lax) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/",
            isSecure: application.storage[ConfigurationKey.self]?.secureCookies ?? false, isHTTPOnly: true, sameSite: sameSite)
    }

    /// A 303 to a page of this site, optionally carrying a one-time message for it.
    func seeOther(_ path: String, flash: TextKey? = nil) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: path)
        if let flash { response.cookies[Cookies.flash] = cookie(flash.rawValue, maxAge: 60) }
        return response
    }
}
