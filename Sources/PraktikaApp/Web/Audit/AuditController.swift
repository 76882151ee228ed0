import Fluent
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// The audit log and the list of users, for administrators.
struct AdminController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.audit, use: audit)
        routes.get(.users, use: users)
        routes.get(.newUser, use: newUser)
        routes.post(.users, use: createUser)
        routes.get(.eraseUser(SiteURL.any), use: confirmErase)
        routes.post(.eraseUser(SiteURL.any), use: erase)
    }

    static let perPage = 50

    @Sendable func audit(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.mayReadAuditLog(context.actor) else { throw Abort(context.actor == nil ? .unauthorized : .forbidden) }
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let entity = (try? req.query.get(String.self, at: "entity")).flatMap { $0.isEmpty ? nil : $0 }
        let (entries, total) = try await AuditStore(db: req.sql).entries(
            entity: entity, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let l = context.language
        let pages = max(1, (total + Self.perPage - 1) / Self.perPage)
        return HTMLResponse.make(
            Layout.page(
                context, title: TextKey.auditTitle(l),
                body: [
                    .h1(.safe(TextKey.auditTitle(l))),
                    .p(.safe(TextKey.recordCount(l, ["count": context.format.integer(total)]))),
                    AuditView.table(entries, context, showRecord: true),
                    pages > 1
                        ? .nav(
                            .class("pagination"),
                            .ul(
                                page > 1
                                    ? .li(
                                        .link(
                                            SiteURL.audit.with([("entity", entity ?? ""), ("page", String(page - 1))]),
                                            TextKey.previousPage(l))) : .empty,
                                .li(.span(.safe(TextKey.pageOf(l, ["page": String(page), "pages": String(pages)])))),
                                page < pages
                                    ? .li(
                                        .link(
                                            SiteURL.audit.with([("entity", entity ?? ""), ("page", String(page + 1))]), TextKey.nextPage(l))
                                    ) : .empty
                            ))
                        : .empty,
                ]))
    }

    @Sendable func users(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.mayManageUsers(context.actor) else { throw Abort(context.actor == nil ? .unauthorized : .forbidden) }
        let l = context.language
        let users = try await AccountStore(db: req.sql).users()
        return HTMLResponse.make(
            Layout.page(
                context, title: TextKey.usersTitle(l),
                body: [
                    .div(
                        .class("page-heading"), .h1(.safe(TextKey.usersTitle(l))),
                        .link(SiteURL.newUser.path, TextKey.newUser(l), .class("button"))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.safe(TextKey.fieldFullName(l))), .th(.safe(TextKey.fieldEmail(l))),
                                    .th(.safe(TextKey.fieldRole(l))), .th(.safe(TextKey.fieldDistrict(l))),
                                    .th(.span(.class("visually-hidden"), .safe(TextKey.eraseUser(l)))))),
                            .tbody(
                                .group(
                                    users.map { u in
                                        .tr(
                                            .td(.safe(u.name)), .td(.safe(u.email)), .td(.safe(u.role.label(l))),
                                            .td(CellView.render(Lookups.district(u.districtCode, l), l)),
                                            .td(
                                                u.id == context.actor?.userID
                                                    ? .empty : .link(SiteURL.eraseUser(u.id).path, TextKey.eraseUser(l))))
                                    }))
                        )),
                ]))
    }
}

extension AdminController {
    @Sendable func newUser(_ req: Request) async throws -> Response {
        try requireAdmin(req)
        return try await userForm(req, values: ["role": Role.librarian.rawValue], errors: FieldErrors(), status: .ok)
    }

    @Sendable func createUser(_ req: Request) async throws -> Response {
        try requireAdmin(req)
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        var (account, errors) = NewAccount.parse(input)
        let accounts = AccountStore(db: req.sql)
        if !account.email.isEmpty, try await accounts.user(email: account.email) != nil { errors.add("email", .validationEmailTaken) }
        // A librarian works in their library's district.
        if account.role == .librarian, let library = account.libraryID {
            let row = try await req.sql.select().column("district_code").from("libraries").where("id", .equal, library).first()
            if let row {
                account.districtCode = try row.decode(column: "district_code", as: String?.self)
            } else {
                errors.add("library_id", .validationUnknownReference)
            }
        }
        // A partner account may speak for one registry partner, which must exist.
        if account.role == .partner, let partner = account.partnerID,
            try await req.sql.select().column("id").from("partners").where("id", .equal, partner).first() == nil
        {
            errors.add("partner_id", .validationUnknownReference)
        }
        input["password"] = nil
        input["password_confirmation"] = nil
        guard errors.isEmpty else { return try await userForm(req, values: input, errors: errors, status: .unprocessableEntity) }
        let hash = try await req.password.async.hash(account.password)
        let checked = account
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await AccountStore(db: sql).createUser(
                email: checked.email, name: checked.name, passwordHash: hash, role: checked.role,
                districtCode: checked.role == .admin || checked.role == .partner ? nil : checked.districtCode,
                libraryID: checked.role == .librarian ? checked.libraryID : nil, partnerID: checked.partnerID)
            try await AuditStore(db: sql).record(
                actor: req.actor, action: .create, entity: "user", entityID: String(id), entityName: checked.name,
                changes: FieldChange.between([:], ["email": checked.email, "name": checked.name, "role": checked.role.rawValue]))
        }
        return req.seeOther(SiteURL.users.path, flash: .flashCreated)
    }

    @Sendable func confirmErase(_ req: Request) async throws -> Response {
        let user = try await erasable(req)
        let l = req.language
        return HTMLResponse.make(
            Layout.page(
                req.page, title: TextKey.eraseUser(l), breadcrumbs: [(SiteURL.users.path, TextKey.usersTitle(l))],
                body: [
                    .h1(.safe(TextKey.eraseUser(l))),
                    .p(.safe(TextKey.eraseUserQuestion(l, ["name": user.name]))),
                    .form(
                        .method(.post), .action(SiteURL.eraseUser(user.id).path), Layout.csrfField(req.page),
                        .div(
                            .class("actions"), .button(.type(.submit), .class("button danger"), .safe(TextKey.eraseUser(l))),
                            .link(SiteURL.users.path, TextKey.cancel(l), .class("button secondary")))),
                ]))
    }

    @Sendable func erase(_ req: Request) async throws -> Response {
        let user = try await erasable(req)
        let replacement = "\(TextKey.erasedUser(.bg)) #\(user.id)"
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await AccountStore(db: sql).erase(userID: user.id, email: user.email, replacement: replacement)
            try await AuditStore(db: sql).record(
                actor: req.actor, action: .erase, entity: "user", entityID: String(user.id), entityName: replacement)
        }
        return req.seeOther(SiteURL.users.path, flash: .flashUserErased)
    }

    private func requireAdmin(_ req: Request) throws {
        guard Policy.mayManageUsers(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
    }

    private func erasable(_ req: Request) async throws -> UserRow {
        try requireAdmin(req)
        guard let id = req.parameters.get("id", as: Int64.self), let user = try await AccountStore(db: req.sql).user(id: id) else {
            throw Abort(.notFound)
        }
        guard id != req.actor?.userID else { throw Abort(.forbidden, reason: TextKey.cannotEraseSelf(req.language)) }
        return user
    }

    private func userForm(_ req: Request, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let context = req.page
        let l = context.language
        let libraries = try await DesignFormOptions.load(req.sql, req.actor, l, keeping: []).libraries
        let partners = RegistryLookups.options(try await RegistryLookups(db: req.sql).choices(.partners, districts: nil), l)
        let model = FormModel(
            title: TextKey.newUser(l), action: SiteURL.users.path,
            fields: [
                FormField(name: "name", label: .fieldFullName, kind: .text, required: true),
                FormField(name: "email", label: .fieldEmail, kind: .email, required: true),
                FormField(name: "role", label: .fieldRole, kind: .select(.choices(Role.self, l)), required: true),
                FormField(name: "district_code", label: .fieldDistrict, kind: .select(.districts(l)), hint: .hintUserDistrict),
                FormField(name: "library_id", label: .fieldLibrary, kind: .select(libraries), hint: .hintUserLibrary),
                FormField(name: "partner_id", label: .partner, kind: .select(partners), hint: .hintUserPartner),
                FormField(name: "password", label: .fieldPassword, kind: .password, required: true, hint: .hintPassword),
                FormField(name: "password_confirmation", label: .fieldPasswordConfirmation, kind: .password, required: true),
            ], values: values, errors: errors, cancelHref: SiteURL.users.path)
        return HTMLResponse.make(
            Layout.page(
                context, title: TextKey.newUser(l), breadcrumbs: [(SiteURL.users.path, TextKey.usersTitle(l))],
                body: [.h1(.safe(TextKey.newUser(l))), FormView.render(model, context)]),
            status: status)
    }
}

enum AuditView {
    static func table(_ entries: [AuditEntry], _ context: PageContext, showRecord: Bool) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !entries.isEmpty else { return .p(.class("muted"), .safe(TextKey.noRecords(l))) }
        return .div(
            .class("table-wrap"),
            .table(
                // Cards where the columns do not fit (a phone): each cell says its column's name.
                .class("audit stack"),
                .thead(
                    .tr(
                        .th(.safe(TextKey.auditWhen(l))), .th(.safe(TextKey.auditWho(l))), .th(.safe(TextKey.auditAction(l))),
                        showRecord ? .th(.safe(TextKey.auditRecord(l))) : .empty, .th(.safe(TextKey.auditChanges(l))))),
                .tbody(
                    .group(
                        entries.map { entry in
                            .tr(
                                .td(.safe(context.format.dateTime(entry.at))),
                                .td(.attr("data-label", TextKey.auditWho(l)), .safe(entry.userName ?? TextKey.auditSystem(l))),
                                .td(
                                    .attr("data-label", TextKey.auditAction(l)),
                                    .safe(AuditAction(rawValue: entry.action)?.label(l) ?? entry.action)),
                                showRecord ? .td(.attr("data-label", TextKey.auditRecord(l)), record(entry, l)) : .empty,
                                .td(.attr("data-label", TextKey.auditChanges(l)), changes(entry.fieldChanges, entity: entry.entity, l))
                            )
                        }))
            ))
    }

    static func record(_ entry: AuditEntry, _ l: Language) -> Node<HTML.BodyContext> {
        let name = entry.entityName ?? entry.entityID ?? ""
        if let kind = RegistryKind(rawValue: entry.entity), let id = entry.entityID, entry.action != AuditAction.delete.rawValue,
            let area = RegistryArea.allCases.first(where: { RegistryArea.kind($0) == kind })
        {
            return .link(SiteURL.record(area, id).path, name)
        }
        if entry.entity == DesignService.auditEntity, let id = entry.entityID.flatMap({ Int64($0) }),
            entry.action == AuditAction.update.rawValue || entry.action == AuditAction.create.rawValue
        {
            return .link(SiteURL.service(id).path, name)
        }
        return .safe(name)
    }

    static func changes(_ changes: [FieldChange], entity: String, _ l: Language) -> Node<HTML.BodyContext> {
        guard !changes.isEmpty else { return .empty }
        return .ul(
            .class("changes"),
            .group(
                changes.map { change in
                    .li(
                        .safe(FieldLabel.of(change.field)?(l) ?? change.field), .text(": "),
                        .element(named: "del", nodes: [.safe(FieldChange.display(change.before, field: change.field, entity: entity, l))]),
                        .text(" → "),
                        .element(named: "ins", nodes: [.safe(FieldChange.display(change.after, field: change.field, entity: entity, l))]))
                }))
    }
}

extension RegistryArea {
    static func kind(_ area: RegistryArea) -> RegistryKind {
        switch area {
        case .districts: .district
        case .municipalities: .municipality
        case .settlements: .settlement
        case .libraries: .library
        case .partners: .partner
        case .people: .person
        }
    }
}
