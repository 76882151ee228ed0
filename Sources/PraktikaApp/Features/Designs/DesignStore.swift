import Foundation
import PraktikaDomain
import SQLKit

/// A design as stored: the value, its version counter and where it sits.
struct StoredDesign: Sendable {
    let id: Int64
    let design: ServiceDesign
    let version: Int
    let createdAt: Date
    let updatedAt: Date
    let updatedByName: String?
    /// The districts of its libraries.
    let districtCodes: Set<String>

    var scope: DesignScope {
        DesignScope(libraryIDs: Set(design.libraryIDs), districtCodes: districtCodes, visibility: design.visibility)
    }
}

/// One saved version of a design.
struct DesignRevision: Sendable {
    let version: Int
    let design: ServiceDesign
    let block: DesignBlock?
    let restoredFrom: Int?
    let userName: String?
    let at: Date
}

/// One line of the list of designs.
struct DesignListRow: Sendable {
    let id: Int64
    let title: String
    let status: String
    let visibility: String
    let targetCategory: String
    let budgetTotalEURMinor: Int64
    let updatedAt: Date
    /// Published as a good practice.
    let isPractice: Bool
    /// The names of its libraries, in name order.
    var libraries: [String] = []
    /// For a search: the passage of its most telling texts around the first matched word
    /// (`DesignListQuery.listRows`), nil when none of them holds one.
    var snippet: [Snippet.Part]?
    /// For a search whose words are in the title: the title with them marked.
    var titleParts: [Snippet.Part]?
}

/// Reads and writes service designs with SQLKit. Callers wrap writes in a transaction.
struct DesignStore {
    let db: any SQLDatabase

    enum SaveOutcome: Equatable {
        case saved(version: Int)
        /// Someone saved a newer version since the one the change was made on.
        case stale
    }

    private struct Row: Decodable {
        let id: Int64
        let content: String
        let version: Int
        let createdAt: Date
        let updatedAt: Date
        let updatedByName: String?

        enum CodingKeys: String, CodingKey {
            case id, content, version
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case updatedByName = "updated_by_name"
        }
    }

    static func encode(_ design: ServiceDesign) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(design), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> ServiceDesign {
        try JSONDecoder().decode(ServiceDesign.self, from: Data(text.utf8))
    }

    func find(_ id: Int64) async throws -> StoredDesign? {
        guard
            let row = try await db.select().columns("id", "content", "version", "created_at", "updated_at", "updated_by_name")
                .from("service_designs").where("id", .equal, id).first(decoding: Row.self)
        else { return nil }
        let design = try Self.decode(row.content)
        return StoredDesign(
            id: row.id, design: design, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt,
            updatedByName: row.updatedByName, districtCodes: try await districts(of: design.libraryIDs))
    }

    func districts(of libraryIDs: [Int64]) async throws -> Set<String> {
        guard !libraryIDs.isEmpty else { return [] }
        let rows = try await db.select().column("district_code").from("libraries")
            .where("id", .in, libraryIDs).all()
        return Set(try rows.compactMap { try $0.decode(column: "district_code", as: String?.self) })
    }

    /// A new design, created `now` unless it is older than its record (the demo's, from 2012).
    func insert(_ design: ServiceDesign, by actor: Actor?, at now: Date = Date()) async throws -> Int64 {
        let content = try Self.encode(design)
        var columns = summaryColumns(design)
        columns += [
            ("content", SQLBind(content)), ("version", SQLBind(1)), ("created_at", SQLBind(now)),
            ("updated_at", SQLBind(now)), ("updated_by_name", SQLBind(actor?.name)),
        ]
        guard
            let row = try await db.insert(into: "service_designs").columns(columns.map(\.0)).values(columns.map(\.1))
                .returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        let id = try row.decode(column: "id", as: Int64.self)
        try await link(id, design)
        try await index(id, design)
        try await addRevision(id, version: 1, content: content, block: nil, restoredFrom: nil, actor: actor, at: now)
        return id
    }

    /// Saves over `expectedVersion` only if that is still the newest; the check and the write are
    /// one statement, so two saves on the same version cannot both win.
    func update(
        _ id: Int64, _ design: ServiceDesign, expectedVersion: Int, by actor: Actor?, block: DesignBlock?,
        restoredFrom: Int? = nil
    ) async throws -> SaveOutcome {
        let now = Date()
        let content = try Self.encode(design)
        var builder = db.update("service_designs").where("id", .equal, id).where("version", .equal, expectedVersion)
        for (column, value) in summaryColumns(design) { builder = builder.set(SQLIdentifier(column), to: value) }
        let updated = try await builder.set("content", to: SQLBind(content)).set("version", to: SQLBind(expectedVersion + 1))
            .set("updated_at", to: SQLBind(now)).set("updated_by_name", to: SQLBind(actor?.name))
            .returning("id").first()
        guard updated != nil else { return .stale }
        try await link(id, design)
        try await index(id, design)
        try await addRevision(
            id, version: expectedVersion + 1, content: content, block: block, restoredFrom: restoredFrom, actor: actor, at: now)
        return .saved(version: expectedVersion + 1)
    }

    func delete(_ id: Int64) async throws {
        // Children first: SQLite enforces the cascade only when foreign keys are on, PostgreSQL always.
        try await SearchIndex(db: db).remove(id)
        try await AttachmentStore(db: db).deleteAll(.design(id))
        // A table's result or a recorded presentation loses its link, not its row.
        try await db.update("work_tables").set("design_id", to: SQLBind(Int64?.none)).where("design_id", .equal, id).run()
        try await db.update("agenda_items").set("practice_design_id", to: SQLBind(Int64?.none)).where("practice_design_id", .equal, id)
            .run()
        try await db.update("partnership_contributions").set("design_id", to: SQLBind(Int64?.none)).where("design_id", .equal, id).run()
        for table in ["partnership_designs", "design_leaflets", "design_facets", "design_revisions", "design_partners", "design_libraries"]
        {
            try await db.delete(from: table).where("design_id", .equal, id).run()
        }
        try await db.delete(from: "service_designs").where("id", .equal, id).run()
    }

    func revisions(_ id: Int64) async throws -> [DesignRevision] {
        try await db.select().columns("version", "content", "block", "restored_from", "user_name", "at")
            .from("design_revisions").where("design_id", .equal, id).orderBy("version", .descending).all()
            .map(revision)
    }

    func revision(_ id: Int64, version: Int) async throws -> DesignRevision? {
        try await db.select().columns("version", "content", "block", "restored_from", "user_name", "at")
            .from("design_revisions").where("design_id", .equal, id).where("version", .equal, version).first()
            .map(revision)
    }

    private func revision(_ row: any SQLRow) throws -> DesignRevision {
        DesignRevision(
            version: try row.decode(column: "version", as: Int.self),
            design: try Self.decode(try row.decode(column: "content", as: String.self)),
            block: try row.decode(column: "block", as: String?.self).flatMap(DesignBlock.init(rawValue:)),
            restoredFrom: try row.decode(column: "restored_from", as: Int?.self),
            userName: try row.decode(column: "user_name", as: String?.self),
            at: try row.decode(column: "at", as: Date.self))
    }

    /// Names of libraries by id, for the chart and the history.
    /// The titles of the designs with these ids.
    func titles(_ ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("id", "title").from("service_designs").where("id", .in, ids).all()
        return Dictionary(
            try rows.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "title", as: String.self)) },
            uniquingKeysWith: { a, _ in a })
    }

    func libraryNames(_ ids: [Int64]) async throws -> [Int64: String] {
        try await RegistryLookups(db: db).names(.libraries, ids)
    }

    /// Rebuilds the search index of every design (after the dictionary was installed or removed).
    @discardableResult
    func reindexAll() async throws -> Int {
        let rows = try await db.select().columns("id", "content").from("service_designs").all()
        for row in rows {
            try await index(try row.decode(column: "id", as: Int64.self), Self.decode(try row.decode(column: "content", as: String.self)))
        }
        return rows.count
    }

    /// Keeps the full-text index and the facet values of a design in step with it.
    func index(_ id: Int64, _ design: ServiceDesign) async throws {
        try await db.delete(from: "design_facets").where("design_id", .equal, id).run()
        let created =
            try await db.select().column("created_at").from("service_designs").where("id", .equal, id).first()?
            .decode(column: "created_at", as: Date.self) ?? Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Formatting.timeZone
        let values = DesignFacet.values(
            of: design, districts: try await districts(of: design.libraryIDs), year: calendar.component(.year, from: created))
        try await SearchIndex(db: db).replace(id, SearchDocument(design, analyzer: SearchSettings.analyzer), facets: values)
        for (facet, value) in values {
            try await db.insert(into: "design_facets").columns("design_id", "facet", "value")
                .values(SQLBind(id), SQLBind(facet.rawValue), SQLBind(value)).run()
        }
    }

    /// The designs of the given ids, whole (similar practices are compared by their content).
    func designs(_ ids: [Int64]) async throws -> [Int64: ServiceDesign] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("id", "content").from("service_designs").where("id", .in, ids).all()
        var result: [Int64: ServiceDesign] = [:]
        for row in rows {
            result[try row.decode(column: "id", as: Int64.self)] = try Self.decode(try row.decode(column: "content", as: String.self))
        }
        return result
    }

    /// The designs adopted from this one, with the districts of their libraries.
    func adoptions(of id: Int64) async throws -> (count: Int, districts: [String: Int]) {
        let rows = try await db.raw(
            """
            SELECT d.id, l.district_code FROM service_designs d LEFT JOIN design_libraries dl ON dl.design_id = d.id \
            LEFT JOIN libraries l ON l.id = dl.library_id WHERE d.adopted_from = \(bind: id)
            """
        ).all()
        var designs: Set<Int64> = []
        var districts: [String: Int] = [:]
        for row in rows {
            designs.insert(try row.decode(column: "id", as: Int64.self))
            if let code = try row.decode(column: "district_code", as: String?.self) { districts[code, default: 0] += 1 }
        }
        return (designs.count, districts)
    }

    /// The copies made of a design, oldest first.
    func adoptedCopies(of id: Int64) async throws -> [StoredDesign] {
        let ids = try await db.select().column("id").from("service_designs").where("adopted_from", .equal, id).orderBy("id").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
        var result: [StoredDesign] = []
        for copy in ids { if let found = try await find(copy) { result.append(found) } }
        return result
    }

    /// The public contact details of the design's libraries, for its leaflet.
    func contacts(_ ids: [Int64], _ language: Language) async throws -> [Leaflet.Contact] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT l.id, l.name, l.address, l.phone, l.email, l.website, s.name AS settlement, s.kind AS settlement_kind \
            FROM libraries l LEFT JOIN settlements s ON s.id = l.settlement_id WHERE l.id IN (\(binds: ids))
            """
        ).all()
        var byID: [Int64: Leaflet.Contact] = [:]
        for row in rows {
            let place = try row.decode(column: "settlement", as: String?.self).map { name in
                let kind = (try? row.decode(column: "settlement_kind", as: String?.self)).flatMap { $0 }.flatMap(
                    SettlementKind.init(rawValue:))
                return kind.map { Settlement.displayName(kind: $0, name: name, language) } ?? name
            }
            byID[try row.decode(column: "id", as: Int64.self)] = Leaflet.Contact(
                name: try row.decode(column: "name", as: String.self), place: place,
                address: try row.decode(column: "address", as: String?.self), phone: try row.decode(column: "phone", as: String?.self),
                email: try row.decode(column: "email", as: String?.self), website: try row.decode(column: "website", as: String?.self))
        }
        return ids.compactMap { byID[$0] }
    }

    // MARK: Private

    private func summaryColumns(_ d: ServiceDesign) -> [(String, any SQLExpression)] {
        [
            ("title", SQLBind(d.title)), ("title_key", SQLBind(SortKey.fold(d.title))), ("status", SQLBind(d.status.rawValue)),
            ("visibility", SQLBind(d.visibility.rawValue)), ("target_category", SQLBind(d.targetGroup.category.rawValue)),
            ("budget_total_eur_minor", SQLBind(d.totals.total(in: .EUR).minorUnits)),
            ("published_on", SQLBind(d.practice?.publishedOn.iso)), ("adopted_from", SQLBind(d.adoptedFrom)),
        ]
    }

    private func link(_ id: Int64, _ d: ServiceDesign) async throws {
        try await db.delete(from: "design_libraries").where("design_id", .equal, id).run()
        try await db.delete(from: "design_partners").where("design_id", .equal, id).run()
        for libraryID in Set(d.libraryIDs) {
            try await db.insert(into: "design_libraries").columns("design_id", "library_id").values(SQLBind(id), SQLBind(libraryID)).run()
        }
        for partnerID in Set(d.partners.compactMap(\.partnerID)) {
            try await db.insert(into: "design_partners").columns("design_id", "partner_id").values(SQLBind(id), SQLBind(partnerID)).run()
        }
    }

    private func addRevision(
        _ id: Int64, version: Int, content: String, block: DesignBlock?, restoredFrom: Int?, actor: Actor?, at: Date
    ) async throws {
        try await db.insert(into: "design_revisions")
            .columns("design_id", "version", "content", "block", "restored_from", "user_id", "user_name", "at")
            .values(
                SQLBind(id), SQLBind(version), SQLBind(content), SQLBind(block?.rawValue), SQLBind(restoredFrom),
                SQLBind(actor?.userID), SQLBind(actor?.name), SQLBind(at)
            )
            .run()
    }
}
