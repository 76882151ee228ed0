import Crypto
import Foundation
import SQLKit

/// A limit on what one address may send anonymously (survey answers, registrations) in a
/// ten-minute window, kept in the database so that every app instance counts together. The
/// address is stored only as a keyed hash: the count needs to tell addresses apart, not to
/// know them. The count and the check are one statement, so a burst cannot slip past it.
struct AnonymousThrottle {
    enum Scope: String {
        case answers = "praktika-answers"
        case registrations = "praktika-registrations"
        case passwordResets = "praktika-password-resets"
        /// Requests for one e-mail address, from anywhere: no one's mailbox is flooded.
        case passwordResetsPerAccount = "praktika-password-resets-account"

        /// How many a window admits per address and form. A library's wifi puts a whole class
        /// behind one address, so answers get room for one; a registration is one person's.
        var limit: Int {
            switch self {
            case .answers: 60
            case .registrations: 20
            case .passwordResets: 10
            case .passwordResetsPerAccount: 3
            }
        }
    }

    static let windowSeconds: Int64 = 600

    let db: any SQLDatabase

    /// Counts this post and says whether it is within the limit. `subject` names the form
    /// (a survey's or a meeting's id), so that one busy form does not block another.
    func admit(_ scope: Scope, client: String, subject: Int64, now: Date = Date()) async throws -> Bool {
        let bucket = Int64(now.timeIntervalSince1970) / Self.windowSeconds
        let key = Self.clientKey(scope, client) + ":" + String(subject)
        let row = try await db.raw(
            """
            INSERT INTO answer_throttle (client, bucket, hits) VALUES (\(bind: key), \(bind: bucket), 1) \
            ON CONFLICT (client, bucket) DO UPDATE SET hits = answer_throttle.hits + 1 RETURNING hits
            """
        ).first()
        return Int(try row?.decode(column: "hits", as: Int64.self) ?? 1) <= scope.limit
    }

    /// Windows before `bucket` are no longer needed.
    func forget(before bucket: Int64) async throws {
        try await db.delete(from: "answer_throttle").where("bucket", .lessThan, bucket).run()
    }

    static func clientKey(_ scope: Scope, _ client: String) -> String {
        SHA256.hash(data: Data((scope.rawValue + ":" + client).utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
