import Fluent
import SQLKit

/// 013: the designs of a facet value in design-id order, so that browsing with a filter walks
/// that value's newest designs instead of the whole table. It replaces the (facet, value) index,
/// which it contains.
enum Migrations013 {
    static func register(in migrations: Migrations) {
        migrations.add(FacetWalkIndex())
    }

    struct FacetWalkIndex: AsyncMigration {
        var name: String { "013_facet_walk_index" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_design_facets_walk").on("design_facets").column("facet").column("value").column("design_id")
                .run()
            try await sql.drop(index: "idx_design_facets_value").run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.create(index: "idx_design_facets_value").on("design_facets").column("facet").column("value").run()
            try await sql.drop(index: "idx_design_facets_walk").run()
        }
    }
}
