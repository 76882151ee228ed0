/// The names of the indexes that the search's statements name at run time (SQLite's
/// `INDEXED BY`). The migrations that created them keep their own copies, as shipped migrations
/// do; a test checks that every name here exists in a migrated database.
enum SearchSchema {
    /// A design's list columns and who may see it (migration 015).
    static let designList = "idx_service_designs_list"
    /// A document's facet codes by design (migration 017).
    static let documentsByDesign = "idx_search_documents_codes_by_design"
    /// What ranking reads of each candidate document, with its length (migration 019).
    static let documentRanking = "idx_search_documents_ranking"

    static let all = [designList, documentsByDesign, documentRanking]
}
