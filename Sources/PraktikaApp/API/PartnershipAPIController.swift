import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/partnerships`: the partnerships the caller may read, as on the pages (everyone's for
/// administrators, a district's for its staff, a partner's own for its account), and one with
/// its agreements (their signed files as links), contributions and contacts. Reading only.
struct PartnershipAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.api(.partnerships), use: list)
        routes.get(.api(.partnership(SiteURL.any)), use: read)
    }

    typealias Named = Lookups.IDName
    typealias LibraryJSON = Lookups.NamedRow

    struct Summary: Encodable {
        let id: Int64
        let partner: Named
        let libraries: [LibraryJSON]
        let roles: [String]
        let status: String
        let startsOn: String?
        let endsOn: String?

        enum CodingKeys: String, CodingKey {
            case id, partner, libraries, roles, status
            case startsOn = "starts_on"
            case endsOn = "ends_on"
        }
    }

    struct ListJSON: Encodable {
        let items: [Summary]
    }

    struct FileJSON: Content {
        let id: Int64
        let filename: String
        let kind: String
        let size: Int
        let url: String
    }

    struct AgreementJSON: Encodable {
        let id: Int64
        let kind: String
        let title: String
        let signedOn: String
        let validUntil: String?
        let renewOn: String?
        let notes: String?
        let files: [FileJSON]

        enum CodingKeys: String, CodingKey {
            case id, kind, title, notes, files
            case signedOn = "signed_on"
            case validUntil = "valid_until"
            case renewOn = "renew_on"
        }
    }

    struct ContributionJSON: Content {
        let id: Int64
        let receivedOn: String
        let amountMinorUnits: Int64?
        let inKind: String?
        let estimatedValueMinorUnits: Int64?
        let currency: String
        let designID: Int64?

        enum CodingKeys: String, CodingKey {
            case id, currency
            case receivedOn = "received_on"
            case amountMinorUnits = "amount_minor_units"
            case inKind = "in_kind"
            case estimatedValueMinorUnits = "estimated_value_minor_units"
            case designID = "design_id"
        }
    }

    struct InteractionJSON: Content {
        let id: Int64
        let on: String
        let kind: String
        let note: String
        let followUpOn: String?

        enum CodingKeys: String, CodingKey {
            case id, on, kind, note
            case followUpOn = "follow_up_on"
        }
    }

    struct DetailJSON: Encodable {
        let id: Int64
        let version: Int64
        let partner: Named
        let libraries: [LibraryJSON]
        let designs: [Named]
        let roles: [String]
        let status: String
        let startsOn: String?
        let endsOn: String?
        let libraryContact: String?
        let partnerContact: String?
        let notes: String?
        let agreements: [AgreementJSON]
        let contributions: [ContributionJSON]
        let interactions: [InteractionJSON]

        enum CodingKeys: String, CodingKey {
            case id, version, partner, libraries, designs, roles, status, notes, agreements, contributions, interactions
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case libraryContact = "library_contact"
            case partnerContact = "partner_contact"
        }
    }

    /// Whose partnerships the caller reads, as the store's filter (`PartnershipPolicy.readScope`).
    private func scope(_ req: Request) throws -> (district: String?, partnerID: Int64?) {
        guard let scope = PartnershipPolicy.readScope(req.actor) else { throw APIFailure.refused(req.actor) }
        return scope.filter
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        let (district, partner) = try scope(req)
        let rows = try await PartnershipStore(db: req.sql).list(district: district, partnerID: partner)
        let libraries = try await libraryDistricts(req, rows.flatMap(\.libraryIDs))
        return try APIResponses.json(
            ListJSON(
                items: rows.map { row in
                    Summary(
                        id: row.id, partner: Named(id: row.partnerID, name: row.partnerName),
                        libraries: row.libraryIDs.compactMap { libraries[$0] }.sorted { ($0.name, $0.id) < ($1.name, $1.id) },
                        roles: row.roles.map(\.rawValue), status: row.status.rawValue, startsOn: row.startsOn?.iso, endsOn: row.endsOn?.iso)
                }))
    }

    private func libraryDistricts(_ req: Request, _ ids: [Int64]) async throws -> [Int64: LibraryJSON] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await req.sql.select().columns("id", "name", "district_code").from("libraries")
            .where("id", .in, Array(Set(ids))).all()
        return Dictionary(
            try rows.map {
                let id = try $0.decode(column: "id", as: Int64.self)
                return (
                    id,
                    LibraryJSON(
                        id: id, name: try $0.decode(column: "name", as: String.self),
                        districtCode: try $0.decode(column: "district_code", as: String?.self))
                )
            }, uniquingKeysWith: { a, _ in a })
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        _ = try scope(req)
        let store = PartnershipStore(db: req.sql)
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self), let found = try await store.find(id),
            PartnershipPolicy.mayRead(req.actor, districts: found.districts, partnerID: found.partnership.partnerID)
        else { throw APIFailure.notFound }
        let stored = try await store.shown(found, to: req.actor)
        let p = stored.partnership
        let base = req.siteAddress
        let agreements = try await store.agreements(id).map { a in
            AgreementJSON(
                id: a.id, kind: a.agreement.kind.rawValue, title: a.agreement.title, signedOn: a.agreement.signedOn.iso,
                validUntil: a.agreement.validUntil?.iso, renewOn: a.agreement.renewOn?.iso, notes: a.agreement.notes,
                files: a.files.map { f in
                    FileJSON(
                        id: f.id, filename: Validator.printableOnly(f.filename), kind: f.kind.rawValue, size: f.size,
                        url: base + SiteURL.file(f.id, AttachmentKind.safeName(f.filename)).path)
                })
        }
        let contributions = try await store.contributions(id).map { s in
            let c = s.contribution
            return ContributionJSON(
                id: s.id, receivedOn: c.receivedOn.iso, amountMinorUnits: c.amount?.minorUnits, inKind: c.inKind,
                estimatedValueMinorUnits: c.estimatedValue?.minorUnits,
                currency: ((c.amount ?? c.estimatedValue)?.currency ?? .BGN).rawValue,
                designID: c.designID)
        }
        let interactions = try await store.interactions([id]).map { entry in
            let i = entry.stored.interaction
            return InteractionJSON(id: entry.stored.id, on: i.on.iso, kind: i.kind.rawValue, note: i.note, followUpOn: i.followUpOn?.iso)
        }
        return try APIResponses.json(
            DetailJSON(
                id: id, version: stored.version, partner: Named(id: p.partnerID, name: stored.partnerName),
                libraries: stored.libraries.map { LibraryJSON(id: $0.id, name: $0.name, districtCode: $0.district) },
                designs: stored.designs.map { Named(id: $0.id, name: $0.title) }, roles: p.roles.map(\.rawValue), status: p.status.rawValue,
                startsOn: p.startsOn?.iso, endsOn: p.endsOn?.iso, libraryContact: p.libraryContact, partnerContact: p.partnerContact,
                notes: p.notes, agreements: agreements, contributions: contributions, interactions: interactions))
    }
}
