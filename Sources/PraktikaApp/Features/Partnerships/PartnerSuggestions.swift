import Foundation
import PraktikaDomain
import SQLKit

/// The partners to suggest while a design's partners block is filled in: registry partners
/// named on, or in a partnership for, the designs most like it that the person may read
/// (`DesignListQuery.similar`, through the search index), less those already on the design;
/// ranked by `PartnerSuggestion.rank`.
struct PartnerSuggestions {
    let db: any SQLDatabase

    /// How many similar designs are looked at.
    static let similarDesigns = 20

    func suggest(for stored: StoredDesign, _ actor: Actor?, today: LocalDate, limit: Int = 6) async throws -> [PartnerSuggestion.Ranked] {
        let similar = try await DesignListQuery.similar(db, to: stored, actor, limit: Self.similarDesigns)
        guard !similar.isEmpty else { return [] }
        let place = Dictionary(similar.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let ids = similar.map(\.id)
        let links = try await db.raw(
            """
            SELECT design_id, partner_id FROM design_partners WHERE design_id IN (\(binds: ids)) \
            UNION SELECT pd.design_id, p.partner_id FROM partnership_designs pd JOIN partnerships p ON p.id = pd.partnership_id \
            WHERE pd.design_id IN (\(binds: ids))
            """
        ).all().map {
            (design: try $0.decode(column: "design_id", as: Int64.self), partner: try $0.decode(column: "partner_id", as: Int64.self))
        }
        let already = Set(stored.design.partners.compactMap(\.partnerID))
        var designsOf: [Int64: [(place: Int, title: String)]] = [:]
        let titles = Dictionary(similar.map { ($0.id, $0.design.title) }, uniquingKeysWith: { a, _ in a })
        for link in links where !already.contains(link.partner) {
            guard let p = place[link.design], let title = titles[link.design] else { continue }
            if designsOf[link.partner]?.contains(where: { $0.place == p }) == true { continue }
            designsOf[link.partner, default: []].append((p, title))
        }
        let partnerIDs = designsOf.keys.sorted()
        guard !partnerIDs.isEmpty else { return [] }
        let partners = try await db.raw("SELECT id, name, kind, district_code FROM partners WHERE id IN (\(binds: partnerIDs))").all()
        var given: [Int64: [LocalDate]] = [:]
        for row in try await db.raw(
            """
            SELECT p.partner_id, c.received_on FROM partnership_contributions c JOIN partnerships p ON p.id = c.partnership_id \
            WHERE p.partner_id IN (\(binds: partnerIDs))
            """
        ).all() {
            guard let day = LocalDate(parsing: try row.decode(column: "received_on", as: String.self)) else { continue }
            given[try row.decode(column: "partner_id", as: Int64.self), default: []].append(day)
        }
        let candidates = try partners.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return PartnerSuggestion.Candidate(
                partnerID: id, name: try row.decode(column: "name", as: String.self),
                kind: PartnerKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                districtCode: try row.decode(column: "district_code", as: String?.self), designs: designsOf[id] ?? [],
                contributions: given[id] ?? [])
        }
        return PartnerSuggestion.rank(
            candidates, wantedKinds: Set(stored.design.partners.compactMap(\.kind)), districts: stored.districtCodes, today: today,
            limit: limit)
    }
}
