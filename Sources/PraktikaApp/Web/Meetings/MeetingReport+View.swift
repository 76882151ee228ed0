import Foundation
import Plot
import PraktikaDomain

/// The meeting report: read as a page (public once published), edited by the organisers as
/// Markdown, printed, and downloaded.
enum MeetingReportView {
    /// `markdown` is what is shown, in `textLanguage`; `source` what the organisers edit (the
    /// saved text, which may be in the other language when `translated`).
    static func render(
        _ frame: MeetingFrame, markdown: String, source: String, textLanguage: Language, translated: Bool, edited: Bool,
        publishedAt: Date?, error: String?, districts: [BarChart.Row] = [], _ context: PageContext
    ) -> HTML {
        let l = context.language
        var body: [Node<HTML.BodyContext>] = []
        if frame.mayOrganise {
            body.append(
                .p(
                    .class("hint"),
                    .safe(
                        (publishedAt.map { TextKey.reportPublishedOn(l, ["date": context.format.dateTime($0)]) }
                            ?? TextKey.reportNotPublished(l)) + " "
                            + (edited ? TextKey.reportEdited(l) : TextKey.reportGenerated(l)))))
        }
        body.append(
            .div(
                .class("record-actions"),
                .link(SiteURL.meeting(frame.id, .report).with([("print", "1")]), TextKey.printButton(l)),
                .link(SiteURL.meeting(frame.id, .reportMarkdown).path, TextKey.reportMarkdown(l)),
                .link(SiteURL.meeting(frame.id, .reportDocx).path, TextKey.downloadWord(l))))
        if translated {
            body.append(
                .p(
                    .class("hint"), .safe(TextKey.reportTranslatedNote(l) + " "),
                    .link(SiteURL.meeting(frame.id, .report).with([("original", "1")]), TextKey.reportOriginal(l))))
        }
        // The text's own language, so that a screen reader and a translator read it rightly.
        body.append(.article(.class("report-text"), .attr("lang", textLanguage.rawValue), .raw(Markdown.html(markdown))))
        // Who came from where, at a glance; the report says the same in words.
        if districts.count > 1 {
            body.append(
                .div(
                    .class("district-chart"), .attr("aria-hidden", "true"), .h2(.safe(TextKey.participantsByDistrictTitle(l))),
                    .raw(BarChart.svg(districts, title: TextKey.participantsByDistrictTitle(l)))))
        }
        if frame.mayOrganise {
            body.append(.h2(.attr("id", "edit"), .safe(TextKey.reportEditTitle(l))))
            if let error { body.append(.div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe(error)))) }
            body.append(
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .report).path), Layout.csrfField(context),
                    .div(
                        .class("field"), .label(.attr("for", "field-markdown"), .safe(TextKey.reportText(l))),
                        .p(.class("hint"), .safe(TextKey.hintReportMarkdown(l))),
                        .element(
                            named: "textarea",
                            nodes: [.attr("id", "field-markdown"), .attr("name", "markdown"), .class("report-source"), .safe(source)])),
                    .div(
                        .class("actions"),
                        .button(.type(.submit), .name("action"), .value("save"), .class("button"), .safe(TextKey.save(l))),
                        .button(
                            .type(.submit), .name("action"), .value("regenerate"), .class("button secondary"),
                            .safe(TextKey.reportRegenerate(l))))))
            body.append(
                .form(
                    .method(.post), .action(SiteURL.meeting(frame.id, .reportPublish).path), Layout.csrfField(context),
                    .input(.type(.hidden), .name("publish"), .value(publishedAt == nil ? "1" : "0")),
                    publishedAt != nil || frame.meeting.status == .reported
                        ? .empty
                        : .div(
                            .class("field checkbox"),
                            .label(
                                .input(
                                    .type(.checkbox), .name("mark_reported"), .value("on"),
                                    .checked(frame.meeting.status == .held)),
                                .safe(" " + TextKey.reportMarkReported(l))),
                            frame.meeting.status == .registration || frame.meeting.status == .planned
                                ? .p(.class("hint"), .safe(TextKey.reportMarkReportedWarning(l, ["status": frame.meeting.status.label(l)])))
                                : .empty),
                    .button(
                        .type(.submit), .class("button secondary"),
                        .safe(publishedAt == nil ? TextKey.reportPublish(l) : TextKey.reportUnpublish(l)))))
        }
        return MeetingPagesView.framed(frame, .report, title: TextKey.meetingTabReport(l), context, body: body)
    }

    static func printable(_ frame: MeetingFrame, markdown: String, language: Language, _ context: PageContext) -> HTML {
        Layout.printable(
            context, title: TextKey.meetingTabReport(context.language), back: SiteURL.meeting(frame.id, .report).path, bodyClass: "report",
            body: [.article(.class("report-text"), .attr("lang", language.rawValue), .raw(Markdown.html(markdown)))])
    }
}
