import Foundation
import Plot
import PraktikaDomain

/// Work tables: their target groups, who sits where and how mixed each table is, the solver's
/// button, moves by hand, and each table's result.
enum MeetingTablesView {
    static func tableFields(_ l: Language) -> [FormField] {
        [
            FormField(name: "number", label: .tableNumber, kind: .integer, required: true),
            FormField(name: "target_group", label: .fieldTargetDescription, kind: .text, required: true),
            FormField(name: "category", label: .fieldTargetCategory, kind: .select(.choices(TargetGroupCategory.self, l)), required: true),
            FormField(name: "capacity", label: .tableCapacity, kind: .integer, hint: .hintCapacity),
        ]
    }

    /// The class of the colour that tells a district apart on the plan, in the order of the
    /// meeting's districts (`dot-0` … `dot-7` in app.css, Okabe–Ito colours: distinguishable with
    /// the common colour-vision deficiencies; classes, as the content policy allows no inline style).
    static func colour(_ code: String?, _ meeting: Meeting) -> String {
        guard let code, let index = meeting.districtCodes.firstIndex(of: code) else { return "dot dot-none" }
        return "dot dot-\(index % 8)"
    }

    /// The key to the colours, with each district's name.
    static func legend(_ meeting: Meeting, _ l: Language) -> Node<HTML.BodyContext> {
        .ul(
            .class("district-legend"),
            .group(
                meeting.districtCodes.map { code in
                    .li(
                        .span(.class(colour(code, meeting)), .attr("aria-hidden", "true")),
                        .safe(District.named(code)?.name(l) ?? code))
                }))
    }

    static func flagText(_ flag: MixFlag, _ l: Language) -> String {
        switch flag {
        case .size: TextKey.flagSize(l)
        case .singleDistrict: TextKey.flagSingleDistrict(l)
        case .district(let code): TextKey.flagDistrict(l, ["district": District.named(code)?.name(l) ?? TextKey.notKnown(l)])
        case .role(let role): TextKey.flagRole(l, ["role": NetworkRole(rawValue: role)?.label(l) ?? role])
        case .organisation(let name): TextKey.flagOrganisation(l, ["organisation": name])
        case .wishes(let n): TextKey.flagWishes(l, ["count": String(n)])
        }
    }

    static func render(_ model: SeatingPageModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let frame = model.frame
        var body: [Node<HTML.BodyContext>] = []
        if let refusal = model.seatingRefusal {
            body.append(.div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe(refusal))))
        }
        if frame.mayOrganise {
            let seated = model.participants.filter { $0.tableID != nil }.count
            body.append(
                .div(
                    .class("record-actions"),
                    .link(SiteURL.meeting(frame.id, .seat).path, TextKey.seatEveryone(l), .class("button")),
                    .span(
                        .class("muted"),
                        .safe(TextKey.seatedCount(l, ["seated": f.integer(seated), "count": f.integer(model.participants.count)])))))
            body.append(.p(.class("hint"), .safe(TextKey.seatHint(l))))
            if let p = model.penalty {
                body.append(
                    .p(
                        .class("mix"),
                        .safe(
                            TextKey.seatPenalty(
                                l,
                                [
                                    "total": f.integer(p.total), "district": f.integer(p.district), "role": f.integer(p.role),
                                    "organisation": f.integer(p.organization), "preference": f.integer(p.preference),
                                ]))))
            }
            let over = model.tables.compactMap { t -> String? in
                let n = model.participants.filter { $0.tableID == t.id }.count
                guard let capacity = t.capacity, n > capacity else { return nil }
                return TextKey.tableOverCapacity(l, ["number": String(t.number), "count": f.integer(n), "capacity": f.integer(capacity)])
            }
            if !over.isEmpty {
                body.append(.div(.class("error-summary"), .attr("role", "alert"), .ul(.group(over.map { .li(.safe($0)) }))))
            }
            if !model.tables.isEmpty && !model.participants.isEmpty {
                body.append(moveForm(model, context))
                body.append(.p(.class("hint"), .safe(TextKey.moveKeepsHint(l))))
            }
        }
        let cards: [Node<HTML.BodyContext>] = model.tables.map { table in card(table, model, context) }
        if frame.mayOrganise && !model.tables.isEmpty {
            body.append(
                .div(
                    .class("record-actions"), legend(frame.meeting, l),
                    .link(SiteURL.meeting(frame.id, .tableCards).path, TextKey.tableCards(l))))
        }
        body.append(model.tables.isEmpty ? .p(.class("empty"), .safe(TextKey.tablesEmpty(l))) : .div(.class("seating"), .group(cards)))
        if frame.mayOrganise {
            let form = FormModel(
                title: TextKey.tableAdd(l), action: SiteURL.meeting(frame.id, .tables).path, fields: tableFields(l), values: model.values,
                errors: model.errors, cancelHref: SiteURL.meeting(frame.id, .tables).path)
            body += [.h2(.attr("id", "add"), .safe(TextKey.tableAdd(l))), FormView.render(form, context)]
        }
        return MeetingPagesView.framed(frame, .tables, title: TextKey.meetingTabTables(l), context, body: body)
    }

    /// Cards to put on the tables: the number large, the target group, and who sits there with
    /// their organisation and district; one card a page.
    static func cards(_ frame: MeetingFrame, tables: [WorkTable], people: [MeetingParticipant], _ context: PageContext) -> HTML {
        let l = context.language
        let sheets: [Node<HTML.BodyContext>] = tables.map { table in
            let members = people.filter { $0.tableID == table.id }
            return .section(
                .class("table-card"),
                .p(.class("table-card-number"), .safe(TextKey.tableHeading(l, ["number": String(table.number)]))),
                .p(.class("table-card-group"), .safe(table.targetGroup)),
                .p(.class("muted"), .safe(table.category.label(l))),
                .ol(
                    .group(
                        members.map { p in
                            .li(
                                .strong(.safe(p.fullName)), .text(" "),
                                .span(
                                    .class("muted"),
                                    .safe(
                                        "— " + p.organisation
                                            + (p.districtCode.flatMap { District.named($0)?.name(l) }.map { ", " + $0 } ?? ""))))
                        })))
        }
        return Layout.printable(
            context, title: TextKey.tableCards(l), back: SiteURL.meeting(frame.id, .tables).path, bodyClass: "table-cards",
            body: [.p(.class("print-help muted"), .safe(frame.meeting.title)), .group(sheets)])
    }

    static func seatQuestion(_ frame: MeetingFrame, _ people: [MeetingParticipant], _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let pinned = people.filter { $0.pinned && $0.tableID != nil }
        let movable = people.filter { !$0.pinned && $0.tableID != nil }.count
        let unseated = people.filter { $0.tableID == nil }.count
        let names: [Node<HTML.ListContext>] = pinned.map { .li(.safe($0.fullName)) }
        return MeetingPagesView.framed(
            frame, .tables, title: TextKey.seatEveryone(l), context,
            body: [
                .h2(.safe(TextKey.seatQuestionTitle(l))),
                .ul(
                    .li(.safe(TextKey.seatQuestionPinned(l, ["count": f.integer(pinned.count)]))),
                    .li(.safe(TextKey.seatQuestionMovable(l, ["count": f.integer(movable)]))),
                    .li(.safe(TextKey.seatQuestionUnseated(l, ["count": f.integer(unseated)])))),
                pinned.isEmpty ? .empty : .details(.summary(.safe(TextKey.seatQuestionPinnedNames(l))), .ul(.group(names))),
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .seat).path), Layout.csrfField(context),
                    .div(
                        .class("form-actions"), .button(.type(.submit), .class("button"), .safe(TextKey.seatQuestionConfirm(l))),
                        .link(SiteURL.meeting(frame.id, .tables).path, TextKey.cancel(l)))),
            ])
    }

    static func moveForm(_ model: SeatingPageModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let people = model.participants.map { FormOption(value: String($0.id ?? 0), label: $0.fullName + " — " + $0.organisation) }
        let tables = model.tables.map { FormOption(value: String($0.id), label: "\($0.number). \($0.targetGroup)") }
        // Not "filters": those submit as soon as a select changes.
        return .form(
            .class("move-form"), .method(.post), .action(SiteURL.meeting(model.frame.id, .move).path), Layout.csrfField(context),
            .div(
                .class("filter"), .label(.attr("for", "move-participant"), .safe(TextKey.moveWho(l))),
                FormView.select(common: [.attr("id", "move-participant"), .attr("name", "participant")], options: people, value: "", l: l)),
            .div(
                .class("filter"), .label(.attr("for", "move-table"), .safe(TextKey.moveWhere(l))),
                FormView.select(common: [.attr("id", "move-table"), .attr("name", "table")], options: tables, value: "", l: l)),
            .div(.class("filter-actions"), .button(.type(.submit), .class("button secondary"), .safe(TextKey.moveButton(l)))))
    }

    static func card(_ table: WorkTable, _ model: SeatingPageModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        let frame = model.frame
        let mix = model.mix[table.id]
        let off = !(mix?.flags.isEmpty ?? true)
        let members = model.participants.filter { $0.tableID == table.id }
        let result: Node<HTML.BodyContext> =
            table.designID.map { id in
                .p(.link(SiteURL.service(id).path, TextKey.tableResultOpen(l) + ": " + (model.designTitles[id] ?? "#\(id)")))
            }
            ?? (frame.mayOrganise
                ? .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .tableResult(table.id)).path), Layout.csrfField(context),
                    .button(.type(.submit), .class("button secondary"), .safe(TextKey.tableResultStart(l))))
                : .empty)
        guard frame.mayOrganise else {
            return .div(
                .class("work-table"), .h2(.safe(TextKey.tableHeading(l, ["number": String(table.number)]))), .p(.safe(table.targetGroup)),
                result)
        }
        let districtLine = (mix?.districts ?? []).filter { $0.count > 0 || $0.low > 0 }.map { c -> String in
            (District.named(c.value)?.name(l) ?? TextKey.notKnown(l)) + " " + f.integer(c.count)
        }.joined(separator: " · ")
        let roleLine = (mix?.roles ?? []).filter { $0.count > 0 }.map { c -> String in
            (NetworkRole(rawValue: c.value)?.label(l) ?? c.value) + " " + f.integer(c.count)
        }.joined(separator: " · ")
        let flags: [Node<HTML.ListContext>] = (mix?.flags ?? []).map { .li(.class("flag"), .safe(flagText($0, l))) }
        let people: [Node<HTML.ListContext>] = members.map { p in
            .li(
                .attr("draggable", "true"), .attr("data-participant", String(p.id ?? 0)),
                .span(.class(colour(p.districtCode, frame.meeting)), .attr("aria-hidden", "true")),
                .link(SiteURL.meeting(frame.id, .participant(p.id ?? 0)).path, p.fullName),
                .span(.class("muted"), .safe(" — " + p.organisation)),
                p.pinned
                    ? .form(
                        .class("inline"), .method(.post), .action(SiteURL.meeting(frame.id, .unpin).path), Layout.csrfField(context),
                        .input(.type(.hidden), .name("participant"), .value(String(p.id ?? 0))),
                        .span(.class("tag"), .attr("title", TextKey.hintPinned(l)), .safe(TextKey.pinnedTag(l))),
                        .button(.type(.submit), .class("link-button"), .safe(TextKey.unpinButton(l))))
                    : .empty)
        }
        return .div(
            .class(off ? "work-table is-off" : "work-table"), .attr("id", "table-\(table.number)"), .attr("data-table", String(table.id)),
            .h2(.safe(TextKey.tableHeading(l, ["number": String(table.number)]))),
            .p(.strong(.safe(table.targetGroup)), .span(.class("tag"), .safe(table.category.label(l)))),
            .p(
                .class("mix"),
                .safe(TextKey.tableSize(l, ["count": f.integer(members.count)]) + (table.capacity.map { " / " + f.integer($0) } ?? ""))),
            districtLine.isEmpty ? .empty : .p(.class("mix"), .safe(districtLine)),
            roleLine.isEmpty ? .empty : .p(.class("mix"), .safe(roleLine)),
            flags.isEmpty ? .empty : .ul(.group(flags)),
            .details(.attr("open", ""), .summary(.safe(TextKey.tablePeople(l))), .ul(.class("table-people"), .group(people))),
            result,
            .form(
                .class("inline"), .method(.post), .action(SiteURL.meeting(frame.id, .tableDelete(table.id)).path),
                .attr("data-confirm", TextKey.tableDeleteQuestion(l, ["number": String(table.number)])), Layout.csrfField(context),
                .button(.type(.submit), .class("link-button"), .safe(TextKey.tableDelete(l)))))
    }
}
