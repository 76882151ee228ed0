import Foundation
import PraktikaDomain
import SQLKit

/// A meeting as stored: the document and what lives beside it.
struct StoredMeeting: Sendable {
    let id: Int64
    var meeting: Meeting
    let registrationToken: String
    var reportMarkdown: String?
    var reportPublishedAt: Date?
    /// The language the saved report is written in.
    var reportLanguage: Language = .bg
    /// Raised by every change to the meeting's details (`MeetingService.update`).
    var version: Int64 = 1

    var scope: MeetingScope { MeetingScope(meeting) }
}

/// A line of the meetings list and of the series view.
struct MeetingRow: Sendable, Decodable {
    let id: Int64
    let title: String
    let status: String
    let startsOn: String
    let endsOn: String
    let series: String?
    let districtCodes: String
    let participants: Int
    let tables: Int
    let designs: Int
    let responses: Int

    enum CodingKeys: String, CodingKey {
        case id, title, status, series, participants, tables, designs, responses
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case districtCodes = "district_codes"
    }

    var districts: [String] { districtCodes.split(separator: ",").map(String.init) }
}

/// Reads and writes meetings, their programme, tables, participants and feedback with SQLKit.
struct MeetingStore {
    let db: any SQLDatabase

    /// `"t.c"` as a qualified column: SQLKit quotes a dotted string as one name.
    static func column(_ qualified: String) -> SQLColumn {
        let parts = qualified.split(separator: ".", maxSplits: 1).map(String.init)
        return parts.count == 2 ? SQLColumn(parts[1], table: parts[0]) : SQLColumn(qualified)
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Meetings

    /// Meetings with their counts, newest first; optionally one district's or one series'.
    func list(district: String? = nil, series: String? = nil) async throws -> [MeetingRow] {
        try await list(district: district, series: series, endingFrom: nil, limit: nil)
    }

    /// Meetings that have not ended by `today`, the soonest first.
    func upcoming(district: String?, today: LocalDate, limit: Int) async throws -> [MeetingRow] {
        try await list(district: district, series: nil, endingFrom: today, limit: limit)
    }

    private func list(district: String?, series: String?, endingFrom: LocalDate?, limit: Int?) async throws -> [MeetingRow] {
        var query = db.select()
            .columns(["m.id", "m.title", "m.status", "m.starts_on", "m.ends_on", "m.series", "m.district_codes"].map(Self.column))
            .column(SQLRaw("(SELECT COUNT(*) FROM meeting_participants p WHERE p.meeting_id = m.id)"), as: "participants")
            .column(SQLRaw("(SELECT COUNT(*) FROM work_tables t WHERE t.meeting_id = m.id)"), as: "tables")
            .column(SQLRaw("(SELECT COUNT(*) FROM work_tables t WHERE t.meeting_id = m.id AND t.design_id IS NOT NULL)"), as: "designs")
            .column(
                SQLRaw("(SELECT COUNT(*) FROM feedback_responses r JOIN feedback_forms f ON f.id = r.form_id WHERE f.meeting_id = m.id)"),
                as: "responses"
            )
            .from(SQLAlias(SQLIdentifier("meetings"), as: SQLIdentifier("m")))
        if let district { query = query.where(Self.column("m.district_codes"), .like, SQLBind("%,\(district),%")) }
        if let series { query = query.where(Self.column("m.series"), .equal, SQLBind(series)) }
        if let endingFrom {
            return try await query.where(Self.column("m.ends_on"), .greaterThanOrEqual, SQLBind(endingFrom.iso))
                .orderBy(Self.column("m.starts_on")).orderBy(Self.column("m.id")).limit(limit).all(decoding: MeetingRow.self)
        }
        return try await query.orderBy(Self.column("m.starts_on"), SQLDirection.descending).orderBy(
            Self.column("m.id"), SQLDirection.descending
        ).limit(limit).all(decoding: MeetingRow.self)
    }

    func find(_ id: Int64) async throws -> StoredMeeting? {
        try await find(where: "id", equals: SQLBind(id))
    }

    func find(registrationToken token: String) async throws -> StoredMeeting? {
        try await find(where: "registration_token", equals: SQLBind(token))
    }

    private func find(where column: String, equals value: SQLBind) async throws -> StoredMeeting? {
        guard
            let row = try await db.select()
                .columns("id", "content", "registration_token", "report_markdown", "report_published_at", "report_language", "version")
                .from("meetings").where(SQLIdentifier(column), .equal, value).first()
        else { return nil }
        return StoredMeeting(
            id: try row.decode(column: "id", as: Int64.self),
            meeting: try Self.decode(Meeting.self, try row.decode(column: "content", as: String.self)),
            registrationToken: try row.decode(column: "registration_token", as: String.self),
            reportMarkdown: try row.decode(column: "report_markdown", as: String?.self),
            reportPublishedAt: try row.decode(column: "report_published_at", as: Date?.self),
            reportLanguage: try row.decode(column: "report_language", as: String?.self).flatMap(Language.init(rawValue:)) ?? .bg,
            version: try row.decode(column: "version", as: Int64.self))
    }

    private func columns(_ m: Meeting) throws -> [(String, SQLBind)] {
        [
            ("title", SQLBind(m.title)), ("status", SQLBind(m.status.rawValue)), ("starts_on", SQLBind(m.startsOn.iso)),
            ("ends_on", SQLBind(m.endsOn.iso)), ("series", SQLBind(m.series)),
            ("district_codes", SQLBind("," + m.districtCodes.joined(separator: ",") + ",")), ("content", SQLBind(try Self.encode(m))),
            ("updated_at", SQLBind(Date())),
        ]
    }

    func insert(_ meeting: Meeting) async throws -> Int64 {
        let columns =
            try columns(meeting) + [
                ("registration_token", SQLBind(AccountStore.randomToken())), ("created_at", SQLBind(Date())),
            ]
        guard
            let row = try await db.insert(into: "meetings").columns(columns.map(\.0)).values(columns.map(\.1)).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    func update(_ id: Int64, _ meeting: Meeting) async throws {
        var builder = db.update("meetings").where("id", .equal, id)
        for (column, value) in try columns(meeting) { builder = builder.set(SQLIdentifier(column), to: value) }
        try await builder.set("version", to: SQLRaw("version + 1")).run()
    }

    /// The meeting's version now; read with the meeting's row held (`lockMeeting`).
    func version(_ id: Int64) async throws -> Int64? {
        try await db.select().column("version").from("meetings").where("id", .equal, id).first()?.decode(column: "version", as: Int64.self)
    }

    func delete(_ id: Int64) async throws {
        // Explicit, child tables first: PostgreSQL and SQLite agree on this order whatever their foreign-key settings.
        let forms = db.select().column("id").from("feedback_forms").where("meeting_id", .equal, id)
        try await db.delete(from: "feedback_responses").where(SQLIdentifier("form_id"), .in, SQLGroupExpression(forms.select)).run()
        try await db.delete(from: "feedback_forms").where("meeting_id", .equal, id).run()
        let outbox = db.select().column("outbox_id").from("meeting_messages").where("meeting_id", .equal, id)
        try await db.delete(from: "mail_outbox").where(SQLIdentifier("id"), .in, SQLGroupExpression(outbox.select)).run()
        try await db.delete(from: "meeting_messages").where("meeting_id", .equal, id).run()
        try await db.delete(from: "meeting_actions").where("meeting_id", .equal, id).run()
        let people = db.select().column("id").from("meeting_participants").where("meeting_id", .equal, id)
        try await db.delete(from: "session_attendance").where(SQLIdentifier("participant_id"), .in, SQLGroupExpression(people.select))
            .run()
        try await db.delete(from: "session_registrations").where(SQLIdentifier("participant_id"), .in, SQLGroupExpression(people.select))
            .run()
        try await db.delete(from: "meeting_participants").where("meeting_id", .equal, id).run()
        try await db.delete(from: "work_tables").where("meeting_id", .equal, id).run()
        let sessions = db.select().column("id").from("agenda_sessions").where("meeting_id", .equal, id)
        try await deleteItemFiles(sessions: sessions)
        try await db.delete(from: "agenda_items").where(SQLIdentifier("session_id"), .in, SQLGroupExpression(sessions.select)).run()
        try await db.delete(from: "agenda_sessions").where("meeting_id", .equal, id).run()
        try await db.delete(from: "meetings").where("id", .equal, id).run()
    }

    func saveReport(_ id: Int64, markdown: String?, publishedAt: Date?, language: Language) async throws {
        try await db.update("meetings").where("id", .equal, id).set("report_markdown", to: SQLBind(markdown))
            .set("report_language", to: SQLBind(language.rawValue))
            .set("report_published_at", to: SQLBind(publishedAt)).set("updated_at", to: SQLBind(Date())).run()
    }

    // MARK: Programme

    private struct SessionRow: Decodable {
        let id: Int64
        let day: String
        let starts: String?
        let ends: String?
        let title: String
        let chair: String?
        let capacity: Int?
    }

    private struct ItemRow: Decodable {
        let id: Int64
        let session_id: Int64
        let kind: String
        let starts: String?
        let ends: String?
        let title: String
        let speaker: String?
        let affiliation: String?
        let summary: String?
        let practice_design_id: Int64?
    }

    func agenda(_ meetingID: Int64) async throws -> Agenda {
        let sessions = try await db.select().columns("id", "day", "starts", "ends", "title", "chair", "capacity").from("agenda_sessions")
            .where("meeting_id", .equal, meetingID).all(decoding: SessionRow.self)
        let items = try await db.select()
            .columns(
                [
                    "i.id", "i.session_id", "i.kind", "i.starts", "i.ends", "i.title", "i.speaker", "i.affiliation", "i.summary",
                    "i.practice_design_id",
                ].map(Self.column)
            )
            .from(SQLAlias(SQLIdentifier("agenda_items"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = i.session_id"))
            .where(Self.column("s.meeting_id"), .equal, SQLBind(meetingID)).orderBy(Self.column("i.position"), SQLDirection.ascending)
            .orderBy(Self.column("i.id"), SQLDirection.ascending).all(decoding: ItemRow.self)
        let bySession = Dictionary(grouping: items, by: \.session_id)
        return Agenda(
            sessions: sessions.compactMap { s in
                guard let day = LocalDate(parsing: s.day) else { return nil }
                return AgendaSession(
                    id: s.id, day: day, starts: s.starts.flatMap(ClockTime.init(parsing:)), ends: s.ends.flatMap(ClockTime.init(parsing:)),
                    title: s.title, chair: s.chair,
                    items: (bySession[s.id] ?? []).map { i in
                        AgendaItem(
                            id: i.id, kind: AgendaItemKind(rawValue: i.kind) ?? .presentation,
                            starts: i.starts.flatMap(ClockTime.init(parsing:)),
                            ends: i.ends.flatMap(ClockTime.init(parsing:)), title: i.title, speaker: i.speaker, affiliation: i.affiliation,
                            summary: i.summary, practiceDesignID: i.practice_design_id)
                    }, capacity: s.capacity)
            })
    }

    func insertSession(_ meetingID: Int64, _ s: AgendaSession) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "agenda_sessions")
                .columns("meeting_id", "day", "starts", "ends", "title", "chair", "capacity")
                .values(
                    SQLBind(meetingID), SQLBind(s.day.iso), SQLBind(s.starts?.description), SQLBind(s.ends?.description), SQLBind(s.title),
                    SQLBind(s.chair), SQLBind(s.capacity)
                ).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        let id = try row.decode(column: "id", as: Int64.self)
        for item in s.items { _ = try await insertItem(id, item) }
        return id
    }

    /// Changes a session of this meeting; false when there is no such session.
    func updateSession(_ meetingID: Int64, _ id: Int64, _ s: AgendaSession) async throws -> Bool {
        try await db.update("agenda_sessions").where("id", .equal, id).where("meeting_id", .equal, meetingID)
            .set("day", to: SQLBind(s.day.iso)).set("starts", to: SQLBind(s.starts?.description)).set(
                "ends", to: SQLBind(s.ends?.description)
            )
            .set("title", to: SQLBind(s.title)).set("chair", to: SQLBind(s.chair)).set("capacity", to: SQLBind(s.capacity))
            .returning("id").first() != nil
    }

    func deleteSession(_ meetingID: Int64, _ id: Int64) async throws {
        let owned = db.select().column("id").from("agenda_sessions").where("id", .equal, id).where("meeting_id", .equal, meetingID)
        try await deleteItemFiles(sessions: owned)
        try await db.delete(from: "session_attendance").where(SQLIdentifier("session_id"), .in, SQLGroupExpression(owned.select)).run()
        try await db.delete(from: "session_registrations").where(SQLIdentifier("session_id"), .in, SQLGroupExpression(owned.select))
            .run()
        let items = db.select().column("id").from("agenda_items").where(SQLIdentifier("session_id"), .in, SQLGroupExpression(owned.select))
        try await db.update("meeting_actions").set("agenda_item_id", to: SQLLiteral.null)
            .where(SQLIdentifier("agenda_item_id"), .in, SQLGroupExpression(items.select)).run()
        try await db.delete(from: "agenda_items").where(SQLIdentifier("session_id"), .in, SQLGroupExpression(owned.select)).run()
        try await db.delete(from: "agenda_sessions").where("id", .equal, id).where("meeting_id", .equal, meetingID).run()
    }

    func insertItem(_ sessionID: Int64, _ i: AgendaItem) async throws -> Int64 {
        let position =
            try await db.select().column(SQLRaw("COALESCE(MAX(position), 0) + 1"), as: "next").from("agenda_items")
            .where("session_id", .equal, sessionID).first()?.decode(column: "next", as: Int.self) ?? 1
        guard
            let row = try await db.insert(into: "agenda_items")
                .columns(
                    "session_id", "position", "kind", "starts", "ends", "title", "speaker", "affiliation", "summary", "practice_design_id"
                )
                .values(
                    SQLBind(sessionID), SQLBind(position), SQLBind(i.kind.rawValue), SQLBind(i.starts?.description),
                    SQLBind(i.ends?.description),
                    SQLBind(i.title), SQLBind(i.speaker), SQLBind(i.affiliation), SQLBind(i.summary), SQLBind(i.practiceDesignID)
                ).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// The session an item belongs to, if the item is in this meeting.
    func sessionOfItem(_ meetingID: Int64, _ itemID: Int64) async throws -> Int64? {
        try await db.select().column(Self.column("i.session_id")).from(SQLAlias(SQLIdentifier("agenda_items"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = i.session_id"))
            .where(Self.column("i.id"), .equal, SQLBind(itemID)).where(Self.column("s.meeting_id"), .equal, SQLBind(meetingID)).first()?
            .decode(column: "session_id", as: Int64.self)
    }

    func updateItem(_ itemID: Int64, sessionID: Int64, _ i: AgendaItem) async throws {
        try await db.update("agenda_items").where("id", .equal, itemID).set("session_id", to: SQLBind(sessionID))
            .set("kind", to: SQLBind(i.kind.rawValue)).set("starts", to: SQLBind(i.starts?.description))
            .set("ends", to: SQLBind(i.ends?.description)).set("title", to: SQLBind(i.title)).set("speaker", to: SQLBind(i.speaker))
            .set("affiliation", to: SQLBind(i.affiliation)).set("summary", to: SQLBind(i.summary)).run()
    }

    func setItemPractice(_ itemID: Int64, designID: Int64?) async throws {
        try await db.update("agenda_items").where("id", .equal, itemID).set("practice_design_id", to: SQLBind(designID)).run()
    }

    /// The files of every item in the given sessions.
    private func deleteItemFiles(sessions: SQLSelectBuilder) async throws {
        let items = db.select().column("id").from("agenda_items").where(
            SQLIdentifier("session_id"), .in, SQLGroupExpression(sessions.select))
        try await db.delete(from: "attachments").where("owner_kind", .equal, AttachmentOwner.agendaItem(0).kind)
            .where(SQLIdentifier("owner_id"), .in, SQLGroupExpression(items.select)).run()
    }

    func deleteItem(_ itemID: Int64) async throws {
        try await AttachmentStore(db: db).deleteAll(.agendaItem(itemID))
        try await db.update("meeting_actions").set("agenda_item_id", to: SQLLiteral.null).where("agenda_item_id", .equal, itemID).run()
        try await db.delete(from: "agenda_items").where("id", .equal, itemID).run()
    }

    // MARK: Tables

    private struct TableRow: Decodable {
        let id: Int64
        let number: Int
        let target_group: String
        let category: String
        let capacity: Int?
        let design_id: Int64?
    }

    func tables(_ meetingID: Int64) async throws -> [WorkTable] {
        try await db.select().columns("id", "number", "target_group", "category", "capacity", "design_id").from("work_tables")
            .where("meeting_id", .equal, meetingID).orderBy("number").all(decoding: TableRow.self).map {
                WorkTable(
                    id: $0.id, number: $0.number, targetGroup: $0.target_group,
                    category: TargetGroupCategory(rawValue: $0.category) ?? .other,
                    capacity: $0.capacity, designID: $0.design_id)
            }
    }

    func insertTable(_ meetingID: Int64, _ t: WorkTable) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "work_tables").columns(
                "meeting_id", "number", "target_group", "category", "capacity", "design_id"
            )
            .values(
                SQLBind(meetingID), SQLBind(t.number), SQLBind(t.targetGroup), SQLBind(t.category.rawValue), SQLBind(t.capacity),
                SQLBind(t.designID)
            ).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    func setTableDesign(_ tableID: Int64, designID: Int64?) async throws {
        try await db.update("work_tables").where("id", .equal, tableID).set("design_id", to: SQLBind(designID)).run()
    }

    func deleteTable(_ meetingID: Int64, _ tableID: Int64) async throws {
        try await db.update("meeting_participants").where("table_id", .equal, tableID).set("table_id", to: SQLBind(Int64?.none))
            .set("pinned", to: SQLBind(false)).set("version", to: SQLRaw("version + 1")).run()
        try await db.update("meeting_actions").set("table_id", to: SQLLiteral.null).where("table_id", .equal, tableID).run()
        try await db.delete(from: "work_tables").where("id", .equal, tableID).where("meeting_id", .equal, meetingID).run()
    }

    /// The meeting and table a design was produced at, for the design's page.
    func origin(ofDesign designID: Int64) async throws -> (meetingID: Int64, title: String, number: Int)? {
        guard
            let row = try await db.select().columns(["m.id", "m.title", "t.number"].map(Self.column))
                .from(SQLAlias(SQLIdentifier("work_tables"), as: SQLIdentifier("t")))
                .join(SQLAlias(SQLIdentifier("meetings"), as: SQLIdentifier("m")), on: SQLRaw("m.id = t.meeting_id"))
                .where(Self.column("t.design_id"), .equal, SQLBind(designID)).first()
        else { return nil }
        return (
            try row.decode(column: "id", as: Int64.self), try row.decode(column: "title", as: String.self),
            try row.decode(column: "number", as: Int.self)
        )
    }

    /// The meeting whose programme has a presentation recorded as this design.
    func meeting(presentingDesign designID: Int64) async throws -> Int64? {
        try await db.select().column(Self.column("s.meeting_id"))
            .from(SQLAlias(SQLIdentifier("agenda_items"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("agenda_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = i.session_id"))
            .where(Self.column("i.practice_design_id"), .equal, SQLBind(designID)).first()?
            .decode(column: "meeting_id", as: Int64.self)
    }

    // MARK: Participants

    private struct ParticipantRow: Decodable {
        let id: Int64
        let full_name: String
        let role: String
        let organisation: String
        let library_id: Int64?
        let partner_id: Int64?
        let district_code: String?
        let email: String?
        let consent_listed: Bool
        let consent_photo: Bool
        let needs: String?
        let wants: String
        let table_id: Int64?
        let pinned: Bool
        let placeholder: Bool
        let source: String
        let status: String?
        let language: String?
        let checked_in_at: Int64?
    }

    private static let participantColumns = [
        "full_name", "role", "organisation", "library_id", "partner_id", "district_code", "email", "consent_listed", "consent_photo",
        "needs", "wants", "table_id", "pinned", "placeholder", "source", "status", "language",
    ]

    private var participantSelect: SQLSelectBuilder {
        db.select().column("id").columns((Self.participantColumns + ["checked_in_at"]).map { SQLIdentifier($0) })
            .from("meeting_participants")
    }

    /// Everyone registered, withdrawn people and the waiting list included, by name.
    func participants(_ meetingID: Int64) async throws -> [MeetingParticipant] {
        try await participantSelect.where("meeting_id", .equal, meetingID).orderBy("full_name").orderBy("id")
            .all(decoding: ParticipantRow.self).map(Self.participant)
    }

    /// Those holding a place: the people seating, badges and check-in are for.
    func confirmedParticipants(_ meetingID: Int64) async throws -> [MeetingParticipant] {
        try await participants(meetingID).filter { $0.status == .confirmed }
    }

    func participant(_ meetingID: Int64, _ id: Int64) async throws -> MeetingParticipant? {
        try await participantSelect.where("meeting_id", .equal, meetingID).where("id", .equal, id).first(decoding: ParticipantRow.self)
            .map(Self.participant)
    }

    /// A registration by its personal link: the meeting's id and the person.
    func participant(accessToken token: String) async throws -> (meetingID: Int64, participant: MeetingParticipant)? {
        guard
            let row = try await db.select().column("meeting_id").from("meeting_participants").where("access_token", .equal, token).first(),
            let meetingID = try? row.decode(column: "meeting_id", as: Int64.self),
            let p = try await participantSelect.where("access_token", .equal, token).first(decoding: ParticipantRow.self)
        else { return nil }
        return (meetingID, Self.participant(p))
    }

    func accessToken(_ participantID: Int64) async throws -> String? {
        try await db.select().column("access_token").from("meeting_participants").where("id", .equal, participantID).first()?
            .decode(column: "access_token", as: String?.self)
    }

    private static func participant(_ r: ParticipantRow) -> MeetingParticipant {
        MeetingParticipant(
            id: r.id, fullName: r.full_name, role: NetworkRole(rawValue: r.role) ?? .other, organisation: r.organisation,
            libraryID: r.library_id, partnerID: r.partner_id, districtCode: r.district_code, email: r.email,
            consentListed: r.consent_listed,
            consentPhoto: r.consent_photo, needs: r.needs, wants: r.wants.split(separator: ",").compactMap { Int64($0) },
            tableID: r.table_id,
            pinned: r.pinned, placeholder: r.placeholder, source: RegistrationSource(rawValue: r.source) ?? .organiser,
            status: r.status.flatMap(RegistrationStatus.init(rawValue:)) ?? .confirmed,
            language: r.language.flatMap(Language.init(rawValue:)) ?? .bg,
            checkedInAt: r.checked_in_at.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    private static func values(_ p: MeetingParticipant) -> [SQLBind] {
        [
            SQLBind(p.fullName), SQLBind(p.role.rawValue), SQLBind(p.organisation), SQLBind(p.libraryID), SQLBind(p.partnerID),
            SQLBind(p.districtCode), SQLBind(p.email), SQLBind(p.consentListed), SQLBind(p.consentPhoto), SQLBind(p.needs),
            SQLBind(p.wants.map(String.init).joined(separator: ",")), SQLBind(p.tableID), SQLBind(p.pinned), SQLBind(p.placeholder),
            SQLBind(p.source.rawValue), SQLBind(p.status.rawValue), SQLBind(p.language.rawValue),
        ]
    }

    /// Adds participants in batches of one statement each; answers their ids in the list's order.
    @discardableResult
    func insertParticipants(_ meetingID: Int64, _ list: [MeetingParticipant]) async throws -> [Int64] {
        let now = Date()
        var ids: [Int64] = []
        for chunk in stride(from: 0, to: list.count, by: 50).map({ Array(list[$0..<min($0 + 50, list.count)]) }) {
            var insert = db.insert(into: "meeting_participants").columns(
                ["meeting_id"] + Self.participantColumns + ["created_at", "access_token"])
            for p in chunk {
                insert = insert.values([SQLBind(meetingID)] + Self.values(p) + [SQLBind(now), SQLBind(AccountStore.randomToken())])
            }
            let rows = try await insert.returning("id").all()
            ids += try rows.map { try $0.decode(column: "id", as: Int64.self) }.sorted()
        }
        return ids
    }

    func insertParticipant(_ meetingID: Int64, _ p: MeetingParticipant) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "meeting_participants")
                .columns(["meeting_id"] + Self.participantColumns + ["created_at", "access_token"])
                .values([SQLBind(meetingID)] + Self.values(p) + [SQLBind(Date()), SQLBind(AccountStore.randomToken())]).returning("id")
                .first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Writes what an organiser changed and raises the participant's version. With `basedOn`, only
    /// if the stored version is still that one: false when someone else changed them first.
    @discardableResult
    func updateParticipant(_ meetingID: Int64, _ id: Int64, _ p: MeetingParticipant, basedOn: Int64? = nil) async throws -> Bool {
        var builder = db.update("meeting_participants").where("id", .equal, id).where("meeting_id", .equal, meetingID)
        if let basedOn { builder = builder.where("version", .equal, basedOn) }
        for (column, value) in zip(Self.participantColumns, Self.values(p)) { builder = builder.set(SQLIdentifier(column), to: value) }
        return try await builder.set("version", to: SQLRaw("version + 1")).returning("id").first() != nil
    }

    /// The participant's version now (raised by every change an organiser makes).
    func participantVersion(_ meetingID: Int64, _ id: Int64) async throws -> Int64? {
        try await db.select().column("version").from("meeting_participants").where("id", .equal, id).where("meeting_id", .equal, meetingID)
            .first()?.decode(column: "version", as: Int64.self)
    }

    func deleteParticipant(_ meetingID: Int64, _ id: Int64) async throws {
        // The messages written to the person go with them, from the outbox too.
        let outbox = db.select().column("outbox_id").from("meeting_messages").where("participant_id", .equal, id)
            .where("meeting_id", .equal, meetingID)
        try await db.delete(from: "mail_outbox").where(SQLIdentifier("id"), .in, SQLGroupExpression(outbox.select)).run()
        try await db.delete(from: "meeting_messages").where("participant_id", .equal, id).run()
        try await db.delete(from: "session_attendance").where("participant_id", .equal, id).run()
        try await db.delete(from: "session_registrations").where("participant_id", .equal, id).run()
        try await db.delete(from: "meeting_participants").where("id", .equal, id).where("meeting_id", .equal, meetingID).run()
    }

    /// Seats participants: participant id → table id (nil clears the seat).
    func assign(_ meetingID: Int64, _ seats: [Int64: Int64?]) async throws {
        for (participant, table) in seats {
            try await db.update("meeting_participants").where("id", .equal, participant).where("meeting_id", .equal, meetingID)
                .set("table_id", to: SQLBind(table)).set("version", to: SQLRaw("version + 1")).run()
        }
    }

    func setPinned(_ meetingID: Int64, _ participantID: Int64, _ pinned: Bool) async throws {
        try await db.update("meeting_participants").where("id", .equal, participantID).where("meeting_id", .equal, meetingID)
            .set("pinned", to: SQLBind(pinned)).set("version", to: SQLRaw("version + 1")).run()
    }

    // MARK: Feedback

    struct StoredForm: Sendable {
        let id: Int64
        let meetingID: Int64
        let token: String
        var form: FeedbackForm
        var open: Bool
    }

    func forms(_ meetingID: Int64) async throws -> [StoredForm] {
        try await db.select().columns("id", "meeting_id", "token", "content", "open").from("feedback_forms")
            .where("meeting_id", .equal, meetingID).orderBy("id").all().map(Self.form)
    }

    func form(_ id: Int64) async throws -> StoredForm? {
        try await db.select().columns("id", "meeting_id", "token", "content", "open").from("feedback_forms").where("id", .equal, id)
            .first().map(Self.form)
    }

    func form(token: String) async throws -> StoredForm? {
        try await db.select().columns("id", "meeting_id", "token", "content", "open").from("feedback_forms").where("token", .equal, token)
            .first().map(Self.form)
    }

    private static func form(_ row: any SQLRow) throws -> StoredForm {
        StoredForm(
            id: try row.decode(column: "id", as: Int64.self), meetingID: try row.decode(column: "meeting_id", as: Int64.self),
            token: try row.decode(column: "token", as: String.self),
            form: try decode(FeedbackForm.self, try row.decode(column: "content", as: String.self)),
            open: try row.decode(column: "open", as: Bool.self))
    }

    func insertForm(_ meetingID: Int64, _ form: FeedbackForm, open: Bool) async throws -> Int64 {
        guard
            let row = try await db.insert(into: "feedback_forms").columns("meeting_id", "token", "content", "open", "created_at")
                .values(
                    SQLBind(meetingID), SQLBind(AccountStore.randomToken()), SQLBind(try Self.encode(form)), SQLBind(open), SQLBind(Date())
                )
                .returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return try row.decode(column: "id", as: Int64.self)
    }

    func updateForm(_ id: Int64, _ form: FeedbackForm, open: Bool) async throws {
        try await db.update("feedback_forms").where("id", .equal, id).set("content", to: SQLBind(try Self.encode(form)))
            .set("open", to: SQLBind(open)).run()
    }

    func responses(_ formID: Int64) async throws -> [FeedbackResponse] {
        try await db.select().column("answers").from("feedback_responses").where("form_id", .equal, formID).orderBy("id").all()
            .map { try Self.decode(FeedbackResponse.self, try $0.decode(column: "answers", as: String.self)) }
    }

    func insertResponse(_ formID: Int64, _ response: FeedbackResponse, source: String) async throws {
        try await db.insert(into: "feedback_responses").columns("form_id", "answers", "source", "created_at")
            .values(SQLBind(formID), SQLBind(try Self.encode(response)), SQLBind(source), SQLBind(Date())).run()
    }
}
