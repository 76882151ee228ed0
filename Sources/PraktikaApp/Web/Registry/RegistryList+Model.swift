import PraktikaDomain

/// Everything the registry list page shows, built by the controller from one query.
struct RegistryListModel: Sendable {
    let area: RegistryArea
    let columns: [ListColumn]
    let rows: [[Cell]]
    let total: Int
    let query: ListQuery
    let kindOptions: [FormOption]
    let canCreate: Bool
    let newTitle: TextKey
    /// The 28 districts need neither filters nor paging.
    var showFilters = true

    var pages: Int { max(1, (total + ListQuery.perPage - 1) / ListQuery.perPage) }
}
