import Fluent
import SQLKit

/// 014: narrow copies of what a search reads of each candidate, so that ranking two thousand
/// matches reads a few dense index pages instead of two thousand wide rows (a design's content,
/// a document's analysed text): who may see a design, and a document's design and facet values.
enum Migrations014 {
    static func register(in migrations: Migrations) {
        migrations.add(CandidateIndexes())
    }

    static let designAccess = "idx_service_designs_access"
    static let documentFacets = "idx_search_documents_facets"

    struct CandidateIndexes: AsyncMigration {
        var name: String { "014_search_candidate_indexes" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.create(index: designAccess).on("service_designs").column("id").column("visibility").column("published_on").run()
            try await sql.create(index: documentFacets).on("search_documents").column("id").column("design_id").column("facets").run()
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.drop(index: designAccess).run()
            try await sql.drop(index: documentFacets).run()
        }
    }
}
