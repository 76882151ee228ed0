import Plot
import PraktikaDomain

/// The start page of someone signed in: what waits for them, their services with how far each
/// has come and what its next stage still needs, and the meetings coming up.
enum StartPageView {
    static func render(_ data: StartPageData, _ actor: Actor, today: LocalDate, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        return .group(
            .h1(.safe(TextKey.startTitle(l))),
            .p(.class("lead"), .safe(TextKey.startLead(l, ["name": actor.name]))),
            waiting(data, context),
            MeetingActionsView.mine(data.actions, today: today, context),
            data.partnershipsDue.map { due in
                .section(
                    .class("start-partnerships"), .h2(.safe(TextKey.partnershipsTitle(l))),
                    PartnershipView.due(due, today: today, context),
                    .p(.link(SiteURL.partnerships.path, TextKey.partnershipsAll(l))))
            } ?? .empty,
            services(data, context),
            meetings(data, context)
        )
    }

    static func waiting(_ data: StartPageData, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        guard !(data.toEnter.isEmpty && data.toReview.isEmpty) else {
            // Open actions have their own list below; only when nothing at all waits is that said.
            return data.nothingWaits
                ? .section(
                    .class("start-waiting"), .h2(.safe(TextKey.startWaiting(l))), .p(.class("muted"), .safe(TextKey.startNothingWaits(l))))
                : .empty
        }
        func item(_ r: StartPageData.Result, _ key: TextKey) -> Node<HTML.ListContext> {
            .li(
                .link(
                    SiteURL.serviceOutcomes(r.designID, .periods).path,
                    key(l, ["indicator": r.period.indicator, "period": f.dateRange(r.period.startsOn, r.period.endsOn)])),
                .span(.class("muted"), .safe(" — " + r.designTitle)),
                .span(.class("tag" + (r.state == .submitted ? "" : " flag")), .safe(r.state.label(l))))
        }
        return .section(
            .class("start-waiting"),
            .h2(.safe(TextKey.startWaiting(l))),
            .ul(.group(data.toEnter.map { item($0, .startEnterResult) } + data.toReview.map { item($0, .startReviewResult) })))
    }

    static func services(_ data: StartPageData, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard !data.designs.isEmpty else {
            return .section(
                .h2(.safe(TextKey.startMyServices(l))),
                .p(
                    .safe(TextKey.startNoServices(l)), .text(" "),
                    Policy.mayCreateDesigns(context.actor) ? .link(SiteURL.newService.path, TextKey.newService(l)) : .empty))
        }
        return .section(
            .h2(.safe((actorIsCoordinator(context) ? TextKey.startDistrictServices : TextKey.startMyServices)(l))),
            .ul(.class("cards start-services"), .group(data.designs.map { card($0, context) })),
            data.designCount > data.designs.count
                ? .p(
                    .safe(
                        TextKey.startShownServices(
                            l, ["shown": String(data.designs.count), "count": context.format.integer(data.designCount)])),
                    .text(" "), .link(SiteURL.services.path, TextKey.navServices(l)))
                : .empty)
    }

    static func actorIsCoordinator(_ context: PageContext) -> Bool { context.actor?.role == .coordinator }

    static func card(_ d: StartPageData.Design, _ context: PageContext) -> Node<HTML.ListContext> {
        let l = context.language
        let p = d.progress
        let next: Node<HTML.BodyContext>
        if let stage = p.nextStatus {
            next =
                p.missingForNext.isEmpty
                ? .p(.class("next"), .safe(TextKey.startReadyFor(l, ["stage": stage.label(l)])))
                : .div(
                    .class("next"),
                    .p(.safe(TextKey.startNextStage(l, ["stage": stage.label(l)]))),
                    .ul(
                        .group(
                            p.missingForNext.map { m in
                                .li(
                                    .link(SiteURL.serviceBlock(d.id, m.block).path, m.block.title(l)),
                                    .span(.class("muted"), .safe(" — " + m.problem.text(l))))
                            })))
        } else {
            next = .p(.class("next muted"), .safe(TextKey.startLastStage(l)))
        }
        let filled = TextKey.startBlocksFilled(
            l, ["filled": String(p.filledCount), "total": String(DesignProgress.blockCount)])
        return .li(
            .class("card"),
            .h3(.link(SiteURL.service(d.id).path, d.title)),
            .p(.span(.class("status status-\(d.status.rawValue)"), .safe(d.status.label(l)))),
            .div(
                .class("blocks-meter"),
                // The row of squares repeats the sentence beside it for the eye; each square names its block on hover.
                .element(
                    named: "span",
                    nodes: [
                        .class("squares"), .attr("aria-hidden", "true"),
                        .group(
                            DesignBlock.allCases.map { block in
                                .element(
                                    named: "span",
                                    nodes: [
                                        .class(p.filled.contains(block) ? "square on" : "square"), .attr("title", block.title(l)),
                                    ])
                            }),
                    ]),
                .span(.safe(filled))),
            next)
    }

    static func meetings(_ data: StartPageData, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        return .section(
            .h2(.safe(TextKey.startMyMeetings(l))),
            data.meetings.isEmpty
                ? .p(.class("muted"), .safe(TextKey.startNoMeetings(l)))
                : .ul(
                    .group(
                        data.meetings.map { m in
                            let when: String =
                                if let start = LocalDate(parsing: m.startsOn), let end = LocalDate(parsing: m.endsOn) {
                                    f.dateRange(start, end)
                                } else { m.startsOn }
                            return .li(
                                .link(SiteURL.meeting(m.id, .overview).path, m.title), .span(.class("muted"), .safe(" — " + when)),
                                .span(.class("status"), .safe(MeetingStatus(rawValue: m.status)?.label(l) ?? m.status)))
                        })))
    }
}
