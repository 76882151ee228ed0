import Foundation

/// What an account may do. Anonymous visitors have no role and see only what is public.
public enum Role: String, LabelledChoice {
    /// The whole network.
    case admin
    /// One district.
    case coordinator
    /// One library.
    case librarian
    /// A partner organisation's person: reads and comments.
    case partner

    public var label: TextKey {
        switch self {
        case .admin: .userRoleAdmin
        case .coordinator: .userRoleCoordinator
        case .librarian: .userRoleLibrarian
        case .partner: .userRolePartner
        }
    }
}

/// The signed-in person on whose behalf an action is taken.
public struct Actor: Sendable, Hashable, Codable {
    public let userID: Int64
    public let name: String
    public let role: Role
    public let districtCode: String?
    public let libraryID: Int64?
    /// The registry partner a partner account speaks for.
    public let partnerID: Int64?

    public init(userID: Int64, name: String, role: Role, districtCode: String?, libraryID: Int64?, partnerID: Int64? = nil) {
        self.userID = userID
        self.name = name
        self.role = role
        self.districtCode = districtCode
        self.libraryID = libraryID
        self.partnerID = partnerID
    }
}
