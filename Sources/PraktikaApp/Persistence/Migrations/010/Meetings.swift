import Fluent
import SQLKit

/// 010: regional meetings: the meeting, its programme (sessions and items), work tables,
/// participants, and feedback forms with their anonymous responses.
enum Migrations010 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateMeetings())
    }

    struct CreateMeetings: AsyncMigration {
        var name: String { "010_create_meetings" }

        func prepare(on database: any Database) async throws {
            // The meeting is one JSON document (`content`); the columns beside it serve lists and filters.
            // `district_codes` is ",BG-13,BG-21," so that one LIKE finds a district's meetings on both databases.
            try await database.schema("meetings")
                .field("id", .int64, .identifier(auto: true))
                .field("title", .string, .required)
                .field("status", .string, .required)
                .field("starts_on", .string, .required)
                .field("ends_on", .string, .required)
                .field("series", .string)
                .field("district_codes", .string, .required)
                .field("content", .string, .required)
                .field("registration_token", .string, .required)
                .field("report_markdown", .string)
                .field("report_published_at", .datetime)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .unique(on: "registration_token")
                .create()
            try await database.schema("agenda_sessions")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("day", .string, .required)
                .field("starts", .string)
                .field("ends", .string)
                .field("title", .string, .required)
                .field("chair", .string)
                .create()
            try await database.schema("agenda_items")
                .field("id", .int64, .identifier(auto: true))
                .field("session_id", .int64, .required, .references("agenda_sessions", "id", onDelete: .cascade))
                .field("position", .int, .required)
                .field("kind", .string, .required)
                .field("starts", .string)
                .field("ends", .string)
                .field("title", .string, .required)
                .field("speaker", .string)
                .field("affiliation", .string)
                .field("summary", .string)
                .field("practice_design_id", .int64, .references("service_designs", "id", onDelete: .setNull))
                .create()
            try await database.schema("work_tables")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("number", .int, .required)
                .field("target_group", .string, .required)
                .field("category", .string, .required)
                .field("capacity", .int)
                .field("design_id", .int64, .references("service_designs", "id", onDelete: .setNull))
                .unique(on: "meeting_id", "number")
                .create()
            try await database.schema("meeting_participants")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("full_name", .string, .required)
                .field("role", .string, .required)
                .field("organisation", .string, .required)
                .field("library_id", .int64)
                .field("partner_id", .int64)
                .field("district_code", .string)
                .field("email", .string)
                .field("consent_listed", .bool, .required)
                .field("consent_photo", .bool, .required)
                .field("needs", .string)
                .field("wants", .string, .required)
                .field("table_id", .int64, .references("work_tables", "id", onDelete: .setNull))
                .field("pinned", .bool, .required)
                .field("placeholder", .bool, .required)
                .field("source", .string, .required)
                .field("created_at", .datetime, .required)
                .create()
            try await database.schema("feedback_forms")
                .field("id", .int64, .identifier(auto: true))
                .field("meeting_id", .int64, .required, .references("meetings", "id", onDelete: .cascade))
                .field("token", .string, .required)
                .field("content", .string, .required)
                .field("open", .bool, .required)
                .field("created_at", .datetime, .required)
                .unique(on: "token")
                .create()
            try await database.schema("feedback_responses")
                .field("id", .int64, .identifier(auto: true))
                .field("form_id", .int64, .required, .references("feedback_forms", "id", onDelete: .cascade))
                .field("answers", .string, .required)
                .field("source", .string, .required)
                .field("created_at", .datetime, .required)
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_meetings_starts_on").on("meetings").column("starts_on").run()
            try await sql.create(index: "idx_agenda_sessions_meeting").on("agenda_sessions").column("meeting_id").run()
            try await sql.create(index: "idx_agenda_items_session").on("agenda_items").column("session_id").run()
            try await sql.create(index: "idx_meeting_participants_meeting").on("meeting_participants").column("meeting_id").run()
            try await sql.create(index: "idx_meeting_participants_table").on("meeting_participants").column("table_id").run()
            try await sql.create(index: "idx_work_tables_design").on("work_tables").column("design_id").run()
            try await sql.create(index: "idx_feedback_forms_meeting").on("feedback_forms").column("meeting_id").run()
            try await sql.create(index: "idx_feedback_responses_form").on("feedback_responses").column("form_id").run()
        }

        func revert(on database: any Database) async throws {
            for table in [
                "feedback_responses", "feedback_forms", "meeting_participants", "work_tables", "agenda_items", "agenda_sessions",
                "meetings",
            ] {
                try await database.schema(table).delete()
            }
        }
    }
}
