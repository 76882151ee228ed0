import Fluent
import SQLKit

/// 023: reporting periods of a design's indicators (named as in the chart) and the results
/// entered for them, with the coordinator's review.
enum Migrations023 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateIndicatorResults())
    }

    struct CreateIndicatorResults: AsyncMigration {
        var name: String { "023_create_indicator_results" }

        func prepare(on database: any Database) async throws {
            try await database.schema("indicator_periods")
                .field("id", .int64, .identifier(auto: true))
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("indicator", .string, .required)
                .field("starts_on", .string, .required)
                .field("ends_on", .string, .required)
                .field("target", .string)
                .field("direction", .string, .required)
                .create()
            try await database.schema("indicator_results")
                .field("id", .int64, .identifier(auto: true))
                .field("period_id", .int64, .required, .references("indicator_periods", "id", onDelete: .cascade))
                .field("value", .string, .required)
                .field("note", .string)
                .field("status", .string, .required)
                .field("entered_by", .string)
                .field("entered_at", .datetime, .required)
                .field("review_comment", .string)
                .field("reviewed_by", .string)
                .field("reviewed_at", .datetime)
                .unique(on: "period_id")
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_indicator_periods_design").on("indicator_periods").column("design_id").run()
            try await sql.create(index: "idx_indicator_results_status").on("indicator_results").column("status").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("indicator_results").delete()
            try await database.schema("indicator_periods").delete()
        }
    }
}
