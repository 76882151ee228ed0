import Fluent
import Foundation
import SQLKit

/// 026: meetings on the day and after: each registration's status (a place, the waiting list,
/// withdrawn), language, personal link, check-in and certificate; attendance by session; the
/// messages a meeting sent each participant; decisions and action items; a file attached to an
/// outgoing message (the programme's calendar); and the language of a meeting's report.
enum Migrations026 {
    static func register(in migrations: Migrations) {
        migrations.add(AddMeetingAttendance())
    }

    struct AddMeetingAttendance: AsyncMigration {
        var name: String { "026_add_meeting_attendance" }

        func prepare(on database: any Database) async throws {
            for (column, type) in [
                ("status", DatabaseSchema.DataType.string), ("language", .string), ("access_token", .string), ("checked_in_at", .int64),
                ("certificate_serial", .string),
            ] {
                try await database.schema("meeting_participants").field(.string(column), type)
                    .update()
            }
            let sql = database as! any SQLDatabase
            try await sql.update("meeting_participants").set("status", to: SQLBind("confirmed")).set("language", to: SQLBind("bg")).run()
            // Every existing registration gets its own personal link.
            for row in try await sql.select().column("id").from("meeting_participants").all() {
                try await sql.update("meeting_participants").set("access_token", to: SQLBind(AccountStore.randomToken()))
                    .where("id", .equal, try row.decode(column: "id", as: Int64.self)).run()
            }
            try await sql.create(index: "idx_meeting_participants_token").unique().on("meeting_participants").column("access_token").run()
            try await sql.create(index: "idx_meeting_participants_serial").unique().on("meeting_participants").column("certificate_serial")
                .run()
            for column in ["attachment_name", "attachment_type", "attachment_body"] {
                try await database.schema("mail_outbox").field(.string(column), .string).update()
            }
            // Sessions people sign up for, with places and their own waiting lists.
            try await database.schema("agenda_sessions").field("capacity", .int).update()
            try await database.schema("session_registrations")
                .field("id", .int64, .identifier(auto: true))
                .field("session_id", .int64, .required, .references("agenda_sessions", "id", onDelete: .cascade))
                .field("participant_id", .int64, .required, .references("meeting_participants", "id", onDelete: .cascade))
                .field("status", .string, .required)
                .field("created_at", .int64, .required)
                .unique(on: "session_id", "participant_id")
                .create()
            try await sql.create(index: "idx_session_registrations_participant").on("session_registrations").column("participant_id").run()
            // The language the organisers' report is written in; reports so far are Bulgarian.
            try await database.schema("meetings").field("report_language", .string).update()
            try await database.schema("meeting_messages")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("participant_id", .int64, .required, .references("meeting_participants", "id", onDelete: .cascade))
                .field("kind", .string, .required)
                .field("outbox_id", .int64)
                .field("created_at", .int64, .required)
                .unique(on: "participant_id", "kind")
                .create()
            try await sql.create(index: "idx_meeting_messages_meeting").on("meeting_messages").column("meeting_id").run()
            try await database.schema("session_attendance")
                .field("session_id", .int64, .required, .references("agenda_sessions", "id", onDelete: .cascade))
                .field("participant_id", .int64, .required, .references("meeting_participants", "id", onDelete: .cascade))
                .field("created_at", .int64, .required)
                .unique(on: "session_id", "participant_id")
                .create()
            try await sql.create(index: "idx_session_attendance_participant").on("session_attendance").column("participant_id").run()
            try await database.schema("meeting_actions")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("kind", .string, .required)
                .field("text", .string, .required)
                .field("agenda_item_id", .int64)
                .field("table_id", .int64)
                .field("owner_user_id", .int64)
                .field("owner_name", .string)
                .field("due_on", .string)
                .field("status", .string, .required)
                .field("design_id", .int64)
                .field("partner_id", .int64)
                .field("created_at", .int64, .required)
                .field("updated_at", .int64, .required)
                .create()
            try await sql.create(index: "idx_meeting_actions_meeting").on("meeting_actions").column("meeting_id").run()
            try await sql.create(index: "idx_meeting_actions_owner").on("meeting_actions").column("owner_user_id").column("status").run()
        }

        func revert(on database: any Database) async throws {
            for table in ["session_registrations", "meeting_actions", "session_attendance", "meeting_messages"] {
                try await database.schema(table).delete()
            }
            try await database.schema("agenda_sessions").deleteField("capacity").update()
            try await database.schema("meetings").deleteField("report_language").update()
            for column in ["attachment_name", "attachment_type", "attachment_body"] {
                try await database.schema("mail_outbox").deleteField(.string(column)).update()
            }
            let sql = database as! any SQLDatabase
            try await sql.drop(index: "idx_meeting_participants_serial").run()
            try await sql.drop(index: "idx_meeting_participants_token").run()
            for column in ["certificate_serial", "checked_in_at", "access_token", "language", "status"] {
                try await database.schema("meeting_participants").deleteField(.string(column)).update()
            }
        }
    }
}
