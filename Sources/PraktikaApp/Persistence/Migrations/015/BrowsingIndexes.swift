import Fluent
import SQLKit

/// 015: what browsing reads of each design it walks, in dense indexes. Browsing walks up to two
/// thousand designs of a facet value and read each one's row (wide: the content) and its index
/// document's row (wide: the analysed text); on a database larger than the memory that caches it,
/// the first visit to a district then read thousands of scattered pages from disk. Now the walk
/// reads a design's list columns, and a document's facet values by design, from indexes a
/// fraction of the table's size. The first index also answers who may see a design, so it takes
/// the place of 014's narrower one.
enum Migrations015 {
    static func register(in migrations: Migrations) {
        migrations.add(ListIndexes())
    }

    static let designList = "idx_service_designs_list"
    static let documentsByDesign = "idx_search_documents_by_design"

    struct ListIndexes: AsyncMigration {
        var name: String { "015_list_indexes" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.create(index: designList).on("service_designs")
                .column("id").column("visibility").column("published_on").column("status").column("updated_at")
                .column("budget_total_eur_minor").column("title_key").run()
            try await sql.drop(index: Migrations014.designAccess).run()
            try await sql.create(index: documentsByDesign).on("search_documents").column("design_id").column("facets").run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.create(index: Migrations014.designAccess).on("service_designs").column("id").column("visibility")
                .column("published_on").run()
            try await sql.drop(index: designList).run()
            try await sql.drop(index: documentsByDesign).run()
        }
    }
}
