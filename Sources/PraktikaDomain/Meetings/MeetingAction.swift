import Foundation

/// What a meeting decided, and what someone undertook to do: recorded against an agenda item or
/// a work table, with an owner and a due date for an action, and followed until it is closed.
public struct MeetingAction: Sendable, Hashable {
    public enum Kind: String, LabelledChoice {
        case decision, action

        public var label: TextKey { self == .decision ? .actionKindDecision : .actionKindAction }
    }

    public enum Status: String, LabelledChoice {
        case open, done, dropped

        public var label: TextKey {
            switch self {
            case .open: .actionStatusOpen
            case .done: .actionStatusDone
            case .dropped: .actionStatusDropped
            }
        }
    }

    public var id: Int64?
    public var kind: Kind
    public var text: String
    public var agendaItemID: Int64?
    public var tableID: Int64?
    /// An account of the network, or a name when the owner has none.
    public var ownerUserID: Int64?
    public var ownerName: String?
    public var dueOn: LocalDate?
    public var status: Status
    public var designID: Int64?
    public var partnerID: Int64?

    public init(
        id: Int64? = nil, kind: Kind, text: String, agendaItemID: Int64? = nil, tableID: Int64? = nil, ownerUserID: Int64? = nil,
        ownerName: String? = nil, dueOn: LocalDate? = nil, status: Status = .open, designID: Int64? = nil, partnerID: Int64? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.agendaItemID = agendaItemID
        self.tableID = tableID
        self.ownerUserID = ownerUserID
        self.ownerName = ownerName
        self.dueOn = dueOn
        self.status = status
        self.designID = designID
        self.partnerID = partnerID
    }

    /// Whether it still asks for something: an open action.
    public var isOpenAction: Bool { kind == .action && status == .open }

    /// Overdue on `today`: an open action past its date.
    public func isOverdue(_ today: LocalDate) -> Bool { isOpenAction && (dueOn.map { $0 < today } ?? false) }

    /// Reads the form. The choices among items, tables, owners, designs and partners are the ids
    /// the page offered (`allowed`); anything else is an error at that field.
    public static func read(_ input: FormInput, allowed: [String: Set<Int64>]) -> (MeetingAction?, FieldErrors) {
        var reader = FormReader(input)
        let kind: Kind = reader.choice("kind", default: .action)
        let status: Status = reader.text("status") == nil ? .open : reader.choice("status", default: .open)
        let due = reader.date("due_on")
        var references: [String: Int64] = [:]
        for field in ["agenda_item", "table", "owner", "design", "partner"] {
            guard let id = reader.identifier(field) else { continue }
            if allowed[field]?.contains(id) == true { references[field] = id } else { reader.addError(field, .validationOption) }
        }
        var v = Validator()
        v.required("text", reader.text("text"))
        v.maxLength("text", reader.text("text"), 2000)
        v.maxLength("owner_name", reader.text("owner_name"), 200)
        if kind == .action && references["owner"] == nil && reader.text("owner_name") == nil { v.add("owner", .validationActionOwner) }
        var errors = reader.errors
        errors.merge(v.errors)
        guard errors.isEmpty else { return (nil, errors) }
        return (
            MeetingAction(
                kind: kind, text: reader.text("text")!, agendaItemID: references["agenda_item"], tableID: references["table"],
                ownerUserID: references["owner"], ownerName: references["owner"] == nil ? reader.text("owner_name") : nil, dueOn: due,
                status: status, designID: references["design"], partnerID: references["partner"]),
            errors
        )
    }

    public var input: FormInput {
        [
            "kind": kind.rawValue, "text": text, "agenda_item": agendaItemID.map(String.init) ?? "",
            "table": tableID.map(String.init) ?? "",
            "owner": ownerUserID.map(String.init) ?? "", "owner_name": ownerName ?? "", "due_on": dueOn?.iso ?? "",
            "status": status.rawValue, "design": designID.map(String.init) ?? "", "partner": partnerID.map(String.init) ?? "",
        ]
    }
}
