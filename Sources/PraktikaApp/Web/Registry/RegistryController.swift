import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// The HTML pages of one kind of registry record: list, record, new, edit, delete.
struct RegistryController<R: RegistryResource>: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let area = R.area
        let id = SiteURL.anyText
        routes.get(.registry(area), use: index)
        routes.get(.newRecord(area), use: new)
        routes.post(.registry(area), use: create)
        routes.get(.record(area, id), use: show)
        routes.get(.editRecord(area, id), use: edit)
        routes.post(.record(area, id), use: update)
        routes.get(.deleteRecord(area, id), use: confirmDelete)
        routes.post(.deleteRecord(area, id), use: delete)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        let context = req.page
        guard Policy.allows(context.actor, .view, R.Record.kind, in: .network) else { throw Abort(.unauthorized) }
        let query = ListQuery(req)
        let (rows, total) = try await RegistryListQuery.rows(R.self, req.sql, query)
        let model = RegistryListModel(
            area: R.area, columns: R.columns, rows: try rows.map { try R.cells($0, context.language) }, total: total,
            query: query, kindOptions: R.kindOptions(context.language),
            canCreate: Policy.mayCreateSome(context.actor, R.Record.kind), newTitle: R.newTitle)
        return HTMLResponse.make(RegistryListView.render(model, context))
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let context = req.page
        let (id, record) = try await load(req)
        return HTMLResponse.make(RegistryRecordView.render(try await recordModel(req, id, record), context))
    }

    @Sendable func new(_ req: Request) async throws -> Response {
        let context = req.page
        try requireCreate(context.actor)
        // A new record starts in the author's own district.
        let defaults: FormInput = context.actor?.districtCode.map { ["district_code": $0] } ?? [:]
        return try await form(req, values: defaults, errors: FieldErrors(), editing: nil, status: .ok)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let context = req.page
        try requireCreate(context.actor)
        let input = try formInput(req)
        let (record, errors) = R.Record.parse(input, previous: nil, today: LocalDate(Date()))
        let service = RegistryService<R>(db: req.db, actor: context.actor)
        switch try await service.create(record, earlier: errors) {
        case .saved(let saved):
            return req.seeOther(SiteURL.record(R.area, String(saved.id!)).path, flash: .flashCreated)
        case .invalid(_, let errors):
            return try await form(req, values: input, errors: errors, editing: nil, status: .unprocessableEntity)
        case .forbidden: throw Abort(.forbidden)
        default: throw Abort(.internalServerError)
        }
    }

    @Sendable func edit(_ req: Request) async throws -> Response {
        let (id, record) = try await load(req)
        try await requireUpdate(req, record)
        var values = record.formInput
        values["version"] = try await RegistryStore<R.Record>(db: req.sql, table: R.table).version(id).map(String.init) ?? ""
        return try await form(req, values: values, errors: FieldErrors(), editing: (id, record.displayName(req.language)), status: .ok)
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let context = req.page
        let (id, old) = try await load(req)
        try await requireUpdate(req, old)
        let input = try formInput(req)
        let (record, errors) = R.Record.parse(input, previous: old, today: LocalDate(Date()))
        let basedOn = input["version"].flatMap { Int64($0) }
        switch try await RegistryService<R>(db: req.db, actor: context.actor).update(id, record, earlier: errors, basedOn: basedOn) {
        case .saved:
            return req.seeOther(SiteURL.record(R.area, String(id)).path, flash: .flashUpdated)
        case .invalid(_, let errors):
            return try await form(
                req, values: input, errors: errors, editing: (id, old.displayName(req.language)), status: .unprocessableEntity)
        case .conflict(let current):
            // What this person typed stays; saving again, from the version now stored, replaces the other change.
            var values = input
            values["version"] = String(current)
            var errors = FieldErrors()
            errors.add("version", .conflictRecordChanged)
            return try await form(req, values: values, errors: errors, editing: (id, old.displayName(req.language)), status: .conflict)
        case .notFound: throw Abort(.notFound)
        case .forbidden: throw Abort(.forbidden)
        default: throw Abort(.internalServerError)
        }
    }

    @Sendable func confirmDelete(_ req: Request) async throws -> Response {
        let context = req.page
        let (id, record) = try await load(req)
        guard try await Policy.allows(context.actor, .delete, R.Record.kind, in: R.scope(record, req.sql)) else {
            throw Abort(context.actor == nil ? .unauthorized : .forbidden)
        }
        return HTMLResponse.make(
            RegistryDeletePage.render(area: R.area, id: String(id), name: record.displayName(context.language), context))
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let context = req.page
        let (id, record) = try await load(req)
        switch try await RegistryService<R>(db: req.db, actor: context.actor).delete(id) {
        case .deleted:
            return req.seeOther(SiteURL.registry(R.area).path, flash: .flashDeleted)
        case .referenced(let references):
            var model = try await recordModel(req, id, record)
            model.problem = TextKey.deleteRefused(context.language, ["refs": RegistryService<R>.describe(references, context.language)])
            return HTMLResponse.make(RegistryRecordView.render(model, context), status: .conflict)
        case .notFound: throw Abort(.notFound)
        case .forbidden: throw Abort(context.actor == nil ? .unauthorized : .forbidden)
        default: throw Abort(.internalServerError)
        }
    }

    // MARK: Helpers

    private func load(_ req: Request) async throws -> (Int64, R.Record) {
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self) else { throw Abort(.notFound) }
        guard Policy.allows(req.actor, .view, R.Record.kind, in: .network) else { throw Abort(.unauthorized) }
        guard let record = try await RegistryStore<R.Record>(db: req.sql, table: R.table).find(id) else {
            throw Abort(.notFound)
        }
        return (id, record)
    }

    private func requireCreate(_ actor: Actor?) throws {
        guard Policy.mayCreateSome(actor, R.Record.kind) else { throw Abort(actor == nil ? .unauthorized : .forbidden) }
    }

    private func requireUpdate(_ req: Request, _ record: R.Record) async throws {
        guard try await Policy.allows(req.actor, .update, R.Record.kind, in: R.scope(record, req.sql)) else {
            throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        }
    }

    private func formInput(_ req: Request) throws -> FormInput {
        var input = (try? req.content.decode([String: String].self)) ?? [:]
        input["_csrf"] = nil
        return input
    }

    /// `editing` is the stored record's id and name; nil for a new record.
    private func form(_ req: Request, values: FormInput, errors: FieldErrors, editing: (id: Int64, name: String)?, status: HTTPStatus)
        async throws -> Response
    {
        let context = req.page
        let l = context.language
        let fields = try await R.formFields(req.sql, context.actor, l)
        let id = editing?.id
        let title = editing.map { TextKey.editRecord(l, ["name": $0.name]) } ?? R.newTitle(l)
        let model = FormModel(
            title: title,
            action: id.map { SiteURL.record(R.area, String($0)).path } ?? SiteURL.registry(R.area).path,
            fields: fields, values: values, errors: errors,
            cancelHref: id.map { SiteURL.record(R.area, String($0)).path } ?? SiteURL.registry(R.area).path,
            hidden: id == nil ? [] : [FormHidden(name: "version", value: values["version"] ?? "")])
        return HTMLResponse.make(RegistryFormPage.render(model, area: R.area, context), status: status)
    }

    private func recordModel(_ req: Request, _ id: Int64, _ stored: R.Record) async throws -> RegistryRecordModel {
        let context = req.page
        let record = R.shown(stored, to: context.actor)
        let scope = try await R.scope(record, req.sql)
        var history: [AuditEntry]?
        if Policy.mayReadAuditLog(context.actor) {
            history = try await AuditStore(db: req.sql).entries(
                entity: R.Record.kind.rawValue, entityID: String(id), limit: 20, offset: 0
            ).0
        }
        return RegistryRecordModel(
            area: R.area, id: String(id), name: record.displayName(context.language),
            details: try await R.details(record, req.sql, context),
            related: try await R.related(record, req.sql, context),
            canEdit: Policy.allows(context.actor, .update, R.Record.kind, in: scope),
            canDelete: Policy.allows(context.actor, .delete, R.Record.kind, in: scope),
            history: history)
    }
}
