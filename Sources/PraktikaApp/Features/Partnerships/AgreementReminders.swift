import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// The renewal reminders that fall due: for the newest agreement of each kind in each open partnership whose
/// renewal day is within `AgreementReminder.daysBefore` days (or passed in the last month), one
/// message to each staff account of its libraries, or to its districts' coordinators where a
/// library has no account. Run by every instance's mail round: the agreement is claimed by the
/// statement that marks it (`reminded_for`), so each renewal day is mailed once, and a renewal
/// day that is moved is mailed again.
struct AgreementReminders {
    let db: any Database
    let publicURL: String

    var sql: any SQLDatabase { db as! any SQLDatabase }

    func enqueueDue(today: LocalDate, now: Date) async throws -> Int {
        guard let horizon = today.adding(days: AgreementReminder.daysBefore), let oldest = today.adding(days: -30) else { return 0 }
        // Read first, outside any transaction: most rounds find nothing and take no write lock.
        let due = try await sql.raw(
            """
            SELECT a.id FROM partnership_agreements a JOIN partnerships p ON p.id = a.partnership_id \
            WHERE p.status <> \(bind: PartnershipStatus.ended.rawValue) AND a.renew_on <= \(bind: horizon.iso) \
            AND a.renew_on >= \(bind: oldest.iso) AND (a.reminded_for IS NULL OR a.reminded_for <> a.renew_on) AND
            """ + " " + PartnershipStore.newestAgreement
        ).all().map { try $0.decode(column: "id", as: Int64.self) }
        var written = 0
        for id in due {
            let publicURL = self.publicURL
            written += try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                let claimed = try await sql.raw(
                    """
                    UPDATE partnership_agreements SET reminded_for = renew_on WHERE id = \(bind: id) \
                    AND (reminded_for IS NULL OR reminded_for <> renew_on) RETURNING id
                    """
                ).first()
                let store = PartnershipStore(db: sql)
                guard claimed != nil, let agreement = try await store.agreement(id),
                    let stored = try await store.find(agreement.partnershipID)
                else { return 0 }
                let link = publicURL + SiteURL.partnership(stored.id).path + "#agreements"
                var count = 0
                for person in try await recipients(sql, stored) {
                    _ = try await MailOutbox(db: sql).enqueue(
                        AgreementReminder.message(
                            recipient: person.email, name: person.name, partner: stored.partnerName, agreement: agreement.agreement,
                            link: link, language: person.language),
                        eraseWhenSent: false)
                    count += 1
                }
                return count
            }
        }
        return written
    }

    /// The librarians of the partnership's libraries, and the coordinators of the districts of
    /// those libraries that have no librarian with an account.
    private func recipients(_ sql: any SQLDatabase, _ stored: StoredPartnership) async throws -> [(
        email: String, name: String, language: Language
    )] {
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
