import Fluent
import Foundation
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// The signed-in person's own account: language, password, sessions and API keys, and a copy of
/// everything kept about them.
struct ProfileController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.account, use: show)
        routes.post(.accountLanguage, use: saveLanguage)
        routes.post(.accountPassword, use: changePassword)
        routes.post(.accountRevokeToken(SiteURL.any), use: revoke)
        routes.get(.accountExport, use: export)
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let user = try await currentUser(req)
        return try await page(req, user, passwordErrors: FieldErrors(), status: .ok)
    }

    @Sendable func saveLanguage(_ req: Request) async throws -> Response {
        let user = try await currentUser(req)
        let language = Language(code: (try? req.content.get(String.self, at: "language")) ?? "")
        try await AccountStore(db: req.sql).setLanguage(userID: user.id, language)
        let response = req.seeOther(SiteURL.account.path, flash: .flashLanguageSaved)
        response.cookies[Cookies.language] = req.cookie(language.rawValue, maxAge: 365 * 86_400)
        return response
    }

    @Sendable func changePassword(_ req: Request) async throws -> Response {
        let user = try await currentUser(req)
        let input = (try? req.content.decode([String: String].self)) ?? [:]
        var errors = FieldErrors()
        let current = input["current_password"] ?? ""
        let verified = current.isEmpty ? false : ((try? await req.password.async.verify(current, created: user.passwordHash)) ?? false)
        if !verified {
            errors.add("current_password", .validationCurrentPasswordWrong)
        }
        errors.merge(
            PasswordRules.check(
                "new_password", input["new_password"] ?? "", confirmation: input["new_password_confirmation"] ?? "", email: user.email))
        guard errors.isEmpty else { return try await page(req, user, passwordErrors: errors, status: .unprocessableEntity) }
        let hash = try await req.password.async.hash(input["new_password"] ?? "")
        let keep = (req.cookies[Cookies.session]?.string).map { AccountStore.hash($0) }
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let accounts = AccountStore(db: sql)
            try await accounts.setPasswordHash(userID: user.id, hash)
            // A changed password ends every other session and key: whoever knew the old one is out.
            try await accounts.revokeOthers(userID: user.id, keepingHash: keep)
            try await AuditStore(db: sql).record(
                actor: user.actor, action: .passwordChange, entity: "user", entityID: String(user.id), entityName: user.name)
        }
        return req.seeOther(SiteURL.account.path, flash: .flashPasswordChanged)
    }

    @Sendable func revoke(_ req: Request) async throws -> Response {
        let user = try await currentUser(req)
        guard let id = req.parameters.get("id", as: Int64.self), try await AccountStore(db: req.sql).revokeToken(id: id, ownedBy: user.id)
        else { throw Abort(.notFound) }
        try await AuditStore(db: req.sql).record(
            actor: user.actor, action: .tokenRevoke, entity: "user", entityID: String(user.id), entityName: user.name)
        return req.seeOther(SiteURL.account.path, flash: .flashTokenRevoked)
    }

    /// Everything kept about the person, as JSON (GDPR art. 15 and 20): the account without its
    /// password hash, the sessions and keys without their secrets, and the audit log of their actions.
    @Sendable func export(_ req: Request) async throws -> Response {
        struct Export: Encodable {
            struct Account: Encodable {
                let id: Int64
                let email: String
                let name: String
                let role: String
                let districtCode: String?
                let libraryID: Int64?
                let language: String?
                enum CodingKeys: String, CodingKey {
                    case id, email, name, role, language
                    case districtCode = "district_code"
                    case libraryID = "library_id"
                }
            }
            struct Token: Encodable {
                let kind: String
                let label: String?
                let createdAt: Date
                let expiresAt: Date?
                enum CodingKeys: String, CodingKey {
                    case kind, label
                    case createdAt = "created_at"
                    case expiresAt = "expires_at"
                }
            }
            let exportedAt: Date
            let account: Account
            let sessionsAndKeys: [Token]
            let actions: [AuditEntry]
            enum CodingKeys: String, CodingKey {
                case account, actions
                case exportedAt = "exported_at"
                case sessionsAndKeys = "sessions_and_keys"
            }
        }
        let user = try await currentUser(req)
        let tokens = try await AccountStore(db: req.sql).tokens(userID: user.id)
        let actions = try await req.sql.select().column("*").from("audit_log").where("user_id", .equal, user.id)
            .orderBy("at", .descending).all(decoding: AuditEntry.self)
        let export = Export(
            exportedAt: Date(),
            account: .init(
                id: user.id, email: user.email, name: user.name, role: user.role.rawValue, districtCode: user.districtCode,
                libraryID: user.libraryID, language: user.language),
            sessionsAndKeys: tokens.map { .init(kind: $0.kind, label: $0.label, createdAt: $0.createdAt, expiresAt: $0.expiresAt) },
            actions: actions)
        return try JSONDownload.response(export, filename: "praktika-my-data.json")
    }

    // MARK: Private

    private func currentUser(_ req: Request) async throws -> UserRow {
        guard let actor = req.actor else { throw Abort(.unauthorized) }
        guard let user = try await AccountStore(db: req.sql).user(id: actor.userID) else { throw Abort(.unauthorized) }
        return user
    }

    private func page(_ req: Request, _ user: UserRow, passwordErrors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let tokens = try await AccountStore(db: req.sql).tokens(userID: user.id)
        let current = (req.cookies[Cookies.session]?.string).map { AccountStore.hash($0) }
        var library: String?
        if let id = user.libraryID { library = try await DesignStore(db: req.sql).libraryNames([id])[id] }
        return HTMLResponse.make(
            ProfileView.render(
                user: user, libraryName: library, tokens: tokens, currentHash: current, passwordErrors: passwordErrors, req.page),
            status: status)
    }
}

enum ProfileView {
    static func render(
        user: UserRow, libraryName: String?, tokens: [AccountStore.TokenRow], currentHash: String?, passwordErrors: FieldErrors,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let details: Node<HTML.BodyContext> = .element(
            named: "dl",
            nodes: [
                .class("details"),
                .dt(.safe(TextKey.fieldFullName(l))), .dd(.safe(user.name)),
                .dt(.safe(TextKey.fieldEmail(l))), .dd(.safe(user.email)),
                .dt(.safe(TextKey.fieldRole(l))), .dd(.safe(user.role.label(l))),
                user.districtCode.flatMap(District.named).map { d in .group(.dt(.safe(TextKey.fieldDistrict(l))), .dd(.safe(d.name(l)))) }
                    ?? .empty,
                libraryName.map { .group(.dt(.safe(TextKey.fieldLibrary(l))), .dd(.safe($0))) } ?? .empty,
            ])
        let languageOptions: [Node<HTML.BodyContext>] = Language.allCases.map { option in
            .element(
                named: "option",
                nodes: [
                    .attr("value", option.rawValue), option == context.language ? .attr("selected", "selected") : .empty,
                    .safe(TextKey.languageName(option)),
                ])
        }
        let languageForm: Node<HTML.BodyContext> = .form(
            .class("record-form narrow"), .method(.post), .action(SiteURL.accountLanguage.path),
            Layout.csrfField(context),
            .div(
                .class("field"), .label(.attr("for", "field-language"), .safe(TextKey.accountLanguage(l))),
                .element(named: "select", nodes: [.attr("id", "field-language"), .attr("name", "language")] + languageOptions)),
            .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l)))))
        let passwordModel = FormModel(
            title: TextKey.accountPasswordTitle(l), action: SiteURL.accountPassword.path,
            fields: [
                FormField(name: "current_password", label: .fieldCurrentPassword, kind: .password, required: true),
                FormField(name: "new_password", label: .fieldNewPassword, kind: .password, required: true),
                FormField(name: "new_password_confirmation", label: .fieldPasswordConfirmation, kind: .password, required: true),
            ], values: [:], errors: passwordErrors, cancelHref: SiteURL.account.path)
        let rows: [Node<HTML.TableContext>] = tokens.map { t in
            let kind = t.kind == AccountStore.TokenKind.session.rawValue ? TextKey.tokenKindSession(l) : TextKey.tokenKindAPI(l)
            let isCurrent = t.tokenHash == currentHash
            return .tr(
                .th(
                    .attr("scope", "row"), .safe(kind), t.label.map { .span(.class("muted"), .safe(" · " + $0)) } ?? .empty,
                    isCurrent ? .strong(.safe(" (" + TextKey.tokenThisSession(l) + ")")) : .empty),
                .td(.attr("data-label", TextKey.tokenCreated(l)), .safe(f.dateTime(t.createdAt))),
                .td(.attr("data-label", TextKey.tokenExpires(l)), .safe(t.expiresAt.map(f.dateTime) ?? "—")),
                .td(
                    isCurrent
                        ? .empty
                        : .form(
                            .class("inline"), .method(.post), .action(SiteURL.accountRevokeToken(t.id).path), Layout.csrfField(context),
                            .button(.type(.submit), .class("link-button"), .safe(TextKey.tokenRevoke(l))))))
        }
        let tokenTable: Node<HTML.BodyContext> = .div(
            .class("table-wrap"),
            .table(
                .class("stack"),
                .thead(
                    .tr(
                        .th(.attr("scope", "col"), .safe(TextKey.fieldKind(l))), .th(.attr("scope", "col"), .safe(TextKey.tokenCreated(l))),
                        .th(.attr("scope", "col"), .safe(TextKey.tokenExpires(l))),
                        .th(.attr("scope", "col"), .span(.class("visually-hidden"), .safe(TextKey.tokenRevoke(l)))))),
                .tbody(.group(rows))))
        return Layout.page(
            context, title: TextKey.accountTitle(l),
            body: [
                .h1(.safe(TextKey.accountTitle(l))),
                .h2(.safe(TextKey.accountDetails(l))), details,
                .h2(.safe(TextKey.accountLanguage(l))), languageForm,
                .h2(.id("password"), .safe(TextKey.accountPasswordTitle(l))), FormView.render(passwordModel, context),
                .h2(.safe(TextKey.accountSessionsTitle(l))), .p(.safe(TextKey.accountSessionsIntro(l))), tokenTable,
                .h2(.safe(TextKey.accountExportTitle(l))), .p(.safe(TextKey.accountExportIntro(l))),
                .p(.link(SiteURL.accountExport.path, TextKey.accountExportButton(l), .class("button secondary"))),
            ])
    }
}
