import Foundation
import PraktikaDomain
import SQLKit

/// What a file is attached to.
enum AttachmentOwner: Sendable, Equatable {
    case design(Int64)
    case agendaItem(Int64)
    /// The signed copy of a partnership's agreement.
    case agreement(Int64)

    var kind: String {
        switch self {
        case .design: "design"
        case .agendaItem: "agenda_item"
        case .agreement: "agreement"
        }
    }

    var id: Int64 {
        switch self {
        case .design(let id), .agendaItem(let id), .agreement(let id): id
        }
    }

    init?(kind: String, id: Int64) {
        switch kind {
        case "design": self = .design(id)
        case "agenda_item": self = .agendaItem(id)
        case "agreement": self = .agreement(id)
        default: return nil
        }
    }
}

/// Attached files in the database: listed without their bytes, read one at a time.
struct AttachmentStore {
    let db: any SQLDatabase

    private struct Row: Decodable {
        let id: Int64
        let filename: String
        let kind: String
        let size: Int
        let owner_id: Int64
    }

    func list(_ owner: AttachmentOwner) async throws -> [AttachmentInfo] {
        try await list(kind: owner.kind, ids: [owner.id])[owner.id] ?? []
    }

    /// Owner id → files, for many owners at once (the items of a programme).
    func list(kind: String, ids: [Int64]) async throws -> [Int64: [AttachmentInfo]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("id", "filename", "kind", "size", "owner_id").from("attachments")
            .where("owner_kind", .equal, kind).where("owner_id", .in, ids).orderBy("id").all(decoding: Row.self)
        var result: [Int64: [AttachmentInfo]] = [:]
        for r in rows {
            guard let k = AttachmentKind(rawValue: r.kind) else { continue }
            result[r.owner_id, default: []].append(AttachmentInfo(id: r.id, filename: r.filename, kind: k, size: r.size))
        }
        return result
    }

    func insert(_ owner: AttachmentOwner, filename: String, kind: AttachmentKind, bytes: [UInt8], by: String?) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "attachments")
                .columns("owner_kind", "owner_id", "filename", "kind", "size", "data", "uploaded_by", "created_at")
                .values(
                    SQLBind(owner.kind), SQLBind(owner.id), SQLBind(filename), SQLBind(kind.rawValue), SQLBind(bytes.count),
                    SQLBind(Data(bytes)),
                    SQLBind(by), SQLBind(Date())
                ).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// The file's owner and description, without the bytes.
    func find(_ id: Int64) async throws -> (owner: AttachmentOwner, info: AttachmentInfo)? {
        guard
            let row = try await db.select().columns("id", "filename", "kind", "size", "owner_id", "owner_kind").from("attachments")
                .where("id", .equal, id).first()
        else { return nil }
        let r = try row.decode(model: Row.self)
        guard let owner = AttachmentOwner(kind: try row.decode(column: "owner_kind", as: String.self), id: r.owner_id),
            let kind = AttachmentKind(rawValue: r.kind)
        else { return nil }
        return (owner, AttachmentInfo(id: r.id, filename: r.filename, kind: kind, size: r.size))
    }

    func data(_ id: Int64) async throws -> Data? {
        try await db.select().column("data").from("attachments").where("id", .equal, id).first()?.decode(column: "data", as: Data.self)
    }

    func delete(_ id: Int64) async throws {
        try await db.delete(from: "attachments").where("id", .equal, id).run()
    }

    func deleteAll(_ owner: AttachmentOwner) async throws {
        try await db.delete(from: "attachments").where("owner_kind", .equal, owner.kind).where("owner_id", .equal, owner.id).run()
    }
}
