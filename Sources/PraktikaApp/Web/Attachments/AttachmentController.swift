import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// Files attached to designs (photos, slides, documents of a practice) and to presentations
/// (slides). Uploads are checked by their bytes; files are served only to those who may read
/// their owner, as downloads that a browser will not run.
struct AttachmentController: Sendable {
    static let maxBody: ByteCount = "11mb"
    static let auditEntity = "attachment"

    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.serviceAttachments(id), use: designPage)
        routes.on(.POST, .serviceAttachments(id), body: .collect(maxSize: Self.maxBody), use: uploadToDesign)
        routes.get(.meeting(id, .itemAttachments(id)), use: itemPage)
        routes.on(.POST, .meeting(id, .itemAttachments(id)), body: .collect(maxSize: Self.maxBody), use: uploadToItem)
        routes.get(.file(id, SiteURL.anyText), use: download)
        routes.post(.fileDelete(id), use: delete)
    }

    // MARK: Who may do what

    /// May the person read, and may they change, what the file belongs to?
    private func access(_ req: Request, _ owner: AttachmentOwner) async throws -> (read: Bool, edit: Bool, back: String, title: String)? {
        switch owner {
        case .design(let id):
            guard let stored = try await DesignStore(db: req.sql).find(id) else { return nil }
            return (
                Policy.allows(req.actor, .view, design: stored.scope), Policy.allows(req.actor, .update, design: stored.scope),
                SiteURL.service(id).path, stored.design.title
            )
        case .agendaItem(let itemID):
            guard
                let row = try await req.sql.select().columns(["s.meeting_id", "i.title"].map(MeetingStore.column))
                    .from(SQLAlias(SQLIdentifier("agenda_items"), as: SQLIdentifier("i")))
                    .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = i.session_id"))
                    .where(MeetingStore.column("i.id"), .equal, SQLBind(itemID)).first(),
                let meeting = try await MeetingStore(db: req.sql).find(try row.decode(column: "meeting_id", as: Int64.self))
            else { return nil }
            return (
                true, Policy.mayOrganise(req.actor, meeting: meeting.scope), SiteURL.meeting(meeting.id, .agenda).path,
                try row.decode(column: "title", as: String.self)
            )
        case .agreement(let agreementID):
            let store = PartnershipStore(db: req.sql)
            guard let agreement = try await store.agreement(agreementID), let stored = try await store.find(agreement.partnershipID)
            else { return nil }
            return (
                PartnershipPolicy.mayRead(req.actor, districts: stored.districts, partnerID: stored.partnership.partnerID),
                PartnershipPolicy.mayEdit(req.actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts),
                SiteURL.partnership(stored.id).path + "#agreements", agreement.agreement.title
            )
        }
    }

    private func owner(_ req: Request, item: Bool) throws -> AttachmentOwner {
        if item {
            guard let itemID = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
            return .agendaItem(itemID)
        }
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self) else { throw Abort(.notFound) }
        return .design(id)
    }

    private func uploadPath(_ req: Request, _ owner: AttachmentOwner) -> String {
        switch owner {
        case .design(let id): SiteURL.serviceAttachments(id).path
        case .agendaItem(let itemID):
            SiteURL.meeting(req.parameters.get(SiteURL.idParameter, as: Int64.self) ?? 0, .itemAttachments(itemID)).path
        // An agreement's files are added on its partnership's page (`PartnershipController`).
        case .agreement(let id): SiteURL.partnershipAgreementFile(req.parameters.get(SiteURL.idParameter, as: Int64.self) ?? 0, id).path
        }
    }

    // MARK: Pages

    private func page(_ req: Request, _ owner: AttachmentOwner, error: FieldError?, status: HTTPStatus) async throws -> Response {
        guard let access = try await access(req, owner), access.read else { throw Abort(.notFound) }
        guard access.edit else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let files = try await AttachmentStore(db: req.sql).list(owner)
        return HTMLResponse.make(
            AttachmentView.page(
                title: access.title, back: access.back, files: files, action: uploadPath(req, owner), error: error, req.page),
            status: status)
    }

    @Sendable func designPage(_ req: Request) async throws -> Response {
        try await page(req, try owner(req, item: false), error: nil, status: .ok)
    }

    @Sendable func itemPage(_ req: Request) async throws -> Response {
        try await page(req, try owner(req, item: true), error: nil, status: .ok)
    }

    private func upload(_ req: Request, _ owner: AttachmentOwner) async throws -> Response {
        guard let access = try await access(req, owner), access.read else { throw Abort(.notFound) }
        guard access.edit else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        guard let file = try? req.content.get(File.self, at: "file") else {
            return try await page(req, owner, error: FieldError(.validationRequired), status: .unprocessableEntity)
        }
        let bytes = Array(file.data.readableBytesView)
        let (kind, problem) = AttachmentKind.check(filename: file.filename, bytes: bytes)
        guard let kind else { return try await page(req, owner, error: problem, status: .unprocessableEntity) }
        let actor = req.actor
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await AttachmentStore(db: sql).insert(owner, filename: file.filename, kind: kind, bytes: bytes, by: actor?.name)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(id), entityName: file.filename)
        }
        return req.seeOther(uploadPath(req, owner), flash: .flashUploaded)
    }

    @Sendable func uploadToDesign(_ req: Request) async throws -> Response { try await upload(req, try owner(req, item: false)) }
    @Sendable func uploadToItem(_ req: Request) async throws -> Response { try await upload(req, try owner(req, item: true)) }

    /// The file as a download with the type its bytes were recognised as; never sniffed, never framed.
    @Sendable func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self),
            let (owner, info) = try await AttachmentStore(db: req.sql).find(id),
            let access = try await access(req, owner), access.read, let data = try await AttachmentStore(db: req.sql).data(id)
        else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: info.kind.contentType)
        headers.contentDisposition = .init(info.kind.isImage ? .inline : .attachment, filename: AttachmentKind.safeName(info.filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self),
            let (owner, info) = try await AttachmentStore(db: req.sql).find(id),
            let access = try await access(req, owner), access.read
        else { throw Abort(.notFound) }
        guard access.edit else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let actor = req.actor
        try await req.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await AttachmentStore(db: sql).delete(id)
            try await AuditStore(db: sql).record(
                actor: actor, action: .delete, entity: Self.auditEntity, entityID: String(id), entityName: info.filename)
        }
        if case .agreement = owner { return req.seeOther(access.back, flash: .flashDeleted) }
        return req.seeOther(uploadPath(req, owner), flash: .flashDeleted)
    }
}
