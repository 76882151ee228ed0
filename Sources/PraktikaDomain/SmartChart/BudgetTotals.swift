import Foundation

/// The sums of a budget: per currency, per funding source and currency, and the whole budget
/// in either currency. Lines are summed in their own currency first and converted once, so
/// a budget kept entirely in leva totals exactly what its lines add up to.
public struct BudgetTotals: Sendable, Hashable {
    /// Currency → sum of the lines kept in it (only currencies that occur).
    public let byCurrency: [Currency: Money]
    /// Funding source → currency → sum.
    public let bySource: [FundingSource: [Currency: Money]]

    public init(_ lines: [BudgetLine]) {
        var byCurrency: [Currency: Money] = [:]
        var bySource: [FundingSource: [Currency: Money]] = [:]
        for line in lines {
            guard let amount = line.amount else { continue }
            byCurrency[line.currency, default: .zero(line.currency)] =
                byCurrency[line.currency, default: .zero(line.currency)] + amount
            bySource[line.source, default: [:]][line.currency, default: .zero(line.currency)] =
                bySource[line.source, default: [:]][line.currency, default: .zero(line.currency)] + amount
        }
        self.byCurrency = byCurrency
        self.bySource = bySource
    }

    public var isEmpty: Bool { byCurrency.isEmpty }

    /// The whole budget in one currency: each currency's sum converted at the fixed rate.
    public func total(in currency: Currency) -> Money {
        Currency.allCases.reduce(Money.zero(currency)) { sum, c in
            sum + (byCurrency[c]?.converted(to: currency) ?? .zero(currency))
        }
    }

    /// One source's share in one currency.
    public func total(for source: FundingSource, in currency: Currency) -> Money {
        Currency.allCases.reduce(Money.zero(currency)) { sum, c in
            sum + (bySource[source]?[c]?.converted(to: currency) ?? .zero(currency))
        }
    }

    /// The currency the whole is best shown in: the only one used, or the euro once both are.
    public var mainCurrency: Currency {
        byCurrency.count == 1 ? byCurrency.keys.first! : .EUR
    }

    /// Funding sources that occur, in the catalogue's order.
    public var sources: [FundingSource] { FundingSource.allCases.filter { bySource[$0] != nil } }
}
