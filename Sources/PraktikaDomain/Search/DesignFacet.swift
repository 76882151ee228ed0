import Foundation

/// The ways the catalogue can be narrowed, each counted over the current results.
public enum DesignFacet: String, CaseIterable, Sendable {
    case status, target, district, innovation
    case partnerKind = "partner_kind"
    case budget, year

    /// Budget ranges in euro (whole euros, lower bound inclusive).
    public static let budgetRanges: [(value: String, from: Int64, to: Int64?)] = [
        ("none", 0, 0), ("up_to_500", 1, 500), ("500_2000", 500, 2_000), ("2000_10000", 2_000, 10_000), ("over_10000", 10_000, nil),
    ]

    public static func budgetRange(euroCents: Int64) -> String {
        let euros = euroCents / 100
        if euroCents == 0 { return "none" }
        for range in budgetRanges.dropFirst() where euros >= range.from && (range.to.map { euros < $0 } ?? true) {
            return range.value
        }
        return "up_to_500"
    }

    public var title: TextKey {
        switch self {
        case .status: .fieldStatus
        case .target: .fieldTargetCategory
        case .district: .fieldDistrict
        case .innovation: .fieldInnovations
        case .partnerKind: .fieldPartnerKind
        case .budget: .blockBudget
        case .year: .facetYear
        }
    }

    /// A value as a reader sees it.
    public func label(_ value: String, _ language: Language) -> String {
        switch self {
        case .status: DesignStatus(rawValue: value)?.label(language) ?? value
        case .target: TargetGroupCategory(rawValue: value)?.label(language) ?? value
        case .district: District.named(value)?.name(language) ?? value
        case .innovation: Innovation(rawValue: value)?.label(language) ?? value
        case .partnerKind: PartnerKind(rawValue: value)?.label(language) ?? value
        case .budget:
            switch value {
            case "none": TextKey.facetBudgetNone(language)
            case "up_to_500": TextKey.facetBudgetUpTo(language, ["amount": Formatting(language).money(Money(major: 500, currency: .EUR))])
            case "500_2000", "2000_10000":
                TextKey.facetBudgetBetween(
                    language,
                    [
                        "from": Formatting(language).money(Money(major: value == "500_2000" ? 500 : 2_000, currency: .EUR)),
                        "to": Formatting(language).money(Money(major: value == "500_2000" ? 2_000 : 10_000, currency: .EUR)),
                    ])
            default: TextKey.facetBudgetOver(language, ["amount": Formatting(language).money(Money(major: 10_000, currency: .EUR))])
            }
        case .year: value
        }
    }

    /// Every facet value of a design; `districts` are its libraries' districts, `year` the year it was started.
    public static func values(of d: ServiceDesign, districts: Set<String>, year: Int) -> [(DesignFacet, String)] {
        var values: [(DesignFacet, String)] = [(.status, d.status.rawValue), (.target, d.targetGroup.category.rawValue)]
        values += districts.sorted().map { (.district, $0) }
        values += d.innovations.map { (.innovation, $0.rawValue) }
        values += Set(d.partners.compactMap(\.kind)).sorted { $0.rawValue < $1.rawValue }.map { (.partnerKind, $0.rawValue) }
        values.append((.budget, budgetRange(euroCents: d.totals.total(in: .EUR).minorUnits)))
        values.append((.year, String(year)))
        return values
    }
}
