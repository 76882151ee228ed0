import Foundation
import PraktikaDomain
import SQLKit

/// A partnership as stored, with the names its pages show.
struct StoredPartnership: Sendable {
    let id: Int64
    var partnership: Partnership
    let version: Int64
    let partnerName: String
    let libraries: [(id: Int64, name: String, district: String?)]
    var designs: [(id: Int64, title: String)]

    var districts: Set<String> { Set(libraries.compactMap(\.district)) }
}

/// One line of a list of partnerships.
struct PartnershipRow: Sendable {
    let id: Int64
    let partnerID: Int64
    let partnerName: String
    let status: PartnershipStatus
    let roles: [PartnershipRole]
    let startsOn: LocalDate?
    let endsOn: LocalDate?
    var libraries: [String]
    var libraryIDs: [Int64]
}

struct StoredContribution: Sendable {
    let id: Int64
    let contribution: Contribution
    var designTitle: String?
    /// Raised by every change; a change made from an older one is refused.
    var version: Int64 = 1
}

struct StoredAgreement: Sendable {
    let id: Int64
    let partnershipID: Int64
    let agreement: Agreement
    var files: [AttachmentInfo] = []
    /// Raised by every change; a change made from an older one is refused.
    var version: Int64 = 1
}

struct StoredInteraction: Sendable {
    let id: Int64
    let interaction: Interaction
    let by: String?
    /// Raised by every change; a change made from an older one is refused.
    var version: Int64 = 1
}

/// Partnerships, their contributions and interactions, read with SQLKit.
struct PartnershipStore {
    let db: any SQLDatabase

    static func roles(_ text: String) -> [PartnershipRole] {
        text.split(separator: ",").compactMap { PartnershipRole(rawValue: String($0)) }
    }

    static func rolesText(_ roles: [PartnershipRole]) -> String {
        "," + PartnershipRole.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",") + ","
    }

    // MARK: Partnerships

    func insert(_ p: Partnership) async throws -> Int64 {
        let row = try await db.insert(into: "partnerships")
            .columns(
                "partner_id", "status", "roles", "starts_on", "ends_on", "library_contact", "partner_contact", "notes", "version",
                "updated_at"
            )
            .values(
                SQLBind(p.partnerID), SQLBind(p.status.rawValue), SQLBind(Self.rolesText(p.roles)), SQLBind(p.startsOn?.iso),
                SQLBind(p.endsOn?.iso), SQLBind(p.libraryContact), SQLBind(p.partnerContact), SQLBind(p.notes), SQLBind(Int64(1)),
                SQLBind(Int64(Date().timeIntervalSince1970))
            ).returning("id").first()
        let id = try row!.decode(column: "id", as: Int64.self)
        try await link(id, p)
        return id
    }

    /// Writes the partnership if it is still at `expectedVersion`; false if someone changed it meanwhile.
    func update(_ id: Int64, _ p: Partnership, expectedVersion: Int64) async throws -> Bool {
        let updated = try await db.update("partnerships").where("id", .equal, id).where("version", .equal, expectedVersion)
            .set("partner_id", to: SQLBind(p.partnerID)).set("status", to: SQLBind(p.status.rawValue))
            .set("roles", to: SQLBind(Self.rolesText(p.roles))).set("starts_on", to: SQLBind(p.startsOn?.iso))
            .set("ends_on", to: SQLBind(p.endsOn?.iso)).set("library_contact", to: SQLBind(p.libraryContact))
            .set("partner_contact", to: SQLBind(p.partnerContact)).set("notes", to: SQLBind(p.notes))
            .set("version", to: SQLRaw("version + 1")).set("updated_at", to: SQLBind(Int64(Date().timeIntervalSince1970)))
            .returning("id").first()
        guard updated != nil else { return false }
        try await db.delete(from: "partnership_libraries").where("partnership_id", .equal, id).run()
        try await db.delete(from: "partnership_designs").where("partnership_id", .equal, id).run()
        try await link(id, p)
        return true
    }

    private func link(_ id: Int64, _ p: Partnership) async throws {
        for library in Set(p.libraryIDs) {
            try await db.insert(into: "partnership_libraries").columns("partnership_id", "library_id").values(SQLBind(id), SQLBind(library))
                .run()
        }
        for design in Set(p.designIDs) {
            try await db.insert(into: "partnership_designs").columns("partnership_id", "design_id").values(SQLBind(id), SQLBind(design))
                .run()
        }
    }

    func find(_ id: Int64) async throws -> StoredPartnership? {
        guard
            let row = try await db.raw(
                """
                SELECT p.id, p.partner_id, p.status, p.roles, p.starts_on, p.ends_on, p.library_contact, p.partner_contact, p.notes, \
                p.version, r.name AS partner_name FROM partnerships p JOIN partners r ON r.id = p.partner_id WHERE p.id = \(bind: id)
                """
            ).first()
        else { return nil }
        let libraries = try await db.raw(
            """
            SELECT l.id, l.name, l.district_code FROM partnership_libraries pl JOIN libraries l ON l.id = pl.library_id \
            WHERE pl.partnership_id = \(bind: id) ORDER BY l.name
            """
        ).all().map {
            (
                id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                district: try $0.decode(column: "district_code", as: String?.self)
            )
        }
        let designs = try await db.raw(
            """
            SELECT d.id, d.title FROM partnership_designs pd JOIN service_designs d ON d.id = pd.design_id \
            WHERE pd.partnership_id = \(bind: id) ORDER BY d.title
            """
        ).all().map { (id: try $0.decode(column: "id", as: Int64.self), title: try $0.decode(column: "title", as: String.self)) }
        func date(_ column: String) throws -> LocalDate? {
            try row.decode(column: column, as: String?.self).flatMap(LocalDate.init(parsing:))
        }
        let partnership = Partnership(
            partnerID: try row.decode(column: "partner_id", as: Int64.self), libraryIDs: libraries.map(\.id), designIDs: designs.map(\.id),
            roles: Self.roles(try row.decode(column: "roles", as: String.self)),
            status: PartnershipStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposed,
            startsOn: try date("starts_on"), endsOn: try date("ends_on"),
            libraryContact: try row.decode(column: "library_contact", as: String?.self),
            partnerContact: try row.decode(column: "partner_contact", as: String?.self),
            notes: try row.decode(column: "notes", as: String?.self))
        return StoredPartnership(
            id: id, partnership: partnership, version: try row.decode(column: "version", as: Int64.self),
            partnerName: try row.decode(column: "partner_name", as: String.self), libraries: libraries, designs: designs)
    }

    /// The partnership as `actor` may be shown it: of its designs, only those they may read (a
    /// partner's account reads the partnership, not the titles of designs kept to a library).
    func shown(_ stored: StoredPartnership, to actor: Actor?) async throws -> StoredPartnership {
        guard !stored.designs.isEmpty else { return stored }
        let readable = Set(
            try await db.raw(
                "SELECT d.id FROM service_designs d WHERE d.id IN (\(binds: stored.designs.map(\.id))) AND "
                    + DesignListQuery.visible(to: actor)
            ).all().map { try $0.decode(column: "id", as: Int64.self) })
        var shown = stored
        shown.designs = stored.designs.filter { readable.contains($0.id) }
        return shown
    }

    /// The condition on partnerships `p` for those with a library in `district` (nil: any) and,
    /// if given, of one partner.
    static func scope(district: String?, partnerID: Int64? = nil) -> SQLQueryString {
        var filter: SQLQueryString = "1 = 1"
        if let district {
            filter =
                filter
                + " AND p.id IN (SELECT pl.partnership_id FROM partnership_libraries pl JOIN libraries l ON l.id = pl.library_id "
                + "WHERE l.district_code = \(bind: district))"
        }
        if let partnerID { filter = filter + " AND p.partner_id = \(bind: partnerID)" }
        return filter
    }

    /// The partnerships an actor may read (`districtCode` nil: all), or one partner's; newest first.
    func list(district: String?, partnerID: Int64? = nil) async throws -> [PartnershipRow] {
        try await rows(Self.scope(district: district, partnerID: partnerID))
    }

    /// One library's partnerships (of one partner, if given); newest first.
    func list(library: Int64, partnerID: Int64? = nil) async throws -> [PartnershipRow] {
        var filter: SQLQueryString = "p.id IN (SELECT partnership_id FROM partnership_libraries WHERE library_id = \(bind: library))"
        if let partnerID { filter = filter + " AND p.partner_id = \(bind: partnerID)" }
        return try await rows(filter)
    }

    /// The same partnerships as rows of the CSV export, oldest first, with the partner's kind.
    func exportRows(district: String?, partnerID: Int64? = nil) async throws -> [PartnershipExport.Row] {
        let kinds = Dictionary(
            try await db.raw(
                "SELECT p.id, r.kind FROM partnerships p JOIN partners r ON r.id = p.partner_id WHERE "
                    + Self.scope(district: district, partnerID: partnerID)
            ).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "kind", as: String.self)) },
            uniquingKeysWith: { a, _ in a })
        return try await list(district: district, partnerID: partnerID).reversed().map {
            PartnershipExport.Row(
                id: $0.id, partner: $0.partnerName, partnerKind: kinds[$0.id].flatMap(PartnerKind.init(rawValue:)), libraries: $0.libraries,
                roles: $0.roles, status: $0.status, startsOn: $0.startsOn, endsOn: $0.endsOn)
        }
    }

    /// The contributions to those partnerships, oldest first.
    func exportContributions(district: String?, partnerID: Int64? = nil) async throws -> [PartnershipExport.ContributionRow] {
        try await db.raw(
            "SELECT c.*, r.name AS partner_name, d.title AS design_title FROM partnership_contributions c "
                + "JOIN partnerships p ON p.id = c.partnership_id JOIN partners r ON r.id = p.partner_id "
                + "LEFT JOIN service_designs d ON d.id = c.design_id WHERE " + Self.scope(district: district, partnerID: partnerID)
                + " ORDER BY c.received_on, c.id"
        ).all().map {
            PartnershipExport.ContributionRow(
                partnershipID: try $0.decode(column: "partnership_id", as: Int64.self),
                partner: try $0.decode(column: "partner_name", as: String.self), contribution: try Self.contribution($0),
                design: try $0.decode(column: "design_title", as: String?.self))
        }
    }

    private func rows(_ filter: SQLQueryString) async throws -> [PartnershipRow] {
        let rows = try await db.raw(
            "SELECT p.id, p.partner_id, r.name AS partner_name, p.status, p.roles, p.starts_on, p.ends_on, l.name AS library, l.id AS library_id "
                + "FROM partnerships p JOIN partners r ON r.id = p.partner_id "
                + "LEFT JOIN partnership_libraries pl ON pl.partnership_id = p.id LEFT JOIN libraries l ON l.id = pl.library_id WHERE "
                + filter + " ORDER BY p.id DESC, l.name"
        ).all()
        var out: [PartnershipRow] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let library = try row.decode(column: "library", as: String?.self)
            let libraryID = try row.decode(column: "library_id", as: Int64?.self)
            if out.last?.id == id {
                if let library { out[out.count - 1].libraries.append(library) }
                if let libraryID { out[out.count - 1].libraryIDs.append(libraryID) }
                continue
            }
            func date(_ column: String) throws -> LocalDate? {
                try row.decode(column: column, as: String?.self).flatMap(LocalDate.init(parsing:))
            }
            out.append(
                PartnershipRow(
                    id: id, partnerID: try row.decode(column: "partner_id", as: Int64.self),
                    partnerName: try row.decode(column: "partner_name", as: String.self),
                    status: PartnershipStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposed,
                    roles: Self.roles(try row.decode(column: "roles", as: String.self)), startsOn: try date("starts_on"),
                    endsOn: try date("ends_on"), libraries: library.map { [$0] } ?? [], libraryIDs: libraryID.map { [$0] } ?? []))
        }
        return out
    }

    /// Follow-ups, renewals and ends in the coming 60 days (and overdue ones), with the partner's
    /// name: a library's (`library`), a district's, or everyone's. Only the partnerships that have
    /// something due, and only the newest contact and agreements of each, are read: the start page
    /// asks this on every visit.
    func agenda(district: String?, library: Int64?, today: LocalDate) async throws -> [(item: PartnershipAgenda.Item, partner: String)] {
        let horizon = today.adding(days: PartnershipAgenda.horizonDays) ?? today
        var filter: SQLQueryString = "p.status <> \(bind: PartnershipStatus.ended.rawValue)"
        if let library {
            filter = filter + " AND p.id IN (SELECT partnership_id FROM partnership_libraries WHERE library_id = \(bind: library))"
        } else {
            filter = filter + " AND " + Self.scope(district: district)
        }
        // The newest contact of a partnership: none on a later day, nor a later one on its day.
        let newest: SQLQueryString =
            "NOT EXISTS (SELECT 1 FROM partnership_interactions j WHERE j.partnership_id = i.partnership_id "
            + "AND (j.on_date > i.on_date OR (j.on_date = i.on_date AND j.id > i.id)))"
        filter =
            filter + " AND ((p.ends_on >= \(bind: today.iso) AND p.ends_on <= \(bind: horizon.iso)) "
            + "OR p.id IN (SELECT i.partnership_id FROM partnership_interactions i WHERE i.follow_up_on <= \(bind: horizon.iso) AND "
            + newest
            + ") OR p.id IN (SELECT a.partnership_id FROM partnership_agreements a WHERE a.renew_on <= \(bind: horizon.iso) AND "
            + Self.newestAgreement + "))"
        let rows = try await rows(filter)
        guard !rows.isEmpty else { return [] }
        let contacts = try await db.raw(
            "SELECT i.partnership_id, i.on_date, i.kind, i.note, i.follow_up_on FROM partnership_interactions i "
                + "WHERE i.partnership_id IN (\(binds: rows.map(\.id))) AND " + newest
        ).all().map { row in
            (
                partnershipID: try row.decode(column: "partnership_id", as: Int64.self), interaction: try Self.interaction(row)
            )
        }
        let agreements = try await db.raw(
            "SELECT a.* FROM partnership_agreements a WHERE a.partnership_id IN (\(binds: rows.map(\.id))) AND " + Self.newestAgreement
        ).all().map { (partnershipID: try $0.decode(column: "partnership_id", as: Int64.self), agreement: try Self.agreement($0)) }
        let partnerships = rows.map {
            (id: $0.id, partnership: Partnership(partnerID: $0.partnerID, libraryIDs: $0.libraryIDs, status: $0.status, endsOn: $0.endsOn))
        }
        let names = Dictionary(rows.map { ($0.id, $0.partnerName) }, uniquingKeysWith: { a, _ in a })
        return PartnershipAgenda.due(partnerships: partnerships, interactions: contacts, agreements: agreements, today: today).map {
            ($0, names[$0.partnershipID] ?? "")
        }
    }

    // MARK: A partner's history

    /// One partner's partnerships in a district (nil: all) and what happened in them, for its timeline.
    func history(partnerID: Int64, district: String?) async throws -> (
        partnerships: [PartnerTimeline.Partnership], agreements: [(partnershipID: Int64, agreement: Agreement)],
        contributions: [(partnershipID: Int64, contribution: Contribution)],
        interactions: [(partnershipID: Int64, interaction: Interaction)]
    ) {
        let rows = try await list(district: district, partnerID: partnerID)
        let ids = rows.map(\.id)
        guard !ids.isEmpty else { return ([], [], [], []) }
        let agreements = try await db.raw(
            "SELECT * FROM partnership_agreements WHERE partnership_id IN (\(binds: ids)) ORDER BY signed_on, id"
        ).all().map { (partnershipID: try $0.decode(column: "partnership_id", as: Int64.self), agreement: try Self.agreement($0)) }
        let contributions = try await db.raw(
            "SELECT * FROM partnership_contributions WHERE partnership_id IN (\(binds: ids)) ORDER BY received_on, id"
        ).all().map { (partnershipID: try $0.decode(column: "partnership_id", as: Int64.self), contribution: try Self.contribution($0)) }
        let interactions = try await self.interactions(ids).reversed().map {
            (partnershipID: $0.partnershipID, interaction: $0.stored.interaction)
        }
        return (
            rows.map { PartnerTimeline.Partnership(id: $0.id, libraries: $0.libraries, startsOn: $0.startsOn, endsOn: $0.endsOn) },
            agreements, contributions, interactions
        )
    }

    // MARK: The network's overview

    /// The partnerships with a library in `district` (nil: all), as the overview needs them, and
    /// what was contributed to them.
    func network(district: String?) async throws -> (
        entries: [PartnershipNetwork.Entry], contributions: [(partnershipID: Int64, contribution: Contribution)]
    ) {
        let filter = Self.scope(district: district)
        let rows = try await db.raw(
            "SELECT p.id, p.partner_id, r.name AS partner_name, r.kind AS partner_kind, p.status, p.ends_on, l.id AS library_id, "
                + "l.name AS library, l.district_code FROM partnerships p JOIN partners r ON r.id = p.partner_id "
                + "LEFT JOIN partnership_libraries pl ON pl.partnership_id = p.id LEFT JOIN libraries l ON l.id = pl.library_id WHERE "
                + filter + " ORDER BY p.id, l.name"
        ).all()
        var entries: [PartnershipNetwork.Entry] = []
        var libraries: [PartnershipNetwork.Entry.Library] = []
        var current: (id: Int64, row: any SQLRow)?
        func flush() throws {
            guard let (id, row) = current else { return }
            entries.append(
                PartnershipNetwork.Entry(
                    id: id, partnerID: try row.decode(column: "partner_id", as: Int64.self),
                    partnerName: try row.decode(column: "partner_name", as: String.self),
                    partnerKind: PartnerKind(rawValue: try row.decode(column: "partner_kind", as: String.self)) ?? .other,
                    libraries: libraries,
                    status: PartnershipStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposed,
                    endsOn: try row.decode(column: "ends_on", as: String?.self).flatMap(LocalDate.init(parsing:))))
            libraries = []
        }
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            if current?.id != id {
                try flush()
                current = (id, row)
            }
            if let library = try row.decode(column: "library_id", as: Int64?.self) {
                libraries.append(
                    .init(
                        id: library, name: try row.decode(column: "library", as: String.self),
                        districtCode: try row.decode(column: "district_code", as: String?.self)))
            }
        }
        try flush()
        guard !entries.isEmpty else { return ([], []) }
        let contributions = try await db.raw(
            "SELECT c.* FROM partnership_contributions c JOIN partnerships p ON p.id = c.partnership_id WHERE " + filter
                + " ORDER BY c.received_on, c.id"
        ).all().map { (partnershipID: try $0.decode(column: "partnership_id", as: Int64.self), contribution: try Self.contribution($0)) }
        return (entries, contributions)
    }

    // MARK: Agreements

    /// The newest agreement of its kind in its partnership (`a`): none of that kind signed later,
    /// nor a later one on its day (`PartnershipAgenda.due`).
    static let newestAgreement: SQLQueryString =
        "NOT EXISTS (SELECT 1 FROM partnership_agreements b WHERE b.partnership_id = a.partnership_id AND b.kind = a.kind "
        + "AND (b.signed_on > a.signed_on OR (b.signed_on = a.signed_on AND b.id > a.id)))"

    static func agreement(_ row: any SQLRow) throws -> Agreement {
        func date(_ column: String) throws -> LocalDate? {
            try row.decode(column: column, as: String?.self).flatMap(LocalDate.init(parsing:))
        }
        return Agreement(
            kind: AgreementKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .memorandum,
            title: try row.decode(column: "title", as: String.self),
            signedOn: try date("signed_on") ?? LocalDate(year: 2000, month: 1, day: 1)!, validUntil: try date("valid_until"),
            renewOn: try date("renew_on"), notes: try row.decode(column: "notes", as: String?.self))
    }

    func addAgreement(_ partnershipID: Int64, _ a: Agreement, by: String?) async throws -> Int64 {
        let row = try await db.insert(into: "partnership_agreements")
            .columns("partnership_id", "kind", "title", "signed_on", "valid_until", "renew_on", "notes", "created_by", "created_at")
            .values(
                SQLBind(partnershipID), SQLBind(a.kind.rawValue), SQLBind(a.title), SQLBind(a.signedOn.iso), SQLBind(a.validUntil?.iso),
                SQLBind(a.renewOn?.iso), SQLBind(a.notes), SQLBind(by), SQLBind(Int64(Date().timeIntervalSince1970))
            ).returning("id").first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    /// A partnership's agreements with their files, newest first.
    func agreements(_ partnershipID: Int64) async throws -> [StoredAgreement] {
        var out = try await db.raw(
            """
            SELECT * FROM partnership_agreements WHERE partnership_id = \(bind: partnershipID) ORDER BY signed_on DESC, id DESC
            """
        ).all().map {
            StoredAgreement(
                id: try $0.decode(column: "id", as: Int64.self), partnershipID: partnershipID, agreement: try Self.agreement($0),
                version: try $0.decode(column: "version", as: Int64.self))
        }
        let files = try await AttachmentStore(db: db).list(kind: AttachmentOwner.agreement(0).kind, ids: out.map(\.id))
        for i in out.indices { out[i].files = files[out[i].id] ?? [] }
        return out
    }

    func agreement(_ id: Int64) async throws -> StoredAgreement? {
        guard let row = try await db.raw("SELECT * FROM partnership_agreements WHERE id = \(bind: id)").first() else { return nil }
        var stored = StoredAgreement(
            id: id, partnershipID: try row.decode(column: "partnership_id", as: Int64.self), agreement: try Self.agreement(row),
            version: try row.decode(column: "version", as: Int64.self))
        stored.files = try await AttachmentStore(db: db).list(.agreement(id))
        return stored
    }

    /// Changes an agreement of the partnership (not its files) if it is still at `expectedVersion`;
    /// false when it is not.
    func updateAgreement(_ id: Int64, of partnershipID: Int64, _ a: Agreement, expectedVersion: Int64) async throws -> Bool {
        try await db.update("partnership_agreements")
            .set("kind", to: SQLBind(a.kind.rawValue)).set("title", to: SQLBind(a.title)).set("signed_on", to: SQLBind(a.signedOn.iso))
            .set("valid_until", to: SQLBind(a.validUntil?.iso)).set("renew_on", to: SQLBind(a.renewOn?.iso))
            .set("notes", to: SQLBind(a.notes))
            .set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("partnership_id", .equal, partnershipID).where("version", .equal, expectedVersion)
            .returning("id").first() != nil
    }

    /// The agreement and its files; false when it was already gone.
    func deleteAgreement(_ id: Int64) async throws -> Bool {
        try await AttachmentStore(db: db).deleteAll(.agreement(id))
        return try await db.delete(from: "partnership_agreements").where("id", .equal, id).returning("id").first() != nil
    }

    // MARK: Contributions

    func addContribution(_ partnershipID: Int64, _ c: Contribution) async throws -> Int64 {
        let currency = (c.amount ?? c.estimatedValue)?.currency ?? .BGN
        let row = try await db.insert(into: "partnership_contributions")
            .columns(
                "partnership_id", "received_on", "amount_minor", "in_kind", "value_minor", "currency", "volunteer_hours", "design_id",
                "created_at"
            )
            .values(
                SQLBind(partnershipID), SQLBind(c.receivedOn.iso), SQLBind(c.amount?.minorUnits), SQLBind(c.inKind),
                SQLBind(c.estimatedValue?.minorUnits), SQLBind(currency.rawValue), SQLBind(c.volunteerHours?.thousandths),
                SQLBind(c.designID),
                SQLBind(Int64(Date().timeIntervalSince1970))
            ).returning("id").first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    private static func contribution(_ row: any SQLRow) throws -> Contribution {
        let currency = Currency(rawValue: try row.decode(column: "currency", as: String.self)) ?? .BGN
        return Contribution(
            receivedOn: LocalDate(parsing: try row.decode(column: "received_on", as: String.self)) ?? LocalDate(
                year: 2000, month: 1, day: 1)!,
            amount: try row.decode(column: "amount_minor", as: Int64?.self).map { Money(minorUnits: $0, currency: currency) },
            inKind: try row.decode(column: "in_kind", as: String?.self),
            estimatedValue: try row.decode(column: "value_minor", as: Int64?.self).map { Money(minorUnits: $0, currency: currency) },
            volunteerHours: try row.decode(column: "volunteer_hours", as: Int64?.self).map(FixedDecimal.init(thousandths:)),
            designID: try row.decode(column: "design_id", as: Int64?.self))
    }

    func contributions(_ partnershipID: Int64) async throws -> [StoredContribution] {
        try await db.raw(
            """
            SELECT c.*, d.title AS design_title FROM partnership_contributions c LEFT JOIN service_designs d ON d.id = c.design_id \
            WHERE c.partnership_id = \(bind: partnershipID) ORDER BY c.received_on DESC, c.id DESC
            """
        ).all().map {
            StoredContribution(
                id: try $0.decode(column: "id", as: Int64.self), contribution: try Self.contribution($0),
                designTitle: try $0.decode(column: "design_title", as: String?.self),
                version: try $0.decode(column: "version", as: Int64.self))
        }
    }

    /// One contribution with the partnership it belongs to.
    func contribution(_ id: Int64) async throws -> (partnershipID: Int64, contribution: Contribution, version: Int64)? {
        guard let row = try await db.raw("SELECT * FROM partnership_contributions WHERE id = \(bind: id)").first() else { return nil }
        return (
            try row.decode(column: "partnership_id", as: Int64.self), try Self.contribution(row),
            try row.decode(column: "version", as: Int64.self)
        )
    }

    /// Changes a contribution of the partnership if it is still at `expectedVersion`; false when
    /// it is not (changed or deleted by someone else meanwhile).
    func updateContribution(_ id: Int64, of partnershipID: Int64, _ c: Contribution, expectedVersion: Int64) async throws -> Bool {
        let currency = (c.amount ?? c.estimatedValue)?.currency ?? .BGN
        return try await db.update("partnership_contributions")
            .set("received_on", to: SQLBind(c.receivedOn.iso)).set("amount_minor", to: SQLBind(c.amount?.minorUnits))
            .set("in_kind", to: SQLBind(c.inKind)).set("value_minor", to: SQLBind(c.estimatedValue?.minorUnits))
            .set("currency", to: SQLBind(currency.rawValue)).set("volunteer_hours", to: SQLBind(c.volunteerHours?.thousandths))
            .set("design_id", to: SQLBind(c.designID))
            .set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("partnership_id", .equal, partnershipID).where("version", .equal, expectedVersion)
            .returning("id").first() != nil
    }

    /// Changes a contact of the partnership if it is still at `expectedVersion`; false when it is not.
    func updateInteraction(_ id: Int64, of partnershipID: Int64, _ i: Interaction, expectedVersion: Int64) async throws -> Bool {
        try await db.update("partnership_interactions")
            .set("on_date", to: SQLBind(i.on.iso)).set("kind", to: SQLBind(i.kind.rawValue)).set("note", to: SQLBind(i.note))
            .set("follow_up_on", to: SQLBind(i.followUpOn?.iso))
            .set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("partnership_id", .equal, partnershipID).where("version", .equal, expectedVersion)
            .returning("id").first() != nil
    }

    /// False when it was already gone (deleted by someone else a moment before).
    func deleteContribution(_ id: Int64) async throws -> Bool {
        try await db.delete(from: "partnership_contributions").where("id", .equal, id).returning("id").first() != nil
    }

    /// False when it was already gone.
    func deleteInteraction(_ id: Int64) async throws -> Bool {
        try await db.delete(from: "partnership_interactions").where("id", .equal, id).returning("id").first() != nil
    }

    /// The contributions of a partnership as `shown(_:to:)` left it for its reader: a design the
    /// reader may not read is not named.
    func contributions(of shown: StoredPartnership) async throws -> [StoredContribution] {
        let readable = Set(shown.designs.map(\.id))
        return try await contributions(shown.id).map { c in
            var named = c
            if let design = c.contribution.designID, !readable.contains(design) { named.designTitle = nil }
            return named
        }
    }

    /// What partners gave to one design, with the partner's name, oldest first.
    func contributions(design id: Int64) async throws -> [(partner: String, contribution: Contribution)] {
        try await db.raw(
            """
            SELECT c.*, r.name AS partner_name FROM partnership_contributions c JOIN partnerships p ON p.id = c.partnership_id \
            JOIN partners r ON r.id = p.partner_id WHERE c.design_id = \(bind: id) ORDER BY c.received_on, c.id
            """
        ).all().map { (partner: try $0.decode(column: "partner_name", as: String.self), contribution: try Self.contribution($0)) }
    }

    // MARK: Interactions

    func addInteraction(_ partnershipID: Int64, _ i: Interaction, by: String?) async throws -> Int64 {
        let row = try await db.insert(into: "partnership_interactions")
            .columns("partnership_id", "on_date", "kind", "note", "follow_up_on", "created_by", "created_at")
            .values(
                SQLBind(partnershipID), SQLBind(i.on.iso), SQLBind(i.kind.rawValue), SQLBind(i.note), SQLBind(i.followUpOn?.iso),
                SQLBind(by),
                SQLBind(Int64(Date().timeIntervalSince1970))
            ).returning("id").first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    /// The interactions of some partnerships, newest first.
    /// A contact as stored (a day that cannot be read, which no form or API writes, is 2000-01-01).
    static func interaction(_ row: any SQLRow) throws -> Interaction {
        Interaction(
            on: LocalDate(parsing: try row.decode(column: "on_date", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
            kind: InteractionKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .meeting,
            note: try row.decode(column: "note", as: String.self),
            followUpOn: try row.decode(column: "follow_up_on", as: String?.self).flatMap(LocalDate.init(parsing:)))
    }

    /// One contact and the partnership it belongs to.
    func interaction(_ id: Int64) async throws -> (partnershipID: Int64, interaction: Interaction, version: Int64)? {
        guard let row = try await db.raw("SELECT * FROM partnership_interactions WHERE id = \(bind: id)").first() else { return nil }
        return (
            try row.decode(column: "partnership_id", as: Int64.self), try Self.interaction(row),
            try row.decode(column: "version", as: Int64.self)
        )
    }

    func interactions(_ partnershipIDs: [Int64]) async throws -> [(partnershipID: Int64, stored: StoredInteraction)] {
        guard !partnershipIDs.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT id, partnership_id, on_date, kind, note, follow_up_on, created_by, version FROM partnership_interactions \
            WHERE partnership_id IN (\(binds: partnershipIDs)) ORDER BY on_date DESC, id DESC
            """
        ).all().map { row in
            (
                partnershipID: try row.decode(column: "partnership_id", as: Int64.self),
                stored: StoredInteraction(
                    id: try row.decode(column: "id", as: Int64.self), interaction: try Self.interaction(row),
                    by: try row.decode(column: "created_by", as: String?.self), version: try row.decode(column: "version", as: Int64.self))
            )
        }
    }
}
