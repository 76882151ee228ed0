import Plot
import PraktikaDomain
import Vapor

/// The audit log and the list of users, for administrators.
struct AdminController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("audit", use: audit)
        routes.get("users", use: users)
    }

    static let perPage = 50

    @Sendable func audit(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.mayReadAuditLog(context.actor) else { throw Abort(context.actor == nil ? .unauthorized : .forbidden) }
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let entity = (try? req.query.get(String.self, at: "entity")).flatMap { $0.isEmpty ? nil : $0 }
        let (entries, total) = try await AuditStore(db: req.sql).entries(entity: entity, limit: Self.perPage, offset: (page - 1) * Self.perPage)
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
                                page > 1 ? .li(.link(SiteURL.audit.with([("entity", entity ?? ""), ("page", String(page - 1))]), TextKey.previousPage(l))) : .empty,
                                .li(.span(.safe(TextKey.pageOf(l, ["page": String(page), "pages": String(pages)])))),
                                page < pages ? .li(.link(SiteURL.audit.with([("entity", entity ?? ""), ("page", String(page + 1))]), TextKey.nextPage(l))) : .empty
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
                    .h1(.safe(TextKey.usersTitle(l))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(.tr(.th(.safe(TextKey.fieldFullName(l))), .th(.safe(TextKey.fieldEmail(l))), .th(.safe(TextKey.fieldRole(l))), .th(.safe(TextKey.fieldDistrict(l))))),
                            .tbody(
                                .group(
                                    users.map { u in
                                        .tr(
                                            .td(.safe(u.name)), .td(.safe(u.email)), .td(.safe(u.role.label(l))),
                                            .td(CellView.render(Lookups.district(u.districtCode, l), l)))
                                    }))
                        )),
                ]))
    }
}

enum AuditView {
    static func table(_ entries: [AuditEntry], _ context: PageContext, showRecord: Bool) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !entries.isEmpty else { return .p(.class("muted"), .safe(TextKey.noRecords(l))) }
        return .div(
            .class("table-wrap"),
            .table(
                .class("audit"),
                .thead(
                    .tr(
                        .th(.safe(TextKey.auditWhen(l))), .th(.safe(TextKey.auditWho(l))), .th(.safe(TextKey.auditAction(l))),
                        showRecord ? .th(.safe(TextKey.auditRecord(l))) : .empty, .th(.safe(TextKey.auditChanges(l))))),
                .tbody(
                    .group(
                        entries.map { entry in
                            .tr(
                                .td(.safe(context.format.dateTime(entry.at))),
                                .td(.safe(entry.userName ?? TextKey.auditSystem(l))),
                                .td(.safe(AuditAction(rawValue: entry.action)?.label(l) ?? entry.action)),
                                showRecord ? .td(record(entry, l)) : .empty,
                                .td(changes(entry.fieldChanges, l))
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
        return .safe(name)
    }

    static func changes(_ changes: [FieldChange], _ l: Language) -> Node<HTML.BodyContext> {
        guard !changes.isEmpty else { return .empty }
        return .ul(
            .class("changes"),
            .group(
                changes.map { change in
                    .li(
                        .safe(FieldLabel.of(change.field)?(l) ?? change.field), .text(": "),
                        .element(named: "del", nodes: [.safe(change.before)]), .text(" → "),
                        .element(named: "ins", nodes: [.safe(change.after)]))
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
