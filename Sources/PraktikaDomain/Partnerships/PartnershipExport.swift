import Foundation

/// Partnerships and contributions as CSV, for spreadsheets: one row each, headers in the
/// reader's language, codes and ISO dates that sort, amounts with a decimal point and their
/// currency in a column of its own.
public enum PartnershipExport {
    public struct Row: Sendable, Hashable {
        public let id: Int64
        public let partner: String
        public let partnerKind: PartnerKind?
        public let libraries: [String]
        public let roles: [PartnershipRole]
        public let status: PartnershipStatus
        public let startsOn: LocalDate?
        public let endsOn: LocalDate?

        public init(
            id: Int64, partner: String, partnerKind: PartnerKind?, libraries: [String], roles: [PartnershipRole],
            status: PartnershipStatus, startsOn: LocalDate?, endsOn: LocalDate?
        ) {
            self.id = id
            self.partner = partner
            self.partnerKind = partnerKind
            self.libraries = libraries
            self.roles = roles
            self.status = status
            self.startsOn = startsOn
            self.endsOn = endsOn
        }
    }

    public struct ContributionRow: Sendable, Hashable {
        public let partnershipID: Int64
        public let partner: String
        public let contribution: Contribution
        public let design: String?

        public init(partnershipID: Int64, partner: String, contribution: Contribution, design: String?) {
            self.partnershipID = partnershipID
            self.partner = partner
            self.contribution = contribution
            self.design = design
        }
    }

    /// "1234.56": whole minor units as a plain decimal.
    public static func plain(_ money: Money) -> String {
        let sign = money.minorUnits < 0 ? "-" : ""
        let units = money.minorUnits.magnitude
        let cents = units % 100
        return "\(sign)\(units / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func partnerships(_ rows: [Row], language l: Language) -> String {
        var out =
            "\u{FEFF}"
            + CSV.line([
                TextKey.csvNumber(l), TextKey.partner(l), TextKey.fieldPartnerKind(l), TextKey.libraries(l),
                TextKey.fieldPartnershipRoles(l),
                TextKey.partnershipStatusLabel(l), TextKey.fieldStart(l), TextKey.fieldEnd(l),
            ])
        for r in rows {
            out += CSV.line([
                String(r.id), r.partner, r.partnerKind?.label(l) ?? "", r.libraries.joined(separator: "; "),
                r.roles.map { $0.label(l) }.joined(separator: "; "), r.status.label(l), r.startsOn?.iso ?? "", r.endsOn?.iso ?? "",
            ])
        }
        return out
    }

    public static func contributions(_ rows: [ContributionRow], language l: Language) -> String {
        var out =
            "\u{FEFF}"
            + CSV.line([
                TextKey.csvPartnershipNumber(l), TextKey.partner(l), TextKey.fieldReceivedOn(l), TextKey.partnershipCash(l),
                TextKey.fieldInKind(l), TextKey.fieldEstimatedValue(l), TextKey.fieldCurrency(l), TextKey.fieldVolunteerHours(l),
                TextKey.fieldPartnershipDesign(l),
            ])
        for r in rows {
            let c = r.contribution
            out += CSV.line([
                String(r.partnershipID), r.partner, c.receivedOn.iso, c.amount.map(plain) ?? "", c.inKind ?? "",
                c.estimatedValue.map(plain) ?? "", (c.amount ?? c.estimatedValue)?.currency.rawValue ?? "",
                c.volunteerHours?.description ?? "", r.design ?? "",
            ])
        }
        return out
    }
}
