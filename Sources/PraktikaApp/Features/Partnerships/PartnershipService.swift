import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Records partnerships, what partners contributed and the notes of talking with them, for the
/// pages (and later the API) alike: checks who may, checks the record, writes it and the audit
/// log in one transaction.
struct PartnershipService {
    let db: any Database
    let actor: Actor?
    var sql: any SQLDatabase { db as! any SQLDatabase }

    static let auditEntity = "partnership"

    enum Outcome {
        case saved(Int64)
        case invalid(FieldErrors)
        case conflict
        case forbidden
        case notFound
    }

    func create(_ p: Partnership) async throws -> Outcome {
        guard PartnershipPolicy.mayCreate(actor) else { return .forbidden }
        if let refusal = try await check(p) { return refusal }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await PartnershipStore(db: sql).insert(p)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(id), entityName: try await Self.name(sql, p))
            return .saved(id)
        }
    }

    func update(_ stored: StoredPartnership, _ p: Partnership, expectedVersion: Int64) async throws -> Outcome {
        guard PartnershipPolicy.mayEdit(actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts) else {
            return .forbidden
        }
        if let refusal = try await check(p) { return refusal }
        let before = stored.partnership
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            guard try await PartnershipStore(db: sql).update(stored.id, p, expectedVersion: expectedVersion) else { return .conflict }
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: FieldChange.between(
                    Self.fields(before, names: try await Self.names(sql, before)), Self.fields(p, names: try await Self.names(sql, p))))
            return .saved(stored.id)
        }
    }

    func addContribution(_ stored: StoredPartnership, _ c: Contribution) async throws -> Outcome {
        guard PartnershipPolicy.mayEdit(actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts) else {
            return .forbidden
        }
        let errors = Self.errors(c, of: stored)
        guard errors.isEmpty else { return .invalid(errors) }
        let logged = try await PartnershipStore(db: sql).shown(stored, to: nil)
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await PartnershipStore(db: sql).addContribution(stored.id, c)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: [FieldChange(field: "contribution", before: "", after: Self.describe(c, in: logged))])
            return .saved(id)
        }
    }

    /// A contribution's own rules, and money goes to a design this partnership is tied to.
    private static func errors(_ c: Contribution, of stored: StoredPartnership) -> FieldErrors {
        var errors = c.validate()
        if let design = c.designID, !stored.partnership.designIDs.contains(design) { errors.add("design", .validationOption) }
        return errors
    }

    /// Changes a contribution of the partnership, if it is still the version the change was made
    /// from (`nil`: whatever it is now); the log keeps what it was and what it became.
    func updateContribution(_ stored: StoredPartnership, contributionID id: Int64, _ c: Contribution, expectedVersion: Int64?)
        async throws -> Outcome
    {
        let logged = try await PartnershipStore(db: sql).shown(stored, to: nil)
        return try await changePart(
            stored, id, field: "contribution", errors: Self.errors(c, of: stored), after: Self.describe(c, in: logged),
            expectedVersion: expectedVersion
        ) { store in
            try await store.contribution(id).map { ($0.partnershipID, $0.version, Self.describe($0.contribution, in: logged)) }
        } update: { store, version in
            try await store.updateContribution(id, of: stored.id, c, expectedVersion: version)
        }
    }

    /// Changes a contact of the partnership, as `updateContribution` does a contribution.
    func updateInteraction(_ stored: StoredPartnership, interactionID id: Int64, _ i: Interaction, expectedVersion: Int64?)
        async throws -> Outcome
    {
        try await changePart(
            stored, id, field: "interaction", errors: i.validate(), after: Self.describe(i), expectedVersion: expectedVersion
        ) { store in
            try await store.interaction(id).map { ($0.partnershipID, $0.version, Self.describe($0.interaction)) }
        } update: { store, version in
            try await store.updateInteraction(id, of: stored.id, i, expectedVersion: version)
        }
    }

    /// Changes an agreement of the partnership (its files stay), as `updateContribution` does a
    /// contribution; a new day to renew it is reminded of again.
    func updateAgreement(_ stored: StoredPartnership, agreementID id: Int64, _ a: Agreement, expectedVersion: Int64?)
        async throws -> Outcome
    {
        try await changePart(
            stored, id, field: "agreement", errors: a.validate(), after: Self.describe(a), expectedVersion: expectedVersion
        ) {
            store in
            try await store.agreement(id).map { ($0.partnershipID, $0.version, Self.describe($0.agreement)) }
        } update: { store, version in
            try await store.updateAgreement(id, of: stored.id, a, expectedVersion: version)
        }
    }

    /// Changes one row of a partnership's lists, if it is one of this partnership's (`find` gives
    /// its partnership, version and description) and the change keeps its rules; writes it and
    /// logs what it was and became, in one transaction. A row no longer at the version expected
    /// is a conflict, one deleted meanwhile is gone.
    private func changePart(
        _ stored: StoredPartnership, _ id: Int64, field: String, errors: FieldErrors, after: String, expectedVersion: Int64?,
        find: @Sendable @escaping (PartnershipStore) async throws -> (partnershipID: Int64, version: Int64, description: String)?,
        update: @Sendable @escaping (PartnershipStore, Int64) async throws -> Bool
    ) async throws -> Outcome {
        guard mayEdit(stored) else { return .forbidden }
        guard let found = try await find(PartnershipStore(db: sql)), found.partnershipID == stored.id else { return .notFound }
        guard errors.isEmpty else { return .invalid(errors) }
        return try await db.writeTransaction { db in
            let store = PartnershipStore(db: db as! any SQLDatabase)
            guard try await update(store, expectedVersion ?? found.version) else {
                return try await find(store) != nil ? .conflict : .notFound
            }
            if found.description != after {
                try await AuditStore(db: store.db).record(
                    actor: actor, action: .update, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                    changes: [FieldChange(field: field, before: found.description, after: after)])
            }
            return .saved(id)
        }
    }

    func addInteraction(_ stored: StoredPartnership, _ i: Interaction) async throws -> Outcome {
        guard PartnershipPolicy.mayEdit(actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts) else {
            return .forbidden
        }
        let errors = i.validate()
        guard errors.isEmpty else { return .invalid(errors) }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await PartnershipStore(db: sql).addInteraction(stored.id, i, by: actor?.name)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: [FieldChange(field: "interaction", before: "", after: Self.describe(i))])
            return .saved(id)
        }
    }

    /// Deletes a contribution recorded by mistake; the log keeps what it was.
    func deleteContribution(_ stored: StoredPartnership, contributionID id: Int64) async throws -> Outcome {
        let logged = try await PartnershipStore(db: sql).shown(stored, to: nil)
        return try await deletePart(stored, id, field: "contribution") { store in
            try await store.contribution(id).map { ($0.partnershipID, Self.describe($0.contribution, in: logged)) }
        } delete: {
            try await $0.deleteContribution(id)
        }
    }

    /// Deletes a contact recorded by mistake; the log keeps what it was.
    func deleteInteraction(_ stored: StoredPartnership, interactionID id: Int64) async throws -> Outcome {
        try await deletePart(stored, id, field: "interaction") { store in
            try await store.interaction(id).map { ($0.partnershipID, Self.describe($0.interaction)) }
        } delete: {
            try await $0.deleteInteraction(id)
        }
    }

    /// Deletes one row of a partnership's lists, if it is one of this partnership's, and logs what
    /// it was (`find` gives its partnership and its description).
    private func deletePart(
        _ stored: StoredPartnership, _ id: Int64, field: String,
        find: @Sendable (PartnershipStore) async throws -> (partnershipID: Int64, description: String)?,
        delete: @Sendable @escaping (PartnershipStore) async throws -> Bool
    ) async throws -> Outcome {
        guard mayEdit(stored) else { return .forbidden }
        guard let found = try await find(PartnershipStore(db: sql)), found.partnershipID == stored.id else { return .notFound }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            // Two deletes at once: the one that finds it gone logs nothing and answers 404.
            guard try await delete(PartnershipStore(db: sql)) else { return .notFound }
            try await AuditStore(db: sql).record(
                actor: actor, action: .delete, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: [FieldChange(field: field, before: found.description, after: "")])
            return .saved(id)
        }
    }

    /// A file as it arrived in a form.
    struct Upload: Sendable {
        let filename: String
        let bytes: [UInt8]
    }

    /// Records an agreement, with its signed file if one came (checked like every attachment:
    /// by its bytes, its size and its name); the file's problem is told at the `file` field and
    /// nothing is written.
    func addAgreement(_ stored: StoredPartnership, _ a: Agreement, file: Upload?) async throws -> Outcome {
        guard mayEdit(stored) else { return .forbidden }
        var errors = a.validate()
        var kind: AttachmentKind?
        if let file {
            let (checked, problem) = AttachmentKind.check(filename: file.filename, bytes: file.bytes)
            if let problem { errors.add("file", problem.key, problem.values) }
            kind = checked
        }
        guard errors.isEmpty else { return .invalid(errors) }
        let checkedKind = kind
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await PartnershipStore(db: sql).addAgreement(stored.id, a, by: actor?.name)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: [FieldChange(field: "agreement", before: "", after: Self.describe(a))])
            if let file, let checkedKind { try await attach(sql, id, file, checkedKind) }
            return .saved(id)
        }
    }

    /// Adds the signed file to an agreement recorded without it (or a further page of it).
    func attachFile(_ stored: StoredPartnership, agreementID: Int64, _ file: Upload) async throws -> Outcome {
        guard mayEdit(stored) else { return .forbidden }
        guard let agreement = try await PartnershipStore(db: sql).agreement(agreementID), agreement.partnershipID == stored.id else {
            return .notFound
        }
        let (kind, problem) = AttachmentKind.check(filename: file.filename, bytes: file.bytes)
        guard let kind else {
            var errors = FieldErrors()
            if let problem { errors.add("file", problem.key, problem.values) }
            return .invalid(errors)
        }
        try await db.writeTransaction { db in try await attach(db as! any SQLDatabase, agreementID, file, kind) }
        return .saved(agreementID)
    }

    func deleteAgreement(_ stored: StoredPartnership, agreementID: Int64) async throws -> Outcome {
        guard mayEdit(stored) else { return .forbidden }
        guard let agreement = try await PartnershipStore(db: sql).agreement(agreementID), agreement.partnershipID == stored.id else {
            return .notFound
        }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            // Two deletes at once: the one that finds it gone logs nothing and answers 404.
            guard try await PartnershipStore(db: sql).deleteAgreement(agreementID) else { return .notFound }
            for file in agreement.files {
                try await AuditStore(db: sql).record(
                    actor: actor, action: .delete, entity: AttachmentController.auditEntity, entityID: String(file.id),
                    entityName: file.filename)
            }
            try await AuditStore(db: sql).record(
                actor: actor, action: .delete, entity: Self.auditEntity, entityID: String(stored.id), entityName: stored.partnerName,
                changes: [FieldChange(field: "agreement", before: Self.describe(agreement.agreement), after: "")])
            return .saved(agreementID)
        }
    }

    private func attach(_ sql: any SQLDatabase, _ agreementID: Int64, _ file: Upload, _ kind: AttachmentKind) async throws {
        let id = try await AttachmentStore(db: sql).insert(
            .agreement(agreementID), filename: file.filename, kind: kind, bytes: file.bytes, by: actor?.name)
        try await AuditStore(db: sql).record(
            actor: actor, action: .create, entity: AttachmentController.auditEntity, entityID: String(id), entityName: file.filename)
    }

    private func mayEdit(_ stored: StoredPartnership) -> Bool {
        PartnershipPolicy.mayEdit(actor, libraries: Set(stored.partnership.libraryIDs), districts: stored.districts)
    }

    // The history's words for a contact, a contribution and an agreement: in Bulgarian, as every
    // entry of the audit log is written, with dates and money as the pages show them.
    private static let log = Formatting(.bg)

    static func describe(_ i: Interaction) -> String {
        let f = log
        return [
            f.date(i.on) + " · " + i.kind.label(.bg) + ": " + i.note,
            i.followUpOn.map { TextKey.fieldFollowUpOn(.bg) + " " + f.date($0) },
        ].compactMap { $0 }.joined(separator: " · ")
    }

    /// A contribution: its day, what it was and the design it went to (by its title if `stored`
    /// names it: the log is read by all who change the partnership, so callers pass the designs
    /// anyone may read; others by number).
    static func describe(_ c: Contribution, in stored: StoredPartnership) -> String {
        let f = log
        let design = c.designID.map { id in
            TextKey.fieldPartnershipDesign(.bg) + " " + (stored.designs.first { $0.id == id }.map { "„\($0.title)“" } ?? "№ \(id)")
        }
        return [f.date(c.receivedOn), c.what(f), design].compactMap { $0 }.joined(separator: " · ")
    }

    static func describe(_ a: Agreement) -> String {
        let f = log
        return [
            a.kind.label(.bg), a.title, TextKey.fieldSignedOn(.bg) + " " + f.date(a.signedOn),
            a.validUntil.map { TextKey.fieldValidUntil(.bg) + " " + f.date($0) },
            a.renewOn.map { TextKey.fieldRenewOn(.bg) + " " + f.date($0) }, a.notes,
        ].compactMap { $0 }.joined(separator: " · ")
    }

    /// Why a partnership cannot be written as it is, if it cannot: its own rules, its references,
    /// and libraries the actor may not record partnerships for (on an edit, the libraries it
    /// moves to must be the actor's to change as well).
    private func check(_ p: Partnership) async throws -> Outcome? {
        var errors = p.validate()
        errors.merge(try await referenceErrors(p))
        guard errors.isEmpty else { return .invalid(errors) }
        let districts = try await DesignStore(db: sql).districts(of: p.libraryIDs)
        guard PartnershipPolicy.mayEdit(actor, libraries: Set(p.libraryIDs), districts: districts) else {
            var refused = FieldErrors()
            refused.add("library", .validationOption)
            return .invalid(refused)
        }
        return nil
    }

    /// The partner and libraries must exist; the designs must be ones the actor can read.
    private func referenceErrors(_ p: Partnership) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await sql.select().column("id").from("partners").where("id", .equal, p.partnerID).first() == nil {
            errors.add("partner", .validationOption)
        }
        if !p.libraryIDs.isEmpty {
            let found = try await sql.select().column("id").from("libraries").where("id", .in, p.libraryIDs).all().count
            if found != Set(p.libraryIDs).count { errors.add("library", .validationOption) }
        }
        let designs = DesignStore(db: sql)
        for id in p.designIDs {
            guard let stored = try await designs.find(id), Policy.allows(actor, .view, design: stored.scope) else {
                errors.add("design", .validationOption)
                break
            }
        }
        return errors
    }

    private static func name(_ sql: any SQLDatabase, _ p: Partnership) async throws -> String {
        try await sql.select().column("name").from("partners").where("id", .equal, p.partnerID).first()?.decode(
            column: "name", as: String.self)
            ?? ""
    }

    /// The names a partnership's references go by, for its history: the partner, the libraries
    /// and the designs (one that is gone, or that not everyone may read, by its number: the history
    /// is read by all who change the partnership).
    static func names(_ sql: any SQLDatabase, _ p: Partnership) async throws -> (partner: String, libraries: String, designs: String) {
        func list(_ table: String, _ column: String, _ ids: [Int64], readable: SQLQueryString = "1 = 1") async throws -> String {
            guard !ids.isEmpty else { return "" }
            let found = try await sql.raw(
                "SELECT d.id, d." + .init(column) + " AS name FROM " + .init(table) + " d WHERE d.id IN (\(binds: ids)) AND " + readable
            ).all().reduce(into: [Int64: String]()) {
                $0[try $1.decode(column: "id", as: Int64.self)] = try $1.decode(column: "name", as: String.self)
            }
            return ids.map { found[$0] ?? "№ \($0)" }.sorted().joined(separator: "; ")
        }
        let partner = try await name(sql, p)
        return (
            partner.isEmpty ? "№ \(p.partnerID)" : partner, try await list("libraries", "name", p.libraryIDs),
            try await list("service_designs", "title", p.designIDs, readable: DesignListQuery.visible(to: nil))
        )
    }

    /// A partnership as its history compares it, references by name (`names`) and choices by code
    /// (the log shows them by label).
    static func fields(_ p: Partnership, names: (partner: String, libraries: String, designs: String)) -> FormInput {
        var out: FormInput = [
            "partner_id": names.partner, "libraries": names.libraries, "designs": names.designs,
            "roles": PartnershipStore.rolesText(p.roles), "status": p.status.rawValue,
        ]
        for (key, value) in [
            ("starts_on", p.startsOn?.iso), ("ends_on", p.endsOn?.iso), ("library_contact", p.libraryContact),
            ("partner_contact", p.partnerContact), ("notes", p.notes),
        ] {
            if let value { out[key] = value }
        }
        return out
    }
}
