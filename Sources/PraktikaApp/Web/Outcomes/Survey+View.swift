import Foundation
import Plot
import PraktikaDomain

/// What the survey pages show about the service they belong to.
struct SurveyFrame: Sendable {
    let designID: Int64
    let serviceTitle: String
    let libraries: String
    let survey: StoredSurvey
    /// The address the QR code and poster print.
    let link: String
}

/// The anonymous answer page (phone first, no site menu), the printable paper form, the poster,
/// and the screen for typing in paper forms.
enum SurveyView {
    typealias Values = [String: [String]]

    // MARK: The answer page

    static func answerPage(
        _ frame: SurveyFrame, values: Values, errors: FieldErrors, state: AnswerPageState, submission: String, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let content: Node<HTML.BodyContext>
        switch state {
        case .form:
            content = .group(
                .p(.class("hint"), .safe(TextKey.surveyIntro(l))),
                .form(
                    .method(.post), .action(SiteURL.survey(frame.survey.token).path), .attribute(named: "novalidate"),
                    .class("survey-form"),
                    Layout.csrfField(context),
                    FormView.input([("type", "hidden"), ("name", "submission"), ("value", submission)]),
                    FormView.input([("type", "hidden"), ("name", "lang"), ("value", l.rawValue)]),
                    errorSummary(errors, l),
                    questions(frame.survey.survey, values: values, errors: errors, compact: false, l),
                    aboutYou(values: values, errors: errors, l),
                    frame.survey.survey.kind == .immediate ? followUp(values: values, errors: errors, l) : .empty,
                    honeypot(l),
                    .div(.class("actions"), .button(.type(.submit), .class("button big"), .safe(TextKey.feedbackSend(l))))))
        case .thanks:
            content = .div(.class("flash"), .attribute(named: "role", value: "status"), .p(.safe(TextKey.surveyThanks(l))))
        case .duplicate:
            content = .div(.class("flash"), .attribute(named: "role", value: "status"), .p(.safe(TextKey.surveyAlreadyRecorded(l))))
        case .closed:
            content = .p(.class("empty"), .safe(TextKey.surveyClosed(l)))
        case .throttled:
            content = .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe(TextKey.surveyThrottled(l))))
        }
        let other = l.other
        return Layout.bare(
            context, title: frame.serviceTitle, bodyClass: "survey-page",
            body: [
                .p(
                    .class("survey-language"),
                    .element(
                        named: "a",
                        nodes: [
                            .attr("href", SiteURL.survey(frame.survey.token).with([("lang", other.rawValue)])),
                            .attr("lang", other.rawValue),
                            .safe(TextKey.languageName(other)),
                        ])),
                .h1(.safe(frame.serviceTitle)),
                .p(.class("lead"), .safe(frame.libraries)),
                content,
            ])
    }

    enum AnswerPageState: Sendable {
        case form, thanks, duplicate, closed, throttled
    }

    static func errorSummary(_ errors: FieldErrors, _ l: Language) -> Node<HTML.FormContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .p(.strong(.safe(TextKey.formHasErrors(l)))),
            .ul(.group(errors.order.map { name in .li(.link("#field-\(name)", errors[name]?.text(l) ?? "")) })))
    }

    /// A fieldset with a legend, a hint and the error of its field.
    static func fieldset(
        _ name: String, legend: String, hint: String? = nil, errors: FieldErrors, _ l: Language, _ control: Node<HTML.FormContext>
    )
        -> Node<HTML.FormContext>
    {
        let error = errors[name]
        return .element(
            named: "fieldset",
            nodes: [
                .attr("id", "field-\(name)"),
                .class(error == nil ? "field choices survey-question" : "field choices survey-question has-error"),
                .element(named: "legend", nodes: [.safe(legend)]),
                hint.map { .p(.class("hint"), .safe($0)) } ?? .empty,
                error.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                control,
            ])
    }

    static func choice(_ type: String, name: String, value: String, label: Node<HTML.FormContext>, checked: Bool) -> Node<HTML.FormContext>
    {
        var pairs = [("type", type), ("name", name), ("value", value), ("id", "\(name)-\(value)")]
        if checked { pairs.append(("checked", "checked")) }
        return .element(named: "label", nodes: [.class("choice"), .group(FormView.input(pairs)), .text(" "), label])
    }

    /// The standard items on the agree scale, the open questions, then the library's own.
    static func questions(_ survey: OutcomeSurvey, values: Values, errors: FieldErrors, compact: Bool, _ l: Language) -> Node<
        HTML.FormContext
    > {
        let items: [Node<HTML.FormContext>] = survey.kind.items.map { item in
            let chosen = values[item.field]?.first
            let scale: [Node<HTML.FormContext>] = AgreeScale.values.reversed().map { value in
                choice(
                    "radio", name: item.field, value: String(value),
                    label: .span(.span(.class("scale-number"), .text(String(value))), .text(" "), .safe(AgreeScale.label(value)(l))),
                    checked: chosen == String(value))
            }
            return fieldset(item.field, legend: item.statement(l), errors: errors, l, .div(.class("scale"), .group(scale)))
        }
        let open: [Node<HTML.FormContext>] = survey.kind.openQuestions.map { question in
            fieldset(
                question.field, legend: question.prompt(l), errors: errors, l,
                .element(
                    named: "textarea",
                    nodes: [
                        .attr("name", question.field), .attr("rows", compact ? "2" : "3"),
                        .attr("maxlength", String(OutcomeSurvey.maxText)),
                        .safe(values[question.field]?.first ?? ""),
                    ]))
        }
        return .group(.group(items), .group(open), ownQuestions(survey.questions, values: values, errors: errors, l))
    }

    static func ownQuestions(_ questions: [FeedbackQuestion], values: Values, errors: FieldErrors, _ l: Language) -> Node<HTML.FormContext>
    {
        .group(
            questions.map { q in
                let name = "q-\(q.id)"
                let chosen = Set(values[name] ?? [])
                let control: Node<HTML.FormContext>
                switch q.kind {
                case .single, .multiple:
                    control = .div(
                        .class("choice-grid"),
                        .group(
                            q.options.indices.map {
                                choice(
                                    q.kind == .single ? "radio" : "checkbox", name: name, value: String($0), label: .safe(q.options[$0]),
                                    checked: chosen.contains(String($0)))
                            }))
                case .rating:
                    control = .div(
                        .class("choice-grid"),
                        .group(
                            FeedbackQuestion.ratingScale.map {
                                choice(
                                    "radio", name: name, value: String($0), label: .text(String($0)), checked: chosen.contains(String($0)))
                            }))
                case .text:
                    control = .element(
                        named: "textarea", nodes: [.attr("name", name), .attr("rows", "3"), .safe(values[name]?.first ?? "")])
                }
                return fieldset(
                    name, legend: q.prompt, hint: q.kind == .multiple ? TextKey.feedbackChooseAny(l) : nil, errors: errors, l, control)
            })
    }

    static func aboutYou(values: Values, errors: FieldErrors, _ l: Language) -> Node<HTML.FormContext> {
        func radios<E: LabelledChoice>(_ name: String, _ type: E.Type) -> Node<HTML.FormContext> {
            .div(
                .class("choice-grid"),
                .group(
                    E.allCases.map {
                        choice(
                            "radio", name: name, value: $0.rawValue, label: .safe($0.label(l)), checked: values[name]?.first == $0.rawValue)
                    }))
        }
        let firstVisit: Node<HTML.FormContext> = .div(
            .class("choice-grid"),
            choice(
                "radio", name: "first_visit", value: "yes", label: .safe(TextKey.yes(l)), checked: values["first_visit"]?.first == "yes"),
            choice("radio", name: "first_visit", value: "no", label: .safe(TextKey.no(l)), checked: values["first_visit"]?.first == "no"))
        return .element(
            named: "details",
            nodes: [
                .class("about-you"),
                !errors.isEmpty && (errors["age_band"] != nil || errors["gender"] != nil || errors["first_visit"] != nil)
                    ? .attribute(named: "open", value: "open") : .empty,
                .element(named: "summary", nodes: [.safe(TextKey.surveyAboutYou(l))]),
                .p(.class("hint"), .safe(TextKey.surveyAboutYouHint(l))),
                fieldset("age_band", legend: TextKey.surveyAge(l), errors: errors, l, radios("age_band", AgeBand.self)),
                fieldset("gender", legend: TextKey.surveyGender(l), errors: errors, l, radios("gender", Gender.self)),
                fieldset("first_visit", legend: TextKey.surveyFirstVisit(l), errors: errors, l, firstVisit),
            ])
    }

    static func followUp(values: Values, errors: FieldErrors, _ l: Language) -> Node<HTML.FormContext> {
        let emailError = errors["follow_up_email"]
        let consentError = errors["follow_up_consent"]
        var consent = [("type", "checkbox"), ("name", "follow_up_consent"), ("value", "yes"), ("id", "field-follow_up_consent")]
        if values["follow_up_consent"]?.first == "yes" { consent.append(("checked", "checked")) }
        return .element(
            named: "fieldset",
            nodes: [
                .class("field survey-question follow-up"),
                .element(named: "legend", nodes: [.safe(TextKey.surveyFollowUpTitle(l))]),
                .div(
                    .class(emailError == nil ? "field" : "field has-error"),
                    .label(.attr("for", "field-follow_up_email"), .safe(TextKey.surveyFollowUpEmail(l))),
                    emailError.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                    FormView.input([
                        ("type", "email"), ("name", "follow_up_email"), ("id", "field-follow_up_email"), ("autocomplete", "email"),
                        ("value", values["follow_up_email"]?.first ?? ""),
                    ])),
                .div(
                    .class(consentError == nil ? "field" : "field has-error"),
                    consentError.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                    .element(
                        named: "label",
                        nodes: [.class("choice"), FormView.input(consent), .text(" "), .safe(TextKey.surveyFollowUpConsent(l))])),
            ])
    }

    /// A field people never see (it is moved off screen) and scripts fill in.
    static let honeypotField = "website"

    static func honeypot(_ l: Language) -> Node<HTML.FormContext> {
        .div(
            .class("hp"), .attribute(named: "aria-hidden", value: "true"),
            .label(.attr("for", "field-website"), .safe(TextKey.surveyHoneypot(l))),
            FormView.input([
                ("type", "text"), ("name", honeypotField), ("id", "field-website"), ("tabindex", "-1"), ("autocomplete", "off"),
            ]),
            .p(.safe(TextKey.surveyLeaveEmpty(l))))
    }

    // MARK: Paper

    /// The survey on A4: boxes to tick, lines to write on.
    static func paper(_ frame: SurveyFrame, _ context: PageContext) -> HTML {
        let l = context.language
        let survey = frame.survey.survey
        let header: Node<HTML.TableContext> = .thead(
            .tr(
                .th(.safe(TextKey.outcomesItem(l))),
                .group(AgreeScale.values.map { .th(.class("scale-head"), .safe(AgreeScale.label($0)(l))) })))
        let rows: [Node<HTML.TableContext>] = survey.kind.items.map { item in
            .tr(.td(.safe(item.statement(l))), .group(AgreeScale.values.map { _ in .td(.class("box"), .text("☐")) }))
        }
        let open: [Node<HTML.BodyContext>] = survey.kind.openQuestions.map { q in
            .div(.class("paper-open"), .p(.strong(.safe(q.prompt(l)))), .div(.class("lines")))
        }
        let own: [Node<HTML.BodyContext>] = survey.questions.map { q in
            switch q.kind {
            case .single, .multiple:
                return .div(
                    .class("paper-open"), .p(.strong(.safe(q.prompt))),
                    .ul(.class("paper-options"), .group(q.options.map { .li(.text("☐ "), .safe($0)) })))
            case .rating:
                return .div(.class("paper-open"), .p(.strong(.safe(q.prompt))), .p(.text("☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5")))
            case .text:
                return .div(.class("paper-open"), .p(.strong(.safe(q.prompt))), .div(.class("lines")))
            }
        }
        func options<E: LabelledChoice>(_ type: E.Type) -> String { E.allCases.map { "☐ " + $0.label(l) }.joined(separator: "   ") }
        return Layout.printable(
            context, title: frame.serviceTitle, back: SiteURL.serviceOutcomes(frame.designID, .overview).path, bodyClass: "paper-survey",
            body: [
                .h1(.safe(frame.serviceTitle)),
                .p(.class("lead"), .safe(frame.libraries + " · " + survey.kind.label(l))),
                .p(.safe(TextKey.paperInstructions(l))),
                .table(.class("paper-scale"), header, .tbody(.group(rows))),
                .group(open), .group(own),
                .div(
                    .class("paper-about"), .h2(.safe(TextKey.surveyAboutYou(l))),
                    .p(.strong(.safe(TextKey.surveyAge(l) + ": ")), .safe(options(AgeBand.self))),
                    .p(.strong(.safe(TextKey.surveyGender(l) + ": ")), .safe(options(Gender.self))),
                    .p(.strong(.safe(TextKey.surveyFirstVisit(l) + " ")), .safe("☐ " + TextKey.yes(l) + "   ☐ " + TextKey.no(l)))),
                survey.kind == .immediate
                    ? .div(
                        .class("paper-about"), .h2(.safe(TextKey.surveyFollowUpTitle(l))),
                        .p(.safe(TextKey.surveyFollowUpEmail(l) + ": ______________________________________")),
                        .p(.safe("☐ " + TextKey.surveyFollowUpConsent(l)))) : .empty,
            ])
    }

    // MARK: Poster

    static func poster(_ frame: SurveyFrame, qr: String, _ context: PageContext) -> HTML {
        let l = context.language
        return Layout.printable(
            context, title: frame.serviceTitle, back: SiteURL.serviceOutcomes(frame.designID, .overview).path, bodyClass: "survey-poster",
            body: [
                .h1(.safe(TextKey.posterHeading(l, ["service": frame.serviceTitle]))),
                .div(.class("poster-qr"), .raw(qr)),
                .p(.class("poster-scan"), .safe(TextKey.posterScan(l))),
                .p(.class("poster-link"), .safe(frame.link)),
                .p(.class("poster-minutes"), .safe(TextKey.posterMinutes(l))),
                .p(.class("lead"), .safe(frame.libraries)),
            ])
    }

    // MARK: Typing in paper forms

    /// One paper form per screen: a digit per statement, Tab between fields, Enter saves.
    static func entry(
        _ frame: SurveyFrame, values: Values, errors: FieldErrors, saved: Int?, submission: String, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let survey = frame.survey.survey
        let action = SiteURL.serviceOutcomes(frame.designID, .entry(survey.kind)).path
        let items: [Node<HTML.FormContext>] = survey.kind.items.enumerated().map { index, item in
            let error = errors[item.field]
            var pairs = [
                ("type", "text"), ("name", item.field), ("id", "field-\(item.field)"), ("inputmode", "numeric"), ("maxlength", "1"),
                ("pattern", "[1-5]"), ("autocomplete", "off"), ("class", "digit"), ("value", values[item.field]?.first ?? ""),
            ]
            if index == 0 { pairs.append(("autofocus", "autofocus")) }
            return .div(
                .class(error == nil ? "entry-row" : "entry-row has-error"),
                .label(.attr("for", "field-\(item.field)"), .safe(item.statement(l))),
                error.map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                FormView.input(pairs))
        }
        let open: [Node<HTML.FormContext>] = survey.kind.openQuestions.map { q in
            .div(
                .class("entry-row wide"), .label(.attr("for", "field-\(q.field)"), .safe(q.prompt(l))),
                errors[q.field].map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                FormView.input([("type", "text"), ("name", q.field), ("id", "field-\(q.field)"), ("value", values[q.field]?.first ?? "")]))
        }
        func select<E: LabelledChoice>(_ name: String, _ label: TextKey, _ type: E.Type) -> Node<HTML.FormContext> {
            let chosen = values[name]?.first ?? ""
            return .div(
                .class("entry-row"), .label(.attr("for", "field-\(name)"), .safe(label(l))),
                errors[name].map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
                .element(
                    named: "select",
                    nodes: [
                        .attr("name", name), .attr("id", "field-\(name)"),
                        .element(named: "option", nodes: [.attr("value", ""), .safe(TextKey.surveyNoAnswer(l))]),
                        .group(
                            E.allCases.map { c in
                                .element(
                                    named: "option",
                                    nodes: [
                                        .attr("value", c.rawValue),
                                        chosen == c.rawValue ? .attribute(named: "selected", value: "selected") : .empty,
                                        .safe(c.label(l)),
                                    ])
                            }),
                    ]))
        }
        let firstVisit = values["first_visit"]?.first ?? ""
        let visitSelect: Node<HTML.FormContext> = .div(
            .class("entry-row"), .label(.attr("for", "field-first_visit"), .safe(TextKey.surveyFirstVisit(l))),
            errors["first_visit"].map { .p(.class("error"), .safe($0.text(l))) } ?? .empty,
            .element(
                named: "select",
                nodes: [
                    .attr("name", "first_visit"), .attr("id", "field-first_visit"),
                    .element(named: "option", nodes: [.attr("value", ""), .safe(TextKey.surveyNoAnswer(l))]),
                    .element(
                        named: "option",
                        nodes: [
                            .attr("value", "yes"), firstVisit == "yes" ? .attribute(named: "selected", value: "selected") : .empty,
                            .safe(TextKey.yes(l)),
                        ]),
                    .element(
                        named: "option",
                        nodes: [
                            .attr("value", "no"), firstVisit == "no" ? .attribute(named: "selected", value: "selected") : .empty,
                            .safe(TextKey.no(l)),
                        ]),
                ]))
        return Layout.page(
            context, title: TextKey.entryTitle(l),
            breadcrumbs: [
                (SiteURL.services.path, TextKey.navServices(l)), (SiteURL.service(frame.designID).path, frame.serviceTitle),
                (SiteURL.serviceOutcomes(frame.designID, .overview).path, TextKey.outcomesServiceTitle(l)),
            ],
            body: [
                .h1(.safe(TextKey.entryTitle(l))),
                .p(.class("lead"), .safe(frame.serviceTitle + " · " + survey.kind.label(l))),
                saved.map {
                    .div(
                        .class("flash"), .attribute(named: "role", value: "status"), .p(.safe(TextKey.entrySaved(l, ["count": String($0)])))
                    )
                }
                    ?? .empty,
                .p(.class("hint"), .safe(TextKey.entryHint(l))),
                .form(
                    .method(.post), .action(action), .attribute(named: "novalidate"), .class("entry-form"),
                    Layout.csrfField(context),
                    FormView.input([("type", "hidden"), ("name", "submission"), ("value", submission)]),
                    FormView.input([("type", "hidden"), ("name", "batch"), ("value", String(saved ?? 0))]),
                    errorSummary(errors, l),
                    .div(.class("entry-grid"), .group(items)),
                    .group(open),
                    ownQuestions(survey.questions, values: values, errors: errors, l),
                    .div(
                        .class("entry-grid"), select("age_band", .surveyAge, AgeBand.self), select("gender", .surveyGender, Gender.self),
                        visitSelect),
                    survey.kind == .immediate ? followUp(values: values, errors: errors, l) : .empty,
                    .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.save(l))))),
            ])
    }
}
