import PraktikaDomain

/// One registry record's page.
struct RegistryRecordModel: Sendable {
    let area: RegistryArea
    let id: String
    let name: String
    let details: [DetailRow]
    let related: [RelatedSection]
    let canEdit: Bool
    let canDelete: Bool
    /// Shown when a delete was refused, with the reason.
    var problem: String? = nil
    /// The record's audit trail, for those allowed to read it.
    var history: [AuditEntry]? = nil
}
