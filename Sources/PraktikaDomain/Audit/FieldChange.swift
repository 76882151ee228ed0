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
    case passwordResetRequest = "password_reset_request"
    case passwordReset = "password_reset"
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
        case .passwordResetRequest: .auditActionPasswordResetRequest
        case .passwordReset: .auditActionPasswordReset
        case .erase: .auditActionErase
        }
    }
}

extension FieldChange {
    /// A stored value as a reader of the log expects it: choices by their label, districts by name,
    /// dates the local way. Anything else (names, free text, identifiers) as it was stored.
    public static func display(_ value: String, field: String, entity: String, _ language: Language) -> String {
        guard !value.isEmpty else { return value }
        func label<E: LabelledChoice>(_ type: E.Type) -> String { E(rawValue: value)?.label(language) ?? value }
        switch (entity, field) {
        case ("library", "kind"): return label(LibraryKind.self)
        case ("partner", "kind"): return label(PartnerKind.self)
        case ("settlement", "kind"): return label(SettlementKind.self)
        case (_, "network_role"): return label(NetworkRole.self)
        case ("user", "role"): return label(Role.self)
        case (_, "district_code"), ("participant", "district"): return District.named(value)?.name(language) ?? value
        case ("partnership", "status"): return label(PartnershipStatus.self)
        case ("partnership", "roles"):
            // Stored as ",funding,media,".
            return value.split(separator: ",").map { PartnershipRole(rawValue: String($0))?.label(language) ?? String($0) }
                .joined(separator: ", ")
        case ("meeting", "status"): return label(MeetingStatus.self)
        case ("participant", "status"): return label(RegistrationStatus.self)
        case ("participant", "role"): return label(NetworkRole.self)
        case ("meeting_action", "status"): return label(MeetingAction.Status.self)
        case ("meeting_action", "kind"): return label(MeetingAction.Kind.self)
        default:
            if let date = LocalDate(parsing: value), value.count == 10 { return Formatting(language).date(date) }
            return value
        }
    }
}
