import Fluent
import PraktikaDomain
import SQLKit

/// Creates, changes and deletes registry records for the web pages and the API alike:
/// checks references, validation and permissions, writes, and records the change in the
/// audit log within the same transaction.
struct RegistryService<R: RegistryResource> {
    enum Outcome {
        case saved(R.Record)
        case invalid(R.Record, FieldErrors)
        case forbidden
        case notFound
        /// Other records refer to this one.
        case referenced([(label: TextKey, count: Int)])
        case deleted
        /// Someone else changed the record since the version the change was based on.
        case conflict(current: Int64)
    }

    let db: any Database
    let actor: Actor?

    var sql: any SQLDatabase { db as! any SQLDatabase }

    func find(_ id: Int64) async throws -> R.Record? {
        try await RegistryStore<R.Record>(db: sql, table: R.table).find(id)
    }

    /// `earlier` holds problems already found while reading a form.
    func create(_ input: R.Record, earlier: FieldErrors = FieldErrors()) async throws -> Outcome {
        var record = input
        record.id = nil
        let errors = try await check(&record, earlier: earlier)
        guard try await Policy.allows(actor, .create, R.Record.kind, in: R.scope(record, sql)) else {
            return Policy.mayCreateSome(actor, R.Record.kind) ? .invalid(record, notYourDistrict(errors)) : .forbidden
        }
        guard errors.isEmpty else { return .invalid(record, errors) }
        let checked = record
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            var saved = checked
            saved.id = try await RegistryStore<R.Record>(db: sql, table: R.table).insert(checked)
            try await AuditStore(db: sql).record(
                actor: actor, action: .create, entity: R.Record.kind.rawValue, entityID: saved.id.map(String.init),
                entityName: saved.displayName, changes: FieldChange.between([:], saved.formInput))
            return .saved(saved)
        }
    }

    /// `basedOn` is the version the change was made from (the form's hidden field, the API's
    /// `If-Match`); nil changes whatever is there.
    func update(_ id: Int64, _ input: R.Record, earlier: FieldErrors = FieldErrors(), basedOn: Int64? = nil) async throws -> Outcome {
        guard let old = try await find(id) else { return .notFound }
        var record = input
        record.id = id
        let errors = try await check(&record, earlier: earlier)
        guard try await Policy.allows(actor, .update, R.Record.kind, in: R.scope(old, sql)) else { return .forbidden }
        guard try await Policy.allows(actor, .update, R.Record.kind, in: R.scope(record, sql)) else {
            return .invalid(record, notYourDistrict(errors))
        }
        guard errors.isEmpty else { return .invalid(record, errors) }
        let changes = FieldChange.between(old.formInput, record.formInput)
        if changes.isEmpty {
            // Nothing to write; but a change made from an older copy is refused all the same, as HTTP's
            // If-Match asks, so that a client learns the record moved on.
            if let basedOn, let now = try await RegistryStore<R.Record>(db: sql, table: R.table).version(id), now != basedOn {
                return .conflict(current: now)
            }
            return .saved(record)
        }
        let checked = record
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let store = RegistryStore<R.Record>(db: sql, table: R.table)
            guard try await store.update(checked, basedOn: basedOn) else {
                guard let now = try await store.version(id) else { return .notFound }
                return .conflict(current: now)
            }
            try await AuditStore(db: sql).record(
                actor: actor, action: .update, entity: R.Record.kind.rawValue, entityID: String(id),
                entityName: checked.displayName, changes: changes)
            return .saved(checked)
        }
    }

    func delete(_ id: Int64) async throws -> Outcome {
        guard let old = try await find(id) else { return .notFound }
        guard try await Policy.allows(actor, .delete, R.Record.kind, in: R.scope(old, sql)) else { return .forbidden }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let store = RegistryStore<R.Record>(db: sql, table: R.table)
            let references = try await store.referenceCounts(id)
            guard references.isEmpty else { return .referenced(references) }
            try await store.delete(id)
            let audit = AuditStore(db: sql)
            if Policy.isPersonalData(R.Record.kind) {
                // Erasure: the person's data leaves the audit log too; the log keeps that a record was removed.
                let replacement = "\(TextKey.erasedRecord(.bg)) #\(id)"
                try await audit.scrub(entity: R.Record.kind.rawValue, entityID: String(id), replacement: replacement)
                try await audit.record(
                    actor: actor, action: .erase, entity: R.Record.kind.rawValue, entityID: String(id), entityName: replacement)
            } else {
                try await audit.record(
                    actor: actor, action: .delete, entity: R.Record.kind.rawValue, entityID: String(id),
                    entityName: old.displayName, changes: FieldChange.between(old.formInput, [:]))
            }
            return .deleted
        }
    }

    private func check(_ record: inout R.Record, earlier: FieldErrors) async throws -> FieldErrors {
        var errors = earlier
        errors.merge(record.validate())
        errors.merge(try await R.resolve(&record, sql))
        return errors
    }

    /// A write outside one's own district is a problem with the district field, shown there.
    private func notYourDistrict(_ errors: FieldErrors) -> FieldErrors {
        var errors = errors
        errors.add(R.Record.kind == .settlement ? "municipality_id" : "district_code", .validationNotYourDistrict)
        return errors
    }

    /// "библиотеки (2), хора (3)"
    static func describe(_ references: [(label: TextKey, count: Int)], _ language: Language) -> String {
        references.map { "\($0.label(language)) (\($0.count))" }.joined(separator: ", ")
    }
}
