import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// The rules of indicator results: those who manage a service add periods and enter results;
/// the district's coordinator (or an administrator) approves or returns them. An approved
/// result does not change; every step is in the audit log.
struct IndicatorService {
    let db: any Database
    let actor: Actor?

    var sql: any SQLDatabase { db as! any SQLDatabase }

    static let entity = "indicator_result"

    /// Who reviews: the coordinator of one of the service's districts, or an administrator.
    func mayReview(_ stored: StoredDesign) -> Bool {
        guard let actor else { return false }
        return actor.role == .admin || (actor.role == .coordinator && actor.districtCode.map(stored.districtCodes.contains) == true)
    }

    func addPeriod(_ stored: StoredDesign, _ input: FormInput) async throws -> OutcomeService.Outcome {
        guard Policy.allows(actor, .update, design: stored.scope) else { return .forbidden }
        let (period, errors) = IndicatorPeriod.read(input, indicators: stored.design.indicators.map(\.name))
        guard let period else { return .invalid(errors) }
        return try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let id = try await IndicatorStore(db: sql).insert(stored.id, period)
            try await audit(sql, .create, id, "\(period.indicator) · \(period.startsOn.iso)–\(period.endsOn.iso) · \(stored.design.title)")
            return .saved(id)
        }
    }

    func submit(_ stored: StoredDesign, _ periodID: Int64, _ input: FormInput, today: LocalDate = LocalDate(Date())) async throws
        -> OutcomeService.Outcome
    {
        guard Policy.allows(actor, .update, design: stored.scope) else { return .forbidden }
        guard let existing = try await IndicatorStore(db: sql).period(periodID), existing.designID == stored.id else { return .notFound }
        let (value, note, found) = IndicatorResult.read(input)
        var errors = found
        if !PeriodState.of(existing.period, existing.result, today: today).mayEnter { errors.add("value", .validationResultLocked) }
        guard errors.isEmpty, let value else { return .invalid(errors) }
        try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await IndicatorStore(db: sql).submit(periodID, value: value, note: note, by: actor?.name)
            try await audit(sql, .update, periodID, "\(existing.period.indicator) = \(value) · \(stored.design.title)")
        }
        return .saved(periodID)
    }

    func review(_ stored: StoredDesign, _ periodID: Int64, approve: Bool, comment: String?) async throws -> OutcomeService.Outcome {
        guard mayReview(stored) else { return .forbidden }
        guard let existing = try await IndicatorStore(db: sql).period(periodID), existing.designID == stored.id else { return .notFound }
        var v = Validator()
        if !approve { v.required("review_comment", comment) }
        v.maxLength("review_comment", comment, IndicatorResult.maxNote)
        if existing.result?.status != .submitted { v.add("review_comment", .validationResultLocked) }
        guard v.errors.isEmpty else { return .invalid(v.errors) }
        let changed = try await db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            guard try await IndicatorStore(db: sql).review(periodID, approve: approve, comment: comment, by: actor?.name) else {
                return false
            }
            try await audit(
                sql, .update, periodID,
                "\(existing.period.indicator) · \(approve ? ResultStatus.approved.rawValue : ResultStatus.returned.rawValue) · \(stored.design.title)"
            )
            return true
        }
        guard changed else {
            var errors = FieldErrors()
            errors.add("review_comment", .validationResultLocked)
            return .invalid(errors)
        }
        return .saved(periodID)
    }

    private func audit(_ sql: any SQLDatabase, _ action: AuditAction, _ id: Int64, _ name: String) async throws {
        try await AuditStore(db: sql).record(actor: actor, action: action, entity: Self.entity, entityID: String(id), entityName: name)
    }
}
