import Foundation

/// Where a design sits: the libraries it belongs to and their districts, and who may read it.
public struct DesignScope: Sendable, Hashable {
    public var libraryIDs: Set<Int64>
    public var districtCodes: Set<String>
    public var visibility: DesignVisibility

    public init(libraryIDs: Set<Int64>, districtCodes: Set<String>, visibility: DesignVisibility) {
        self.libraryIDs = libraryIDs
        self.districtCodes = districtCodes
        self.visibility = visibility
    }
}

/// Permissions on service designs.
///
/// | role        | view                                              | create / update                 | delete            |
/// |-------------|---------------------------------------------------|---------------------------------|-------------------|
/// | anonymous   | public designs                                    | —                               | —                 |
/// | partner     | public designs                                    | —                               | —                 |
/// | librarian   | public; district-wide in own district; own library's | designs of own library       | —                 |
/// | coordinator | public; all in own district                       | designs of own district's libraries | same          |
/// | admin       | all                                               | all                             | all               |
extension Policy {
    public static func allows(_ actor: Actor?, _ action: Action, design scope: DesignScope) -> Bool {
        let ownLibrary = actor?.libraryID.map { scope.libraryIDs.contains($0) } ?? false
        let ownDistrict = actor?.districtCode.map { scope.districtCodes.contains($0) } ?? false
        switch action {
        case .view:
            if scope.visibility == .public { return true }
            guard let actor else { return false }
            switch actor.role {
            case .admin: return true
            case .partner: return false
            case .coordinator: return ownDistrict
            case .librarian: return ownLibrary || (scope.visibility == .district && ownDistrict)
            }
        case .create, .update:
            guard let actor else { return false }
            switch actor.role {
            case .admin: return true
            case .partner: return false
            case .coordinator: return ownDistrict
            case .librarian: return ownLibrary
            }
        case .delete:
            guard let actor else { return false }
            return actor.role == .admin || (actor.role == .coordinator && ownDistrict)
        }
    }

    /// Whether the actor may start a design at all (to offer the "new design" button).
    public static func mayCreateDesigns(_ actor: Actor?) -> Bool {
        guard let actor else { return false }
        switch actor.role {
        case .admin: return true
        case .coordinator: return actor.districtCode != nil
        case .librarian: return actor.libraryID != nil
        case .partner: return false
        }
    }
}
