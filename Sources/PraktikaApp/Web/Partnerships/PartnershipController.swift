import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// The partnership pages: the list with what is due, one partnership with its contributions and
/// contacts, and their forms. Thin: `PartnershipService` decides.
struct PartnershipController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.partnerships, use: index)
        routes.get(.partnershipNetwork, use: network)
        routes.get(.partnershipsCSV, use: partnershipsCSV)
        routes.get(.partnershipContributionsCSV, use: contributionsCSV)
        routes.get(.newPartnership, use: new)
        routes.post(.partnerships, use: create)
        routes.get(.partnership(id), use: show)
        routes.get(.editPartnership(id), use: edit)
        routes.post(.partnership(id), use: update)
        routes.post(.partnershipContributions(id), use: addContribution)
        routes.post(.partnershipInteractions(id), use: addInteraction)
        routes.on(.POST, .partnershipAgreements(id), body: .collect(maxSize: AttachmentController.maxBody), use: addAgreement)
        routes.on(.POST, .partnershipAgreementFile(id, id), body: .collect(maxSize: AttachmentController.maxBody), use: attachFile)
        routes.get(.partnershipAgreementDelete(id, id), use: confirmDeleteAgreement)
        routes.post(.partnershipAgreementDelete(id, id), use: deleteAgreement)
        routes.get(.partnershipContributionDelete(id, id), use: confirmDeleteContribution)
        routes.post(.partnershipContributionDelete(id, id), use: deleteContribution)
        routes.get(.partnershipInteractionDelete(id, id), use: confirmDeleteInteraction)
        routes.post(.partnershipInteractionDelete(id, id), use: deleteInteraction)
        for (url, part) in [
            (SiteURL.partnershipAgreementEdit(id, id), Part.agreement), (.partnershipContributionEdit(id, id), .contribution),
            (.partnershipInteractionEdit(id, id), .interaction),
        ] {
            routes.get(url, use: { try await editPart($0, part) })
            routes.post(url, use: { try await updatePart($0, part) })
        }
    }

    /// Whose partnerships the actor reads (`PartnershipPolicy.readScope`); 401 or 403 for none.
    private func readScope(_ req: Request) throws -> PartnershipPolicy.ReadScope {
        guard let scope = PartnershipPolicy.readScope(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        return scope
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        let scope = try readScope(req)
        let store = PartnershipStore(db: req.sql)
        let rows: [PartnershipRow]
        var due: [(item: PartnershipAgenda.Item, partner: String)] = []
        switch scope {
        case .partner(let partner):
            rows = try await store.list(district: nil, partnerID: partner)
        case .all, .district:
            let district: String? = if case .district(let code) = scope { code } else { nil }
            rows = try await store.list(district: district)
            // What is due: a librarian's own library's; a coordinator's district; everything for an administrator.
            due = try await store.agenda(
                district: district, library: req.actor?.role == .librarian ? req.actor?.libraryID : nil, today: LocalDate(Date()))
        }
        let role = req.actor?.role
        return HTMLResponse.make(
            PartnershipView.list(
                rows, due: role == .partner ? nil : due, canCreate: PartnershipPolicy.mayCreate(req.actor),
                showNetwork: role == .admin || role == .coordinator,
                today: LocalDate(Date()), req.page))
    }

    /// The partnerships the person reads, as CSV.
    @Sendable func partnershipsCSV(_ req: Request) async throws -> Response {
        let (district, partner) = try readScope(req).filter
        let rows = try await PartnershipStore(db: req.sql).exportRows(district: district, partnerID: partner)
        return TextDownload.response(
            PartnershipExport.partnerships(rows, language: req.language), contentType: "text/csv; charset=utf-8",
            filename: "partnerships.csv")
    }

    /// Their contributions, as CSV.
    @Sendable func contributionsCSV(_ req: Request) async throws -> Response {
        let (district, partner) = try readScope(req).filter
        let rows = try await PartnershipStore(db: req.sql).exportContributions(district: district, partnerID: partner)
        return TextDownload.response(
            PartnershipExport.contributions(rows, language: req.language), contentType: "text/csv; charset=utf-8",
            filename: "partnership-contributions.csv")
    }

    /// The overview: a coordinator's district, or for an administrator the whole network or one
    /// district. Librarians have their own list; partners and visitors do not see it.
    @Sendable func network(_ req: Request) async throws -> Response {
        guard let actor = req.actor else { throw Abort(.unauthorized) }
        let district: String?
        switch actor.role {
        case .admin:
            district = req.query[String.self, at: "district"].flatMap { District.named($0)?.code }
        case .coordinator:
            guard let own = actor.districtCode else { throw Abort(.forbidden) }
            district = own
        case .librarian, .partner: throw Abort(.forbidden)
        }
        let (entries, contributions) = try await PartnershipStore(db: req.sql).network(district: district)
        let network = PartnershipNetwork(entries: entries, contributions: contributions, today: LocalDate(Date()))
        return HTMLResponse.make(
            PartnershipNetworkView.page(.init(network: network, district: district, mayChooseDistrict: actor.role == .admin), req.page))
    }

    @Sendable func new(_ req: Request) async throws -> Response {
        guard PartnershipPolicy.mayCreate(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        var values: FormInput = ["status": PartnershipStatus.active.rawValue]
        if let partner = req.query[String.self, at: "partner"] { values["partner"] = partner }
        if let library = req.actor?.libraryID { values["library-0-id"] = String(library) }
        return try await form(req, id: nil, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard PartnershipPolicy.mayCreate(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let input = formInput(req)
        // A row added, removed or moved: the form again, nothing saved.
        if let values = DesignForm.rowAction(input) {
            return try await form(req, id: nil, values: values, errors: FieldErrors(), status: .ok)
        }
        let (partnership, readErrors) = PartnershipForms.partnership(input)
        let outcome: PartnershipService.Outcome =
            readErrors.isEmpty ? try await PartnershipService(db: req.db, actor: req.actor).create(partnership) : .invalid(readErrors)
        switch outcome {
        case .saved(let id): return req.seeOther(SiteURL.partnership(id).path, flash: .flashPartnershipSaved)
        case .invalid(let errors): return try await form(req, id: nil, values: input, errors: errors, status: .unprocessableEntity)
        case .forbidden: throw Abort(.forbidden)
        case .conflict, .notFound: throw Abort(.notFound)
        }
    }

    private func load(_ req: Request) async throws -> StoredPartnership {
        _ = try readScope(req)
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self),
            let stored = try await PartnershipStore(db: req.sql).find(id),
            PartnershipPolicy.mayRead(req.actor, districts: stored.districts, partnerID: stored.partnership.partnerID)
        else { throw Abort(.notFound) }
        return stored
    }

    private func mayEdit(_ req: Request, _ stored: StoredPartnership) -> Bool {
        PartnershipPolicy.mayEdit(req.actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts)
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        try await page(req, try await load(req), forms: PartnershipView.Forms(), status: .ok)
    }

    private func page(_ req: Request, _ found: StoredPartnership, forms: PartnershipView.Forms, status: HTTPStatus) async throws
        -> Response
    {
        let store = PartnershipStore(db: req.sql)
        let stored = try await store.shown(found, to: req.actor)
        let canEdit = mayEdit(req, stored)
        // Who changed what: for those who change it (a partner's account reads the record, not its log).
        let history =
            canEdit
            ? try await AuditStore(db: req.sql).entries(
                entity: PartnershipService.auditEntity, entityID: String(stored.id), limit: 100, offset: 0
            ).0 : nil
        return HTMLResponse.make(
            PartnershipView.page(
                stored,
                contributions: try await store.contributions(of: stored), agreements: try await store.agreements(stored.id),
                interactions: try await store.interactions([stored.id]).map(\.stored), canEdit: canEdit, forms: forms,
                history: history, req.page),
            status: status)
    }

    @Sendable func edit(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard mayEdit(req, stored) else { throw Abort(.forbidden) }
        var values = PartnershipForms.input(stored.partnership)
        values["version"] = String(stored.version)
        return try await form(req, id: stored.id, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard mayEdit(req, stored) else { throw Abort(.forbidden) }
        let input = formInput(req)
        if let values = DesignForm.rowAction(input) {
            return try await form(req, id: stored.id, values: values, errors: FieldErrors(), status: .ok)
        }
        let (partnership, readErrors) = PartnershipForms.partnership(input)
        let version = Int64(input["version"] ?? "") ?? stored.version
        let outcome: PartnershipService.Outcome =
            readErrors.isEmpty
            ? try await PartnershipService(db: req.db, actor: req.actor).update(stored, partnership, expectedVersion: version)
            : .invalid(readErrors)
        switch outcome {
        case .saved(let id): return req.seeOther(SiteURL.partnership(id).path, flash: .flashPartnershipSaved)
        case .invalid(let errors): return try await form(req, id: stored.id, values: input, errors: errors, status: .unprocessableEntity)
        case .conflict:
            var errors = FieldErrors()
            errors.add("version", .conflictRecordChanged)
            var values = input
            values["version"] = String(try await PartnershipStore(db: req.sql).find(stored.id)?.version ?? stored.version)
            return try await form(req, id: stored.id, values: values, errors: errors, status: .conflict)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    @Sendable func addContribution(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let input = formInput(req)
        let (contribution, readErrors) = PartnershipForms.contribution(input)
        let outcome: PartnershipService.Outcome =
            readErrors.isEmpty
            ? try await PartnershipService(db: req.db, actor: req.actor).addContribution(stored, contribution) : .invalid(readErrors)
        return try await added(req, stored, outcome, typed: input, form: .contribution, flash: .flashContributionSaved)
    }

    @Sendable func addInteraction(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let input = formInput(req)
        let (interaction, readErrors) = PartnershipForms.interaction(input)
        let outcome: PartnershipService.Outcome =
            readErrors.isEmpty
            ? try await PartnershipService(db: req.db, actor: req.actor).addInteraction(stored, interaction) : .invalid(readErrors)
        return try await added(req, stored, outcome, typed: input, form: .interaction, flash: .flashInteractionSaved)
    }

    /// The uploaded file of a multipart form, if one was chosen (a browser sends an empty part
    /// with no name when none was).
    private func upload(_ req: Request) -> PartnershipService.Upload? {
        guard let file = try? req.content.get(File.self, at: "file"), !file.filename.isEmpty || file.data.readableBytes > 0 else {
            return nil
        }
        return PartnershipService.Upload(filename: file.filename, bytes: Array(file.data.readableBytesView))
    }

    @Sendable func addAgreement(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        var input = formInput(req)
        input["file"] = nil
        let (agreement, readErrors) = PartnershipForms.agreement(input)
        let file = upload(req)
        var outcome: PartnershipService.Outcome =
            readErrors.isEmpty
            ? try await PartnershipService(db: req.db, actor: req.actor).addAgreement(stored, agreement, file: file)
            : .invalid(readErrors)
        // A browser cannot be given a chosen file back: say so where it was chosen.
        if case .invalid(var errors) = outcome, file != nil, errors["file"] == nil {
            errors.add("file", .validationChooseFileAgain)
            outcome = .invalid(errors)
        }
        return try await added(req, stored, outcome, typed: input, form: .agreement, flash: .flashAgreementSaved)
    }

    /// The id of the agreement, contribution or contact the path names.
    private func subID(_ req: Request) throws -> Int64 {
        guard let id = req.parameters.get("sub", as: Int64.self) else { throw Abort(.notFound) }
        return id
    }

    @Sendable func attachFile(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let id = try subID(req)
        guard let file = upload(req) else {
            var errors = FieldErrors()
            errors.add("file", .validationRequired)
            return try await added(req, stored, .invalid(errors), typed: ["agreement": String(id)], form: .file, flash: .flashUploaded)
        }
        let outcome = try await PartnershipService(db: req.db, actor: req.actor).attachFile(stored, agreementID: id, file)
        return try await added(req, stored, outcome, typed: ["agreement": String(id)], form: .file, flash: .flashUploaded)
    }

    @Sendable func confirmDeleteAgreement(_ req: Request) async throws -> Response {
        try await confirmDelete(req, section: .agreement, action: SiteURL.partnershipAgreementDelete) { store, id in
            try await store.agreement(id).map { ($0.partnershipID, $0.agreement.title) }
        }
    }

    @Sendable func deleteAgreement(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await PartnershipService(db: req.db, actor: req.actor).deleteAgreement(stored, agreementID: try subID(req))
        return try await added(req, stored, outcome, typed: [:], form: .agreement, flash: .flashAgreementDeleted)
    }

    @Sendable func confirmDeleteContribution(_ req: Request) async throws -> Response {
        let f = req.page.format
        return try await confirmDelete(req, section: .contribution, action: SiteURL.partnershipContributionDelete) { store, id in
            try await store.contribution(id).map {
                ($0.partnershipID, f.date($0.contribution.receivedOn) + " · " + $0.contribution.what(f))
            }
        }
    }

    @Sendable func deleteContribution(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await PartnershipService(db: req.db, actor: req.actor).deleteContribution(
            stored, contributionID: try subID(req))
        return try await added(req, stored, outcome, typed: [:], form: .contribution, flash: .flashContributionDeleted)
    }

    @Sendable func confirmDeleteInteraction(_ req: Request) async throws -> Response {
        let f = req.page.format
        return try await confirmDelete(req, section: .interaction, action: SiteURL.partnershipInteractionDelete) { store, id in
            try await store.interaction(id).map { found in
                let i = found.interaction
                return (found.partnershipID, f.date(i.on) + " · " + i.kind.label(f.language) + ": " + i.note)
            }
        }
    }

    @Sendable func deleteInteraction(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await PartnershipService(db: req.db, actor: req.actor).deleteInteraction(
            stored, interactionID: try subID(req))
        return try await added(req, stored, outcome, typed: [:], form: .interaction, flash: .flashInteractionDeleted)
    }

    // MARK: Changing an agreement, a contribution or a contact

    /// The partnership, if the actor may change it, and the id of the row the path names.
    private func loadForChange(_ req: Request) async throws -> (StoredPartnership, Int64) {
        let stored = try await load(req)
        guard mayEdit(req, stored) else { throw Abort(.forbidden) }
        return (stored, try subID(req))
    }

    /// One kind of a partnership's rows as its edit page handles it.
    struct Part: Sendable {
        let section: PartnershipView.Forms.Name
        let title: TextKey
        let flash: TextKey
        let url: @Sendable (Int64, Int64) -> SiteURL
        let fields: @Sendable (StoredPartnership, Formatting) -> [FormField]
        /// The row as its form shows it, with its partnership and version; nil if there is none.
        let find: @Sendable (PartnershipStore, Int64, Language) async throws -> (partnershipID: Int64, values: FormInput, version: Int64)?
        /// Reads the form and has the service save it against the version it carried.
        let save: @Sendable (PartnershipService, StoredPartnership, Int64, FormInput, Int64?) async throws -> PartnershipService.Outcome

        static let agreement = Part(
            section: .agreement, title: .agreementEditTitle, flash: .flashAgreementChanged, url: SiteURL.partnershipAgreementEdit,
            fields: { PartnershipView.agreementFields($1.language) },
            find: { store, id, _ in
                try await store.agreement(id).map { ($0.partnershipID, PartnershipForms.input($0.agreement), $0.version) }
            },
            save: { service, stored, id, input, version in
                let (a, errors) = PartnershipForms.agreement(input)
                guard errors.isEmpty else { return .invalid(errors) }
                return try await service.updateAgreement(stored, agreementID: id, a, expectedVersion: version)
            })

        static let contribution = Part(
            section: .contribution, title: .contributionEditTitle, flash: .flashContributionChanged,
            url: SiteURL.partnershipContributionEdit, fields: PartnershipView.contributionFields,
            find: { store, id, language in
                try await store.contribution(id).map { ($0.partnershipID, PartnershipForms.input($0.contribution, language), $0.version) }
            },
            save: { service, stored, id, input, version in
                let (c, errors) = PartnershipForms.contribution(input)
                guard errors.isEmpty else { return .invalid(errors) }
                return try await service.updateContribution(stored, contributionID: id, c, expectedVersion: version)
            })

        static let interaction = Part(
            section: .interaction, title: .interactionEditTitle, flash: .flashInteractionChanged,
            url: SiteURL.partnershipInteractionEdit, fields: { PartnershipView.interactionFields($1.language) },
            find: { store, id, _ in
                try await store.interaction(id).map { ($0.partnershipID, PartnershipForms.input($0.interaction), $0.version) }
            },
            save: { service, stored, id, input, version in
                let (i, errors) = PartnershipForms.interaction(input)
                guard errors.isEmpty else { return .invalid(errors) }
                return try await service.updateInteraction(stored, interactionID: id, i, expectedVersion: version)
            })
    }

    /// The edit form of a row of the partnership, as it is stored; 404 for one of another partnership.
    private func editPart(_ req: Request, _ part: Part) async throws -> Response {
        let (stored, id) = try await loadForChange(req)
        guard let found = try await part.find(PartnershipStore(db: req.sql), id, req.language), found.partnershipID == stored.id else {
            throw Abort(.notFound)
        }
        var values = found.values
        values["version"] = String(found.version)
        return try await partForm(req, part, stored, id, values: values, errors: FieldErrors(), status: .ok)
    }

    /// Saves a row's form: back to its section; or the form again with what was typed and what was
    /// wrong (someone else's change in between is said at the top, the form then carrying the
    /// version now stored, so that saving again replaces it).
    private func updatePart(_ req: Request, _ part: Part) async throws -> Response {
        let (stored, id) = try await loadForChange(req)
        var values = formInput(req)
        let service = PartnershipService(db: req.db, actor: req.actor)
        switch try await part.save(service, stored, id, values, Int64(values["version"] ?? "")) {
        case .saved: return req.seeOther(SiteURL.partnership(stored.id).path + "#" + part.section.anchor, flash: part.flash)
        case .invalid(let errors):
            return try await partForm(req, part, stored, id, values: values, errors: errors, status: .unprocessableEntity)
        case .conflict:
            var errors = FieldErrors()
            errors.add("version", .conflictRecordChanged)
            values["version"] = String(try await part.find(PartnershipStore(db: req.sql), id, req.language)?.version ?? 0)
            return try await partForm(req, part, stored, id, values: values, errors: errors, status: .conflict)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The form page. A design the reader may not read is offered by its number, not its title
    /// (leaving it out would unlink a contribution from it on saving).
    private func partForm(
        _ req: Request, _ part: Part, _ stored: StoredPartnership, _ id: Int64, values: FormInput, errors: FieldErrors,
        status: HTTPStatus
    ) async throws -> Response {
        let readable = Set(try await PartnershipStore(db: req.sql).shown(stored, to: req.actor).designs.map(\.id))
        var offered = stored
        offered.designs = stored.designs.map { readable.contains($0.id) ? $0 : ($0.id, "№ \($0.id)") }
        return HTMLResponse.make(
            PartnershipView.editPart(
                stored, title: part.title(req.language), fields: part.fields(offered, req.page.format),
                action: part.url(stored.id, id).path, section: part.section, values: values, errors: errors, req.page),
            status: status)
    }

    /// Asks before deleting an agreement, a contribution or a contact of the partnership, named as
    /// `describe` finds it (with the partnership it belongs to); 404 for one of another partnership.
    private func confirmDelete(
        _ req: Request, section: PartnershipView.Forms.Name, action: (Int64, Int64) -> SiteURL,
        describe: (PartnershipStore, Int64) async throws -> (partnershipID: Int64, name: String)?
    ) async throws -> Response {
        let stored = try await load(req)
        guard mayEdit(req, stored) else { throw Abort(.forbidden) }
        let id = try subID(req)
        guard let found = try await describe(PartnershipStore(db: req.sql), id), found.partnershipID == stored.id else {
            throw Abort(.notFound)
        }
        return HTMLResponse.make(
            ConfirmDeletePage.render(
                name: found.name, action: action(stored.id, id).path, cancel: SiteURL.partnership(stored.id).path + "#" + section.anchor,
                breadcrumbs: [
                    (SiteURL.partnerships.path, TextKey.partnershipsTitle(req.language)),
                    (SiteURL.partnership(stored.id).path, stored.partnerName),
                ], req.page))
    }

    /// After adding to a partnership (a contribution, a contact, an agreement or its file): back
    /// to its section, or the page again with the form that was wrong showing what was typed and why.
    private func added(
        _ req: Request, _ stored: StoredPartnership, _ outcome: PartnershipService.Outcome, typed: FormInput,
        form: PartnershipView.Forms.Name, flash: TextKey
    ) async throws -> Response {
        switch outcome {
        case .saved:
            return req.seeOther(SiteURL.partnership(stored.id).path + "#" + form.anchor, flash: flash)
        case .invalid(let errors):
            guard mayEdit(req, stored) else { throw Abort(.forbidden) }
            return try await page(req, stored, forms: .one(form, typed, errors), status: .unprocessableEntity)
        case .forbidden: throw Abort(.forbidden)
        case .conflict, .notFound: throw Abort(.notFound)
        }
    }

    private func formInput(_ req: Request) -> FormInput {
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        return input
    }

    /// The new or edit form, with the libraries the actor may record partnerships for, the
    /// registry's partners, and the designs of those libraries.
    private func form(_ req: Request, id: Int64?, values: FormInput, errors given: FieldErrors, status: HTTPStatus) async throws
        -> Response
    {
        // The record's problems with its libraries and designs are told at their first row.
        var errors = FieldErrors()
        for name in given.order {
            if let error = given[name] { errors.add(PartnershipForms.field(name), error.key, error.values) }
        }
        let lookups = RegistryLookups(db: req.sql)
        let libraries = try await lookups.choices(.libraries, districts: nil).filter { c in
            PartnershipPolicy.mayEdit(req.actor, libraries: [c.id], districts: c.districtCode.map { [$0] } ?? [])
        }
        // A large registry is offered by district (the person's and the chosen libraries'), with a
        // search that adds others, as in a design's partners block.
        var districts = Set([req.actor?.districtCode].compactMap { $0 })
        let chosenLibraries = Set(
            (0..<DesignForm.rowCount(values, "library")).compactMap { values["library-\($0)-id"].flatMap { Int64($0) } })
        districts.formUnion(libraries.filter { chosenLibraries.contains($0.id) }.compactMap(\.districtCode))
        var choices = DesignFormOptions(libraries: [])
        try await choices.loadPartners(
            req.sql, req.language, near: districts, keeping: [values["partner"].flatMap { Int64($0) }].compactMap { $0 },
            search: values["partner_search"] ?? "")
        let partners = choices.partners
        let libraryIDs = libraries.map(\.id)
        let designs =
            libraryIDs.isEmpty
            ? []
            : try await req.sql.raw(
                """
                SELECT DISTINCT d.id, d.title FROM service_designs d JOIN design_libraries dl ON dl.design_id = d.id \
                WHERE dl.library_id IN (\(binds: libraryIDs)) ORDER BY d.title LIMIT 500
                """
            ).all().map {
                FormOption(
                    value: String(try $0.decode(column: "id", as: Int64.self)), label: try $0.decode(column: "title", as: String.self))
            }
        return HTMLResponse.make(
            PartnershipView.form(
                id: id, partners: partners, partnersNarrowed: choices.partnersNarrowed,
                libraries: RegistryLookups.options(libraries, req.language),
                designs: designs, values: values, errors: errors, req.page),
            status: status)
    }
}
