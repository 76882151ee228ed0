import Fluent
import SQLKit

/// 029: what the public reads on a design's leaflet, as the library wrote it (JSON of
/// `LeafletText`). A design without a row has the leaflet its chart suggests.
enum Migrations029 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateDesignLeaflets())
    }

    struct CreateDesignLeaflets: AsyncMigration {
        var name: String { "029_create_design_leaflets" }

        func prepare(on database: any Database) async throws {
            try await database.schema("design_leaflets")
                .field("design_id", .int64, .required, .references("service_designs", "id"))
                .field("content", .string, .required)
                .field("updated_at", .int64, .required)
                .field("updated_by", .string)
                .unique(on: "design_id")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("design_leaflets").delete()
        }
    }
}
