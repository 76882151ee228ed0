import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// The reminders a partnership's library must not miss, mailed by every instance's mail round:
/// - **renewals**: for the newest agreement of each kind in each open partnership, from
///   `AgreementReminder.daysBefore` days before its renewal day (or within a month after it);
/// - **follow-ups**: for the newest contact of each open partnership, from
///   `FollowUpReminder.daysBefore` days before the next step's day (or within a month after it).
/// Each goes to every staff account of the partnership's libraries, or to its districts'
/// coordinators where a library has no account. The row is claimed by the statement that marks it
/// (`reminded_for`), so each day is mailed once, and a day that is moved is mailed again.
struct PartnershipReminders {
    let db: any Database
    let publicURL: String

    var sql: any SQLDatabase { db as! any SQLDatabase }

    func enqueueRenewals(today: LocalDate) async throws -> Int {
        guard let horizon = today.adding(days: AgreementReminder.daysBefore), let oldest = today.adding(days: -30) else { return 0 }
        // Read first, outside any transaction: most rounds find nothing and take no write lock.
        let due = try await sql.raw(
            """
            SELECT a.id FROM partnership_agreements a JOIN partnerships p ON p.id = a.partnership_id \
            WHERE p.status <> \(bind: PartnershipStatus.ended.rawValue) AND a.renew_on <= \(bind: horizon.iso) \
            AND a.renew_on >= \(bind: oldest.iso) AND (a.reminded_for IS NULL OR a.reminded_for <> a.renew_on) AND
            """ + " " + PartnershipStore.newestAgreement
        ).all().map { try $0.decode(column: "id", as: Int64.self) }
        return try await mail(due, table: "partnership_agreements", day: "renew_on") { sql, id in
            let store = PartnershipStore(db: sql)
            guard let agreement = try await store.agreement(id), let stored = try await store.find(agreement.partnershipID) else {
                return nil
            }
            let link = publicURL + SiteURL.partnership(stored.id).path + "#agreements"
            return (
                stored,
                { person in
                    AgreementReminder.message(
                        recipient: person.email, name: person.name, partner: stored.partnerName, agreement: agreement.agreement,
                        link: link, language: person.language)
                }
            )
        }
    }

    func enqueueFollowUps(today: LocalDate) async throws -> Int {
        guard let horizon = today.adding(days: FollowUpReminder.daysBefore), let oldest = today.adding(days: -30) else { return 0 }
        let due = try await sql.raw(
            """
            SELECT i.id FROM partnership_interactions i JOIN partnerships p ON p.id = i.partnership_id \
            WHERE p.status <> \(bind: PartnershipStatus.ended.rawValue) AND i.follow_up_on <= \(bind: horizon.iso) \
            AND i.follow_up_on >= \(bind: oldest.iso) AND (i.reminded_for IS NULL OR i.reminded_for <> i.follow_up_on) \
            AND NOT EXISTS (SELECT 1 FROM partnership_interactions j WHERE j.partnership_id = i.partnership_id \
            AND (j.on_date > i.on_date OR (j.on_date = i.on_date AND j.id > i.id)))
            """
        ).all().map { try $0.decode(column: "id", as: Int64.self) }
        return try await mail(due, table: "partnership_interactions", day: "follow_up_on") { sql, id in
            let store = PartnershipStore(db: sql)
            guard let (partnershipID, interaction, _) = try await store.interaction(id), let stored = try await store.find(partnershipID)
            else { return nil }
            let link = publicURL + SiteURL.partnership(stored.id).path + "#interactions"
            return (
                stored,
                { person in
                    FollowUpReminder.message(
                        recipient: person.email, name: person.name, partner: stored.partnerName, interaction: interaction, link: link,
                        language: person.language)
                }
            )
        }
    }

    typealias Person = (email: String, name: String, language: Language)

    /// Claims each row (marking `reminded_for` with its day, unless another round did) and puts
    /// one message for each recipient in the outbox, in the claim's transaction. `load` reads the
    /// row's partnership and how its message is written for one person.
    private func mail(
        _ ids: [Int64], table: String, day: String,
        load: @escaping @Sendable (any SQLDatabase, Int64) async throws -> (StoredPartnership, @Sendable (Person) -> MailMessage?)?
    ) async throws -> Int {
        var written = 0
        for id in ids {
            written += try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                let claimed = try await sql.raw(
                    "UPDATE " + .init(table) + " SET reminded_for = " + .init(day) + " WHERE id = \(bind: id) "
                        + "AND (reminded_for IS NULL OR reminded_for <> " + .init(day) + ") RETURNING id"
                ).first()
                guard claimed != nil, let (stored, message) = try await load(sql, id) else { return 0 }
                var count = 0
                for person in try await recipients(sql, stored) {
                    guard let mail = message(person) else { continue }
                    _ = try await MailOutbox(db: sql).enqueue(mail, eraseWhenSent: false)
                    count += 1
                }
                return count
            }
        }
        return written
    }

    /// The librarians of the partnership's libraries, and the coordinators of the districts of
    /// those libraries that have no librarian with an account.
    private func recipients(_ sql: any SQLDatabase, _ stored: StoredPartnership) async throws -> [Person] {
        let libraryIDs = stored.libraries.map(\.id)
        guard !libraryIDs.isEmpty else { return [] }
        let staff = try await sql.raw(
            """
            SELECT email, name, language, library_id FROM users WHERE role = \(bind: Role.librarian.rawValue) \
            AND library_id IN (\(binds: libraryIDs)) ORDER BY id
            """
        ).all()
        var people = try staff.map {
            (
                email: try $0.decode(column: "email", as: String.self), name: try $0.decode(column: "name", as: String.self),
                language: Language(code: try $0.decode(column: "language", as: String?.self) ?? "bg")
            )
        }
        let covered = Set(try staff.map { try $0.decode(column: "library_id", as: Int64.self) })
        let uncovered = Set(stored.libraries.filter { !covered.contains($0.id) }.compactMap(\.district))
        if !uncovered.isEmpty {
            people += try await sql.raw(
                """
                SELECT email, name, language FROM users WHERE role = \(bind: Role.coordinator.rawValue) \
                AND district_code IN (\(binds: uncovered.sorted())) ORDER BY id
                """
            ).all().map {
                (
                    email: try $0.decode(column: "email", as: String.self), name: try $0.decode(column: "name", as: String.self),
                    language: Language(code: try $0.decode(column: "language", as: String?.self) ?? "bg")
                )
            }
        }
        return people
    }
}
