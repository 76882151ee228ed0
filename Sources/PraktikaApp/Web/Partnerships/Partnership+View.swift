import Foundation
import Plot
import PraktikaDomain

enum PartnershipView {
    static func period(_ start: LocalDate?, _ end: LocalDate?, _ f: Formatting) -> String {
        switch (start, end) {
        case (let s?, let e?): f.date(s) + " – " + f.date(e)
        case (let s?, nil): TextKey.periodFrom(f.language, ["date": f.date(s)])
        case (nil, let e?): TextKey.periodUntil(f.language, ["date": f.date(e)])
        case (nil, nil): ""
        }
    }

    // MARK: The list

    /// What is due in words: a follow-up and its note, a renewal and its agreement, or the end.
    static func what(_ item: PartnershipAgenda.Item, _ l: Language) -> String {
        switch item {
        case .followUp(_, _, let note): TextKey.partnershipFollowUp(l) + ": " + note
        case .renewal(_, _, let title): TextKey.partnershipRenewal(l) + ": " + title
        case .ending: TextKey.partnershipEnding(l)
        }
    }

    /// Follow-ups and ends coming up, overdue ones marked, each linking to its partnership.
    static func due(_ due: [(item: PartnershipAgenda.Item, partner: String)], today: LocalDate, _ context: PageContext)
        -> Node<HTML.BodyContext>
    {
        let l = context.language
        let f = context.format
        guard !due.isEmpty else { return .p(.class("muted"), .safe(TextKey.partnershipNothingDue(l))) }
        return .ul(
            .class("due-list"),
            .group(
                due.map { entry in
                    let (item, partner) = entry
                    let when: Node<HTML.BodyContext> = .group(
                        .strong(.safe(f.date(item.date))),
                        item.date < today ? .span(.class("tag flag"), .safe(TextKey.partnershipOverdue(l))) : .empty)
                    return .li(
                        when, .text(" · "), .link(SiteURL.partnership(item.partnershipID).path, partner), .safe(" · " + what(item, l)))
                }))
    }

    static func list(
        _ rows: [PartnershipRow], due: [(item: PartnershipAgenda.Item, partner: String)]?, canCreate: Bool, showNetwork: Bool,
        today: LocalDate,
        _ context: PageContext
    ) -> HTML {
        let l = context.language
        let f = context.format
        let tableRows: [Node<HTML.TableContext>] = rows.map { row in
            .tr(
                .th(.attr("scope", "row"), .link(SiteURL.partnership(row.id).path, row.partnerName)),
                .td(.attr("data-label", TextKey.libraries(l)), .safe(row.libraries.joined(separator: "; "))),
                .td(.attr("data-label", TextKey.fieldPartnershipRoles(l)), .safe(row.roles.map { $0.label(l) }.joined(separator: ", "))),
                .td(.attr("data-label", TextKey.partnershipStatusLabel(l)), .span(.class("status"), .safe(row.status.label(l)))),
                .td(.attr("data-label", TextKey.fieldPeriod(l)), .safe(period(row.startsOn, row.endsOn, f))))
        }
        return Layout.page(
            context, title: TextKey.partnershipsTitle(l),
            body: [
                .div(
                    .class("page-heading"), .h1(.safe(TextKey.partnershipsTitle(l))),
                    .div(
                        .class("heading-actions"),
                        showNetwork ? .link(SiteURL.partnershipNetwork.path, TextKey.networkLink(l), .class("button secondary")) : .empty,
                        canCreate ? .link(SiteURL.newPartnership.path, TextKey.partnershipNew(l), .class("button")) : .empty)),
                .p(.class("lead"), .safe(TextKey.partnershipsLead(l))),
                due.map { .section(.class("due"), .h2(.safe(TextKey.partnershipDue(l))), Self.due($0, today: today, context)) } ?? .empty,
                .h2(.safe(TextKey.partnershipsTitle(l))),
                rows.isEmpty
                    ? .empty
                    : .p(
                        .class("downloads"), .link(SiteURL.partnershipsCSV.path, TextKey.partnershipsCSV(l)), .text(" · "),
                        .link(SiteURL.partnershipContributionsCSV.path, TextKey.partnershipContributionsCSV(l))),
                rows.isEmpty
                    ? .p(.class("muted"), .safe(TextKey.partnershipNone(l)))
                    : .div(
                        .class("table-wrap"),
                        .table(
                            .class("stack"),
                            .thead(
                                .tr(
                                    .th(.attr("scope", "col"), .safe(TextKey.partner(l))),
                                    .th(.attr("scope", "col"), .safe(TextKey.libraries(l))),
                                    .th(.attr("scope", "col"), .safe(TextKey.fieldPartnershipRoles(l))),
                                    .th(.attr("scope", "col"), .safe(TextKey.partnershipStatusLabel(l))),
                                    .th(.attr("scope", "col"), .safe(TextKey.fieldPeriod(l))))),
                            .tbody(.group(tableRows)))),
            ])
    }

    // MARK: One partnership

    /// What was typed into the page's forms and what was wrong with it; one at a time is filled.
    struct Forms {
        var contribution: (FormInput, FieldErrors) = ([:], FieldErrors())
        var interaction: (FormInput, FieldErrors) = ([:], FieldErrors())
        var agreement: (FormInput, FieldErrors) = ([:], FieldErrors())
        /// The file of one agreement (`agreement` names it).
        var file: (FormInput, FieldErrors) = ([:], FieldErrors())

        enum Name {
            case contribution, interaction, agreement, file

            /// The section of the page the form is in.
            var anchor: String {
                switch self {
                case .contribution: "contributions"
                case .interaction: "interactions"
                case .agreement, .file: "agreements"
                }
            }
        }

        /// Only the named form filled, with what was typed and what was wrong.
        static func one(_ name: Name, _ typed: FormInput, _ errors: FieldErrors) -> Forms {
            var forms = Forms()
            switch name {
            case .contribution: forms.contribution = (typed, errors)
            case .interaction: forms.interaction = (typed, errors)
            case .agreement: forms.agreement = (typed, errors)
            case .file: forms.file = (typed, errors)
            }
            return forms
        }
    }

    /// A form to add something, folded under its title until it is opened (or comes back with
    /// errors), so that the page shows the record first.
    static func addForm(_ title: String, _ model: FormModel, _ context: PageContext) -> Node<HTML.BodyContext> {
        .element(
            named: "details",
            nodes: [
                .class("add-form"), model.errors.isEmpty ? .empty : .attribute(named: "open", value: "open"),
                .element(named: "summary", nodes: [.class("button secondary"), .safe(title)]), FormView.render(model, context),
            ])
    }

    static let signedFileTypes = ".pdf,.docx,.jpg,.jpeg,.png,.webp"

    /// The agreements, each with its file (or a form to attach it) and a link to delete it.
    static func agreements(
        _ stored: StoredPartnership, _ agreements: [StoredAgreement], canEdit: Bool, forms: Forms, _ context: PageContext
    ) -> Node<HTML.BodyContext> {
        let l = context.language
        let f = context.format
        let items: [Node<HTML.ListContext>] = agreements.map { s in
            let a = s.agreement
            var facts = [TextKey.fieldSignedOn(l) + " " + f.date(a.signedOn)]
            if let until = a.validUntil { facts.append(TextKey.fieldValidUntil(l) + " " + f.date(until)) }
            if let renew = a.renewOn { facts.append(TextKey.fieldRenewOn(l) + " " + f.date(renew)) }
            let fileError = forms.file.0["agreement"] == String(s.id) ? forms.file.1["file"] : nil
            let fieldID = "field-file-\(s.id)"
            let upload: Node<HTML.BodyContext> =
                canEdit && s.files.isEmpty
                ? .form(
                    .method(.post), .action(SiteURL.partnershipAgreementFile(stored.id, s.id).path), .enctype(.multipartData),
                    .class("inline-upload"), Layout.csrfField(context),
                    .div(
                        .class(fileError == nil ? "field" : "field has-error"),
                        .label(.attr("for", fieldID), .safe(TextKey.agreementUploadFile(l))),
                        fileError.map { .p(.class("error"), .attr("id", fieldID + "-error"), .safe($0.text(l))) } ?? .empty,
                        FormView.input(
                            [("type", "file"), ("id", fieldID), ("name", "file"), ("accept", signedFileTypes)]
                                + (fileError == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", fieldID + "-error")])),
                        .button(.type(.submit), .class("button secondary"), .safe(TextKey.attachmentUpload(l)))))
                : .empty
            return .li(
                .id("agreement-\(s.id)"),
                .strong(.safe(a.title)), .span(.class("tag"), .safe(a.kind.label(l))),
                .p(.class("muted"), .safe(facts.joined(separator: " · "))),
                a.notes.map { .p(.safe($0)) } ?? .empty,
                s.files.isEmpty
                    ? .p(.class("muted"), .safe(TextKey.agreementNoFile(l))) : AttachmentView.list(s.files, context, deletable: canEdit),
                upload,
                canEdit
                    ? .p(
                        .class("row-actions"),
                        .link(SiteURL.partnershipAgreementEdit(stored.id, s.id).path, TextKey.agreementEdit(l)),
                        .link(SiteURL.partnershipAgreementDelete(stored.id, s.id).path, TextKey.agreementDelete(l), .class("danger-link")))
                    : .empty)
        }
        let form = FormModel(
            title: TextKey.partnershipAddAgreement(l), action: SiteURL.partnershipAgreements(stored.id).path,
            fields: agreementFields(l)
                + [FormField(name: "file", label: .fieldSignedFile, kind: .file(accept: signedFileTypes), hint: .hintSignedFile)],
            values: forms.agreement.0.isEmpty ? ["kind": AgreementKind.memorandum.rawValue] : forms.agreement.0,
            errors: forms.agreement.1, cancelHref: SiteURL.partnership(stored.id).path)
        return .section(
            .id("agreements"), .h2(.safe(TextKey.partnershipAgreements(l))),
            items.isEmpty ? .p(.class("muted"), .safe(TextKey.partnershipNoAgreements(l))) : .ul(.class("agreements"), .group(items)),
            canEdit ? addForm(TextKey.partnershipAddAgreement(l), form, context) : .empty)
    }

    static func page(
        _ stored: StoredPartnership, contributions: [StoredContribution], agreements: [StoredAgreement],
        interactions: [StoredInteraction], canEdit: Bool, forms: Forms, history: [AuditEntry]? = nil, _ context: PageContext
    ) -> HTML {
        let contribution = forms.contribution
        let interaction = forms.interaction
        let l = context.language
        let f = context.format
        let p = stored.partnership
        func row(_ label: TextKey, _ value: Node<HTML.BodyContext>) -> Node<HTML.DescriptionListContext> {
            .group(.dt(.safe(label(l))), .dd(value))
        }
        var details: [Node<HTML.DescriptionListContext>] = [
            row(.partner, .link(SiteURL.record(.partners, String(p.partnerID)).path, stored.partnerName)),
            row(.libraries, .safe(stored.libraries.map(\.name).joined(separator: "; "))),
            row(.partnershipStatusLabel, .safe(p.status.label(l))),
        ]
        if !stored.designs.isEmpty {
            details.append(
                row(
                    .fieldPartnershipDesign,
                    .group(stored.designs.map { d in .span(.link(SiteURL.service(d.id).path, d.title), .text(" ")) })))
        }
        if !p.roles.isEmpty { details.append(row(.fieldPartnershipRoles, .safe(p.roles.map { $0.label(l) }.joined(separator: ", ")))) }
        let span = period(p.startsOn, p.endsOn, f)
        if !span.isEmpty { details.append(row(.fieldPeriod, .safe(span))) }
        if let c = p.libraryContact { details.append(row(.fieldLibraryContact, .safe(c))) }
        if let c = p.partnerContact { details.append(row(.fieldPartnerContact, .safe(c))) }
        if let n = p.notes { details.append(row(.fieldNotes, .safe(n))) }

        let contributionRows: [Node<HTML.TableContext>] = contributions.map { s in
            let c = s.contribution
            return .tr(
                .td(.class("date"), .attr("data-label", TextKey.fieldReceivedOn(l)), .safe(f.date(c.receivedOn))),
                .td(
                    .attr("data-label", TextKey.partnershipWhat(l)),
                    .safe(c.amount.map { TextKey.partnershipCash(l) + ": " + f.moneyWithEquivalent($0) } ?? c.what(f, estimate: false))),
                .td(.class("number"), .attr("data-label", TextKey.fieldEstimatedValue(l)), .safe(c.estimatedValue.map(f.money) ?? "—")),
                .td(
                    .attr("data-label", TextKey.fieldPartnershipDesign(l)),
                    .safe(s.designTitle ?? (s.contribution.designID == nil ? TextKey.partnershipGeneral(l) : "—"))),
                canEdit
                    ? .td(
                        .class("row-actions"),
                        .link(
                            SiteURL.partnershipContributionEdit(stored.id, s.id).path, TextKey.contributionEdit(l),
                            .attr("aria-label", TextKey.contributionEdit(l) + ": " + f.date(c.receivedOn) + " " + c.what(f))),
                        .link(
                            SiteURL.partnershipContributionDelete(stored.id, s.id).path, TextKey.contributionDelete(l),
                            .class("danger-link"),
                            .attr("aria-label", TextKey.contributionDelete(l) + ": " + f.date(c.receivedOn) + " " + c.what(f))))
                    : .empty)
        }
        let timeline: [Node<HTML.ListContext>] = interactions.map { s in
            let i = s.interaction
            return .li(
                .strong(.safe(f.date(i.on) + " · " + i.kind.label(l))), s.by.map { .span(.class("muted"), .safe(" · " + $0)) } ?? .empty,
                .p(.safe(i.note)),
                i.followUpOn.map { .p(.class("muted"), .safe(TextKey.fieldFollowUpOn(l) + ": " + f.date($0))) } ?? .empty,
                canEdit
                    ? .p(
                        .class("row-actions"),
                        .link(SiteURL.partnershipInteractionEdit(stored.id, s.id).path, TextKey.interactionEdit(l)),
                        .link(
                            SiteURL.partnershipInteractionDelete(stored.id, s.id).path, TextKey.interactionDelete(l), .class("danger-link"))
                    )
                    : .empty)
        }
        let contributionForm = FormModel(
            title: TextKey.partnershipAddContribution(l), action: SiteURL.partnershipContributions(stored.id).path,
            fields: contributionFields(stored, f),
            values: contribution.0.isEmpty ? ["currency": Currency.BGN.rawValue] : contribution.0, errors: contribution.1,
            cancelHref: SiteURL.partnership(stored.id).path)
        let interactionForm = FormModel(
            title: TextKey.partnershipAddInteraction(l), action: SiteURL.partnershipInteractions(stored.id).path,
            fields: interactionFields(l),
            values: interaction.0.isEmpty ? ["kind": InteractionKind.meeting.rawValue] : interaction.0, errors: interaction.1,
            cancelHref: SiteURL.partnership(stored.id).path)
        let title = stored.partnerName
        return Layout.page(
            context, title: "\(TextKey.partnershipsTitle(l)) · \(title)",
            breadcrumbs: [(SiteURL.partnerships.path, TextKey.partnershipsTitle(l))],
            body: [
                .h1(.safe(title)),
                canEdit
                    ? .div(.class("record-actions"), .link(SiteURL.editPartnership(stored.id).path, TextKey.edit(l), .class("button")))
                    : .empty,
                .dl(.class("details"), .group(details)),
                Self.agreements(stored, agreements, canEdit: canEdit, forms: forms, context),
                .section(
                    .id("contributions"), .h2(.safe(TextKey.partnershipContributions(l))),
                    contributionRows.isEmpty
                        ? .p(.class("muted"), .safe(TextKey.partnershipNoContributions(l)))
                        : .div(
                            .class("table-wrap"),
                            .table(
                                .class("stack"),
                                .thead(
                                    .tr(
                                        .th(.attr("scope", "col"), .safe(TextKey.fieldReceivedOn(l))),
                                        .th(.attr("scope", "col"), .safe(TextKey.partnershipWhat(l))),
                                        .th(.attr("scope", "col"), .safe(TextKey.fieldEstimatedValue(l))),
                                        .th(.attr("scope", "col"), .safe(TextKey.fieldPartnershipDesign(l))),
                                        canEdit
                                            ? .th(.attr("scope", "col"), .span(.class("visually-hidden"), .safe(TextKey.columnActions(l))))
                                            : .empty)),
                                .tbody(.group(contributionRows)))),
                    canEdit ? addForm(TextKey.partnershipAddContribution(l), contributionForm, context) : .empty
                ),
                .section(
                    .id("interactions"), .h2(.safe(TextKey.partnershipInteractions(l))),
                    timeline.isEmpty
                        ? .p(.class("muted"), .safe(TextKey.partnershipNoInteractions(l))) : .ul(.class("timeline"), .group(timeline)),
                    canEdit ? addForm(TextKey.partnershipAddInteraction(l), interactionForm, context) : .empty),
                history.map { RegistryRecordView.history(entries: $0, context) } ?? .empty,
            ])
    }

    /// A contribution's fields, for adding one and changing one; money may go to one of the
    /// partnership's designs.
    static func contributionFields(_ stored: StoredPartnership, _ f: Formatting) -> [FormField] {
        [
            FormField(name: "received_on", label: .fieldReceivedOn, kind: .date, required: true),
            FormField(name: "amount", label: .fieldContributionAmount, kind: .decimal, hint: .hintContributionAmount),
            FormField(name: "in_kind", label: .fieldInKind, kind: .text),
            FormField(name: "estimated_value", label: .fieldEstimatedValue, kind: .decimal),
            FormField(name: "volunteer_hours", label: .fieldVolunteerHours, kind: .decimal, hint: .hintVolunteerHours),
            FormField(
                name: "currency", label: .fieldCurrency,
                kind: .select(Currency.allCases.map { FormOption(value: $0.rawValue, label: f.currencySign($0)) }), required: true),
            FormField(
                name: "design", label: .fieldPartnershipDesign,
                kind: .select(stored.designs.map { FormOption(value: String($0.id), label: $0.title) }), hint: .hintContributionDesign),
        ]
    }

    /// An agreement's fields, for adding one (with its signed file) and changing one.
    static func agreementFields(_ l: Language) -> [FormField] {
        [
            FormField(name: "kind", label: .fieldAgreementKind, kind: .select(.choices(AgreementKind.self, l)), required: true),
            FormField(name: "title", label: .fieldAgreementTitle, kind: .text, required: true),
            FormField(name: "signed_on", label: .fieldSignedOn, kind: .date, required: true),
            FormField(name: "valid_until", label: .fieldValidUntil, kind: .date),
            FormField(name: "renew_on", label: .fieldRenewOn, kind: .date, hint: .hintRenewOn),
            FormField(name: "notes", label: .fieldNotes, kind: .textarea),
        ]
    }

    /// A contact's fields, for adding one and changing one.
    static func interactionFields(_ l: Language) -> [FormField] {
        [
            FormField(name: "on", label: .fieldInteractionOn, kind: .date, required: true),
            FormField(name: "kind", label: .fieldInteractionKind, kind: .select(.choices(InteractionKind.self, l)), required: true),
            FormField(name: "note", label: .fieldInteractionNote, kind: .textarea, required: true),
            FormField(name: "follow_up_on", label: .fieldFollowUpOn, kind: .date),
        ]
    }

    /// Changing one agreement, contribution or contact of the partnership, on a page of its own; the version
    /// it was read at goes with the form, and cancelling goes back to its section.
    static func editPart(
        _ stored: StoredPartnership, title: String, fields: [FormField], action: String, section: Forms.Name, values: FormInput,
        errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let model = FormModel(
            title: title, action: action, fields: fields, values: values, errors: errors,
            cancelHref: SiteURL.partnership(stored.id).path + "#" + section.anchor,
            hidden: [FormHidden(name: "version", value: values["version"] ?? "")])
        return Layout.page(
            context, title: title + " · " + stored.partnerName,
            breadcrumbs: [
                (SiteURL.partnerships.path, TextKey.partnershipsTitle(l)), (SiteURL.partnership(stored.id).path, stored.partnerName),
            ],
            body: [.h1(.safe(title)), .p(.class("muted"), .safe(stored.partnerName)), FormView.render(model, context)])
    }

    // MARK: The form

    static func form(
        id: Int64?, partners: [FormOption], partnersNarrowed: Bool = false, libraries: [FormOption], designs: [FormOption],
        values: FormInput, errors: FieldErrors, _ context: PageContext
    ) -> HTML {
        let l = context.language
        let title = id == nil ? TextKey.partnershipNew(l) : TextKey.partnershipEdit(l)
        let partner = FormField(name: "partner", label: .partner, kind: .select(partners), required: true)
        // Labels for the error summary; the rows themselves are drawn below.
        let firstLibrary = FormField(name: "library-0-id", label: .library, kind: .select(libraries), required: true)
        let firstDesign = FormField(name: "design-0-id", label: .fieldPartnershipDesign, kind: .select(designs))
        let rest = [
            FormField(name: "role", label: .fieldPartnershipRoles, kind: .checkboxes(.choices(PartnershipRole.self, l))),
            FormField(
                name: "status", label: .partnershipStatusLabel, kind: .select(.choices(PartnershipStatus.self, l)), required: true),
            FormField(name: "starts_on", label: .fieldStart, kind: .date),
            FormField(name: "ends_on", label: .fieldEnd, kind: .date),
            FormField(name: "library_contact", label: .fieldLibraryContact, kind: .text),
            FormField(name: "partner_contact", label: .fieldPartnerContact, kind: .text),
            FormField(name: "notes", label: .fieldNotes, kind: .textarea),
        ]
        let model = FormModel(
            title: title, action: id.map { SiteURL.partnership($0).path } ?? SiteURL.partnerships.path,
            fields: [partner, firstLibrary, firstDesign] + rest, values: values, errors: errors,
            cancelHref: id.map { SiteURL.partnership($0).path } ?? SiteURL.partnerships.path,
            hidden: id == nil ? [] : [FormHidden(name: "version", value: values["version"] ?? "")])
        let form: Node<HTML.BodyContext> = .form(
            .method(.post), .action(model.action), .attribute(named: "novalidate"), .class("record-form"),
            Layout.csrfField(context),
            .group(model.hidden.map { .input(.type(.hidden), .name($0.name), .value($0.value)) }),
            // Enter in a text field saves, rather than adding a row.
            DesignFormView.defaultSave(l),
            FormView.errorSummary(model, l),
            FormView.field(model, partner, l),
            partnersNarrowed ? DesignFormView.partnerSearch(model, l, hint: .hintFindPartnerLibraries) : .empty,
            DesignFormView.rows("library", model, l, legend: .library, firstRequired: true) { i in
                [FormView.field(model, FormField(name: "library-\(i)-id", label: .library, kind: .select(libraries), required: i == 0), l)]
            },
            DesignFormView.rows("design", model, l, legend: .fieldPartnershipDesign) { i in
                [FormView.field(model, FormField(name: "design-\(i)-id", label: .fieldPartnershipDesign, kind: .select(designs)), l)]
            },
            .group(rest.map { FormView.field(model, $0, l) }),
            .div(
                .class("actions"),
                .button(.type(.submit), .class("button"), .safe(TextKey.save(l))),
                .link(model.cancelHref, TextKey.cancel(l), .class("button secondary"))))
        return Layout.page(
            context, title: title, breadcrumbs: [(SiteURL.partnerships.path, TextKey.partnershipsTitle(l))],
            body: [.h1(.safe(title)), form])
    }
}
