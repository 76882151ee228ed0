import Foundation
import Plot
import PraktikaDomain
import SQLKit
import Vapor

/// The administrators' view of the outbox: what was sent, what waits, what failed and why.
struct MailController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.mail, use: list)
        routes.post(.mailRetry(SiteURL.any), use: retry)
    }

    private func requireAdmin(_ req: Request) throws {
        guard let actor = req.actor else { throw Abort(.unauthorized) }
        guard actor.role == .admin else { throw Abort(.forbidden) }
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        try requireAdmin(req)
        let status = (try? req.query.get(String.self, at: "status")).flatMap(MailOutbox.Status.init(rawValue:))
        let outbox = MailOutbox(db: req.sql)
        let settings = req.application.storage[MailSettingsKey.self] ?? .off
        return HTMLResponse.make(
            MailView.render(
                counts: try await outbox.counts(), messages: try await outbox.recent(status: status), status: status, settings: settings,
                req.page))
    }

    @Sendable func retry(_ req: Request) async throws -> Response {
        try requireAdmin(req)
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self) else { throw Abort(.notFound) }
        try await MailOutbox(db: req.sql).retry(id)
        return req.seeOther(SiteURL.mail.path, flash: .flashMailRetried)
    }
}

struct MailSettingsKey: StorageKey { typealias Value = MailSettings }

enum MailView {
    static func label(_ status: MailOutbox.Status) -> TextKey {
        switch status {
        case .waiting: .mailStatusWaiting
        case .sending: .mailStatusSending
        case .sent: .mailStatusSent
        case .failed: .mailStatusFailed
        }
    }

    static func render(
        counts: [MailOutbox.Status: Int], messages: [MailOutbox.Listed], status: MailOutbox.Status?, settings: MailSettings,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        func time(_ seconds: Int64?) -> String { seconds.map { f.dateTime(Date(timeIntervalSince1970: TimeInterval($0))) } ?? "" }
        let notice: Node<HTML.BodyContext> =
            settings.smtp == nil
            ? .p(.class("error-summary"), .safe(TextKey.mailOffNotice(l)))
            : .p(.class("hint"), .safe(TextKey.mailOnNotice(l, ["server": "\(settings.smtp!.host):\(settings.smtp!.port)"])))
        let filters: [Node<HTML.BodyContext>] =
            [.link(SiteURL.mail.path, TextKey.mailAll(l) + " (\(f.integer(counts.values.reduce(0, +))))")]
            + MailOutbox.Status.allCases.map { s in
                .link(
                    SiteURL.mail.with([("status", s.rawValue)]), label(s)(l) + " (\(f.integer(counts[s] ?? 0)))",
                    s == status ? .class("current") : .empty)
            }
        let rows: [Node<HTML.TableContext>] = messages.map { m in
            .tr(
                .td(.safe(time(m.createdAt))), .td(.safe(m.kind == FollowUps.mailKind ? TextKey.mailKindFollowUp(l) : m.kind)),
                .td(.safe(m.recipient)), .td(.safe(m.subject)),
                .td(.span(.class("tag"), .safe(label(m.status)(l)))), .td(.class("number"), .safe(f.integer(m.attempts))),
                .td(.safe(m.status == .sent ? time(m.sentAt) : m.status == .waiting ? time(m.nextAttemptAt) : "")),
                .td(.safe(m.lastError ?? "")),
                .td(
                    m.status == .failed
                        ? .form(
                            .method(.post), .action(SiteURL.mailRetry(m.id).path), Layout.csrfField(context),
                            .button(.type(.submit), .class("link-button"), .safe(TextKey.mailRetry(l)))) : .empty))
        }
        return Layout.page(
            context, title: TextKey.mailTitle(l),
            body: [
                .h1(.safe(TextKey.mailTitle(l))),
                notice,
                .p(.class("filters"), .group(filters.flatMap { [$0, .text(" ")] })),
                messages.isEmpty
                    ? .p(.class("empty"), .safe(TextKey.mailNone(l)))
                    : .div(
                        .class("table-wrap"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.safe(TextKey.mailCreated(l))), .th(.safe(TextKey.mailKind(l))),
                                    .th(.safe(TextKey.mailRecipient(l))),
                                    .th(.safe(TextKey.mailSubject(l))), .th(.safe(TextKey.mailStatus(l))),
                                    .th(.safe(TextKey.mailAttempts(l))),
                                    .th(.safe(TextKey.mailSentAt(l) + " / " + TextKey.mailNextAttempt(l))),
                                    .th(.safe(TextKey.mailLastError(l))),
                                    .th())),
                            .tbody(.group(rows)))),
            ])
    }
}
