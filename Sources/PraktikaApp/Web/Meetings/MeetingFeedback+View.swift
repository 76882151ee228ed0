import Foundation
import Plot
import PraktikaDomain

/// Feedback: the organisers' forms and builder, the anonymous answer page (also used to type in
/// paper forms), and the results with charts.
enum MeetingFeedbackView {
    static func list(
        _ frame: MeetingFrame, forms: [(MeetingStore.StoredForm, Int)], baseURL: String, builder: Node<HTML.BodyContext>,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let items: [Node<HTML.BodyContext>] = forms.map { stored, count in
            let state: Node<HTML.BodyContext> = .span(
                .class("tag"), .safe(stored.open ? TextKey.feedbackOpen(l) : TextKey.feedbackClosed(l)))
            let url = baseURL + SiteURL.answerFeedback(stored.token).path
            // The link, and its QR code to show on the screen or print on the programme.
            let link: Node<HTML.BodyContext> =
                stored.open
                ? .div(
                    .class("feedback-link"), .p(.safe(TextKey.feedbackLink(l) + ": "), .code(.safe(url))),
                    .div(.class("feedback-qr"), .raw(QRCode(url)?.svg(label: TextKey.feedbackLink(l) + ": " + stored.form.title) ?? "")))
                : .empty
            let actions: Node<HTML.BodyContext> = .div(
                .class("record-actions"),
                .link(SiteURL.meeting(frame.id, .feedbackResults(stored.id)).path, TextKey.feedbackResults(l), .class("button secondary")),
                .link(SiteURL.meeting(frame.id, .feedbackPaper(stored.id)).path, TextKey.feedbackPaper(l)),
                .link(SiteURL.meeting(frame.id, .feedbackForm(stored.id)).path, TextKey.edit(l)))
            return .div(
                .class("agenda-session"), .h2(.safe(stored.form.title), .text(" "), state),
                .p(.safe(TextKey.feedbackResponsesCount(l, ["count": f.integer(count)]))), link, actions)
        }
        return MeetingPagesView.framed(
            frame, .feedback, title: TextKey.meetingTabFeedback(l), context,
            body: [
                forms.isEmpty ? .p(.class("empty"), .safe(TextKey.feedbackNone(l))) : .group(items),
                .h2(.attr("id", "new"), .safe(TextKey.feedbackNewForm(l))),
                builder,
            ])
    }

    /// The form builder: title, intro, open or closed, and numbered question rows with two blank rows to add more.
    static func builder(action: String, values: FormInput, errors: FieldErrors, _ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let top = FormModel(
            title: "", action: action,
            fields: [
                FormField(name: "title", label: .fieldTitle, kind: .text, required: true),
                FormField(name: "intro", label: .feedbackIntro, kind: .textarea),
                FormField(name: "open", label: .feedbackOpenField, kind: .checkbox),
            ], values: values, errors: errors, cancelHref: "")
        return .form(
            .method(.post), .action(action), .attribute(named: "novalidate"), .class("record-form"),
            Layout.csrfField(context),
            FormView.errorSummary(top, l),
            .group(top.fields.map { FormView.field(top, $0, l) }),
            questionRows(values: values, errors: errors, l),
            .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l)))))
    }

    /// Numbered question rows (`question-N-…`), the filled ones and two blank rows to add more,
    /// at most `limit`.
    static func questionRows(values: FormInput, errors: FieldErrors, limit: Int = 100, _ l: Language) -> Node<HTML.FormContext> {
        let rows = Set(
            values.keys.compactMap { key -> Int? in
                let parts = key.split(separator: "-")
                return parts.count == 3 && parts[0] == "question" ? Int(parts[1]) : nil
            })
        let last = rows.max() ?? 0
        let kinds = [FormOption].choices(FeedbackQuestionKind.self, l)
        let questionRows: [Node<HTML.FormContext>] = (1...max(1, min(last + 2, limit))).map { n in
            let prefix = "question-\(n)-"
            let model = FormModel(title: "", action: "", fields: [], values: values, errors: errors, cancelHref: "")
            return .element(
                named: "fieldset",
                nodes: [
                    .class("row"),
                    .element(named: "legend", nodes: [.safe(TextKey.feedbackQuestionNumber(l, ["number": String(n)]))]),
                    FormView.input([("type", "hidden"), ("name", prefix + "id"), ("value", values[prefix + "id"] ?? "")]),
                    .div(
                        .class("row-fields"),
                        FormView.field(model, FormField(name: prefix + "prompt", label: .feedbackPrompt, kind: .text), l),
                        FormView.field(model, FormField(name: prefix + "kind", label: .fieldKind, kind: .select(kinds)), l)),
                    FormView.field(
                        model, FormField(name: prefix + "options", label: .feedbackOptions, kind: .textarea, hint: .hintFeedbackOptions), l),
                    .div(
                        .class("row-fields"),
                        FormView.field(model, FormField(name: prefix + "required", label: .feedbackRequired, kind: .checkbox), l),
                        FormView.field(
                            model,
                            FormField(name: prefix + "position", label: .feedbackPosition, kind: .integer, hint: .hintFeedbackPosition), l)),
                ])
        }
        // Without JavaScript: two blank rows, more after saving, order by the position numbers.
        // With it: "add a question" adds a row in place, and arrows move a row up or down.
        return .group(
            .div(
                .class("question-rows"), .attr("data-question-rows", ""), .attr("data-up-label", TextKey.feedbackMoveUp(l)),
                .attr("data-down-label", TextKey.feedbackMoveDown(l)), .group(questionRows)),
            .p(.class("hint"), .safe(TextKey.feedbackMoreRows(l))),
            .button(
                .type(.button), .class("button secondary"), .attr("data-add-question", ""), .attr("hidden", ""),
                .safe(TextKey.feedbackAddQuestion(l))))
    }

    static func editPage(_ frame: MeetingFrame, formID: Int64, values: FormInput, errors: FieldErrors, _ context: PageContext) -> HTML {
        let l = context.language
        return MeetingPagesView.framed(
            frame, .feedback, title: TextKey.editRecord(l, ["name": values["title"] ?? ""]), context,
            body: [
                .h2(.safe(values["title"] ?? "")),
                builder(action: SiteURL.meeting(frame.id, .feedbackForm(formID)).path, values: values, errors: errors, context),
            ])
    }

    /// The questions as a form; `values` holds what was chosen when a submission comes back with errors.
    static func answerForm(_ form: FeedbackForm, action: String, values: [String: [String]], errors: FieldErrors, _ context: PageContext)
        -> Node<HTML.BodyContext>
    {
        let l = context.language
        let questions: [Node<HTML.FormContext>] = form.questions.map { q in
            let name = "q-\(q.id)"
            let chosen = Set(values[name] ?? [])
            let error = errors[name]
            func choice(_ type: String, _ value: String, _ label: String) -> Node<HTML.FormContext> {
                var pairs = [("type", type), ("name", name), ("value", value), ("id", "\(name)-\(value)")]
                if chosen.contains(value) { pairs.append(("checked", "checked")) }
                return .element(named: "label", nodes: [.class("choice"), .group(FormView.input(pairs)), .text(" "), .safe(label)])
            }
            // A free-text question is one box with its label; the others are a group of large
            // targets, each choice inside its own label (a phone's thumb hits the words too).
            if q.kind == .text {
                return .div(
                    .attr("id", "field-\(name)"),
                    .class(error == nil ? "field survey-question feedback-question" : "field survey-question feedback-question has-error"),
                    .element(
                        named: "label",
                        nodes: [
                            .attr("for", "input-\(name)"), .class("question-label"), .safe(q.prompt),
                            q.required ? .span(.class("required-mark"), .safe(" (" + TextKey.feedbackRequiredMark(l) + ")")) : .empty,
                        ]),
                    error.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                    .element(
                        named: "textarea",
                        nodes: [.attr("name", name), .attr("id", "input-\(name)"), .attr("rows", "4"), .safe(values[name]?.first ?? "")]))
            }
            let control: Node<HTML.FormContext>
            switch q.kind {
            case .single:
                control = .div(.class("choice-grid"), .group(q.options.indices.map { choice("radio", String($0), q.options[$0]) }))
            case .multiple:
                control = .div(.class("choice-grid"), .group(q.options.indices.map { choice("checkbox", String($0), q.options[$0]) }))
            case .rating, .text:
                control = .div(.class("scale rating"), .group(FeedbackQuestion.ratingScale.map { choice("radio", String($0), String($0)) }))
            }
            return .element(
                named: "fieldset",
                nodes: [
                    .attr("id", "field-\(name)"),
                    .class(
                        error == nil
                            ? "field choices survey-question feedback-question"
                            : "field choices survey-question feedback-question has-error"),
                    .element(
                        named: "legend",
                        nodes: [
                            .safe(q.prompt),
                            q.required ? .span(.class("required-mark"), .safe(" (" + TextKey.feedbackRequiredMark(l) + ")")) : .empty,
                        ]),
                    q.kind == .multiple ? .p(.class("hint"), .safe(TextKey.feedbackChooseAny(l))) : .empty,
                    q.kind == .rating ? .p(.class("hint"), .safe(TextKey.feedbackRatingHint(l))) : .empty,
                    error.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                    control,
                ])
        }
        let summary: Node<HTML.FormContext> =
            errors.isEmpty
            ? .empty
            : .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .p(.strong(.safe(TextKey.formHasErrors(l)))),
                .ul(.group(errors.order.map { name in .li(.link("#field-\(name)", errors[name]?.text(l) ?? "")) })))
        return .form(
            .method(.post), .action(action), .attribute(named: "novalidate"),
            Layout.csrfField(context), summary, .group(questions),
            .div(.class("actions"), .button(.type(.submit), .class("button big"), .safe(TextKey.feedbackSend(l)))))
    }

    static func publicPage(
        _ form: FeedbackForm, meeting: Meeting, token: String, open: Bool, values: [String: [String]], errors: FieldErrors, done: Bool,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let content: Node<HTML.BodyContext>
        if done {
            content = .div(.class("flash"), .attribute(named: "role", value: "status"), .p(.safe(TextKey.feedbackThanks(l))))
        } else if !open {
            content = .p(.class("empty"), .safe(TextKey.feedbackClosedNotice(l)))
        } else {
            content = .group(
                form.intro.map { .p(.safe($0)) } ?? .empty,
                .p(.class("hint"), .safe(TextKey.feedbackAnonymous(l))),
                answerForm(form, action: SiteURL.answerFeedback(token).path, values: values, errors: errors, context))
        }
        // For respondents only: no site menu, no sign-in, the meeting's name above the questions.
        return Layout.bare(
            context, title: form.title, bodyClass: "survey-page feedback-page",
            body: [
                .p(.class("lead"), .safe(meeting.title + " · " + context.format.dateRange(meeting.startsOn, meeting.endsOn))),
                .h1(.safe(form.title)), content,
            ])
    }

    static func paperPage(
        _ frame: MeetingFrame, formID: Int64, form: FeedbackForm, values: [String: [String]], errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        return MeetingPagesView.framed(
            frame, .feedback, title: TextKey.feedbackPaper(l), context,
            body: [
                .h2(.safe(TextKey.feedbackPaper(l) + ": " + form.title)),
                .p(.class("hint"), .safe(TextKey.feedbackPaperHint(l))),
                answerForm(form, action: SiteURL.meeting(frame.id, .feedbackPaper(formID)).path, values: values, errors: errors, context),
            ])
    }

    static func results(_ model: FeedbackResultsModel, _ context: PageContext) -> HTML {
        let l = context.language
        let f = context.format
        let sections: [Node<HTML.BodyContext>] = model.summaries.map { s in
            var parts: [Node<HTML.BodyContext>] = [
                .h3(.safe(s.question.prompt)),
                .p(.class("muted"), .safe(TextKey.feedbackAnswered(l, ["count": f.integer(s.answered)]))),
            ]
            switch s.question.kind {
            case .single, .multiple, .rating:
                parts.append(.raw(BarChart.svg(s.bars, title: s.question.prompt, format: f)))
                if let average = s.averageHundredths {
                    parts.append(.p(.strong(.safe(TextKey.feedbackAverage(l, ["value": f.hundredths(Int64(average))])))))
                }
                let rows: [Node<HTML.TableContext>] = s.bars.map { bar in
                    .tr(
                        .td(.safe(bar.label)), .td(.class("number"), .safe(f.integer(bar.count))),
                        .td(.class("number"), .safe(f.perMille(bar.perMille))))
                }
                parts.append(.details(.summary(.safe(TextKey.feedbackAsTable(l))), .table(.tbody(.group(rows)))))
            case .text:
                parts.append(.ul(.group(s.texts.map { .li(.safe($0)) })))
            }
            return .section(.class("feedback-question"), .group(parts))
        }
        return MeetingPagesView.framed(
            model.frame, .feedback, title: TextKey.feedbackResults(l), context,
            body: [
                .h2(.safe(model.form.title)),
                .p(.safe(TextKey.feedbackResponsesCount(l, ["count": f.integer(model.responses)]))),
                .p(.link(SiteURL.meeting(model.frame.id, .feedbackCSV(model.formID)).path, TextKey.feedbackCSV(l))),
                .group(sections),
            ])
    }
}
