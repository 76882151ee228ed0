import Fluent
import SQLKit

/// 021: outcome measurement. A service's plan (outcome areas, when the follow-up goes out), its
/// two surveys, the anonymous answers, running tallies per standard item (so that district and
/// network figures add up a few rows per survey, not every answer), the respondents' optional
/// profile kept apart from the answers, the addresses left for the follow-up (kept apart,
/// erased after use), and a per-address counter against floods of answers.
enum Migrations021 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateOutcomeSurveys())
    }

    struct CreateOutcomeSurveys: AsyncMigration {
        var name: String { "021_create_outcome_surveys" }

        func prepare(on database: any Database) async throws {
            try await database.schema("outcome_plans")
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("areas", .string, .required)
                .field("follow_up_weeks", .int, .required)
                .unique(on: "design_id")
                .create()
            try await database.schema("outcome_surveys")
                .field("id", .int64, .identifier(auto: true))
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("kind", .string, .required)
                .field("token", .string, .required)
                .field("content", .string, .required)
                .field("created_at", .datetime, .required)
                .unique(on: "token")
                .unique(on: "design_id", "kind")
                .create()
            try await database.schema("outcome_answers")
                .field("id", .int64, .identifier(auto: true))
                .field("survey_id", .int64, .required, .references("outcome_surveys", "id", onDelete: .cascade))
                .field("channel", .string, .required)
                .field("answers", .string, .required)
                // The form's one-time key: a second submission of the same filled-in form is
                // recognised and not counted twice.
                .field("submission", .string)
                .field("answered_on", .string, .required)
                .field("example", .bool, .required)
                .unique(on: "submission")
                .create()
            try await database.schema("outcome_tallies")
                .field("survey_id", .int64, .required, .references("outcome_surveys", "id", onDelete: .cascade))
                .field("item", .string, .required)
                .field("answered", .int64, .required)
                .field("agreed", .int64, .required)
                .unique(on: "survey_id", "item")
                .create()
            try await database.schema("outcome_profiles")
                .field("id", .int64, .identifier(auto: true))
                .field("survey_id", .int64, .required, .references("outcome_surveys", "id", onDelete: .cascade))
                .field("age_band", .string)
                .field("gender", .string)
                .field("first_visit", .bool)
                .create()
            try await database.schema("outcome_contacts")
                .field("id", .int64, .identifier(auto: true))
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("email", .string, .required)
                .field("language", .string, .required)
                .field("send_on", .string, .required)
                .field("created_on", .string, .required)
                .create()
            try await database.schema("answer_throttle")
                .field("client", .string, .required)
                .field("bucket", .int64, .required)
                .field("hits", .int64, .required)
                .unique(on: "client", "bucket")
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_outcome_answers_survey").on("outcome_answers").column("survey_id").column("id").run()
            try await sql.create(index: "idx_outcome_profiles_survey").on("outcome_profiles").column("survey_id").run()
            try await sql.create(index: "idx_outcome_contacts_send_on").on("outcome_contacts").column("send_on").run()
            try await sql.create(index: "idx_answer_throttle_bucket").on("answer_throttle").column("bucket").run()
        }

        func revert(on database: any Database) async throws {
            for table in [
                "answer_throttle", "outcome_contacts", "outcome_profiles", "outcome_tallies", "outcome_answers", "outcome_surveys",
                "outcome_plans",
            ] {
                try await database.schema(table).delete()
            }
        }
    }
}
