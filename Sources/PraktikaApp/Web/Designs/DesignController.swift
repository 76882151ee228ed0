import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// The pages of service designs: list, new, the chart, one form per block, history, delete.
struct DesignController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.services, use: index)
        routes.get(.newService, use: new)
        routes.post(.services, use: create)
        routes.get(.service(id), use: show)
        routes.get(.serviceBlock(id, .basics), use: editBlock)
        routes.post(.serviceBlock(id, .basics), use: saveBlock)
        routes.get(.serviceHistory(id), use: history)
        routes.get(.serviceCompare(id), use: compare)
        routes.get(.serviceRestore(id, 0), use: restoreQuestion)
        routes.post(.serviceRestore(id, 0), use: restore)
        routes.get(.practices, use: practices)
        routes.get(.publishService(id), use: publishForm)
        routes.post(.publishService(id), use: publish)
        routes.post(.unpublishService(id), use: unpublish)
        routes.get(.adoptService(id), use: adoptForm)
        routes.post(.adoptService(id), use: adopt)
        routes.get(.servicePrint(id), use: printable)
        routes.get(.serviceSVG(id), use: svg)
        routes.get(.serviceDocx(id), use: docx)
        routes.get(.serviceLeafletDocx(id), use: leafletDocx)
        routes.get(.serviceLeaflet(id), use: leaflet)
        routes.get(.serviceLeafletEdit(id), use: editLeaflet)
        routes.post(.serviceLeaflet(id), use: saveLeaflet)
        routes.get(.serviceDelete(id), use: confirmDelete)
        routes.post(.serviceDelete(id), use: delete)
    }

    // MARK: List

    @Sendable func index(_ req: Request) async throws -> Response {
        try await list(req, practicesOnly: false)
    }

    /// The catalogue of good practices: the same list, search and facets over published designs.
    @Sendable func practices(_ req: Request) async throws -> Response {
        try await list(req, practicesOnly: true)
    }

    private func list(_ req: Request, practicesOnly: Bool) async throws -> Response {
        let context = req.page
        var query = ListQuery(req)
        query.practicesOnly = practicesOnly
        let found = try await req.timed("search") {
            try await DesignListQuery.find(req.sql, query, context.actor, cache: req.application.searchCache)
        }
        var model = DesignListModel(
            base: practicesOnly ? .practices : .services, total: found.total, query: query,
            canCreate: Policy.mayCreateDesigns(context.actor))
        model.facets = found.facets.map { ($0.facet, $0.values) }
        model.capped = found.capped
        // The facets (about a hundred links) are rendered while the listed rows are read and
        // their snippets cut.
        let counted = model
        async let facets = DesignListView.renderedFacets(counted, context)
        model.rows = try await req.timed("rows") { try await DesignListQuery.listRows(req.sql, found.ids, snippetsMatching: found.keys) }
        if let q = query.q, found.total == 0 {
            model.suggestion = try await SearchIndex(db: req.sql).suggestion(for: q, analyzer: SearchSettings.analyzer)
            if practicesOnly {
                var everyDesign = query
                everyDesign.practicesOnly = false
                everyDesign.page = 1
                let everywhere = try await DesignListQuery.find(req.sql, everyDesign, context.actor, facets: false)
                (model.elsewhere, model.elsewhereCapped) = (everywhere.total, everywhere.capped)
            }
        }
        let waited = ContinuousClock.now
        let renderedFacets = await facets
        req.record("facets", since: waited)
        return await req.timed("render") { HTMLResponse.make(DesignListView.render(model, facets: renderedFacets, context)) }
    }

    // MARK: New

    @Sendable func new(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.mayCreateDesigns(context.actor) else { throw Abort(context.actor == nil ? .unauthorized : .forbidden) }
        var values: FormInput = [:]
        if let library = context.actor?.libraryID { values["library-0-id"] = String(library) }
        return try await newForm(req, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.mayCreateDesigns(context.actor) else { throw Abort(context.actor == nil ? .unauthorized : .forbidden) }
        let typed = try formInput(req)
        if let values = DesignForm.rowAction(typed) { return try await newForm(req, values: values, errors: FieldErrors(), status: .ok) }
        var input = DesignForm.normalized(typed)
        // A new design starts as an idea with the visibility its target group calls for.
        let category = TargetGroupCategory(rawValue: input["target_category"] ?? "") ?? .other
        input["status"] = DesignStatus.idea.rawValue
        input["visibility"] = ServiceDesign.defaultVisibility(for: category).rawValue
        var errors = FieldErrors()
        var design = ServiceDesign(title: "", libraryIDs: [], targetGroup: TargetGroup(category: category))
        for block in [DesignBlock.basics, .target] {
            let (read, blockErrors) = DesignForm.apply(input, block, to: design)
            design = read
            errors.merge(blockErrors)
        }
        let service = DesignService(db: req.db, actor: context.actor, language: context.language)
        switch try await service.create(design, earlier: errors) {
        case .saved(let id, _, _): return req.seeOther(SiteURL.service(id).path, flash: .flashCreated)
        case .invalid(_, let errors): return try await newForm(req, values: input, errors: errors, status: .unprocessableEntity)
        case .forbidden: throw Abort(.forbidden)
        default: throw Abort(.internalServerError)
        }
    }

    // MARK: The chart

    @Sendable func show(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        var model = try await chartModel(req, stored)
        // A practice's readers look for other practices; a design's, for anything like it.
        model.similar = try await DesignListQuery.similar(req.sql, to: stored, req.actor, practicesOnly: stored.design.practice != nil)
        if stored.design.practice != nil {
            model.adoptions = try await DesignStore(db: req.sql).adoptions(of: stored.id)
            for copy in try await DesignStore(db: req.sql).adoptedCopies(of: stored.id)
            where Policy.allows(req.actor, .view, design: copy.scope) {
                let names = try await DesignStore(db: req.sql).libraryNames(copy.design.libraryIDs)
                model.adopters.append((copy.id, copy.design.libraryIDs.compactMap { names[$0] }.joined(separator: ", "), copy.design))
            }
            model.mayAdopt = Policy.mayCreateDesigns(req.actor)
            let outcomes = OutcomeStore(db: req.sql)
            let own = (id: stored.id, libraries: model.libraries.map(\.name).joined(separator: ", "))
            for (id, libraries) in [own] + model.adopters.map({ ($0.id, $0.libraries) }) {
                guard let survey = try await outcomes.survey(id, .immediate) else { continue }
                let answers = try await outcomes.counts(survey.id).total
                if answers > 0 {
                    model.evidence.append(
                        OutcomeEvidence(
                            designID: id, libraries: libraries, answers: answers, tallies: try await outcomes.tallies(survey.id)))
                }
            }
        }
        if let original = stored.design.adoptedFrom, let source = try await DesignStore(db: req.sql).find(original),
            Policy.allows(req.actor, .view, design: source.scope)
        {
            model.adoptedFromTitle = source.design.title
        }
        model.attachments = try await AttachmentStore(db: req.sql).list(.design(stored.id))
        if PartnershipPolicy.mayRead(req.actor, districts: stored.districtCodes) {
            let given = try await PartnershipStore(db: req.sql).contributions(design: stored.id)
            if !given.isEmpty {
                let totals = stored.design.totals
                model.partnerFunding = PartnerFunding(budget: totals.total(in: totals.mainCurrency), contributions: given)
            }
        }
        if let origin = try await MeetingStore(db: req.sql).origin(ofDesign: stored.id) {
            model.meetingOrigin = (origin.meetingID, origin.title, origin.number)
        }
        if stored.design.presentedAt != nil {
            model.presentedAtMeetingID = try await MeetingStore(db: req.sql).meeting(presentingDesign: stored.id)
        }
        return HTMLResponse.make(DesignChartView.render(model, req.page))
    }

    // MARK: Good practice

    @Sendable func publishForm(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        try requireUpdate(req, stored)
        return HTMLResponse.make(
            PracticeFormView.publish(id: stored.id, title: stored.design.title, values: [:], errors: FieldErrors(), req.page))
    }

    @Sendable func publish(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let input = try formInput(req)
        let reader = FormReader(input)
        let service = DesignService(db: req.db, actor: req.actor, language: req.language)
        switch try await service.publish(stored.id, story: (reader.text("what_worked"), reader.text("what_did_not"))) {
        case .saved(let id, _, _): return req.seeOther(SiteURL.service(id).path, flash: .flashPublished)
        case .invalid(_, let errors):
            return HTMLResponse.make(
                PracticeFormView.publish(id: stored.id, title: stored.design.title, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.notFound)
        }
    }

    @Sendable func unpublish(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        switch try await DesignService(db: req.db, actor: req.actor, language: req.language).publish(stored.id, story: nil) {
        case .saved(let id, _, _): return req.seeOther(SiteURL.service(id).path, flash: .flashUnpublished)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.notFound)
        }
    }

    @Sendable func adoptForm(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard Policy.mayCreateDesigns(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let options = try await DesignFormOptions.load(req.sql, req.actor, req.language, keeping: [])
        let values: FormInput = req.actor?.libraryID.map { ["library_id": String($0)] } ?? [:]
        return HTMLResponse.make(
            PracticeFormView.adopt(
                id: stored.id, title: stored.design.title, libraries: options.libraries, values: values, errors: FieldErrors(), req.page))
    }

    @Sendable func adopt(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard Policy.mayCreateDesigns(req.actor) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        let input = try formInput(req)
        var reader = FormReader(input)
        let library = reader.identifier("library_id")
        switch try await DesignService(db: req.db, actor: req.actor, language: req.language).adopt(stored.id, libraryID: library) {
        case .saved(let id, _, _): return req.seeOther(SiteURL.service(id).path, flash: .flashAdopted)
        case .invalid(_, let errors):
            let options = try await DesignFormOptions.load(req.sql, req.actor, req.language, keeping: [])
            return HTMLResponse.make(
                PracticeFormView.adopt(
                    id: stored.id, title: stored.design.title, libraries: options.libraries, values: input, errors: errors, req.page),
                status: .unprocessableEntity)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.notFound)
        }
    }

    // MARK: Output

    @Sendable func printable(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        return HTMLResponse.make(DesignPrintView.render(try await chartModel(req, stored), req.page))
    }

    @Sendable func svg(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.inline, filename: "chart-\(stored.id).svg")
        return Response(status: .ok, headers: headers, body: .init(string: ChartDiagram.svg(stored.design, req.page.language)))
    }

    @Sendable func leaflet(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let store = DesignStore(db: req.sql)
        let contacts = try await store.contacts(stored.design.libraryIDs, req.page.language)
        var text = try await store.leaflet(stored.id)
        let images = try await leafletImages(req, stored.id)
        // A photo deleted since the leaflet was written is left out, not shown broken.
        let photo = text?.photoID.flatMap { id in images.first { $0.id == id } }
        if photo == nil { text?.photoID = nil }
        let leaflet = Leaflet.make(stored.design, contacts: contacts, text: text, req.page.language)
        return HTMLResponse.make(
            LeafletView.render(
                stored.id, leaflet, photo: photo.map { SiteURL.file($0.id, $0.filename).path },
                canEdit: Policy.allows(req.actor, .update, design: stored.scope), req.page))
    }

    @Sendable func docx(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let names = try await DesignStore(db: req.sql).libraryNames(stored.design.libraryIDs)
        let document = ChartDocument.make(stored.design, libraryName: { names[$0] ?? "#\($0)" }, req.page.language)
        return TextDownload.word(document, filename: "chart-\(stored.id).docx")
    }

    @Sendable func leafletDocx(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let store = DesignStore(db: req.sql)
        let contacts = try await store.contacts(stored.design.libraryIDs, req.page.language)
        let leaflet = Leaflet.make(stored.design, contacts: contacts, text: try await store.leaflet(stored.id), req.page.language)
        return TextDownload.word(LeafletDocument.make(leaflet, req.page.language), filename: "leaflet-\(stored.id).docx")
    }

    @Sendable func editLeaflet(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        try requireUpdate(req, stored)
        let text = try await DesignStore(db: req.sql).leaflet(stored.id) ?? LeafletText.suggested(stored.design, req.page.language)
        return HTMLResponse.make(
            LeafletFormView.render(
                id: stored.id, title: stored.design.title, images: try await leafletImages(req, stored.id), values: text.formInput,
                errors: FieldErrors(), req.page))
    }

    @Sendable func saveLeaflet(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        try requireUpdate(req, stored)
        let input = try formInput(req)
        let (text, readErrors) = LeafletText.read(input)
        let outcome: DesignService.Outcome =
            readErrors.isEmpty
            ? try await DesignService(db: req.db, actor: req.actor, language: req.language).saveLeaflet(stored.id, text)
            : .invalid(stored.design, readErrors)
        switch outcome {
        case .saved: return req.seeOther(SiteURL.serviceLeaflet(stored.id).path, flash: .flashLeafletSaved)
        case .invalid(_, let errors):
            return HTMLResponse.make(
                LeafletFormView.render(
                    id: stored.id, title: stored.design.title, images: try await leafletImages(req, stored.id), values: input,
                    errors: errors, req.page),
                status: .unprocessableEntity)
        case .forbidden: throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.notFound)
        }
    }

    private func leafletImages(_ req: Request, _ id: Int64) async throws -> [AttachmentInfo] {
        try await AttachmentStore(db: req.sql).list(.design(id)).filter(\.kind.isImage)
    }

    // MARK: One block

    @Sendable func editBlock(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let block = try blockParameter(req)
        try requireUpdate(req, stored)
        let values = DesignForm.input(stored.design, block, req.page.language)
        return try await blockForm(
            req, stored, block, values: values, errors: FieldErrors(), version: stored.version, conflict: nil, status: .ok)
    }

    @Sendable func saveBlock(_ req: Request) async throws -> Response {
        let context = req.page
        let stored = try await load(req)
        let block = try blockParameter(req)
        try requireUpdate(req, stored)
        var input = try formInput(req)
        let baseVersion = Int(input["version"] ?? "") ?? stored.version
        input["version"] = nil
        if let values = DesignForm.rowAction(input) {
            return try await blockForm(
                req, stored, block, values: values, errors: FieldErrors(), version: baseVersion, conflict: nil, status: .ok)
        }
        let service = DesignService(db: req.db, actor: context.actor, language: context.language)
        switch try await service.save(stored.id, block: block, input: input, baseVersion: baseVersion) {
        case .saved(let id, _, let merged):
            return req.seeOther(SiteURL.service(id).path + "#block-\(block.rawValue)", flash: merged ? .flashMerged : .flashUpdated)
        case .invalid(_, let errors):
            return try await blockForm(
                req, stored, block, values: DesignForm.normalized(input), errors: errors, version: baseVersion, conflict: nil,
                status: .unprocessableEntity)
        case .conflict(let conflict):
            // Keep what this person typed; offer to save it over the newer version knowingly.
            return try await blockForm(
                req, conflict.current, block, values: DesignForm.normalized(input), errors: FieldErrors(),
                version: conflict.current.version, conflict: conflict, status: .conflict)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: Delete

    @Sendable func confirmDelete(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        guard Policy.allows(req.actor, .delete, design: stored.scope) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
        return HTMLResponse.make(DesignDeletePage.render(id: stored.id, title: stored.design.title, req.page))
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let context = req.page
        let stored = try await load(req)
        switch try await DesignService(db: req.db, actor: context.actor, language: context.language).delete(stored.id) {
        case .saved: return req.seeOther(SiteURL.services.path, flash: .flashDeleted)
        case .forbidden: throw Abort(context.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.notFound)
        }
    }

    // MARK: Helpers

    /// The design, if this person may see it. A design they may not see answers "not found",
    /// signed in or not, so that its existence is not disclosed.
    func load(_ req: Request) async throws -> StoredDesign {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self),
            let stored = try await DesignStore(db: req.sql).find(id)
        else { throw Abort(.notFound) }
        guard Policy.allows(req.actor, .view, design: stored.scope) else { throw Abort(.notFound) }
        return stored
    }

    func requireUpdate(_ req: Request, _ stored: StoredDesign) throws {
        guard Policy.allows(req.actor, .update, design: stored.scope) else { throw Abort(req.actor == nil ? .unauthorized : .forbidden) }
    }

    func blockParameter(_ req: Request) throws -> DesignBlock {
        guard let block = req.parameters.get("block").flatMap(DesignBlock.init(rawValue:)) else { throw Abort(.notFound) }
        return block
    }

    func formInput(_ req: Request) throws -> FormInput {
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        return input
    }

    func chartModel(_ req: Request, _ stored: StoredDesign) async throws -> DesignChartModel {
        let names = try await DesignStore(db: req.sql).libraryNames(stored.design.libraryIDs)
        return DesignChartModel(
            id: stored.id, design: stored.design, version: stored.version,
            libraries: stored.design.libraryIDs.map { ($0, names[$0] ?? "#\($0)") },
            districts: stored.districtCodes.compactMap(District.named).sorted { $0.code < $1.code },
            updatedAt: stored.updatedAt, updatedBy: stored.updatedByName,
            canEdit: Policy.allows(req.actor, .update, design: stored.scope),
            canDelete: Policy.allows(req.actor, .delete, design: stored.scope))
    }

    func newForm(_ req: Request, values: FormInput, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let options = try await DesignFormOptions.load(req.sql, req.actor, req.page.language, keeping: [])
        return HTMLResponse.make(DesignFormView.renderNew(values: values, errors: errors, options: options, req.page), status: status)
    }

    func blockForm(
        _ req: Request, _ stored: StoredDesign, _ block: DesignBlock, values: FormInput, errors: FieldErrors, version: Int,
        conflict: DesignService.Conflict?, status: HTTPStatus
    ) async throws -> Response {
        var options = try await DesignFormOptions.load(req.sql, req.actor, req.page.language, keeping: stored.design.libraryIDs)
        if block == .partners {
            // Partners on the design or chosen in the form stay on offer whatever the search.
            var chosen = Set(stored.design.partners.compactMap(\.partnerID))
            for row in 0..<DesignForm.rowCount(values, "partner") {
                if let id = values["partner-\(row)-id"].flatMap({ Int64($0) }) { chosen.insert(id) }
            }
            let search = values["partner_search"] ?? ""
            try await options.loadPartners(req.sql, req.page.language, near: stored.districtCodes, keeping: chosen.sorted(), search: search)
            options.suggestions = try await PartnerSuggestions(db: req.sql).suggest(for: stored, req.actor, today: LocalDate(Date()))
                .filter { !chosen.contains($0.partnerID) }
        }
        let model = DesignBlockFormModel(
            id: stored.id, designTitle: stored.design.title, block: block, values: values, errors: errors, version: version,
            options: options, conflict: conflict)
        return HTMLResponse.make(DesignFormView.render(model, req.page), status: status)
    }
}
