import Testing

@testable import PraktikaDomain

@Suite("Permissions")
struct PolicyTests {
    static let admin = Actor(userID: 1, name: "A", role: .admin, districtCode: nil, libraryID: nil)
    static let coordinator = Actor(userID: 2, name: "C", role: .coordinator, districtCode: "BG-13", libraryID: nil)
    static let librarian = Actor(userID: 3, name: "L", role: .librarian, districtCode: "BG-21", libraryID: 7)
    static let partner = Actor(userID: 4, name: "P", role: .partner, districtCode: nil, libraryID: nil)

    struct Case: Sendable, CustomTestStringConvertible {
        let actor: Actor?
        let action: Action
        let kind: RegistryKind
        let scope: Scope
        let allowed: Bool
        var testDescription: String { "\(actor?.role.rawValue ?? "anonymous") \(action) \(kind) → \(allowed)" }
    }

    static let own13 = Scope(districtCode: "BG-13")
    static let own21 = Scope(districtCode: "BG-21")
    static let library7 = Scope(districtCode: "BG-21", libraryID: 7)
    static let library8 = Scope(districtCode: "BG-21", libraryID: 8)

    static let cases: [Case] = [
        Case(actor: nil, action: .view, kind: .library, scope: .network, allowed: true),
        Case(actor: nil, action: .view, kind: .person, scope: .network, allowed: false),
        Case(actor: nil, action: .create, kind: .partner, scope: own13, allowed: false),
        Case(actor: partner, action: .view, kind: .person, scope: .network, allowed: true),
        Case(actor: partner, action: .update, kind: .partner, scope: own13, allowed: false),
        Case(actor: librarian, action: .update, kind: .library, scope: library7, allowed: true),
        Case(actor: librarian, action: .update, kind: .library, scope: library8, allowed: false),
        Case(actor: librarian, action: .delete, kind: .library, scope: library7, allowed: false),
        Case(actor: librarian, action: .create, kind: .partner, scope: own21, allowed: true),
        Case(actor: librarian, action: .create, kind: .partner, scope: own13, allowed: false),
        Case(actor: librarian, action: .create, kind: .person, scope: own21, allowed: true),
        Case(actor: librarian, action: .create, kind: .municipality, scope: own21, allowed: false),
        Case(actor: coordinator, action: .create, kind: .library, scope: own13, allowed: true),
        Case(actor: coordinator, action: .create, kind: .library, scope: own21, allowed: false),
        Case(actor: coordinator, action: .delete, kind: .settlement, scope: own13, allowed: true),
        Case(actor: coordinator, action: .update, kind: .partner, scope: .network, allowed: false),
        Case(actor: admin, action: .delete, kind: .library, scope: own21, allowed: true),
        Case(actor: admin, action: .update, kind: .partner, scope: .network, allowed: true),
        Case(actor: admin, action: .update, kind: .district, scope: own13, allowed: false),
    ]

    @Test("role × action × scope", arguments: cases)
    func table(_ c: Case) {
        #expect(Policy.allows(c.actor, c.action, c.kind, in: c.scope) == c.allowed)
    }

    @Test func auditLogIsForAdministrators() {
        #expect(Policy.mayReadAuditLog(Self.admin))
        #expect(!Policy.mayReadAuditLog(Self.coordinator))
        #expect(!Policy.mayReadAuditLog(nil))
    }
}
