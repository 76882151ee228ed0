import Foundation
import Plot
import PraktikaDomain

/// Decisions and action items of a meeting: the list, the form, and a person's open actions on
/// their start page.
enum MeetingActionsView {
    static func fields(_ choices: ActionChoices, editing: Bool, _ l: Language) -> [FormField] {
        func options(_ list: [(Int64, String)]) -> [FormOption] { list.map { FormOption(value: String($0.0), label: $0.1) } }
        var fields = [
            FormField(name: "kind", label: .actionKind, kind: .select(.choices(MeetingAction.Kind.self, l)), required: true),
            FormField(name: "text", label: .actionText, kind: .textarea, required: true),
            FormField(name: "owner", label: .actionOwner, kind: .select(options(choices.owners)), hint: .hintActionOwner),
            FormField(name: "owner_name", label: .actionOwnerName, kind: .text),
            FormField(name: "due_on", label: .actionDue, kind: .date),
        ]
        if !choices.items.isEmpty {
            fields.append(FormField(name: "agenda_item", label: .actionItem, kind: .select(options(choices.items))))
        }
        if !choices.tables.isEmpty { fields.append(FormField(name: "table", label: .actionTable, kind: .select(options(choices.tables)))) }
        if !choices.designs.isEmpty {
            fields.append(FormField(name: "design", label: .actionDesign, kind: .select(options(choices.designs))))
        }
        if !choices.partners.isEmpty {
            fields.append(FormField(name: "partner", label: .actionPartner, kind: .select(options(choices.partners))))
        }
        if editing {
            fields.append(
                FormField(name: "status", label: .actionStatus, kind: .select(.choices(MeetingAction.Status.self, l)), required: true))
        }
        return fields
    }

    /// One action or decision as a line: what, who, by when, and where it came from.
    static func line(_ a: MeetingAction, _ choices: ActionChoices, today: LocalDate, _ context: PageContext) -> [Node<HTML.BodyContext>] {
        let l = context.language
        let f = context.format
        func name(_ list: [(Int64, String)], _ id: Int64?) -> String? { id.flatMap { id in list.first { $0.0 == id }?.1 } }
        var facts: [String] = []
        if a.kind == .action {
            facts.append(TextKey.actionOwner(l) + ": " + (name(choices.owners, a.ownerUserID) ?? a.ownerName ?? "—"))
            if let due = a.dueOn { facts.append(TextKey.actionDue(l) + ": " + f.date(due)) }
        }
        if let item = name(choices.items, a.agendaItemID) { facts.append(TextKey.actionItem(l) + ": " + item) }
        if let table = name(choices.tables, a.tableID) { facts.append(TextKey.actionTable(l) + ": " + table) }
        if let partner = name(choices.partners, a.partnerID) { facts.append(TextKey.actionPartner(l) + ": " + partner) }
        return [
            .p(.safe(a.text)),
            .p(
                .class("muted"), .safe(facts.joined(separator: " · ")),
                a.kind == .action ? .span(.class("tag"), .safe(" " + a.status.label(l))) : .empty,
                a.isOverdue(today) ? .span(.class("tag flag"), .safe(TextKey.actionOverdue(l))) : .empty,
                a.designID == nil ? .empty : .safe(" · "),
                a.designID.map { id in .link(SiteURL.service(id).path, name(choices.designs, id) ?? "#\(id)") } ?? .empty),
        ]
    }

    static func list(
        _ frame: MeetingFrame, _ actions: [MeetingAction], choices: ActionChoices, values: FormInput, errors: FieldErrors, today: LocalDate,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        func items(_ list: [MeetingAction]) -> Node<HTML.BodyContext> {
            list.isEmpty
                ? .p(.class("empty"), .safe(TextKey.actionsNone(l)))
                : .ul(
                    .class("actions-list"),
                    .group(
                        list.map { a in
                            .li(
                                .group(line(a, choices, today: today, context)),
                                .p(.link(SiteURL.meeting(frame.id, .action(a.id ?? 0)).path, TextKey.edit(l))))
                        }))
        }
        let form = FormModel(
            title: TextKey.actionsAdd(l), action: SiteURL.meeting(frame.id, .actions).path, fields: fields(choices, editing: false, l),
            values: values, errors: errors, cancelHref: SiteURL.meeting(frame.id, .actions).path)
        return MeetingPagesView.framed(
            frame, .actions, title: TextKey.meetingTabActions(l), context,
            body: [
                .h2(.safe(TextKey.actionsDecisions(l))), items(actions.filter { $0.kind == .decision }),
                .h2(.safe(TextKey.actionsOpen(l))), items(actions.filter(\.isOpenAction)),
                .h2(.safe(TextKey.actionsClosed(l))), items(actions.filter { $0.kind == .action && $0.status != .open }),
                .h2(.attr("id", "add"), .safe(TextKey.actionsAdd(l))), FormView.render(form, context),
            ])
    }

    static func edit(
        _ frame: MeetingFrame, id: Int64, choices: ActionChoices, values: FormInput, errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let form = FormModel(
            title: TextKey.editRecord(l, ["name": String((values["text"] ?? "").prefix(60))]),
            action: SiteURL.meeting(frame.id, .action(id)).path, fields: fields(choices, editing: true, l),
            values: values, errors: errors, cancelHref: SiteURL.meeting(frame.id, .actions).path)
        return MeetingPagesView.framed(
            frame, .actions, title: TextKey.meetingTabActions(l), context,
            body: [.h2(.safe(TextKey.editRecord(l, ["name": String((values["text"] ?? "").prefix(60))]))), FormView.render(form, context)])
    }

    /// The start page's block: the person's open actions, soonest due first.
    static func mine(_ owned: [MeetingStore.OwnedAction], today: LocalDate, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !owned.isEmpty else { return .empty }
        return .section(
            .class("my-actions"),
            .h2(.safe(TextKey.homeMyActions(l))),
            .ul(
                .group(
                    owned.map { o in
                        .li(
                            .link(SiteURL.meeting(o.meetingID, .action(o.action.id ?? 0)).path, o.action.text),
                            .span(
                                .class("muted"),
                                .safe(
                                    " — " + o.meetingTitle + (o.action.dueOn.map { " · " + TextKey.actionDue(l) + ": " + f.date($0) } ?? "")
                                )),
                            o.action.isOverdue(today) ? .span(.class("tag flag"), .safe(TextKey.actionOverdue(l))) : .empty)
                    })))
    }
}
