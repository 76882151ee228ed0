import Foundation

/// One field's value before and after a save, as shown in the audit log.
public struct FieldChange: Sendable, Hashable, Codable {
    public let field: String
    public let before: String
    public let after: String

    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// The fields whose values differ, in field-name order. A missing field counts as empty.
    public static func between(_ old: FormInput, _ new: FormInput) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            let before = old[field] ?? ""
            let after = new[field] ?? ""
            return before == after ? nil : FieldChange(field: field, before: before, after: after)
        }
    }
}

/// What happened, for the audit log.
public enum AuditAction: String, LabelledChoice {
    case create, update, delete
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case tokenCreate = "token_create"
    case tokenRevoke = "token_revoke"
    case passwordChange = "password_change"
    case erase

    public var label: TextKey {
        switch self {
        case .create: .auditActionCreate
        case .update: .auditActionUpdate
        case .delete: .auditActionDelete
        case .signIn: .auditActionSignIn
        case .signInFailed: .auditActionSignInFailed
        case .tokenCreate: .auditActionTokenCreate
        case .tokenRevoke: .auditActionTokenRevoke
        case .passwordChange: .auditActionPasswordChange
        case .erase: .auditActionErase
        }
    }
}
