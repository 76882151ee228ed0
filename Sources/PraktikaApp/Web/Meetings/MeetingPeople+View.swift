import Foundation
import Plot
import PraktikaDomain

/// Participants: the organisers' list with counts, one person's form, the CSV import and its
/// report, the public registration page, and badges for printing.
enum MeetingPeopleView {
    /// The public registration form's fields; an organiser's form (`registry` given) also links the
    /// person to a library or partner of the registry and seats them.
    static func fields(_ tables: [WorkTable], _ l: Language, registry: ParticipantRegistryOptions?) -> [FormField] {
        var fields = [
            FormField(name: "full_name", label: .fieldFullName, kind: .text, required: true),
            FormField(name: "role", label: .fieldNetworkRole, kind: .select(.choices(NetworkRole.self, l)), required: true),
            FormField(name: "organisation", label: .fieldOrganisation, kind: .text, required: true),
            FormField(name: "district", label: .fieldDistrict, kind: .select(.districts(l)), required: true),
            FormField(name: "email", label: .fieldEmail, kind: .email, hint: .hintParticipantEmail),
            FormField(name: "needs", label: .participantNeeds, kind: .textarea, hint: .hintParticipantNeeds),
        ]
        if !tables.isEmpty {
            fields.append(
                FormField(
                    name: "want", label: .participantWants,
                    kind: .checkboxes(tables.map { FormOption(value: String($0.id), label: "\($0.number). \($0.targetGroup)") }),
                    hint: .hintParticipantWants))
        }
        fields += [
            FormField(name: "consent_listed", label: .participantConsentListed, kind: .checkbox),
            FormField(name: "consent_photo", label: .participantConsentPhoto, kind: .checkbox),
        ]
        if let registry {
            if !registry.libraries.isEmpty {
                fields.append(
                    FormField(name: "library", label: .fieldLibrary, kind: .select(registry.libraries), hint: .hintParticipantRegistry))
            }
            if !registry.partners.isEmpty {
                fields.append(FormField(name: "partner", label: .fieldRegistryPartner, kind: .select(registry.partners)))
            }
        }
        if registry != nil && !tables.isEmpty {
            fields += [
                FormField(
                    name: "table", label: .participantTable,
                    kind: .select(tables.map { FormOption(value: String($0.id), label: "\($0.number). \($0.targetGroup)") })),
                FormField(name: "pinned", label: .participantPinned, kind: .checkbox, hint: .hintPinned),
            ]
        }
        return fields
    }

    static func list(
        _ frame: MeetingFrame, _ participants: [MeetingParticipant], tables: [WorkTable],
        sessions: [(session: AgendaSession, confirmed: Int, waiting: Int)] = [], registry: ParticipantRegistryOptions,
        registrationLink: String, values: FormInput, errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let counts = ParticipantCounts(participants.filter { $0.status == .confirmed })
        let attendance = AttendanceSummary(participants)
        let waitingOrder = participants.filter { $0.status == .waiting }.compactMap(\.id).sorted()
        let numbers = Dictionary(tables.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        let byDistrict: [Node<HTML.TableContext>] = counts.byDistrict.map { entry in
            .tr(
                .td(.safe(entry.code.flatMap { District.named($0)?.name(l) } ?? TextKey.notKnown(l))),
                .td(.class("number"), .safe(f.integer(entry.count))))
        }
        let byRole: [Node<HTML.TableContext>] = counts.byRole.map { entry in
            .tr(.td(.safe(entry.role.label(l))), .td(.class("number"), .safe(f.integer(entry.count))))
        }
        let summary: Node<HTML.BodyContext> = .div(
            .class("counts"),
            .p(.class("count"), .strong(.safe(TextKey.meetingParticipantsTotal(l, ["count": f.integer(counts.total)])))),
            .p(
                .safe(
                    (frame.meeting.capacity.map {
                        TextKey.capacityLine(l, ["confirmed": f.integer(attendance.confirmed), "capacity": f.integer($0)])
                    }
                        ?? TextKey.capacityNone(l)) + " · "
                        + TextKey.waitingLine(l, ["waiting": f.integer(attendance.waiting), "withdrawn": f.integer(attendance.withdrawn)]))),
            sessions.isEmpty
                ? .empty
                : .ul(
                    .group(
                        sessions.map { s in
                            .li(
                                .safe(
                                    TextKey.sessionLine(
                                        l,
                                        [
                                            "title": s.session.title, "confirmed": f.integer(s.confirmed),
                                            "capacity": f.integer(s.session.capacity ?? 0), "waiting": f.integer(s.waiting),
                                        ])))
                        })),
            counts.byDistrict.count > 1
                ? .div(
                    .class("district-chart"), .attr("aria-hidden", "true"),
                    .raw(BarChart.svg(BarChart.districtRows(counts, l, f), title: TextKey.participantsByDistrict(l))))
                : .empty,
            .table(.caption(.safe(TextKey.participantsByDistrict(l))), .tbody(.group(byDistrict))),
            .table(.caption(.safe(TextKey.participantsByRole(l))), .tbody(.group(byRole))))
        let rows: [Node<HTML.TableContext>] = participants.map { p in
            let id = p.id ?? 0
            let status: String =
                p.status == .waiting
                ? TextKey.registrationWaitingNumber(l, ["position": f.integer(Waitlist.position(of: id, waiting: waitingOrder) ?? 0)])
                : p.status.label(l)
            let withdraw: Node<HTML.BodyContext> =
                p.status == .withdrawn
                ? .empty
                : .form(
                    .class("inline"), .method(.post), .action(SiteURL.meeting(frame.id, .participantWithdraw(id)).path),
                    .attr("data-confirm", TextKey.withdrawOrganiserQuestion(l, ["name": p.fullName])), Layout.csrfField(context),
                    .button(.type(.submit), .class("link-button"), .safe(TextKey.withdrawButton(l))))
            return .tr(
                .class("status-\(p.status.rawValue)"),
                .td(
                    .link(SiteURL.meeting(frame.id, .participant(id)).path, p.fullName),
                    p.placeholder ? .span(.class("tag"), .safe(TextKey.participantPlaceholder(l))) : .empty),
                .td(.safe(p.role.label(l))),
                .td(.safe(p.organisation)),
                .td(.safe(p.districtCode.flatMap { District.named($0)?.name(l) } ?? "—")),
                .td(
                    .class("number"), .safe(p.tableID.flatMap { numbers[$0] }.map(String.init) ?? "—"),
                    p.pinned
                        ? .group(.safe(" "), .span(.class("tag"), .attr("title", TextKey.hintPinned(l)), .safe(TextKey.pinnedTag(l))))
                        : .empty),
                .td(.safe((p.consentListed ? TextKey.yes(l) : TextKey.no(l)) + " / " + (p.consentPhoto ? TextKey.yes(l) : TextKey.no(l)))),
                .td(.safe(p.needs ?? "")),
                .td(.span(.class("tag"), .safe(status)), p.checkedInAt == nil ? .empty : .safe(" ✓"), withdraw))
        }
        let actions: Node<HTML.BodyContext> = .div(
            .class("record-actions"),
            .link(SiteURL.meeting(frame.id, .importCSV).path, TextKey.participantsImport(l), .class("button secondary")),
            .link(SiteURL.meeting(frame.id, .participantsCSV).path, TextKey.participantsExport(l)),
            .link(SiteURL.meeting(frame.id, .badges).path, TextKey.participantsBadges(l)),
            .link(SiteURL.meeting(frame.id, .messages).path, TextKey.messagesTitle(l)))
        let registration: Node<HTML.BodyContext> = .div(
            .class("practice"),
            .p(.strong(.safe(TextKey.meetingRegistrationLink(l)))), .p(.code(.safe(registrationLink))),
            .p(
                .class("hint"),
                .safe(frame.meeting.status == .registration ? TextKey.meetingRegistrationHint(l) : TextKey.meetingRegistrationClosed(l))))
        let table: Node<HTML.BodyContext> =
            participants.isEmpty
            ? .p(.class("empty"), .safe(TextKey.noRecords(l)))
            : .div(
                .class("table-wrap"),
                .table(
                    .thead(
                        .tr(
                            .th(.safe(TextKey.fieldFullName(l))), .th(.safe(TextKey.fieldNetworkRole(l))),
                            .th(.safe(TextKey.fieldOrganisation(l))),
                            .th(.safe(TextKey.fieldDistrict(l))), .th(.safe(TextKey.participantTable(l))),
                            .th(.safe(TextKey.participantConsentShort(l))), .th(.safe(TextKey.participantNeeds(l))),
                            .th(.safe(TextKey.registrationStatus(l))))),
                    .tbody(.group(rows))))
        let form = FormModel(
            title: TextKey.participantAdd(l), action: SiteURL.meeting(frame.id, .participants).path,
            fields: fields(tables, l, registry: registry), values: values, errors: errors,
            cancelHref: SiteURL.meeting(frame.id, .participants).path)
        return MeetingPagesView.framed(
            frame, .participants, title: TextKey.meetingTabParticipants(l), context,
            body: [
                summary, actions, registration, table, .h2(.attr("id", "add"), .safe(TextKey.participantAdd(l))),
                FormView.render(form, context),
            ])
    }

    static func edit(
        _ frame: MeetingFrame, id: Int64, tables: [WorkTable], registry: ParticipantRegistryOptions, values: FormInput, errors: FieldErrors,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let form = FormModel(
            title: TextKey.editRecord(l, ["name": values["full_name"] ?? ""]), action: SiteURL.meeting(frame.id, .participant(id)).path,
            fields: fields(tables, l, registry: registry),
            values: values, errors: errors, cancelHref: SiteURL.meeting(frame.id, .participants).path,
            hidden: [FormHidden(name: "version", value: values["version"] ?? "")])
        let remove: Node<HTML.BodyContext> = .form(
            .method(.post), .action(SiteURL.meeting(frame.id, .participantDelete(id)).path), Layout.csrfField(context),
            .button(.type(.submit), .class("button danger"), .safe(TextKey.participantRemove(l))))
        return MeetingPagesView.framed(
            frame, .participants, title: values["full_name"] ?? "", context,
            body: [
                .h2(.safe(values["full_name"] ?? "")), FormView.render(form, context),
                .p(.class("hint"), .safe(TextKey.participantRemoveHint(l))), remove,
            ])
    }

    // MARK: Import

    static func importForm(_ frame: MeetingFrame, error: String?, _ context: PageContext) -> HTML {
        let l = context.language
        let example =
            "Име;Роля;Организация;Област;Имейл;Съгласие за списък;Снимки;Нужди;Маси\nМария Иванова;библиотекар;НЧ „Светлина“;Смолян;maria@example.bg;да;не;;2 5"
        return MeetingPagesView.framed(
            frame, .participants, title: TextKey.participantsImport(l), context,
            body: [
                .h2(.safe(TextKey.participantsImport(l))),
                .p(.safe(TextKey.importIntro(l))),
                .pre(.code(.safe(example))),
                error.map { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe($0))) } ?? .empty,
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .importCSV).path), .enctype(.multipartData), .class("record-form"),
                    Layout.csrfField(context),
                    .div(
                        .class("field"), .label(.attr("for", "field-file"), .safe(TextKey.importFile(l))),
                        FormView.input([("type", "file"), ("id", "field-file"), ("name", "file"), ("accept", ".csv,text/csv,text/plain")])),
                    .div(
                        .class("field"), .label(.attr("for", "field-csv"), .safe(TextKey.importPaste(l))),
                        .element(named: "textarea", nodes: [.attr("id", "field-csv"), .attr("name", "csv"), .attr("rows", "6")])),
                    .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.importCheck(l))))),
            ])
    }

    static func importReport(_ model: ImportReportModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let rows: [Node<HTML.TableContext>] = model.problems.map { p in
            .tr(.td(.safe(String(p.row))), .td(.safe(p.column)), .td(.safe(p.error.text(l))))
        }
        let confirm: Node<HTML.BodyContext> =
            model.validRows == 0
            ? .empty
            : .form(
                .method(.post), .action(SiteURL.meeting(model.frame.id, .importCSV).path), Layout.csrfField(context),
                .input(.type(.hidden), .name("confirm"), .value("valid")),
                .element(named: "textarea", nodes: [.attr("name", "csv"), .attr("hidden", "hidden"), .safe(model.csv)]),
                .button(.type(.submit), .class("button"), .safe(TextKey.importValidRows(l, ["count": f.integer(model.validRows)]))))
        return MeetingPagesView.framed(
            model.frame, .participants, title: TextKey.importReportTitle(l), context,
            body: [
                .h2(.safe(TextKey.importReportTitle(l))),
                .div(
                    .class("error-summary"), .attribute(named: "role", value: "alert"),
                    .p(
                        .strong(
                            .safe(
                                TextKey.importSummary(
                                    l,
                                    [
                                        "read": f.integer(model.rowsRead), "valid": f.integer(model.validRows),
                                        "problems": f.integer(model.problems.count),
                                    ]))))),
                model.ignoredColumns.isEmpty
                    ? .empty
                    : .p(.class("hint"), .safe(TextKey.importIgnoredColumns(l) + ": " + model.ignoredColumns.joined(separator: ", "))),
                .div(
                    .class("table-wrap"),
                    .table(
                        .class("import-problems"),
                        .thead(
                            .tr(.th(.safe(TextKey.importRow(l))), .th(.safe(TextKey.importColumn(l))), .th(.safe(TextKey.importProblem(l))))
                        ),
                        .tbody(.group(rows)))),
                confirm,
                .p(.link(SiteURL.meeting(model.frame.id, .importCSV).path, TextKey.importAnother(l))),
            ])
    }

    // MARK: Public registration

    /// `sessions`: the sessions people sign up for, with the places still free in each.
    static func register(
        token: String, meeting: Meeting, tables: [WorkTable], sessions: [(session: AgendaSession, free: Int)], values: FormInput,
        errors: FieldErrors, done: Bool, throttled: Bool = false, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let intro: Node<HTML.BodyContext> = .group(
            .h1(.safe(TextKey.registerTitle(l, ["title": meeting.title]))),
            .p(
                .class("lead"),
                .safe(
                    f.dateRange(meeting.startsOn, meeting.endsOn) + " · "
                        + [meeting.venue, meeting.place].compactMap { $0 }.joined(separator: ", "))))
        let content: Node<HTML.BodyContext>
        if done {
            content = .div(.class("flash"), .attribute(named: "role", value: "status"), .p(.safe(TextKey.registerThanks(l))))
        } else if meeting.status != .registration {
            content = .p(.class("empty"), .safe(TextKey.meetingRegistrationClosed(l)))
        } else {
            let form = FormModel(
                title: TextKey.registerTitle(l, ["title": meeting.title]), action: SiteURL.register(token).path,
                fields: fields(tables, l, registry: nil) + sessionField(sessions, context), values: values, errors: errors,
                cancelHref: SiteURL.home.path)
            content = .group(
                .if(
                    throttled,
                    .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe(TextKey.registerThrottled(l))))),
                .p(.class("hint"), .safe(TextKey.registerPrivacy(l))), FormView.render(form, context))
        }
        return Layout.page(context, title: TextKey.registerTitle(l, ["title": meeting.title]), body: [intro, content])
    }

    /// The sessions to sign up for, each with its day, time and free places.
    static func sessionField(_ sessions: [(session: AgendaSession, free: Int)], _ context: PageContext) -> [FormField] {
        let l = context.language
        let f = context.format
        guard !sessions.isEmpty else { return [] }
        let options = sessions.compactMap { entry -> FormOption? in
            let s = entry.session
            guard let id = s.id else { return nil }
            let when = f.date(s.day) + (s.starts.map { ", " + f.time($0) } ?? "")
            let places = entry.free > 0 ? TextKey.sessionFreePlaces(l, ["count": f.integer(entry.free)]) : TextKey.sessionFull(l)
            return FormOption(value: String(id), label: s.title + " — " + when + " — " + places)
        }
        return [FormField(name: "session", label: .sessionChoose, kind: .checkboxes(options), hint: .hintSessionChoose)]
    }

    // MARK: Badges

    /// Badges for those holding a place; each has a QR code that opens the person's check-in for
    /// an organiser's phone.
    static func badges(
        _ frame: MeetingFrame, _ participants: [MeetingParticipant], tables: [WorkTable], checkInBase: String, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let numbers = Dictionary(tables.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        let cards: [Node<HTML.BodyContext>] = participants.map { p in
            let link = checkInBase + SiteURL.meeting(frame.id, .checkInPerson(p.id ?? 0)).path
            return .div(
                .class("badge"),
                .div(.class("badge-name"), .safe(p.fullName)),
                .div(.class("badge-org"), .safe(p.organisation)),
                p.tableID.flatMap { numbers[$0] }.map { .div(.class("badge-table"), .safe(TextKey.badgeTable(l, ["number": String($0)]))) }
                    ?? .empty,
                .div(.class("badge-qr"), .raw(QRCode(link)?.svg(label: TextKey.checkInButton(l) + ": " + p.fullName, quietZone: 2) ?? "")))
        }
        return Layout.printable(
            context, title: TextKey.participantsBadges(l), back: SiteURL.meeting(frame.id, .participants).path, bodyClass: "badges-page",
            body: [.p(.class("print-help muted"), .safe(frame.meeting.title)), .div(.class("badges"), .group(cards))])
    }
}
