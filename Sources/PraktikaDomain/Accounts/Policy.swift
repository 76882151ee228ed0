import Foundation

/// What can be done to a record.
public enum Action: String, CaseIterable, Sendable {
    case view, create, update, delete
}

/// Where a record sits in the network, which is what permissions depend on.
public struct Scope: Sendable, Hashable {
    public var districtCode: String?
    public var libraryID: Int64?

    public init(districtCode: String? = nil, libraryID: Int64? = nil) {
        self.districtCode = districtCode
        self.libraryID = libraryID
    }

    public static let network = Scope()
}

/// The permission rules of the registry, in one place. Every route asks here.
///
/// | role        | view            | create / update                                  | delete                 |
/// |-------------|-----------------|--------------------------------------------------|------------------------|
/// | anonymous   | public records  | —                                                | —                      |
/// | partner     | all             | —                                                | —                      |
/// | librarian   | all             | own library; partners and people of own district | —                      |
/// | coordinator | all             | municipalities … people of own district          | same as create/update  |
/// | admin       | all             | all (districts are reference data: no one)       | all but districts      |
public enum Policy {
    /// People are personal data: never shown to anonymous visitors.
    public static func isPublic(_ kind: RegistryKind) -> Bool { kind != .person }

    /// Records about a person: exportable on request, and erased completely (audit log included) when deleted.
    public static func isPersonalData(_ kind: RegistryKind) -> Bool { kind == .person }

    public static func allows(_ actor: Actor?, _ action: Action, _ kind: RegistryKind, in scope: Scope) -> Bool {
        if action == .view {
            return actor != nil || isPublic(kind)
        }
        guard let actor, kind != .district else { return false }
        switch actor.role {
        case .admin:
            return true
        case .partner:
            return false
        case .coordinator:
            guard let own = actor.districtCode else { return false }
            return scope.districtCode == own
        case .librarian:
            guard let own = actor.districtCode else { return false }
            switch (kind, action) {
            case (.library, .update):
                return scope.libraryID != nil && scope.libraryID == actor.libraryID
            case (.partner, .create), (.partner, .update), (.person, .create), (.person, .update):
                return scope.districtCode == own
            default:
                return false
            }
        }
    }

    /// Whether the actor could create any record of this kind at all (to show the "new" button).
    public static func mayCreateSome(_ actor: Actor?, _ kind: RegistryKind) -> Bool {
        guard let actor else { return false }
        return allows(actor, .create, kind, in: Scope(districtCode: actor.districtCode, libraryID: actor.libraryID))
    }

    /// Who may read a person's e-mail, telephone and notes (need to know): administrators; the
    /// coordinator of the person's district; a librarian of the person's library or district,
    /// who keeps its people. Partner accounts, other districts and visitors see names and roles only.
    public static func maySeeContactDetails(_ actor: Actor?, person scope: Scope) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .partner: return false
        case .coordinator: return actor.districtCode != nil && scope.districtCode == actor.districtCode
        case .librarian:
            return (actor.libraryID != nil && scope.libraryID == actor.libraryID)
                || (actor.districtCode != nil && scope.districtCode == actor.districtCode)
        }
    }

    public static func mayReadAuditLog(_ actor: Actor?) -> Bool { actor?.role == .admin }
    public static func mayManageUsers(_ actor: Actor?) -> Bool { actor?.role == .admin }
}
