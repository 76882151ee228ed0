import Foundation

/// The network's partnerships at a glance, for coordinators and administrators: which kinds of
/// partner work with the libraries and in which districts, what partners gave year by year,
/// which partners work with several libraries, and which partnerships lapsed.
public struct PartnershipNetwork: Sendable, Equatable {
    /// One partnership as the overview needs it.
    public struct Entry: Sendable, Hashable {
        public let id: Int64
        public let partnerID: Int64
        public let partnerName: String
        public let partnerKind: PartnerKind
        public let libraries: [Library]
        public let status: PartnershipStatus
        public let endsOn: LocalDate?

        public struct Library: Sendable, Hashable {
            public let id: Int64
            public let name: String
            public let districtCode: String?

            public init(id: Int64, name: String, districtCode: String?) {
                self.id = id
                self.name = name
                self.districtCode = districtCode
            }
        }

        public init(
            id: Int64, partnerID: Int64, partnerName: String, partnerKind: PartnerKind, libraries: [Library], status: PartnershipStatus,
            endsOn: LocalDate?
        ) {
            self.id = id
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.partnerKind = partnerKind
            self.libraries = libraries
            self.status = status
            self.endsOn = endsOn
        }

        /// Over: ended, or past its end day.
        func isOver(_ today: LocalDate) -> Bool { status == .ended || (endsOn.map { $0 < today } ?? false) }
    }

    public struct Count: Sendable, Equatable {
        /// Distinct partners, and the partnerships they are in.
        public let partners: Int
        public let partnerships: Int
    }

    public struct Year: Sendable, Equatable {
        public let year: Int
        public let cash: Money
        public let inKind: Money
        /// Volunteers' hours (not in the total: an hour has no price unless someone estimated one).
        public let hours: FixedDecimal
        public var total: Money { cash + inKind }
    }

    public struct SharedPartner: Sendable, Equatable {
        public let partnerID: Int64
        public let name: String
        public let libraries: [String]
    }

    public struct Lapsed: Sendable, Equatable {
        public let partnershipID: Int64
        public let partnerName: String
        public let libraries: [String]
        public let endedOn: LocalDate?
        /// Past its end day but still marked running: someone should renew or close it.
        public let stillMarkedRunning: Bool
    }

    /// Partner kinds by partners, most first (ties by the kinds' order).
    public let byKind: [(kind: PartnerKind, count: Count)]
    /// Districts of the libraries by partners, most first (ties by code); nil for libraries without one.
    public let byDistrict: [(code: String?, count: Count)]
    /// Money and gifts by the year they were received, in `currency`, oldest first.
    public let perYear: [Year]
    public let sharedPartners: [SharedPartner]
    public let lapsed: [Lapsed]

    public static func == (a: Self, b: Self) -> Bool {
        a.byKind.map(\.kind) == b.byKind.map(\.kind) && a.byKind.map(\.count) == b.byKind.map(\.count)
            && a.byDistrict.map(\.code) == b.byDistrict.map(\.code) && a.byDistrict.map(\.count) == b.byDistrict.map(\.count)
            && a.perYear == b.perYear && a.sharedPartners == b.sharedPartners && a.lapsed == b.lapsed
    }

    /// `contributions` with their partnership's id; amounts in the other currency are converted
    /// at the fixed rate. A partnership is lapsed when it is over and its partner has no running
    /// or proposed partnership with any of its libraries since.
    public init(
        entries: [Entry], contributions: [(partnershipID: Int64, contribution: Contribution)], today: LocalDate,
        currency: Currency = .BGN
    ) {
        func count(_ group: [Entry]) -> Count {
            Count(partners: Set(group.map(\.partnerID)).count, partnerships: group.count)
        }
        let kinds = Dictionary(grouping: entries, by: \.partnerKind)
        byKind = PartnerKind.allCases.compactMap { kind in kinds[kind].map { (kind: kind, count: count($0)) } }
            .enumerated().sorted { ($1.element.count.partners, $0.offset) < ($0.element.count.partners, $1.offset) }.map(\.element)

        var perDistrict: [String?: [Entry]] = [:]
        for entry in entries {
            for code in Set(entry.libraries.map(\.districtCode)) { perDistrict[code, default: []].append(entry) }
        }
        byDistrict = perDistrict.map { (code: $0.key, count: count($0.value)) }
            .sorted { ($1.count.partners, $0.code ?? "~") < ($0.count.partners, $1.code ?? "~") }

        var years: [Int: (Money, Money, FixedDecimal)] = [:]
        let inScope = Set(entries.map(\.id))
        for (id, c) in contributions where inScope.contains(id) {
            var sums = years[c.receivedOn.year] ?? (.zero(currency), .zero(currency), .zero)
            if let amount = c.amount {
                sums.0 = sums.0 + amount.converted(to: currency)
            } else if let value = c.estimatedValue {
                sums.1 = sums.1 + value.converted(to: currency)
            }
            if let hours = c.volunteerHours { sums.2 = sums.2 + hours }
            years[c.receivedOn.year] = sums
        }
        perYear = years.keys.sorted().map { Year(year: $0, cash: years[$0]!.0, inKind: years[$0]!.1, hours: years[$0]!.2) }

        var libraries: [Int64: [Int64: String]] = [:]
        var names: [Int64: String] = [:]
        for entry in entries {
            names[entry.partnerID] = entry.partnerName
            for library in entry.libraries { libraries[entry.partnerID, default: [:]][library.id] = library.name }
        }
        sharedPartners = libraries.filter { $0.value.count > 1 }
            .map { SharedPartner(partnerID: $0.key, name: names[$0.key] ?? "", libraries: $0.value.values.sorted()) }
            .sorted { ($1.libraries.count, $0.name) < ($0.libraries.count, $1.name) }

        lapsed = entries.filter { entry in
            guard entry.isOver(today) else { return false }
            let own = Set(entry.libraries.map(\.id))
            // Carried on: the same partner with one of the same libraries, in a partnership that is not over.
            return !entries.contains { other in
                other.id != entry.id && other.partnerID == entry.partnerID && !other.isOver(today)
                    && !own.isDisjoint(with: other.libraries.map(\.id))
            }
        }
        .map { entry in
            Lapsed(
                partnershipID: entry.id, partnerName: entry.partnerName, libraries: entry.libraries.map(\.name).sorted(),
                endedOn: entry.endsOn, stillMarkedRunning: entry.status == .active || entry.status == .paused)
        }
        .sorted { ($1.endedOn?.iso ?? "", $0.partnershipID) < ($0.endedOn?.iso ?? "", $1.partnershipID) }
    }
}
