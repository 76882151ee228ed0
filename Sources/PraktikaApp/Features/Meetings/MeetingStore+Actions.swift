import Foundation
import PraktikaDomain
import SQLKit

/// Decisions and action items of meetings.
extension MeetingStore {
    private struct ActionRow: Decodable {
        let id: Int64
        let meeting_id: Int64
        let kind: String
        let text: String
        let agenda_item_id: Int64?
        let table_id: Int64?
        let owner_user_id: Int64?
        let owner_name: String?
        let due_on: String?
        let status: String
        let design_id: Int64?
        let partner_id: Int64?
    }

    private static let actionColumns = [
        "kind", "text", "agenda_item_id", "table_id", "owner_user_id", "owner_name", "due_on", "status", "design_id", "partner_id",
    ]

    private static func action(_ r: ActionRow) -> MeetingAction {
        MeetingAction(
            id: r.id, kind: MeetingAction.Kind(rawValue: r.kind) ?? .action, text: r.text, agendaItemID: r.agenda_item_id,
            tableID: r.table_id, ownerUserID: r.owner_user_id, ownerName: r.owner_name, dueOn: r.due_on.flatMap(LocalDate.init(parsing:)),
            status: MeetingAction.Status(rawValue: r.status) ?? .open, designID: r.design_id, partnerID: r.partner_id)
    }

    private static func values(_ a: MeetingAction) -> [SQLBind] {
        [
            SQLBind(a.kind.rawValue), SQLBind(a.text), SQLBind(a.agendaItemID), SQLBind(a.tableID), SQLBind(a.ownerUserID),
            SQLBind(a.ownerName), SQLBind(a.dueOn?.iso), SQLBind(a.status.rawValue), SQLBind(a.designID), SQLBind(a.partnerID),
        ]
    }

    /// Decisions first, then actions; each in the order they were recorded.
    func actions(_ meetingID: Int64) async throws -> [MeetingAction] {
        try await db.select().column("id").column("meeting_id").columns(Self.actionColumns.map { SQLIdentifier($0) }).from(
            "meeting_actions"
        )
        .where("meeting_id", .equal, meetingID).orderBy("id").all(decoding: ActionRow.self).map(Self.action)
        .sorted { ($0.kind == .decision ? 0 : 1, $0.id ?? 0) < ($1.kind == .decision ? 0 : 1, $1.id ?? 0) }
    }

    func action(_ meetingID: Int64, _ id: Int64) async throws -> MeetingAction? {
        try await db.select().column("id").column("meeting_id").columns(Self.actionColumns.map { SQLIdentifier($0) }).from(
            "meeting_actions"
        )
        .where("meeting_id", .equal, meetingID).where("id", .equal, id).first(decoding: ActionRow.self).map(Self.action)
    }

    func insertAction(_ meetingID: Int64, _ a: MeetingAction, at now: Int64) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "meeting_actions")
                .columns(["meeting_id"] + Self.actionColumns + ["created_at", "updated_at"])
                .values([SQLBind(meetingID)] + Self.values(a) + [SQLBind(now), SQLBind(now)]).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    func updateAction(_ meetingID: Int64, _ id: Int64, _ a: MeetingAction, at now: Int64) async throws {
        var update = db.update("meeting_actions").where("id", .equal, id).where("meeting_id", .equal, meetingID)
        for (column, value) in zip(Self.actionColumns, Self.values(a)) { update = update.set(SQLIdentifier(column), to: value) }
        try await update.set("updated_at", to: SQLBind(now)).run()
    }

    struct OwnedAction: Sendable {
        let meetingID: Int64
        let meetingTitle: String
        let action: MeetingAction
    }

    /// A person's open actions across all meetings, soonest due first.
    func openActions(ownerUserID: Int64) async throws -> [OwnedAction] {
        let rows = try await db.select().column(Self.column("m.title"), as: "meeting_title")
            .columns((["id", "meeting_id"] + Self.actionColumns).map { Self.column("a." + $0) })
            .from(SQLAlias(SQLIdentifier("meeting_actions"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("meetings"), as: SQLIdentifier("m")), on: SQLRaw("m.id = a.meeting_id"))
            .where(Self.column("a.owner_user_id"), .equal, SQLBind(ownerUserID))
            .where(Self.column("a.status"), .equal, SQLBind(MeetingAction.Status.open.rawValue))
            .where(Self.column("a.kind"), .equal, SQLBind(MeetingAction.Kind.action.rawValue)).all()
        return try rows.map { row in
            OwnedAction(
                meetingID: try row.decode(column: "meeting_id", as: Int64.self),
                meetingTitle: try row.decode(column: "meeting_title", as: String.self),
                action: Self.action(try row.decode(model: ActionRow.self)))
        }.sorted { ($0.action.dueOn?.iso ?? "9999", $0.action.id ?? 0) < ($1.action.dueOn?.iso ?? "9999", $1.action.id ?? 0) }
    }

    /// The accounts an action may be given to: administrators, and the people of the meeting's
    /// districts and organising libraries. Id → name.
    func possibleOwners(_ meeting: Meeting) async throws -> [(id: Int64, name: String)] {
        let rows = try await db.select().columns("id", "name", "role", "district_code", "library_id").from("users").orderBy("name").all()
        var result: [(Int64, String)] = []
        for row in rows {
            let role = try row.decode(column: "role", as: String.self)
            let district = try row.decode(column: "district_code", as: String?.self)
            let library = try row.decode(column: "library_id", as: Int64?.self)
            let belongs =
                role == Role.admin.rawValue || district.map { meeting.districtCodes.contains($0) } == true
                || library.map { meeting.organiserLibraryIDs.contains($0) } == true
            if belongs && role != Role.partner.rawValue {
                result.append((try row.decode(column: "id", as: Int64.self), try row.decode(column: "name", as: String.self)))
            }
        }
        return result
    }
}
