import Foundation
import PraktikaDomain
import SQLKit

/// The list of designs as the page shows it.
struct DesignListModel: Sendable {
    /// `/services` (every design one may read) or `/practices` (the published ones).
    var base: SiteURL = .services
    var rows: [DesignListRow] = []
    var total = 0
    let query: ListQuery
    let canCreate: Bool
    /// For a search that found nothing: the query with its unknown words corrected.
    var suggestion: String?
    /// For a catalogue search that found no practice: how many of all the designs one may read
    /// match it (the ideas and running services not published as practices).
    var elsewhere = 0
    /// The designs' search looked only at its newest matches: `elsewhere` is a lower bound.
    var elsewhereCapped = false
    /// The query matched more than the search looks at: only the newest matches were ranked.
    var capped = false
    /// Each facet's values with their counts among the current results.
    var facets: [(DesignFacet, [(value: String, count: Int)])] = []
}

extension ListQuery {
    /// The value chosen for a facet, if any.
    func value(of facet: DesignFacet) -> String? {
        switch facet {
        case .status: status
        case .target: kind
        case .district: district
        case .innovation: innovation
        case .partnerKind: partnerKind
        case .budget: budget
        case .year: year
        }
    }

    /// This query with a facet set to a value (nil clears it), back on the first page.
    func with(_ facet: DesignFacet, _ value: String?) -> ListQuery {
        var q = self
        q.page = 1
        switch facet {
        case .status: q.status = value
        case .target: q.kind = value
        case .district: q.district = value
        case .innovation: q.innovation = value
        case .partnerKind: q.partnerKind = value
        case .budget: q.budget = value
        case .year: q.year = value
        }
        return q
    }
}

/// One design drawn as the chart.
struct DesignChartModel: Sendable {
    let id: Int64
    let design: ServiceDesign
    let version: Int
    let libraries: [(id: Int64, name: String)]
    let districts: [District]
    let updatedAt: Date
    let updatedBy: String?
    let canEdit: Bool
    let canDelete: Bool
    /// Designs like this one, for the reader to learn from.
    var similar: [(id: Int64, design: ServiceDesign)] = []
    /// For a practice: how many libraries adopted it, by district.
    var adoptions: (count: Int, districts: [String: Int]) = (0, [:])
    /// For an adopted copy: the original's title.
    var adoptedFromTitle: String?
    /// For a table's result: the meeting and the table it was designed at.
    var meetingOrigin: (id: Int64, title: String, number: Int)?
    /// For a presentation recorded as a practice: the meeting whose programme has it, if it still does.
    var presentedAtMeetingID: Int64?
    var attachments: [AttachmentInfo] = []
    /// What partners contributed to the budget, for those who may read the partnerships.
    var partnerFunding: PartnerFunding?
    /// The copies the person may read, with their libraries, for comparing results with the original.
    var adopters: [(id: Int64, libraries: String, design: ServiceDesign)] = []
    var mayAdopt = false
    /// For a practice: the outcome evidence of the practice and of the adopters' copies the
    /// person may read: answers to the immediate survey and the share agreeing with each item.
    var evidence: [OutcomeEvidence] = []
}

struct OutcomeEvidence: Sendable {
    let designID: Int64
    let libraries: String
    let answers: Int
    let tallies: [OutcomeItem: ItemTally]
}

/// The form of one block of a design.
struct DesignBlockFormModel: Sendable {
    let id: Int64
    let designTitle: String
    let block: DesignBlock
    let values: FormInput
    let errors: FieldErrors
    /// The version the form was opened on; a save on an older one is checked for conflicts.
    let version: Int
    let options: DesignFormOptions
    let conflict: DesignService.Conflict?
}

/// A design's saved versions, and optionally the difference between two of them.
struct DesignHistoryModel: Sendable {
    struct Comparison: Sendable {
        let from: Int
        let to: Int
        let changes: [DesignChange]
    }

    let id: Int64
    let title: String
    let current: Int
    let revisions: [DesignRevision]
    let canRestore: Bool
    let comparison: Comparison?
    var problem: String? = nil
}

/// The choices the design forms offer: libraries the person may give a design to, and (for the
/// partners block) the registry's partners.
struct DesignFormOptions: Sendable {
    let libraries: [FormOption]
    var partners: [FormOption] = []
    /// Whether `partners` is only part of a registry too large to offer whole in every row: the
    /// form then has a search that adds the partners found.
    var partnersNarrowed = false
    /// Partners who worked on similar services (`PartnerSuggestions`), for the partners block.
    var suggestions: [PartnerSuggestion.Ranked] = []

    /// A registry of up to this many partners is offered whole.
    static let partnersOfferedWhole = 200

    /// `keeping` are libraries already on the design, offered even when out of the person's reach
    /// so that editing other fields does not drop them.
    static func load(_ db: any SQLDatabase, _ actor: Actor?, _ language: Language, keeping: [Int64]) async throws -> DesignFormOptions {
        let reachable = try await RegistryLookups(db: db).choices(.libraries, districts: nil).filter { c in
            let scope = DesignScope(libraryIDs: [c.id], districtCodes: c.districtCode.map { [$0] } ?? [], visibility: .libraries)
            return keeping.contains(c.id) || Policy.allows(actor, .create, design: scope)
        }
        let libraries = RegistryLookups.options(reachable, language)
        return DesignFormOptions(libraries: libraries)
    }

    /// The registry's partners for a design's partner rows: all of them while there are few;
    /// otherwise those already chosen (`keeping`), then, up to a thousand, those of the design's
    /// districts, those with no district, and those whose name holds `search`.
    mutating func loadPartners(_ db: any SQLDatabase, _ language: Language, near districts: Set<String>, keeping: [Int64], search: String)
        async throws
    {
        func options(_ sql: SQLQueryString) async throws -> [FormOption] {
            RegistryLookups.options(try await RegistryLookups(db: db).choices(sql), language)
        }
        let count = try await db.raw("SELECT COUNT(*) AS n FROM partners").first()?.decode(column: "n", as: Int.self) ?? 0
        partnersNarrowed = count > Self.partnersOfferedWhole
        guard partnersNarrowed else {
            partners = try await options("SELECT id, name, district_code FROM partners ORDER BY name_key")
            return
        }
        var near: [SQLQueryString] = ["district_code IS NULL"]
        if !districts.isEmpty {
            let codes = districts.sorted()
            near.append("district_code IN (\(binds: codes))")
        }
        let words = search.trimmingCharacters(in: .whitespacesAndNewlines)
        if !words.isEmpty {
            let pattern: String = "%" + RegistryListQuery.escapeLike(SortKey.fold(words)) + "%"
            let like: SQLQueryString = "name_key LIKE \(bind: pattern) ESCAPE '\\'"
            near.append(like)
        }
        var kept: [FormOption] = []
        if !keeping.isEmpty {
            let sql: SQLQueryString = "SELECT id, name, district_code FROM partners WHERE id IN (\(binds: keeping)) ORDER BY name_key"
            kept = try await options(sql)
        }
        var sql: SQLQueryString = "SELECT id, name, district_code FROM partners WHERE ("
        sql += near.joined(separator: " OR ")
        sql += ") ORDER BY name_key LIMIT 1000"
        let found = try await options(sql)
        let keptIDs = Set(kept.map(\.value))
        partners = kept + found.filter { !keptIDs.contains($0.value) }
    }
}
