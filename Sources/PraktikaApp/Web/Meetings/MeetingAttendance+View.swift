import Foundation
import Plot
import PraktikaDomain

/// A participant's own page, check-in on the day, certificates and their public check, and what
/// the meeting sent whom.
enum MeetingAttendanceView {
    // MARK: The personal page

    struct Personal {
        let token: String
        let meetingID: Int64
        let meeting: Meeting
        let person: MeetingParticipant
        let waitingPosition: Int?
        let justRegistered: Bool
        var sessions: [SessionLine] = []

        struct SessionLine {
            let session: AgendaSession
            let status: RegistrationStatus
            let position: Int?
        }
    }

    static func personal(_ model: Personal, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let p = model.person
        let status: Node<HTML.BodyContext> =
            switch p.status {
            case .confirmed: .p(.class("status-confirmed"), .strong(.safe(TextKey.personalConfirmed(l))))
            case .waiting:
                .p(
                    .class("status-waiting"),
                    .strong(.safe(TextKey.personalWaiting(l, ["position": model.waitingPosition.map { f.integer($0) } ?? "—"]))))
            case .withdrawn: .p(.class("status-withdrawn"), .strong(.safe(TextKey.personalWithdrawn(l))))
            }
        var body: [Node<HTML.BodyContext>] = [
            .h1(.safe(model.meeting.title)),
            .p(.class("lead"), .safe(MeetingMail.when(model.meeting, l))),
            .p(.safe([model.meeting.venue, model.meeting.place].compactMap { $0 }.joined(separator: ", "))),
        ]
        if model.justRegistered { body.append(.div(.class("flash"), .attr("role", "status"), .p(.safe(TextKey.registerThanks(l))))) }
        body += [
            .h2(.safe(p.fullName)), .p(.class("muted"), .safe(p.organisation)), status,
            p.email == nil ? .p(.class("hint"), .safe(TextKey.personalNoEmail(l))) : .p(.class("hint"), .safe(TextKey.personalKeepLink(l))),
            .ul(
                .class("link-list"),
                .li(.link(SiteURL.meeting(model.meetingID, .programme).path, TextKey.meetingPrintProgramme(l))),
                .li(.link(SiteURL.meeting(model.meetingID, .calendar).path, TextKey.meetingCalendarFile(l)))),
        ]
        if !model.sessions.isEmpty {
            let lines: [Node<HTML.ListContext>] = model.sessions.map { line in
                let state =
                    line.status == .confirmed
                    ? TextKey.registrationConfirmed(l)
                    : TextKey.registrationWaitingNumber(l, ["position": line.position.map { f.integer($0) } ?? "—"])
                return .li(
                    .strong(.safe(line.session.title)),
                    .safe(" — " + f.date(line.session.day) + (line.session.starts.map { ", " + f.time($0) } ?? "") + " — " + state),
                    .text(" "),
                    p.checkedInAt == nil
                        ? .form(
                            .class("inline"), .method(.post),
                            .action(SiteURL.registrationLeaveSession(model.token, line.session.id ?? 0).path), Layout.csrfField(context),
                            .button(.type(.submit), .class("link-button"), .safe(TextKey.sessionLeave(l))))
                        : .empty)
            }
            body += [.h3(.safe(TextKey.sessionChoose(l))), .ul(.class("link-list"), .group(lines))]
        }
        if p.status == .confirmed, p.checkedInAt != nil {
            body.append(
                .p(.link(SiteURL.registrationCertificate(model.token).path, TextKey.certificateOpen(l), .class("button"))))
        }
        if p.status != .withdrawn && p.checkedInAt == nil {
            body.append(
                .form(
                    .method(.post), .action(SiteURL.registrationWithdraw(model.token).path),
                    .attr("data-confirm", TextKey.withdrawQuestion(l)),
                    Layout.csrfField(context),
                    .button(.type(.submit), .class("button danger"), .safe(TextKey.withdrawButton(l)))))
            body.append(.p(.class("hint"), .safe(TextKey.withdrawHint(l))))
        }
        return Layout.bare(context, title: model.meeting.title, bodyClass: "respondent personal", body: body)
    }

    // MARK: Certificates

    static func certificate(_ c: AttendanceCertificate, verifyURL: String, back: String, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let qr = QRCode(verifyURL).map { $0.svg(label: verifyURL) } ?? ""
        return Layout.printable(
            context, title: TextKey.certificateTitle(l), back: back, bodyClass: "certificate-page",
            body: [
                .div(
                    .class("certificate"),
                    .p(.class("certificate-kind"), .safe(TextKey.certificateTitle(l))),
                    .p(.safe(TextKey.certificateCertifies(l))),
                    .p(.class("certificate-name"), .safe(c.fullName)),
                    .p(.class("muted"), .safe(c.organisation)),
                    .p(.safe(TextKey.certificateAttended(l))),
                    .p(.class("certificate-meeting"), .safe("„" + c.meetingTitle + "“")),
                    .p(.safe(([f.dateRange(c.startsOn, c.endsOn)] + (c.place.map { [$0] } ?? [])).joined(separator: ", "))),
                    c.minutes > 0
                        ? .p(.safe(TextKey.certificateHours(l) + ": " + AttendanceHours.text(minutes: c.minutes, l))) : .empty,
                    c.organisers.isEmpty ? .empty : .p(.safe(TextKey.meetingOrganisers(l) + ": " + f.list(c.organisers))),
                    .div(
                        .class("certificate-foot"),
                        .div(
                            .p(.safe(TextKey.certificateSerial(l) + ": "), .strong(.safe(c.serial))),
                            .p(.class("muted"), .safe(TextKey.certificateVerifyAt(l) + " "), .code(.safe(verifyURL)))),
                        .div(.class("certificate-qr"), .raw(qr))))
            ])
    }

    static func notAttended(back: String, _ context: PageContext) -> HTML {
        let l = context.language
        return Layout.bare(
            context, title: TextKey.certificateTitle(l), bodyClass: "respondent",
            body: [
                .h1(.safe(TextKey.certificateTitle(l))),
                .div(.class("error-summary"), .attr("role", "alert"), .p(.safe(TextKey.certificateNotAttended(l)))),
                .p(.link(back, TextKey.back(l))),
            ])
    }

    static func verify(serial: String, found: AttendanceCertificate?, asked: Bool, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        var body: [Node<HTML.BodyContext>] = [
            .h1(.safe(TextKey.verifyTitle(l))),
            .form(
                .method(.get), .action(SiteURL.certificates.path),
                .div(
                    .class("field"), .label(.attr("for", "serial"), .safe(TextKey.certificateSerial(l))),
                    .input(.type(.text), .id("serial"), .name("serial"), .value(serial), .attribute(named: "autocomplete", value: "off"))),
                .button(.type(.submit), .class("button"), .safe(TextKey.verifyButton(l)))),
        ]
        if let c = found {
            body.append(
                .div(
                    .class("verify-ok"), .attr("role", "status"),
                    .p(.strong(.safe(TextKey.verifyValid(l)))),
                    .dl(
                        .dt(.safe(TextKey.fieldFullName(l))), .dd(.safe(c.fullName)),
                        .dt(.safe(TextKey.meetingsTitle(l))), .dd(.safe(c.meetingTitle)),
                        .dt(.safe(TextKey.meetingDates(l))), .dd(.safe(f.dateRange(c.startsOn, c.endsOn))),
                        .dt(.safe(TextKey.certificateHours(l))), .dd(.safe(AttendanceHours.text(minutes: c.minutes, l))),
                        .dt(.safe(TextKey.certificateSerial(l))), .dd(.safe(c.serial)))))
        } else if asked {
            body.append(.div(.class("error-summary"), .attr("role", "alert"), .p(.safe(TextKey.verifyNotFound(l)))))
        }
        return Layout.page(context, title: TextKey.verifyTitle(l), body: body)
    }

    // MARK: Check-in

    struct CheckInModel {
        let frame: MeetingFrame
        let people: [MeetingParticipant]
        let sessions: [AgendaSession]
        let query: String
        let tables: [Int64: Int]
    }

    static func checkIn(_ model: CheckInModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let frame = model.frame
        let present = model.people.filter { $0.checkedInAt != nil }.count
        let key = BulgarianText.comparisonKey(model.query)
        let shown =
            key.isEmpty
            ? model.people : model.people.filter { BulgarianText.comparisonKey($0.fullName + " " + $0.organisation).contains(key) }
        let rows: [Node<HTML.ListContext>] = shown.map { p in
            let id = p.id ?? 0
            let name = p.fullName + " " + p.organisation
            let action: Node<HTML.BodyContext> =
                if let at = p.checkedInAt {
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.meeting(frame.id, .checkInUndo(id)).path),
                        Layout.csrfField(context),
                        .span(.class("present"), .safe("✓ " + TextKey.checkInPresentSince(l, ["time": f.dateTime(at)]))), .text(" "),
                        .button(.type(.submit), .class("link-button"), .safe(TextKey.checkInUndo(l))))
                } else {
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.meeting(frame.id, .checkInPerson(id)).path),
                        Layout.csrfField(context),
                        .button(.type(.submit), .class("button tap"), .safe(TextKey.checkInButton(l))))
                }
            return .li(
                .class(p.checkedInAt == nil ? "checkin-row" : "checkin-row is-present"),
                .attr("data-search", BulgarianText.comparisonKey(name)),
                .div(
                    .class("checkin-who"), .strong(.safe(p.fullName)), .span(.class("muted"), .safe(" " + p.organisation)),
                    p.tableID.flatMap { model.tables[$0] }.map {
                        .span(.class("tag"), .safe(TextKey.badgeTable(l, ["number": String($0)])))
                    }
                        ?? .empty),
                action)
        }
        let sessionOptions: [Node<HTML.BodyContext>] = model.sessions.compactMap { s in
            guard let id = s.id else { return nil }
            return .element(
                named: "option",
                nodes: [.attr("value", String(id)), .safe(f.date(s.day) + (s.starts.map { " " + f.time($0) } ?? "") + " — " + s.title)])
        }
        var body: [Node<HTML.BodyContext>] = [
            .p(
                .class("count"),
                .strong(.safe(TextKey.checkInCount(l, ["present": f.integer(present), "count": f.integer(model.people.count)])))),
            .form(
                .class("checkin-search"), .method(.get), .action(SiteURL.meeting(frame.id, .checkIn).path),
                .label(.attr("for", "checkin-q"), .safe(TextKey.checkInSearch(l))),
                .input(
                    .type(.search), .id("checkin-q"), .name("q"), .value(model.query),
                    .attribute(named: "data-filter-list", value: "checkin-list"), .attribute(named: "autocomplete", value: "off")),
                .button(.type(.submit), .class("button secondary"), .safe(TextKey.search(l)))),
            shown.isEmpty
                ? .p(.class("empty"), .safe(TextKey.noRecords(l))) : .ul(.class("checkin-list"), .id("checkin-list"), .group(rows)),
        ]
        if !sessionOptions.isEmpty {
            body += [
                .h2(.safe(TextKey.checkInSessionTitle(l))),
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .checkInSession).path),
                    .attr("data-confirm", TextKey.checkInSessionQuestion(l)), Layout.csrfField(context),
                    .div(
                        .class("field"), .label(.attr("for", "session"), .safe(TextKey.checkInSession(l))),
                        .element(named: "select", nodes: [.id("session"), .attr("name", "session"), .group(sessionOptions)])),
                    .button(.type(.submit), .class("button secondary"), .safe(TextKey.checkInAllPresent(l)))),
                .p(.class("hint"), .safe(TextKey.checkInSessionHint(l))),
            ]
        }
        body.append(
            .p(
                .link(SiteURL.meeting(frame.id, .badges).path, TextKey.participantsBadges(l)), .safe(" · "),
                .link(SiteURL.meeting(frame.id, .certificates).path, TextKey.certificatesTitle(l)), .safe(" · "),
                .link(SiteURL.meeting(frame.id, .messages).path, TextKey.messagesTitle(l))))
        return MeetingPagesView.framed(frame, .checkIn, title: TextKey.meetingTabCheckIn(l), context, body: body)
    }

    /// What a badge's QR code opens: the person and one large button.
    static func checkInPerson(_ frame: MeetingFrame, _ p: MeetingParticipant, table: Int?, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let id = p.id ?? 0
        var body: [Node<HTML.BodyContext>] = [
            .p(.class("checkin-name"), .strong(.safe(p.fullName))), .p(.class("muted"), .safe(p.organisation)),
            table.map { .p(.safe(TextKey.badgeTable(l, ["number": String($0)]))) } ?? .empty,
        ]
        switch (p.status, p.checkedInAt) {
        case (.confirmed, nil):
            body.append(
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .checkInPerson(id)).path), Layout.csrfField(context),
                    .button(.type(.submit), .class("button tap big"), .safe(TextKey.checkInButton(l)))))
        case (.confirmed, .some(let at)):
            body.append(.p(.class("present"), .strong(.safe("✓ " + TextKey.checkInPresentSince(l, ["time": f.dateTime(at)])))))
        case (let status, _):
            body.append(
                .div(
                    .class("error-summary"), .attr("role", "alert"), .p(.safe(TextKey.checkInNotConfirmed(l, ["status": status.label(l)]))))
            )
        }
        body.append(.p(.link(SiteURL.meeting(frame.id, .checkIn).path, TextKey.checkInBackToList(l))))
        return MeetingPagesView.framed(frame, .checkIn, title: p.fullName, context, body: body)
    }

    // MARK: Certificates list and messages

    static func certificates(_ frame: MeetingFrame, _ present: [MeetingParticipant], _ context: PageContext) -> HTML {
        let l = context.language
        let rows: [Node<HTML.ListContext>] = present.map { p in
            .li(
                .link(SiteURL.meeting(frame.id, .certificate(p.id ?? 0)).path, p.fullName),
                .span(.class("muted"), .safe(" — " + p.organisation)))
        }
        return MeetingPagesView.framed(
            frame, .checkIn, title: TextKey.certificatesTitle(l), context,
            body: [
                .h2(.safe(TextKey.certificatesTitle(l))), .p(.class("hint"), .safe(TextKey.certificatesHint(l))),
                present.isEmpty ? .p(.class("empty"), .safe(TextKey.certificatesNone(l))) : .ul(.group(rows)),
            ])
    }

    static func messages(
        _ frame: MeetingFrame, _ sent: [MeetingStore.SentMessage], people: [Int64: MeetingParticipant], mailOn: Bool, presentWithEmail: Int,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let rows: [Node<HTML.TableContext>] = sent.reversed().map { m in
            let status = m.status.map { MailView.label($0)(l) } ?? "—"
            return .tr(
                .td(.safe(people[m.participantID]?.fullName ?? "—")), .td(.safe(m.kind.label(l))),
                .td(.safe(f.dateTime(Date(timeIntervalSince1970: TimeInterval(m.createdAt))))), .td(.safe(status)))
        }
        return MeetingPagesView.framed(
            frame, .checkIn, title: TextKey.messagesTitle(l), context,
            body: [
                .h2(.safe(TextKey.messagesTitle(l))),
                .p(.class("hint"), .safe(mailOn ? TextKey.messagesIntro(l) : TextKey.mailOffNotice(l))),
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .sendAfter).path),
                    .attr("data-confirm", TextKey.messagesAfterQuestion(l, ["count": f.integer(presentWithEmail)])),
                    Layout.csrfField(context),
                    .button(.type(.submit), .class("button"), .safe(TextKey.messagesSendAfter(l)))),
                .p(.class("hint"), .safe(TextKey.messagesAfterHint(l))),
                sent.isEmpty
                    ? .p(.class("empty"), .safe(TextKey.mailNone(l)))
                    : .div(
                        .class("table-wrap"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.safe(TextKey.fieldFullName(l))), .th(.safe(TextKey.mailKind(l))),
                                    .th(.safe(TextKey.mailCreated(l))),
                                    .th(.safe(TextKey.mailStatus(l))))),
                            .tbody(.group(rows)))),
            ])
    }
}
