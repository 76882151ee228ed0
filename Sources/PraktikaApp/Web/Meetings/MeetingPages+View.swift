import Foundation
import Plot
import PraktikaDomain

/// The frame of a meeting's pages, the meetings list, the overview and the meeting form.
enum MeetingPagesView {
    static func framed(_ frame: MeetingFrame, _ tab: MeetingTab, title: String, _ context: PageContext, body: [Node<HTML.BodyContext>])
        -> HTML
    {
        let l = context.language
        let visible = MeetingTab.allCases.filter { !$0.organisersOnly || frame.mayOrganise }
        let tabs: [Node<HTML.ListContext>] = visible.map { t in
            let current: Node<HTML.BodyContext> = t == tab ? .attribute(named: "aria-current", value: "page") : .empty
            let link: Node<HTML.BodyContext> = .element(
                named: "a", nodes: [.attr("href", SiteURL.meeting(frame.id, t.page).path), .safe(t.title(l)), current])
            return .li(link)
        }
        let heading: Node<HTML.BodyContext> = .div(
            .class("page-heading"),
            .h1(.safe(tab == .overview ? frame.meeting.title : title)),
            .span(.class("status"), .safe(frame.meeting.status.label(l))))
        var crumbs: [(String, String)] = [(SiteURL.meetings.path, TextKey.navMeetings(l))]
        if tab != .overview { crumbs.append((SiteURL.meeting(frame.id, .overview).path, frame.meeting.title)) }
        return Layout.page(
            context, title: tab == .overview ? frame.meeting.title : "\(title) · \(frame.meeting.title)", breadcrumbs: crumbs,
            body: [heading, .nav(.attr("aria-label", TextKey.meetingSections(l)), .ul(.class("sub-nav-meeting"), .group(tabs)))] + body)
    }

    static func districts(_ codes: [String], _ l: Language) -> String {
        codes.compactMap { District.named($0)?.name(l) }.joined(separator: ", ")
    }

    // MARK: List

    static func list(_ model: MeetingListModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let rows: [Node<HTML.TableContext>] = model.rows.map { row in
            let start = LocalDate(parsing: row.startsOn)
            let end = LocalDate(parsing: row.endsOn) ?? start
            let dates = start.map { f.dateRange($0, end ?? $0) } ?? row.startsOn
            let status: String = MeetingStatus(rawValue: row.status).map { $0.label(l) } ?? row.status
            var series: Node<HTML.BodyContext> = .empty
            if let s = row.series { series = .link(SiteURL.meetingSeries.with([("name", s)]), s) }
            return .tr(
                .td(.link(SiteURL.meeting(row.id, .overview).path, row.title)),
                .td(.attr("data-label", TextKey.meetingDates(l)), .safe(dates)),
                .td(.attr("data-label", TextKey.districts(l)), .safe(districts(row.districts, l))),
                .td(.attr("data-label", TextKey.fieldStatus(l)), .span(.class("status"), .safe(status))),
                .td(.class("number"), .attr("data-label", TextKey.meetingParticipantsCount(l)), .safe(f.integer(row.participants))),
                .td(.class("number"), .attr("data-label", TextKey.meetingDesignsCount(l)), .safe(f.integer(row.designs))),
                row.series == nil ? .td() : .td(.attr("data-label", TextKey.meetingSeries(l)), series))
        }
        let heading: Node<HTML.BodyContext> = .div(
            .class("page-heading"), .h1(.safe(TextKey.meetingsTitle(l))),
            model.canCreate ? .link(SiteURL.newMeeting.path, TextKey.newMeeting(l), .class("button")) : .empty)
        let filter: Node<HTML.BodyContext> = .form(
            .class("filters"), .method(.get), .action(SiteURL.meetings.path),
            FilterView.select("district", .fieldDistrict, .allDistricts, .districts(l), model.district, l),
            .div(
                .class("filter-actions"), .button(.type(.submit), .class("button"), .safe(TextKey.filter(l))),
                .link(SiteURL.meetingSeries.path, TextKey.meetingSeriesTitle(l))))
        let table: Node<HTML.BodyContext> =
            model.rows.isEmpty
            ? .p(.class("empty"), .safe(TextKey.noRecords(l)))
            : .div(
                .class("table-wrap"),
                .table(
                    .class("stack"),
                    .thead(
                        .tr(
                            .th(.attr("scope", "col"), .safe(TextKey.fieldTitle(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.meetingDates(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.districts(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.fieldStatus(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.meetingParticipantsCount(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.meetingDesignsCount(l))),
                            .th(.attr("scope", "col"), .safe(TextKey.meetingSeries(l))))),
                    .tbody(.group(rows))))
        return Layout.page(
            context, title: TextKey.meetingsTitle(l),
            body: [heading, .p(.class("lead"), .safe(TextKey.meetingsIntro(l))), filter, table])
    }

    // MARK: Series

    static func series(
        name: String?, rows: [MeetingRow], names: [(String, Int)], feedback: [FeedbackComparison.Question], _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        var body: [Node<HTML.BodyContext>] = [.h1(.safe(name ?? TextKey.meetingSeriesTitle(l)))]
        if name == nil {
            body.append(.p(.class("lead"), .safe(TextKey.meetingSeriesIntro(l))))
            body.append(
                names.isEmpty
                    ? .p(.class("empty"), .safe(TextKey.noRecords(l)))
                    : .ul(
                        .group(
                            names.map { n, count in .li(.link(SiteURL.meetingSeries.with([("name", n)]), "\(n) (\(f.integer(count)))")) })))
        } else {
            let cells: [Node<HTML.TableContext>] = rows.reversed().map { row in
                let start = LocalDate(parsing: row.startsOn)
                return .tr(
                    .td(.link(SiteURL.meeting(row.id, .overview).path, row.title)),
                    .td(.safe(start.map { f.dateRange($0, LocalDate(parsing: row.endsOn) ?? $0) } ?? row.startsOn)),
                    .td(.safe(districts(row.districts, l))),
                    .td(.class("number"), .safe(f.integer(row.participants))),
                    .td(.class("number"), .safe(f.integer(row.tables))),
                    .td(.class("number"), .safe(f.integer(row.designs))),
                    .td(.class("number"), .safe(f.integer(row.responses))))
            }
            body.append(
                .div(
                    .class("table-wrap"),
                    .table(
                        .thead(
                            .tr(
                                .th(.safe(TextKey.fieldTitle(l))), .th(.safe(TextKey.meetingDates(l))), .th(.safe(TextKey.districts(l))),
                                .th(.safe(TextKey.meetingParticipantsCount(l))), .th(.safe(TextKey.meetingTablesCount(l))),
                                .th(.safe(TextKey.meetingDesignsCount(l))), .th(.safe(TextKey.meetingResponsesCount(l))))),
                        .tbody(.group(cells)))))
            body.append(compareFeedback(feedback, titles: rows.reversed().map(\.title), context))
        }
        return Layout.page(
            context, title: name ?? TextKey.meetingSeriesTitle(l), breadcrumbs: [(SiteURL.meetings.path, TextKey.navMeetings(l))],
            body: body)
    }

    /// The questions asked at more than one meeting: shares of each answer, or the average rating, per meeting.
    static func compareFeedback(_ questions: [FeedbackComparison.Question], titles: [String], _ context: PageContext) -> Node<
        HTML.BodyContext
    > {
        let l = context.language
        let f = context.format
        guard !questions.isEmpty else { return .empty }
        let head: Node<HTML.TableContext> = .thead(.tr(.th(.safe(TextKey.feedbackOptions(l))), .group(titles.map { .th(.safe($0)) })))
        let tables: [Node<HTML.BodyContext>] = questions.map { q in
            let rows: [Node<HTML.TableContext>] = q.rows.map { row in
                let label = q.kind == .rating ? TextKey.feedbackAverageShort(l) : row.label
                let cells: [Node<HTML.TableRowContext>] = row.values.map { value in
                    guard let value else { return .td(.class("number muted"), .text("—")) }
                    return .td(.class("number"), .safe(q.kind == .rating ? f.hundredths(Int64(value)) : f.perMille(value)))
                }
                return .tr(.th(.attr("scope", "row"), .safe(label)), .group(cells))
            }
            let answered: [Node<HTML.TableRowContext>] = q.answered.map {
                .td(.class("number muted"), .safe($0.map { f.integer($0) } ?? "—"))
            }
            return .div(
                .class("table-wrap feedback-question"),
                .table(
                    .caption(.safe(q.prompt)), head,
                    .tbody(
                        .group(rows),
                        .tr(.th(.attr("scope", "row"), .class("muted"), .safe(TextKey.feedbackAnsweredShort(l))), .group(answered)))))
        }
        return .section(
            .h2(.safe(TextKey.seriesFeedbackTitle(l))), .p(.class("hint"), .safe(TextKey.seriesFeedbackHint(l))), .group(tables))
    }

    // MARK: Overview

    static func overview(_ model: MeetingOverviewModel, agenda: Agenda, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let m = model.frame.meeting
        func fact(_ key: TextKey, _ value: String?) -> Node<HTML.DescriptionListContext> {
            guard let value, !value.isEmpty else { return .empty }
            return .group(.dt(.safe(key(l))), .dd(.safe(value)))
        }
        let facts: Node<HTML.BodyContext> = .dl(
            .class("meeting-facts"),
            fact(.meetingTheme, m.theme),
            fact(.meetingDates, f.dateRange(m.startsOn, m.endsOn)),
            fact(.meetingVenue, [m.venue, m.place].compactMap { $0 }.joined(separator: ", ")),
            fact(.districts, districts(m.districtCodes, l)),
            fact(.meetingOrganisers, model.organisers.joined(separator: "; ")),
            fact(.meetingHost, model.host),
            fact(.meetingParticipantsCount, f.integer(model.participantCount)),
            fact(.meetingSeries, m.series))
        let actions: Node<HTML.BodyContext> = .div(
            .class("record-actions"),
            .link(SiteURL.meeting(model.frame.id, .programme).path, TextKey.meetingPrintProgramme(l)),
            .link(SiteURL.meeting(model.frame.id, .calendar).path, TextKey.meetingCalendarFile(l)),
            model.reportPublished ? .link(SiteURL.meeting(model.frame.id, .report).path, TextKey.meetingReadReport(l)) : .empty,
            model.frame.mayOrganise
                ? .link(SiteURL.meeting(model.frame.id, .edit).path, TextKey.edit(l), .class("button secondary")) : .empty,
            model.frame.mayOrganise
                ? .link(SiteURL.meeting(model.frame.id, .delete).path, TextKey.delete(l), .class("button danger")) : .empty)
        let registration: Node<HTML.BodyContext> =
            model.registrationLink.map { link in
                .div(
                    .class("practice"),
                    .p(.strong(.safe(TextKey.meetingRegistrationLink(l)))),
                    .p(.code(.safe(link))),
                    .p(.class("hint"), .safe(TextKey.meetingRegistrationHint(l))))
            } ?? .empty
        let tableItems: [Node<HTML.ListContext>] = model.tables.map { t in
            var result: Node<HTML.BodyContext> = .empty
            if let id = t.designID, let title = model.designTitles[id] {
                result = .group(.text(" — "), .link(SiteURL.service(id).path, title))
            }
            return .li(.attr("value", String(t.number)), .safe(t.targetGroup), result)
        }
        let tables: Node<HTML.BodyContext> =
            model.tables.isEmpty ? .empty : .group(.h2(.safe(TextKey.meetingTabTables(l))), .ol(.group(tableItems)))
        return MeetingPagesView.framed(
            model.frame, .overview, title: m.title, context,
            body: [facts, actions, registration, MeetingAgendaView.agendaList(agenda, context, manage: nil, files: model.files), tables])
    }

    // MARK: Form

    static func form(
        id: Int64?, values: FormInput, errors: FieldErrors, libraries: [FormOption], _ context: PageContext
    ) -> HTML {
        let l = context.language
        let fields: [FormField] = [
            FormField(name: "title", label: .fieldTitle, kind: .text, required: true),
            FormField(name: "theme", label: .meetingTheme, kind: .text),
            FormField(name: "starts_on", label: .meetingStarts, kind: .date, required: true),
            FormField(name: "starts_at", label: .meetingStartsAt, kind: .time),
            FormField(name: "ends_on", label: .meetingEnds, kind: .date),
            FormField(name: "ends_at", label: .meetingEndsAt, kind: .time),
            FormField(name: "venue", label: .meetingVenue, kind: .text, required: true),
            FormField(name: "place", label: .meetingPlace, kind: .text),
            FormField(name: "districts", label: .districts, kind: .checkboxes(.districts(l)), required: true, hint: .hintMeetingDistricts),
            FormField(name: "organisers", label: .meetingOrganisers, kind: .checkboxes(libraries), hint: .hintMeetingOrganisers),
            FormField(name: "host", label: .meetingHost, kind: .select(libraries)),
            FormField(name: "status", label: .fieldStatus, kind: .select(.choices(MeetingStatus.self, l)), required: true),
            FormField(name: "capacity", label: .meetingCapacity, kind: .integer, hint: .hintMeetingCapacity),
            FormField(name: "reminder_days", label: .meetingReminderDays, kind: .integer, hint: .hintReminderDays),
            FormField(name: "series", label: .meetingSeries, kind: .text, hint: .hintMeetingSeries),
        ]
        let title = id == nil ? TextKey.newMeeting(l) : TextKey.editRecord(l, ["name": values["title"] ?? ""])
        let model = FormModel(
            title: title, action: id.map { SiteURL.meeting($0, .edit).path } ?? SiteURL.meetings.path, fields: fields, values: values,
            errors: errors, cancelHref: id.map { SiteURL.meeting($0, .overview).path } ?? SiteURL.meetings.path,
            hidden: id == nil ? [] : [FormHidden(name: "version", value: values["version"] ?? "")])
        return Layout.page(
            context, title: title, breadcrumbs: [(SiteURL.meetings.path, TextKey.navMeetings(l))],
            body: [.h1(.safe(title)), FormView.render(model, context)])
    }
}
