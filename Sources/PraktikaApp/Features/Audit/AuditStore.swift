import Foundation
import PraktikaDomain
import SQLKit

/// One line of the audit log as read back.
struct AuditEntry: Codable, Sendable {
    var id: Int64
    var at: Date
    var userID: Int64?
    var userName: String?
    var action: String
    var entity: String
    var entityID: String?
    var entityName: String?
    var changes: String?

    enum CodingKeys: String, CodingKey {
        case id, at, action, entity, changes
        case userID = "user_id"
        case userName = "user_name"
        case entityID = "entity_id"
        case entityName = "entity_name"
    }

    var fieldChanges: [FieldChange] {
        guard let changes, let data = changes.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([FieldChange].self, from: data)) ?? []
    }
}

/// Writes and reads the audit log. Writes happen in the same transaction as the change they record.
struct AuditStore {
    let db: any SQLDatabase

    func record(
        actor: Actor?, action: AuditAction, entity: String, entityID: String?, entityName: String?,
        changes: [FieldChange] = []
    ) async throws {
        let json = changes.isEmpty ? nil : String(data: try JSONEncoder().encode(changes), encoding: .utf8)
        try await db.insert(into: "audit_log")
            .columns("at", "user_id", "user_name", "action", "entity", "entity_id", "entity_name", "changes")
            .values(
                SQLBind(Date()), SQLBind(actor?.userID), SQLBind(actor?.name), SQLBind(action.rawValue), SQLBind(entity),
                SQLBind(entityID), SQLBind(entityName), SQLBind(json)
            )
            .run()
    }

    /// Forgets what the log says about one record: its name and field values, keeping who did what when.
    func scrub(entity: String, entityID: String, replacement: String) async throws {
        try await db.update("audit_log").set("entity_name", to: SQLBind(replacement)).set("changes", to: SQLLiteral.null)
            .where("entity", .equal, entity).where("entity_id", .equal, entityID).run()
    }

    /// Newest first; optionally one record's history.
    func entries(entity: String? = nil, entityID: String? = nil, limit: Int, offset: Int) async throws -> (
        [AuditEntry], Int
    ) {
        func filtered(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            var q = q
            if let entity { q = q.where("entity", .equal, entity) }
            if let entityID { q = q.where("entity_id", .equal, entityID) }
            return q
        }
        let entries = try await filtered(db.select().column("*").from("audit_log"))
            .orderBy("at", .descending).orderBy("id", .descending).limit(limit).offset(offset)
            .all(decoding: AuditEntry.self)
        let total =
            try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return (entries, total)
    }
}
