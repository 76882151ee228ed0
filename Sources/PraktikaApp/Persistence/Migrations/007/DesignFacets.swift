import Fluent
import SQLKit

/// 007: the facet values of each design (stage, target group, districts, innovation types,
/// partner kinds, budget range, year), one row each, for filters and counts in SQL.
enum Migrations007 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateDesignFacets())
    }

    struct CreateDesignFacets: AsyncMigration {
        var name: String { "007_create_design_facets" }

        func prepare(on database: any Database) async throws {
            try await database.schema("design_facets")
                .field("design_id", .int64, .required, .references("service_designs", "id", onDelete: .cascade))
                .field("facet", .string, .required)
                .field("value", .string, .required)
                .unique(on: "design_id", "facet", "value")
                .create()
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_design_facets_value").on("design_facets").column("facet").column("value").run()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("design_facets").delete()
        }
    }
}
