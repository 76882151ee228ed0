import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Decisions and action items: the organisers record them, the audit log keeps who changed what.
extension MeetingService {
    static let actionEntity = "meeting_action"

    /// The choices an action's form may offer for this meeting.
    func actionChoices(_ stored: StoredMeeting) async throws -> ActionChoices {
        let agenda = try await store.agenda(stored.id)
        let tables = try await store.tables(stored.id)
        let owners = try await store.possibleOwners(stored.meeting)
        let designs = try await DesignStore(db: sql).titles(tables.compactMap(\.designID))
        let partners = try await sql.select().columns("id", "name").from("partners").orderBy("name").limit(2000).all().map {
            (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self))
        }
        return ActionChoices(
            items: agenda.sessions.flatMap(\.items).compactMap { i in i.id.map { ($0, i.title) } },
            tables: tables.map { ($0.id, "\($0.number). \($0.targetGroup)") }, owners: owners.map { ($0.id, $0.name) },
            designs: tables.compactMap { t in t.designID.map { ($0, designs[$0] ?? "#\($0)") } }, partners: partners)
    }

    func addAction(_ stored: StoredMeeting, _ action: MeetingAction) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        let actor = self.actor
        return .saved(
            try await inTransaction { store, sql in
                let id = try await store.insertAction(stored.id, action, at: Int64(Date().timeIntervalSince1970))
                try await AuditStore(db: sql).record(
                    actor: actor, action: .create, entity: Self.actionEntity, entityID: String(id),
                    entityName: String(action.text.prefix(80)))
                return id
            })
    }

    func updateAction(_ stored: StoredMeeting, _ id: Int64, _ action: MeetingAction) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard let existing = try await store.action(stored.id, id) else { return .notFound }
        let actor = self.actor
        try await inTransaction { store, sql in
            try await store.updateAction(stored.id, id, action, at: Int64(Date().timeIntervalSince1970))
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.actionEntity, entityID: String(id), entityName: String(action.text.prefix(80)),
                changes: FieldChange.between(existing.input, action.input))
        }
        return .saved(id)
    }
}

/// What an action may point to, as id and name.
struct ActionChoices: Sendable {
    let items: [(Int64, String)]
    let tables: [(Int64, String)]
    let owners: [(Int64, String)]
    let designs: [(Int64, String)]
    let partners: [(Int64, String)]

    var allowed: [String: Set<Int64>] {
        [
            "agenda_item": Set(items.map(\.0)), "table": Set(tables.map(\.0)), "owner": Set(owners.map(\.0)),
            "design": Set(designs.map(\.0)), "partner": Set(partners.map(\.0)),
        ]
    }
}
