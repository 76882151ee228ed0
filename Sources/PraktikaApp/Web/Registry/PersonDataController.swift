import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// A person's data on request (GDPR art. 15): the registry record and what the audit log holds
/// about it, for those who may change the record.
struct PersonDataController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.personExport(SiteURL.anyText), use: export)
    }

    @Sendable func export(_ req: Request) async throws -> Response {
        struct Export: Encodable {
            let exportedAt: Date
            let person: Person
            let history: [AuditEntry]
            enum CodingKeys: String, CodingKey {
                case person, history
                case exportedAt = "exported_at"
            }
        }
        guard let id = req.parameters.get("id", as: Int64.self),
            let person = try await RegistryStore<Person>(db: req.sql, table: .person).find(id)
        else { throw Abort(.notFound) }
        guard try await Policy.allows(req.actor, .update, .person, in: PersonResource.scope(person, req.sql)) else {
            throw Abort(req.actor == nil ? .unauthorized : .forbidden)
        }
        let (history, _) = try await AuditStore(db: req.sql).entries(
            entity: RegistryKind.person.rawValue, entityID: String(id), limit: 10_000, offset: 0)
        return try JSONDownload.response(
            Export(exportedAt: Date(), person: person, history: history), filename: "praktika-person-\(id).json")
    }
}
