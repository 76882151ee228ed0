import Fluent
import SQLKit

/// 024: outcome figures kept per scope as answers arrive: the network (`network`), each district
/// (`district:BG-13`) and each library (`library:17`). Per scope and survey kind, each item's
/// answered and agreed counts; which libraries contributed to each item (for the five-library
/// rule); and each service's answers (for the dashboards' counts and lists). A dashboard then reads
/// a handful of rows instead of adding up every survey's tallies. Filled from the tallies at once.
enum Migrations024 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateOutcomeRollups())
    }

    struct CreateOutcomeRollups: AsyncMigration {
        var name: String { "024_create_outcome_rollups" }

        func prepare(on database: any Database) async throws {
            try await database.schema("outcome_rollups")
                .field("scope", .string, .required)
                .field("kind", .string, .required)
                .field("item", .string, .required)
                .field("answered", .int64, .required)
                .field("agreed", .int64, .required)
                .unique(on: "scope", "kind", "item")
                .create()
            try await database.schema("outcome_contributors")
                .field("scope", .string, .required)
                .field("kind", .string, .required)
                .field("item", .string, .required)
                .field("library_id", .int64, .required)
                .unique(on: "scope", "kind", "item", "library_id")
                .create()
            try await database.schema("outcome_scope_services")
                .field("scope", .string, .required)
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("answers", .int64, .required)
                .unique(on: "scope", "design_id")
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_outcome_scope_services_answers").on("outcome_scope_services").column("scope").column("answers")
                .run()
            // Each design's scopes: the network, its libraries' districts, its libraries.
            let scopes = """
                SELECT dl.design_id AS design_id, 'network' AS scope, 0 AS library_id FROM design_libraries dl GROUP BY dl.design_id \
                UNION SELECT dl.design_id, 'district:' || l.district_code, 0 FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id \
                WHERE l.district_code IS NOT NULL \
                UNION SELECT dl.design_id, 'library:' || CAST(dl.library_id AS TEXT), dl.library_id FROM design_libraries dl
                """
            try await sql.raw(
                """
                INSERT INTO outcome_rollups (scope, kind, item, answered, agreed) SELECT x.scope, s.kind, t.item, SUM(t.answered), SUM(t.agreed) \
                FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id JOIN (\(unsafeRaw: scopes)) x ON x.design_id = s.design_id \
                GROUP BY x.scope, s.kind, t.item
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO outcome_contributors (scope, kind, item, library_id) SELECT DISTINCT x.scope, s.kind, t.item, dl.library_id \
                FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id JOIN (\(unsafeRaw: scopes)) x ON x.design_id = s.design_id \
                JOIN design_libraries dl ON dl.design_id = s.design_id JOIN libraries l ON l.id = dl.library_id \
                WHERE t.answered > 0 AND (x.scope = 'network' OR x.scope = 'district:' || l.district_code OR x.library_id = dl.library_id)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO outcome_scope_services (scope, design_id, answers) SELECT x.scope, s.design_id, SUM(t.answered) \
                FROM outcome_tallies t JOIN outcome_surveys s ON s.id = t.survey_id JOIN (\(unsafeRaw: scopes)) x ON x.design_id = s.design_id \
                WHERE t.item = '*' GROUP BY x.scope, s.design_id
                """
            ).run()
        }

        func revert(on database: any Database) async throws {
            for table in ["outcome_scope_services", "outcome_contributors", "outcome_rollups"] { try await database.schema(table).delete() }
        }
    }
}
