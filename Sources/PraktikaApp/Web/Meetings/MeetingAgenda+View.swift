import Foundation
import Plot
import PraktikaDomain

/// The programme: as shown on the meeting's pages, as organisers edit it, and printed.
enum MeetingAgendaView {
    /// The programme by day. With `manage` (the meeting's id) each session and item gets its
    /// edit and delete links and presentations can be recorded as practices.
    static func agendaList(
        _ agenda: Agenda, _ context: PageContext, manage: Int64?, heading: Bool = true, files: [Int64: [AttachmentInfo]] = [:]
    ) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !agenda.sessions.isEmpty else {
            return manage == nil ? .empty : .p(.class("empty"), .safe(TextKey.agendaEmpty(l)))
        }
        func times(_ s: ClockTime?, _ e: ClockTime?) -> String {
            guard let s else { return "" }
            return f.time(s) + (e.map { "–" + f.time($0) } ?? "")
        }
        let days: [Node<HTML.BodyContext>] = agenda.days.map { day, sessions in
            .section(
                .class("agenda-day"),
                .h2(.class("agenda-day"), .safe(f.date(day))),
                .group(
                    sessions.map { session in
                        let items: [Node<HTML.ListContext>] = session.items.map { item in
                            var who = [item.speaker, item.affiliation].compactMap { $0 }.joined(separator: ", ")
                            if !who.isEmpty { who = " — " + who }
                            var manageItem: Node<HTML.BodyContext> = .empty
                            if let id = manage, let itemID = item.id {
                                let practice: Node<HTML.BodyContext> =
                                    item.kind == .presentation && item.practiceDesignID == nil
                                    ? .form(
                                        .class("inline"), .method(.post), .action(SiteURL.meeting(id, .itemPractice(itemID)).path),
                                        Layout.csrfField(context),
                                        .button(.type(.submit), .class("link-button"), .safe(TextKey.agendaRecordPractice(l))))
                                    : .empty
                                manageItem = .div(
                                    .class("record-actions"),
                                    .link(SiteURL.meeting(id, .item(itemID)).path, TextKey.edit(l)),
                                    .link(SiteURL.meeting(id, .itemAttachments(itemID)).path, TextKey.attachmentSlides(l)),
                                    practice,
                                    .form(
                                        .class("inline"), .method(.post), .action(SiteURL.meeting(id, .itemDelete(itemID)).path),
                                        .attr("data-confirm", TextKey.deleteQuestion(l, ["name": item.title])),
                                        Layout.csrfField(context), .button(.type(.submit), .class("link-button"), .safe(TextKey.delete(l))))
                                )
                            }
                            let summary: Node<HTML.BodyContext> = item.summary.map { .p(.class("muted"), .safe($0)) } ?? .empty
                            let practiceLink: Node<HTML.BodyContext> =
                                item.practiceDesignID.map { .p(.link(SiteURL.service($0).path, TextKey.agendaPracticeLink(l))) } ?? .empty
                            let time: Node<HTML.BodyContext> = .span(.class("agenda-time"), .safe(times(item.starts, item.ends)))
                            let kind: Node<HTML.BodyContext> = .span(.class("tag"), .safe(item.kind.label(l)))
                            let slides: Node<HTML.BodyContext> =
                                (item.id.flatMap { files[$0] } ?? []).isEmpty ? .empty : AttachmentView.list(files[item.id!]!, context)
                            // Spaces between the parts, so that copied, printed or spoken text never runs together.
                            return .li(
                                time, .text(" "), kind, .text(" "), .strong(.safe(item.title)), .safe(who), summary, slides, practiceLink,
                                manageItem)
                        }
                        var manageSession: Node<HTML.BodyContext> = .empty
                        if let id = manage, let sid = session.id {
                            manageSession = .div(
                                .class("record-actions"),
                                .link(SiteURL.meeting(id, .items(sid)).path, TextKey.agendaAddItem(l), .class("button secondary")),
                                .link(SiteURL.meeting(id, .session(sid)).path, TextKey.edit(l)),
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.meeting(id, .sessionDelete(sid)).path),
                                    .attr("data-confirm", TextKey.deleteQuestion(l, ["name": session.title])),
                                    Layout.csrfField(context), .button(.type(.submit), .class("link-button"), .safe(TextKey.delete(l)))))
                        }
                        let chair: Node<HTML.BodyContext> =
                            session.chair.map { .p(.class("muted"), .safe(TextKey.agendaChair(l) + ": " + $0)) } ?? .empty
                        return .div(
                            .class("agenda-session"),
                            .h3(
                                .safe(session.title), .text(" "),
                                session.starts == nil ? .empty : .span(.class("agenda-time"), .safe(times(session.starts, session.ends)))),
                            chair,
                            .ul(.class("agenda-items"), .group(items)),
                            manageSession)
                    }))
        }
        return .section(heading ? .h2(.safe(TextKey.meetingTabProgramme(l))) : .empty, .group(days))
    }

    static func sessionFields(_ days: [LocalDate], _ f: Formatting) -> [FormField] {
        [
            FormField(
                name: "day", label: .agendaDay, kind: .select(days.map { FormOption(value: $0.iso, label: f.date($0)) }), required: true),
            FormField(name: "title", label: .fieldTitle, kind: .text, required: true),
            FormField(name: "starts", label: .agendaStarts, kind: .text, hint: .hintTime),
            FormField(name: "ends", label: .agendaEnds, kind: .text),
            FormField(name: "chair", label: .agendaChair, kind: .text),
            FormField(name: "capacity", label: .sessionCapacity, kind: .integer, hint: .hintSessionCapacity),
        ]
    }

    static func itemFields(_ l: Language) -> [FormField] {
        [
            FormField(name: "kind", label: .fieldKind, kind: .select(.choices(AgendaItemKind.self, l)), required: true),
            FormField(name: "title", label: .fieldTitle, kind: .text, required: true),
            FormField(name: "starts", label: .agendaStarts, kind: .text, hint: .hintTime),
            FormField(name: "ends", label: .agendaEnds, kind: .text),
            FormField(name: "speaker", label: .agendaSpeaker, kind: .text, hint: .hintSpeaker),
            FormField(name: "affiliation", label: .agendaAffiliation, kind: .text),
            FormField(name: "summary", label: .fieldSummary, kind: .textarea),
        ]
    }

    /// The organisers' programme page: the programme with its controls, and a form for a new session.
    static func manage(
        _ frame: MeetingFrame, _ agenda: Agenda, files: [Int64: [AttachmentInfo]], values: FormInput, errors: FieldErrors,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        var body: [Node<HTML.BodyContext>] = [
            .div(
                .class("record-actions"),
                .link(SiteURL.meeting(frame.id, .programme).path, TextKey.meetingPrintProgramme(l)),
                .link(SiteURL.meeting(frame.id, .calendar).path, TextKey.meetingCalendarFile(l))),
            agendaList(agenda, context, manage: frame.mayOrganise ? frame.id : nil, heading: false, files: files),
        ]
        if frame.mayOrganise {
            let form = FormModel(
                title: TextKey.agendaAddSession(l), action: SiteURL.meeting(frame.id, .agenda).path,
                fields: sessionFields(frame.meeting.days, context.format), values: values, errors: errors,
                cancelHref: SiteURL.meeting(frame.id, .overview).path)
            body += [.h2(.safe(TextKey.agendaAddSession(l))), FormView.render(form, context)]
        }
        return MeetingPagesView.framed(frame, .agenda, title: TextKey.meetingTabProgramme(l), context, body: body)
    }

    /// A form page for one session or item, new or existing.
    static func formPage(_ frame: MeetingFrame, title: String, form: FormModel, _ context: PageContext) -> HTML {
        MeetingPagesView.framed(frame, .agenda, title: title, context, body: [.h2(.safe(title)), FormView.render(form, context)])
    }

    /// The programme for paper.
    static func printable(_ frame: MeetingFrame, _ agenda: Agenda, organisers: [String], _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let m = frame.meeting
        return Layout.printable(
            context, title: TextKey.meetingProgrammeTitle(l), back: SiteURL.meeting(frame.id, .overview).path, bodyClass: "programme",
            body: [
                .p(.class("muted"), .safe(TextKey.meetingProgrammeTitle(l))),
                .h1(.safe(m.title)),
                m.theme.map { .p(.em(.safe($0))) } ?? .empty,
                .p(
                    .strong(.safe(f.dateRange(m.startsOn, m.endsOn))),
                    .safe(" · " + [m.venue, m.place].compactMap { $0 }.joined(separator: ", "))),
                organisers.isEmpty ? .empty : .p(.safe(TextKey.meetingOrganisers(l) + ": " + organisers.joined(separator: "; "))),
                agendaList(agenda, context, manage: nil, heading: false),
            ])
    }
}
