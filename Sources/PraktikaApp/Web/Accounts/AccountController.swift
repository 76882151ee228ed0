import Fluent
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// Sign-in, sign-out and the language switch.
struct AccountController: Sendable {
    let configuration: AppConfiguration

    func register(_ routes: any RoutesBuilder) {
        routes.get(.signIn, use: signInPage)
        routes.post(.signIn, use: signIn)
        routes.post(.signOut, use: signOut)
        routes.get(.language(.bg), use: switchLanguage)
        routes.post(.language(.bg), use: switchLanguage)
    }

    @Sendable func signInPage(_ req: Request) async throws -> Response {
        HTMLResponse.make(SignInView.render(email: "", error: nil, back: Self.safeBack(req.query["back"]), req.page))
    }

    @Sendable func signIn(_ req: Request) async throws -> Response {
        struct Form: Content {
            var email: String?
            var password: String?
            var back: String?
        }
        // A body that is not a form signs no one in, like a wrong password.
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let back = Self.safeBack(form.back)
        switch try await Authentication(db: req.db, configuration: configuration).signIn(
            email: email, password: form.password ?? "", client: req.client)
        {
        case .success(let token, let actor):
            let response = req.seeOther(back ?? SiteURL.home.path, flash: .flashSignedIn)
            response.cookies[Cookies.session] = req.cookie(token, maxAge: configuration.sessionDays * 86_400)
            // A new form token with the new session: one planted before sign-in is worth nothing after it.
            response.cookies[Cookies.csrf] = req.cookie(AccountStore.randomToken(), maxAge: nil, sameSite: .strict)
            // The person's own language wins over whatever this browser used before.
            if let saved = try await AccountStore(db: req.sql).user(id: actor.userID)?.language {
                response.cookies[Cookies.language] = req.cookie(Language(code: saved).rawValue, maxAge: 365 * 86_400)
            }
            return response
        case .failure(let key, let values):
            let message = key(req.language, values)
            return HTMLResponse.make(SignInView.render(email: email, error: message, back: back, req.page), status: .unauthorized)
        }
    }

    @Sendable func signOut(_ req: Request) async throws -> Response {
        if let token = req.cookies[Cookies.session]?.string {
            try await AccountStore(db: req.sql).revokeToken(token: token)
        }
        let response = req.seeOther(SiteURL.home.path, flash: .flashSignedOut)
        response.cookies[Cookies.session] = req.cookie("", maxAge: 0)
        return response
    }

    /// Remembers the chosen language for a year in a cookie and returns to the page the visitor was on.
    /// The header's switch posts (with the CSRF token) and then also saves the choice in the account of a
    /// signed-in person; a plain GET (an old link) only sets the cookie, so that no link can change an account.
    @Sendable func switchLanguage(_ req: Request) async throws -> Response {
        let language = Language(code: req.parameters.get("code"))
        if req.method == .POST, let actor = req.actor { try await AccountStore(db: req.sql).setLanguage(userID: actor.userID, language) }
        let back = req.method == .POST ? (try? req.content.get(String.self, at: "back")) : req.query["back"]
        let response = req.seeOther(Self.safeBack(back) ?? SiteURL.home.path)
        response.cookies[Cookies.language] = req.cookie(language.rawValue, maxAge: 365 * 86_400)
        return response
    }

    /// Only paths on this site: "/libraries?x" yes; "//evil.example", "https://…", and anything a
    /// browser would read as another site once it drops tabs and line breaks and turns backslashes
    /// into slashes ("/\t/evil.example", "/\\evil.example"), no. Letters beyond ASCII are sent
    /// percent-encoded.
    static func safeBack(_ back: String?) -> String? {
        guard let back, back.count < 500, back.hasPrefix("/"), !back.hasPrefix("//") else { return nil }
        var path = ""
        for scalar in back.unicodeScalars {
            switch scalar.value {
            case 0..<0x21, 0x7f, 0x5c: return nil
            case 0x80...: path += String(scalar).addingPercentEncoding(withAllowedCharacters: []) ?? ""
            default: path.unicodeScalars.append(scalar)
            }
        }
        guard let parsed = URLComponents(string: path), parsed.scheme == nil, parsed.host == nil, parsed.path.hasPrefix("/"),
            !parsed.path.hasPrefix("//")
        else { return nil }
        return path
    }
}

extension Request {
    /// Where a request comes from, as failed sign-ins and anonymous forms are counted: the peer's
    /// address, or behind a trusted reverse proxy the address the proxy says it served.
    var client: String {
        ClientAddress.resolve(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
            trusted: application.storage[ConfigurationKey.self]?.trustedProxies ?? [])
    }
}

enum ClientAddress {
    /// Walks `X-Forwarded-For` from the right (the entry the nearest proxy added) past the
    /// trusted proxies; the first other address is the client. Entries a client wrote itself
    /// sit further left and are never reached while a trusted proxy appends the real one.
    static func resolve(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for address in chain.reversed() where !trusted.contains(address) {
            return address.isEmpty ? peer : address
        }
        return peer
    }
}

/// Checking a password, counting failures, and issuing a session or API token.
struct Authentication {
    /// A hash of no one's password at the configured cost, checked when an address has no
    /// account (computed once per cost).
    static func absentHash(cost: Int) -> String {
        absentLock.withLock {
            if let hash = absentHashes[cost] { return hash }
            let hash = (try? Bcrypt.hash(AccountStore.randomToken(), cost: cost)) ?? ""
            absentHashes[cost] = hash
            return hash
        }
    }
    private static let absentLock = NSLock()
    // Guarded by `absentLock`.
    nonisolated(unsafe) private static var absentHashes: [Int: String] = [:]

    enum Result {
        case success(token: String, actor: Actor)
        case failure(TextKey, [String: String])
    }

    let db: any Database
    let configuration: AppConfiguration

    /// `client` is where the attempt comes from (the peer's address): failures count per address
    /// and client, so that failing from elsewhere never locks the owner out.
    func signIn(email: String, password: String, client: String, kind: AccountStore.TokenKind = .session, label: String? = nil)
        async throws -> Result
    {
        let accounts = AccountStore(db: db as! any SQLDatabase)
        let audit = AuditStore(db: db as! any SQLDatabase)
        let window = TimeInterval(configuration.loginWindowMinutes * 60)
        let email = String(email.prefix(320))
        let (attempts, earliest) = try await accounts.noteAttempt(
            email: email, client: client, since: Date().addingTimeInterval(-window), keep: window)
        if attempts > configuration.loginAttempts {
            let wait = max(1, Int(((earliest ?? Date()).addingTimeInterval(window).timeIntervalSinceNow / 60).rounded(.up)))
            return .failure(.loginThrottled, ["minutes": String(wait)])
        }
        let user = email.isEmpty ? nil : try await accounts.user(email: email)
        // The same work whether or not the address has an account, so that timing does not tell.
        let verified =
            (try? Bcrypt.verify(password, created: user?.passwordHash ?? Self.absentHash(cost: configuration.bcryptCost))) == true
        guard let user, !password.isEmpty, verified else {
            try await audit.record(
                actor: nil, action: .signInFailed, entity: "user", entityID: nil,
                entityName: Validator.printableOnly(String(email.prefix(100))))
            return .failure(.loginFailed, [:])
        }
        try await accounts.clearFailures(email: email, client: client)
        let days = kind == .session ? configuration.sessionDays : configuration.apiTokenDays
        let lifetime = TimeInterval(days * 86_400)
        let (_, token) = try await accounts.createToken(userID: user.id, kind: kind, label: label, lifetime: lifetime)
        try await audit.record(
            actor: user.actor, action: kind == .session ? .signIn : .tokenCreate, entity: "user", entityID: String(user.id),
            entityName: user.name)
        return .success(token: token, actor: user.actor)
    }
}

/// A forgotten password: the request for a link, and choosing the new password through it.
struct PasswordResetController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.forgotPassword, use: requestPage)
        routes.post(.forgotPassword, use: request)
        routes.get(.resetPassword(SiteURL.anyText), use: choosePage)
        routes.post(.resetPassword(SiteURL.anyText), use: choose)
    }

    @Sendable func requestPage(_ req: Request) async throws -> Response {
        HTMLResponse.make(PasswordResetView.request(email: "", errors: FieldErrors(), sentTo: nil, req.page))
    }

    @Sendable func request(_ req: Request) async throws -> Response {
        let email = ((try? req.content.get(String.self, at: "email")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrors()
        if email.isEmpty || !email.contains("@") || email.count > 254 {
            errors.add("email", email.isEmpty ? .validationRequired : .validationEmail)
            return HTMLResponse.make(
                PasswordResetView.request(email: email, errors: errors, sentTo: nil, req.page), status: .unprocessableEntity)
        }
        let site = req.siteAddress
        switch try await PasswordReset(db: req.db).request(
            email: email, client: req.client, language: req.language, link: { site + SiteURL.resetPassword($0).path })
        {
        case .accepted:
            return HTMLResponse.make(PasswordResetView.request(email: email, errors: FieldErrors(), sentTo: email, req.page))
        case .throttled:
            errors.add("email", .validationTooManyResets, ["minutes": String(AnonymousThrottle.windowSeconds / 60)])
            return HTMLResponse.make(
                PasswordResetView.request(email: email, errors: errors, sentTo: nil, req.page), status: .tooManyRequests)
        }
    }

    @Sendable func choosePage(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let user = try await PasswordReset(db: req.db).account(secret: token) else {
            return HTMLResponse.make(PasswordResetView.expired(req.page), status: .gone)
        }
        return HTMLResponse.make(PasswordResetView.choose(token: token, email: user.email, errors: FieldErrors(), req.page))
    }

    @Sendable func choose(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let input = (try? req.content.decode([String: String].self)) ?? [:]
        let hasher = req.password.async
        switch try await PasswordReset(db: req.db).reset(
            secret: token, password: input["new_password"] ?? "", confirmation: input["new_password_confirmation"] ?? "",
            hash: { try await hasher.hash($0) })
        {
        case .changed:
            let response = req.seeOther(SiteURL.signIn.path, flash: .flashPasswordReset)
            // Whatever session this browser had ended with the old password.
            response.cookies[Cookies.session] = req.cookie("", maxAge: 0)
            return response
        case .invalid(let user, let errors):
            return HTMLResponse.make(
                PasswordResetView.choose(token: token, email: user.email, errors: errors, req.page), status: .unprocessableEntity)
        case .expired:
            return HTMLResponse.make(PasswordResetView.expired(req.page), status: .gone)
        }
    }
}
