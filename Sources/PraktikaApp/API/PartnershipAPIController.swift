import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Vapor

/// `/api/v1/partnerships`: the partnerships the caller may read, as on the pages (everyone's for
/// administrators, a district's for its staff, a partner's own for its account), and one with
/// its agreements (their signed files as links), contributions and contacts; and the same
/// changes the pages make, through `PartnershipService`: recording and replacing a partnership
/// (`If-Match` against its `ETag`), adding a contribution, a contact or an agreement, replacing
/// an agreement, a contribution or a contact (`If-Match` against its own version), and deleting any of the
/// three. Signed files are attached on the partnership's page.
struct PartnershipAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        routes.get(.api(.partnerships), use: list)
        routes.post(.api(.partnerships), use: create)
        routes.get(.api(.partnership(id)), use: read)
        routes.put(.api(.partnership(id)), use: replace)
        routes.post(.api(.partnershipContributions(id)), use: addContribution)
        routes.post(.api(.partnershipInteractions(id)), use: addInteraction)
        routes.post(.api(.partnershipAgreements(id)), use: addAgreement)
        routes.delete(.api(.partnershipAgreement(id, id)), use: deleteAgreement)
        routes.delete(.api(.partnershipContribution(id, id)), use: deleteContribution)
        routes.delete(.api(.partnershipInteraction(id, id)), use: deleteInteraction)
        routes.put(.api(.partnershipAgreement(id, id)), use: replaceAgreement)
        routes.put(.api(.partnershipContribution(id, id)), use: replaceContribution)
        routes.put(.api(.partnershipInteraction(id, id)), use: replaceInteraction)
    }

    /// Text as the pages keep it: without surrounding space, and none when nothing is left.
    static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The texts of a body checked as sent, before surrounding space is taken off: their length
    /// in code points and their characters, as the schema counts them.
    static func checkSent(_ texts: [(field: String, value: String?, max: Int)]) throws {
        var v = Validator()
        for text in texts { v.maxLength(text.field, text.value, text.max) }
        if !v.errors.isEmpty { throw APIFailure.invalid(v.errors) }
    }

    /// A partnership as a client sends it.
    struct PartnershipBody: Decodable {
        let partnerID: Int64
        let libraryIDs: [Int64]
        let designIDs: [Int64]?
        let roles: [PartnershipRole]?
        let status: PartnershipStatus
        let startsOn: LocalDate?
        let endsOn: LocalDate?
        let libraryContact: String?
        let partnerContact: String?
        let notes: String?

        enum CodingKeys: String, CodingKey {
            case roles, status, notes
            case partnerID = "partner_id"
            case libraryIDs = "library_ids"
            case designIDs = "design_ids"
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case libraryContact = "library_contact"
            case partnerContact = "partner_contact"
        }

        /// At most this many libraries or designs in one partnership.
        static let maxLinks = 50

        var partnership: Partnership {
            Partnership(
                partnerID: partnerID, libraryIDs: libraryIDs, designIDs: designIDs ?? [],
                roles: PartnershipRole.allCases.filter { (roles ?? []).contains($0) }, status: status, startsOn: startsOn, endsOn: endsOn,
                libraryContact: clean(libraryContact), partnerContact: clean(partnerContact), notes: clean(notes))
        }

        /// The service's field names as this body names them.
        static let fields = ["partner": "partner_id", "library": "library_ids", "design": "design_ids"]
    }

    struct ContributionBody: Decodable {
        let receivedOn: LocalDate
        let amountMinorUnits: Int64?
        let inKind: String?
        let estimatedValueMinorUnits: Int64?
        let volunteerHours: DecimalText?
        let currency: Currency
        let designID: Int64?

        enum CodingKeys: String, CodingKey {
            case currency
            case receivedOn = "received_on"
            case amountMinorUnits = "amount_minor_units"
            case inKind = "in_kind"
            case estimatedValueMinorUnits = "estimated_value_minor_units"
            case volunteerHours = "volunteer_hours"
            case designID = "design_id"
        }

        var contribution: Contribution {
            Contribution(
                receivedOn: receivedOn, amount: amountMinorUnits.map { Money(minorUnits: $0, currency: currency) }, inKind: clean(inKind),
                estimatedValue: estimatedValueMinorUnits.map { Money(minorUnits: $0, currency: currency) },
                volunteerHours: volunteerHours?.value, designID: designID)
        }

        /// The page's field names that the API calls otherwise (`in_kind` and `volunteer_hours` are
        /// the same in both), so that the rules' messages land on the API's fields.
        static let fields = ["amount": "amount_minor_units", "estimated_value": "estimated_value_minor_units", "design": "design_id"]
    }

    struct InteractionBody: Decodable {
        let on: LocalDate
        let kind: InteractionKind
        let note: String
        let followUpOn: LocalDate?

        enum CodingKeys: String, CodingKey {
            case on, kind, note
            case followUpOn = "follow_up_on"
        }

        var interaction: Interaction { Interaction(on: on, kind: kind, note: clean(note) ?? "", followUpOn: followUpOn) }
    }

    struct AgreementBody: Decodable {
        let kind: AgreementKind
        let title: String
        let signedOn: LocalDate
        let validUntil: LocalDate?
        let renewOn: LocalDate?
        let notes: String?

        enum CodingKeys: String, CodingKey {
            case kind, title, notes
            case signedOn = "signed_on"
            case validUntil = "valid_until"
            case renewOn = "renew_on"
        }

        var agreement: Agreement {
            Agreement(
                kind: kind, title: clean(title) ?? "", signedOn: signedOn, validUntil: validUntil, renewOn: renewOn, notes: clean(notes))
        }
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
        /// Raised by every change; `If-Match` on a change names the one it was made from.
        let version: Int64

        enum CodingKeys: String, CodingKey {
            case id, kind, title, notes, files, version
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
        /// Absent for a gift in kind with no estimate: there is no money to name a currency for.
        let currency: String?
        let volunteerHours: FixedDecimal?
        let designID: Int64?
        /// Raised by every change; `If-Match` on a change names the one it was made from.
        let version: Int64

        enum CodingKeys: String, CodingKey {
            case id, currency, version
            case receivedOn = "received_on"
            case amountMinorUnits = "amount_minor_units"
            case inKind = "in_kind"
            case estimatedValueMinorUnits = "estimated_value_minor_units"
            case volunteerHours = "volunteer_hours"
            case designID = "design_id"
        }
    }

    struct InteractionJSON: Content {
        let id: Int64
        let on: String
        let kind: String
        let note: String
        let followUpOn: String?
        /// Raised by every change; `If-Match` on a change names the one it was made from.
        let version: Int64

        enum CodingKeys: String, CodingKey {
            case id, on, kind, note, version
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

    /// The partnership named in the path, if the caller reads it.
    private func load(_ req: Request) async throws -> StoredPartnership {
        _ = try scope(req)
        guard let id = req.parameters.get(SiteURL.idParameter, as: Int64.self),
            let found = try await PartnershipStore(db: req.sql).find(id),
            PartnershipPolicy.mayRead(req.actor, districts: found.districts, partnerID: found.partnership.partnerID)
        else { throw APIFailure.notFound }
        return found
    }

    @Sendable func read(_ req: Request) async throws -> Response {
        try await answer(req, try await load(req), status: .ok)
    }

    /// The partnership as the caller may read it, with its version as the `ETag`.
    private func answer(_ req: Request, _ found: StoredPartnership, status: HTTPStatus) async throws -> Response {
        let store = PartnershipStore(db: req.sql)
        let stored = try await store.shown(found, to: req.actor)
        let id = stored.id
        let p = stored.partnership
        let base = req.siteAddress
        let agreements = try await store.agreements(id).map { Self.json($0, base: base) }
        let contributions = try await store.contributions(id).map { Self.json($0.id, $0.contribution, version: $0.version) }
        let interactions = try await store.interactions([id]).map {
            Self.json($0.stored.id, $0.stored.interaction, version: $0.stored.version)
        }
        let response = try APIResponses.json(
            DetailJSON(
                id: id, version: stored.version, partner: Named(id: p.partnerID, name: stored.partnerName),
                libraries: stored.libraries.map { LibraryJSON(id: $0.id, name: $0.name, districtCode: $0.district) },
                designs: stored.designs.map { Named(id: $0.id, name: $0.title) }, roles: p.roles.map(\.rawValue), status: p.status.rawValue,
                startsOn: p.startsOn?.iso, endsOn: p.endsOn?.iso, libraryContact: p.libraryContact, partnerContact: p.partnerContact,
                notes: p.notes, agreements: agreements, contributions: contributions, interactions: interactions), status)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(stored.version)\"")
        if status == .created { response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.partnership(id)).path) }
        return response
    }

    /// An agreement with links to its signed files (`base`: this site's address).
    static func json(_ a: StoredAgreement, base: String) -> AgreementJSON {
        AgreementJSON(
            id: a.id, kind: a.agreement.kind.rawValue, title: a.agreement.title, signedOn: a.agreement.signedOn.iso,
            validUntil: a.agreement.validUntil?.iso, renewOn: a.agreement.renewOn?.iso, notes: a.agreement.notes,
            files: a.files.map { f in
                FileJSON(
                    id: f.id, filename: Validator.printableOnly(f.filename), kind: f.kind.rawValue, size: f.size,
                    url: base + SiteURL.file(f.id, AttachmentKind.safeName(f.filename)).path)
            }, version: a.version)
    }

    static func json(_ id: Int64, _ c: Contribution, version: Int64) -> ContributionJSON {
        ContributionJSON(
            id: id, receivedOn: c.receivedOn.iso, amountMinorUnits: c.amount?.minorUnits, inKind: c.inKind,
            estimatedValueMinorUnits: c.estimatedValue?.minorUnits, currency: (c.amount ?? c.estimatedValue)?.currency.rawValue,
            volunteerHours: c.volunteerHours, designID: c.designID, version: version)
    }

    static func json(_ id: Int64, _ i: Interaction, version: Int64) -> InteractionJSON {
        InteractionJSON(id: id, on: i.on.iso, kind: i.kind.rawValue, note: i.note, followUpOn: i.followUpOn?.iso, version: version)
    }

    /// A contribution or contact as the API answers for it, its version as the `ETag`.
    private static func part<T: Encodable>(_ json: T, version: Int64, _ status: HTTPStatus) throws -> Response {
        let response = try APIResponses.json(json, status)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return response
    }

    // MARK: Changes

    private func service(_ req: Request) -> PartnershipService { PartnershipService(db: req.db, actor: req.actor) }

    /// What went wrong as the API says it, the service's field names put as the body names them.
    private func failure(_ req: Request, _ outcome: PartnershipService.Outcome, fields: [String: String] = [:]) -> APIFailure {
        switch outcome {
        case .invalid(let errors):
            var renamed = FieldErrors()
            for field in errors.order {
                if let error = errors[field] { renamed.add(fields[field] ?? field, error.key, error.values) }
            }
            return .invalid(renamed)
        case .conflict:
            return APIFailure(status: .preconditionFailed, code: "conflict", message: TextKey.conflictRecordChanged(req.language))
        case .forbidden: return .refused(req.actor)
        case .notFound, .saved: return .notFound
        }
    }

    /// Too many libraries or designs for one partnership: refused before anything is looked up.
    private func checkLinks(_ body: PartnershipBody) throws {
        var errors = FieldErrors()
        if body.libraryIDs.count > PartnershipBody.maxLinks { errors.add("library_ids", .validationTooLarge) }
        if (body.designIDs?.count ?? 0) > PartnershipBody.maxLinks { errors.add("design_ids", .validationTooLarge) }
        if !errors.isEmpty { throw APIFailure.invalid(errors) }
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        guard PartnershipPolicy.mayCreate(req.actor) else { throw APIFailure.refused(req.actor) }
        let body = try req.decodeBody(PartnershipBody.self)
        try Self.checkSent([
            ("library_contact", body.libraryContact, 200), ("partner_contact", body.partnerContact, 200), ("notes", body.notes, 2_000),
        ])
        try checkLinks(body)
        let outcome = try await service(req).create(body.partnership)
        guard case .saved(let id) = outcome, let stored = try await PartnershipStore(db: req.sql).find(id) else {
            throw failure(req, outcome, fields: PartnershipBody.fields)
        }
        return try await answer(req, stored, status: .created)
    }

    /// Replaces the partnership; with `If-Match`, only if it is still the version read.
    @Sendable func replace(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let body = try req.decodeBody(PartnershipBody.self)
        try Self.checkSent([
            ("library_contact", body.libraryContact, 200), ("partner_contact", body.partnerContact, 200), ("notes", body.notes, 2_000),
        ])
        try checkLinks(body)
        let outcome = try await service(req).update(
            stored, body.partnership, expectedVersion: req.ifMatchVersion ?? stored.version)
        guard case .saved = outcome, let changed = try await PartnershipStore(db: req.sql).find(stored.id) else {
            throw failure(req, outcome, fields: PartnershipBody.fields)
        }
        return try await answer(req, changed, status: .ok)
    }

    @Sendable func addContribution(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let body = try req.decodeBody(ContributionBody.self)
        try Self.checkSent([("in_kind", body.inKind, 500)])
        let contribution = body.contribution
        let outcome = try await service(req).addContribution(stored, contribution)
        guard case .saved(let id) = outcome else { throw failure(req, outcome, fields: ContributionBody.fields) }
        return try Self.part(Self.json(id, contribution, version: 1), version: 1, .created)
    }

    /// Replaces a contribution; with `If-Match`, only if it is still the version read.
    @Sendable func replaceContribution(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let id = try subID(req)
        let body = try req.decodeBody(ContributionBody.self)
        try Self.checkSent([("in_kind", body.inKind, 500)])
        let outcome = try await service(req).updateContribution(
            stored, contributionID: id, body.contribution, expectedVersion: req.ifMatchVersion)
        guard case .saved = outcome, let changed = try await PartnershipStore(db: req.sql).contribution(id) else {
            throw failure(req, outcome, fields: ContributionBody.fields)
        }
        return try Self.part(Self.json(id, changed.contribution, version: changed.version), version: changed.version, .ok)
    }

    @Sendable func addInteraction(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let body = try req.decodeBody(InteractionBody.self)
        try Self.checkSent([("note", body.note, 2_000)])
        let interaction = body.interaction
        let outcome = try await service(req).addInteraction(stored, interaction)
        guard case .saved(let id) = outcome else { throw failure(req, outcome) }
        return try Self.part(Self.json(id, interaction, version: 1), version: 1, .created)
    }

    /// Replaces a contact; with `If-Match`, only if it is still the version read.
    @Sendable func replaceInteraction(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let id = try subID(req)
        let body = try req.decodeBody(InteractionBody.self)
        try Self.checkSent([("note", body.note, 2_000)])
        let outcome = try await service(req).updateInteraction(
            stored, interactionID: id, body.interaction, expectedVersion: req.ifMatchVersion)
        guard case .saved = outcome, let changed = try await PartnershipStore(db: req.sql).interaction(id) else {
            throw failure(req, outcome)
        }
        return try Self.part(Self.json(id, changed.interaction, version: changed.version), version: changed.version, .ok)
    }

    @Sendable func addAgreement(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let body = try req.decodeBody(AgreementBody.self)
        try Self.checkSent([("title", body.title, 200), ("notes", body.notes, 2_000)])
        let a = body.agreement
        let outcome = try await service(req).addAgreement(stored, a, file: nil)
        guard case .saved(let id) = outcome else { throw failure(req, outcome) }
        return try Self.part(
            Self.json(StoredAgreement(id: id, partnershipID: stored.id, agreement: a), base: req.siteAddress), version: 1, .created)
    }

    /// Replaces an agreement (its signed files stay); with `If-Match`, only if it is still the version read.
    @Sendable func replaceAgreement(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let id = try subID(req)
        let body = try req.decodeBody(AgreementBody.self)
        try Self.checkSent([("title", body.title, 200), ("notes", body.notes, 2_000)])
        let outcome = try await service(req).updateAgreement(stored, agreementID: id, body.agreement, expectedVersion: req.ifMatchVersion)
        guard case .saved = outcome, let changed = try await PartnershipStore(db: req.sql).agreement(id) else {
            throw failure(req, outcome)
        }
        return try Self.part(Self.json(changed, base: req.siteAddress), version: changed.version, .ok)
    }

    @Sendable func deleteAgreement(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await service(req).deleteAgreement(stored, agreementID: try subID(req))
        guard case .saved = outcome else { throw failure(req, outcome) }
        return Response(status: .noContent)
    }

    @Sendable func deleteContribution(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await service(req).deleteContribution(stored, contributionID: try subID(req))
        guard case .saved = outcome else { throw failure(req, outcome) }
        return Response(status: .noContent)
    }

    @Sendable func deleteInteraction(_ req: Request) async throws -> Response {
        let stored = try await load(req)
        let outcome = try await service(req).deleteInteraction(stored, interactionID: try subID(req))
        guard case .saved = outcome else { throw failure(req, outcome) }
        return Response(status: .noContent)
    }

    /// The id of the agreement, contribution or contact the path names.
    private func subID(_ req: Request) throws -> Int64 {
        guard let sub = req.parameters.get("sub", as: Int64.self) else { throw APIFailure.notFound }
        return sub
    }
}
