import Foundation

/// Partners to suggest for a design's partners block: registry partners who worked on similar
/// services (found through the search index), those of the kinds the design already names
/// first, then by how much they did: the similar designs they took part in (the more alike,
/// the more it counts) and their contributions (the more recent, the more each counts).
public enum PartnerSuggestion {
    public struct Candidate: Sendable, Hashable {
        public let partnerID: Int64
        public let name: String
        public let kind: PartnerKind
        public let districtCode: String?
        /// The similar designs the partner worked on, by their place among the similar ones (0: the most alike).
        public let designs: [(place: Int, title: String)]
        /// The days the partner's contributions were received, in any partnership.
        public let contributions: [LocalDate]

        public init(
            partnerID: Int64, name: String, kind: PartnerKind, districtCode: String?, designs: [(place: Int, title: String)],
            contributions: [LocalDate]
        ) {
            self.partnerID = partnerID
            self.name = name
            self.kind = kind
            self.districtCode = districtCode
            self.designs = designs
            self.contributions = contributions
        }

        public static func == (a: Self, b: Self) -> Bool { a.partnerID == b.partnerID }
        public func hash(into hasher: inout Hasher) { hasher.combine(partnerID) }
    }

    public struct Ranked: Sendable, Equatable {
        public let partnerID: Int64
        public let name: String
        public let kind: PartnerKind
        public let districtCode: String?
        /// Of a kind the design names.
        public let sameKind: Bool
        /// Works in one of the design's districts.
        public let nearby: Bool
        /// The similar designs it worked on, most alike first.
        public let designs: [String]
        public let score: Double
    }

    /// A contribution counts for half as much with each year that passed since.
    static func weight(_ received: LocalDate, today: LocalDate) -> Double {
        pow(0.5, Double(max(0, received.days(until: today))) / 365.25)
    }

    public static func rank(
        _ candidates: [Candidate], wantedKinds: Set<PartnerKind>, districts: Set<String>, today: LocalDate, limit: Int = 6
    ) -> [Ranked] {
        candidates.map { c in
            let alike = c.designs.reduce(0.0) { $0 + 1 / Double(1 + $1.place) }
            let given = c.contributions.reduce(0.0) { $0 + weight($1, today: today) }
            let nearby = c.districtCode.map(districts.contains) ?? false
            return Ranked(
                partnerID: c.partnerID, name: c.name, kind: c.kind, districtCode: c.districtCode, sameKind: wantedKinds.contains(c.kind),
                nearby: nearby, designs: c.designs.sorted { $0.place < $1.place }.map(\.title),
                score: alike + given + (nearby ? 0.25 : 0))
        }
        .sorted { a, b in
            if a.sameKind != b.sameKind { return a.sameKind }
            if a.score != b.score { return a.score > b.score }
            return (a.name, a.partnerID) < (b.name, b.partnerID)
        }
        .prefix(limit).map { $0 }
    }
}
