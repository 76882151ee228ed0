import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Creates and changes service designs for the pages and the API alike: reads a block,
/// checks it, lays it over whatever others saved meanwhile when they touched other blocks,
/// reports a conflict when they touched the same block, and writes the design, its revision and
/// the audit log in one transaction.
struct DesignService {
    let db: any Database
    let actor: Actor?
    /// The language of messages that name other parts of the chart, and of the changes a conflict
    /// shows. The audit log and revisions are written in Bulgarian, the network's language.
    var language: Language = .bg

    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// What someone else saved since the version a person started from.
    struct Conflict: Sendable {
        let current: StoredDesign
        let changes: [DesignChange]
        let by: String?
        let at: Date
    }

    enum Outcome {
        case saved(id: Int64, version: Int, merged: Bool)
        case invalid(ServiceDesign, FieldErrors)
        case conflict(Conflict)
        case forbidden
        case notFound
    }

    // MARK: Create

    func create(_ input: ServiceDesign, earlier: FieldErrors = FieldErrors()) async throws -> Outcome {
        var errors = earlier
        let (design, referenceErrors) = try await resolved(input)
        errors.merge(DesignValidation.validate(design))
        errors.merge(referenceErrors)
        guard errors.isEmpty else { return .invalid(design, errors) }
        let scope = DesignScope(
            libraryIDs: Set(design.libraryIDs), districtCodes: try await DesignStore(db: sql).districts(of: design.libraryIDs),
            visibility: design.visibility)
        guard Policy.allows(actor, .create, design: scope) else { return .forbidden }
        let unregistered = design
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let checked = try await registerPartners(unregistered, districtCodes: scope.districtCodes, sql)
            let id = try await DesignStore(db: sql).insert(checked, by: actor)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(id), entityName: checked.title,
                changes: Self.auditChanges(DesignDiff.changes(from: Self.empty, to: checked, .bg)))
            return .saved(id: id, version: 1, merged: false)
        }
    }

    // MARK: Save one block

    /// `input` is the block's form as submitted; `baseVersion` the version the form was opened on.
    func save(_ id: Int64, block: DesignBlock, input: FormInput, baseVersion: Int) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.update, stored) { return refusal }
        let normalized = DesignForm.normalized(input)

        // The block as this person wants it, read on top of the version they started from.
        let base = baseVersion == stored.version ? stored.design : (try await store.revision(id, version: baseVersion))?.design
        let (mine, readErrors) = DesignForm.apply(normalized, block, to: base ?? stored.design)

        // Someone saved meanwhile: fine if they left this block alone, a conflict if not.
        if stored.version != baseVersion {
            let theirs = base.map { DesignDiff.changes(from: $0, to: stored.design, language, in: [block]) } ?? [DesignChange]()
            if base == nil || !theirs.isEmpty {
                let latest = try await store.revision(id, version: stored.version)
                return .conflict(
                    Conflict(
                        current: stored, changes: theirs, by: latest?.userName ?? stored.updatedByName,
                        at: latest?.at ?? stored.updatedAt))
            }
        }
        let merged = stored.design.replacing(block, from: mine)
        return try await write(stored, merged, block: block, readErrors: readErrors, mergedOver: stored.version != baseVersion)
    }

    /// Replaces the whole design (the API): refused as a conflict when it was changed since `baseVersion`.
    func replace(_ id: Int64, with design: ServiceDesign, baseVersion: Int) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.update, stored) { return refusal }
        guard stored.version == baseVersion else {
            let base = try await store.revision(id, version: baseVersion)
            let changes = base.map { DesignDiff.changes(from: $0.design, to: stored.design, language) } ?? []
            return .conflict(Conflict(current: stored, changes: changes, by: stored.updatedByName, at: stored.updatedAt))
        }
        // Where a design came from is not the client's to change.
        var design = design
        design.presentedAt = stored.design.presentedAt
        return try await write(stored, design, block: nil, readErrors: FieldErrors(), mergedOver: false)
    }

    /// Publishes the design as a good practice with its story, or withdraws it (nil).
    func publish(_ id: Int64, story: (whatWorked: String?, whatDidNot: String?)?) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.update, stored) { return refusal }
        var design = stored.design
        if let story {
            let errors = ServiceDesign.validatePublication(design, whatWorked: story.whatWorked, whatDidNot: story.whatDidNot)
            guard errors.isEmpty else { return .invalid(design, errors) }
            design.practice = PracticeStory(
                whatWorked: story.whatWorked ?? "", whatDidNot: story.whatDidNot, publishedOn: LocalDate(Date()))
        } else {
            design.practice = nil
        }
        return try await write(stored, design, block: nil, readErrors: FieldErrors(), mergedOver: false)
    }

    /// A copy of a practice as a new draft of one of the actor's libraries.
    func adopt(_ id: Int64, libraryID: Int64?) async throws -> Outcome {
        guard let stored = try await DesignStore(db: sql).find(id) else { return .notFound }
        guard Policy.allows(actor, .view, design: stored.scope) else { return .notFound }
        guard stored.design.practice != nil else { return .forbidden }
        guard let libraryID else {
            var errors = FieldErrors()
            errors.add("library_id", .validationRequired)
            return .invalid(stored.design, errors)
        }
        return try await create(stored.design.adopted(from: id, by: libraryID))
    }

    /// Saves what the public reads on the design's leaflet. The photo must be one of the design's images.
    func saveLeaflet(_ id: Int64, _ text: LeafletText) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.update, stored) { return refusal }
        let images = Set(try await AttachmentStore(db: sql).list(.design(id)).filter(\.kind.isImage).map(\.id))
        let errors = text.validate(images: images)
        guard errors.isEmpty else { return .invalid(stored.design, errors) }
        let before = try await store.leaflet(id) ?? LeafletText.suggested(stored.design, .bg)
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await DesignStore(db: sql).saveLeaflet(id, text, by: actor)
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.auditEntity, entityID: String(id), entityName: stored.design.title,
                changes: FieldChange.between(Self.leafletFields(before), Self.leafletFields(text)))
        }
        return .saved(id: id, version: stored.version, merged: false)
    }

    /// The leaflet's fields as the audit log names them, apart from the chart's own.
    private static func leafletFields(_ text: LeafletText) -> FormInput {
        Dictionary(uniqueKeysWithValues: text.formInput.map { ("leaflet.\($0.key)", $0.value) })
    }

    /// Makes an old revision the newest one again (as a new revision, so nothing is lost).
    func restore(_ id: Int64, version: Int) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.update, stored) { return refusal }
        guard let old = try await store.revision(id, version: version) else { return .notFound }
        return try await write(stored, old.design, block: nil, readErrors: FieldErrors(), mergedOver: false, restoredFrom: version)
    }

    func delete(_ id: Int64) async throws -> Outcome {
        let store = DesignStore(db: sql)
        guard let stored = try await store.find(id) else { return .notFound }
        if let refusal = refusal(.delete, stored) { return refusal }
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await DesignStore(db: sql).delete(id)
            try await AuditStore(db: sql).record(
                actor: actor, action: .delete, entity: Self.auditEntity, entityID: String(id), entityName: stored.design.title)
        }
        return .saved(id: id, version: stored.version, merged: false)
    }

    // MARK: Private

    /// Why `action` is refused on a stored design, if it is: "not found" to anyone who may not
    /// read it (its existence is nobody else's business), "forbidden" to a reader who may not
    /// change it.
    private func refusal(_ action: Action, _ stored: StoredDesign) -> Outcome? {
        guard Policy.allows(actor, .view, design: stored.scope) else { return .notFound }
        return Policy.allows(actor, action, design: stored.scope) ? nil : .forbidden
    }

    private func write(
        _ stored: StoredDesign, _ input: ServiceDesign, block: DesignBlock?, readErrors: FieldErrors, mergedOver: Bool,
        restoredFrom: Int? = nil
    ) async throws -> Outcome {
        var errors = readErrors
        let (design, referenceErrors) = try await resolved(input)
        errors.merge(DesignValidation.validate(design))
        errors.merge(referenceErrors)
        if let block, block == .basics, errors.order.contains(where: { DesignBlock.of(field: $0) != .basics }) {
            // A stage asks for blocks this form does not show: say which, at the stage field.
            let missing = DesignValidation.blocksMissing(for: design).map { $0.title(language) }
            var withStatus = FieldErrors()
            withStatus.add("status", .validationStatusNeedsBlocks, ["blocks": missing.joined(separator: ", ")])
            withStatus.merge(errors)
            errors = withStatus
        }
        guard errors.isEmpty else { return .invalid(design, errors) }
        // The new libraries must be the actor's to use too: no one hands a design to a library out of reach.
        let newScope = DesignScope(
            libraryIDs: Set(design.libraryIDs), districtCodes: try await DesignStore(db: sql).districts(of: design.libraryIDs),
            visibility: design.visibility)
        guard Policy.allows(actor, .update, design: newScope) else { return .forbidden }
        let changes = DesignDiff.changes(from: stored.design, to: design, .bg)
        guard !changes.isEmpty else { return .saved(id: stored.id, version: stored.version, merged: mergedOver) }
        let unregistered = design
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let checked = try await registerPartners(unregistered, districtCodes: newScope.districtCodes, sql)
            let outcome = try await DesignStore(db: sql).update(
                stored.id, checked, expectedVersion: stored.version, by: actor, block: block, restoredFrom: restoredFrom)
            guard case .saved(let version) = outcome else {
                // Lost a race in the last milliseconds: the same as a conflict.
                let current = try await DesignStore(db: sql).find(stored.id) ?? stored
                return .conflict(
                    Conflict(
                        current: current, changes: DesignDiff.changes(from: stored.design, to: current.design, language),
                        by: current.updatedByName, at: current.updatedAt))
            }
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.auditEntity, entityID: String(stored.id), entityName: checked.title,
                changes: Self.auditChanges(changes))
            return .saved(id: stored.id, version: version, merged: mergedOver)
        }
    }

    /// Libraries and registry partners named by a design must exist; a linked partner takes its
    /// name and kind from the registry, so that the chart and search show what the registry says.
    private func resolved(_ design: ServiceDesign) async throws -> (ServiceDesign, FieldErrors) {
        var d = design
        var errors = FieldErrors()
        let libraries = try await DesignStore(db: sql).libraryNames(d.libraryIDs)
        for (i, id) in d.libraryIDs.enumerated() where libraries[id] == nil {
            errors.add("library-\(i)-id", .validationUnknownReference)
        }
        // A partner new to the registry is recorded in the district of the design's libraries,
        // by someone who may record partners there.
        let districts = try await DesignStore(db: sql).districts(of: d.libraryIDs)
        for (i, p) in d.partners.enumerated() where p.partnerID == nil && p.addToRegistry {
            let district = districts.sorted().first
            if district == nil || !Policy.allows(actor, .create, .partner, in: Scope(districtCode: district)) {
                errors.add("partner-\(i)-register", .validationNotYourDistrict)
            }
        }
        let partnerIDs = d.partners.compactMap(\.partnerID)
        if !partnerIDs.isEmpty {
            let rows = try await sql.select().columns("id", "name", "kind").from("partners").where("id", .in, partnerIDs).all()
            var known: [Int64: (String, PartnerKind?)] = [:]
            for row in rows {
                known[try row.decode(column: "id", as: Int64.self)] = (
                    try row.decode(column: "name", as: String.self),
                    PartnerKind(rawValue: try row.decode(column: "kind", as: String.self))
                )
            }
            for (i, p) in d.partners.enumerated() {
                guard let pid = p.partnerID else { continue }
                if let (name, kind) = known[pid] {
                    d.partners[i].name = name
                    d.partners[i].kind = kind
                } else {
                    errors.add("partner-\(i)-id", .validationUnknownReference)
                }
            }
        }
        return (d, errors)
    }

    /// Records the partners marked "add to the registry" and links the design to them.
    private func registerPartners(_ design: ServiceDesign, districtCodes: Set<String>, _ sql: any SQLDatabase) async throws -> ServiceDesign
    {
        var d = design
        for (i, p) in d.partners.enumerated() where p.partnerID == nil && p.addToRegistry {
            let partner = Partner(name: p.name, kind: p.kind ?? .other, districtCode: districtCodes.sorted().first)
            let id = try await RegistryStore<Partner>(db: sql, table: .partner).insert(partner)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: RegistryKind.partner.rawValue, entityID: String(id), entityName: partner.name,
                changes: FieldChange.between([:], partner.formInput))
            d.partners[i].partnerID = id
            d.partners[i].addToRegistry = false
        }
        return d
    }

    static let auditEntity = "service"
    static let empty = ServiceDesign(title: "", libraryIDs: [], targetGroup: TargetGroup(category: .other))

    static func auditChanges(_ changes: [DesignChange]) -> [FieldChange] {
        changes.map { FieldChange(field: $0.label, before: $0.before, after: $0.after) }
    }
}
