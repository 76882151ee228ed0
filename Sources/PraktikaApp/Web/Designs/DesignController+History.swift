import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// A design's history: every revision, any two compared, any one restored as a new version.
extension DesignController {
    @Sendable func history(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let revisions = try await DesignStore(db: req.sql).revisions(stored.id)
        let model = DesignHistoryModel(
            id: stored.id, title: stored.design.title, current: stored.version, revisions: revisions,
            canRestore: Policy.allows(req.actor, .update, design: stored.scope), comparison: nil)
        return HTMLResponse.make(DesignHistoryView.render(model, req.page))
    }

    @Sendable func compare(_ req: Request) async throws -> Response {
        let context = req.page
        let stored = try await load(req)
        let store = DesignStore(db: req.sql)
        let revisions = try await store.revisions(stored.id)
        let from = (try? req.query.get(Int.self, at: "from")) ?? max(1, stored.version - 1)
        let to = (try? req.query.get(Int.self, at: "to")) ?? stored.version
        guard let old = revisions.first(where: { $0.version == from }), let new = revisions.first(where: { $0.version == to }) else {
            throw Abort(.notFound)
        }
        let names = try await store.libraryNames(Array(Set(old.design.libraryIDs + new.design.libraryIDs)))
        let changes = DesignDiff.changes(from: old.design, to: new.design, context.language, libraryName: { names[$0] ?? "#\($0)" })
        let model = DesignHistoryModel(
            id: stored.id, title: stored.design.title, current: stored.version, revisions: revisions,
            canRestore: Policy.allows(req.actor, .update, design: stored.scope),
            comparison: .init(from: from, to: to, changes: changes))
        return HTMLResponse.make(DesignHistoryView.render(model, context))
    }

    /// Asks before restoring, and says what restoring will do.
    @Sendable func restoreQuestion(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard Policy.allows(req.actor, .update, design: stored.scope) else {
            throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        }
        guard let version = req.parameters.get("version", as: Int.self),
            let revision = try await DesignStore(db: req.sql).revisions(stored.id).first(where: { $0.version == version })
        else { throw Abort(.notFound) }
        return HTMLResponse.make(
            DesignRestorePage.render(id: stored.id, title: stored.design.title, revision: revision, current: stored.version, req.page))
    }

    @Sendable func restore(_ req: Request) async throws -> Response {
        let context = req.page
        let stored = try await load(req)
        guard let version = req.parameters.get("version", as: Int.self) else { throw Abort(.notFound) }
        let service = DesignService(db: req.db, actor: context.actor, language: context.language)
        switch try await service.restore(stored.id, version: version) {
        case .saved(let id, _, _): return req.seeOther(SiteURL.service(id).path, flash: .flashRestored)
        case .invalid(_, let errors):
            // An old version may not meet today's rules for its stage; say so on the history page.
            let revisions = try await DesignStore(db: req.sql).revisions(stored.id)
            var model = DesignHistoryModel(
                id: stored.id, title: stored.design.title, current: stored.version, revisions: revisions, canRestore: true,
                comparison: nil)
            model.problem = errors.order.compactMap { errors[$0]?.text(context.language) }.joined(separator: " ")
            return HTMLResponse.make(DesignHistoryView.render(model, context), status: .unprocessableEntity)
        case .forbidden: throw Abort(context.actor == nil ? .unauthorized : .forbidden)
        case .notFound: throw Abort(.notFound)
        case .conflict: return req.seeOther(SiteURL.serviceHistory(stored.id).path)
        }
    }
}
