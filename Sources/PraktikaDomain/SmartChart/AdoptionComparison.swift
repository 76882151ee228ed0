import Foundation

/// A practice and the libraries that adopted it, side by side: for every indicator (matched by
/// its name, case and spacing aside) what each reached against its own target.
public enum AdoptionComparison {
    public struct Cell: Sendable, Hashable {
        public let target: FixedDecimal?
        public let actual: FixedDecimal?
        /// actual ÷ target in per mille, where both are known and the target is not zero.
        public var perMille: Int? {
            guard let t = target, let a = actual, t.thousandths != 0 else { return nil }
            return Int((a.thousandths * 1000 + t.thousandths / 2) / t.thousandths)
        }
    }

    public struct Row: Sendable, Hashable {
        public let name: String
        public let unit: IndicatorUnit
        /// One per design, in the order given; nil where that design does not measure it.
        public let cells: [Cell?]
    }

    static func key(_ text: String) -> String { BulgarianText.comparisonKey(text) }

    /// `designs[0]` is the original; the rest are the adopted copies.
    public static func rows(_ designs: [ServiceDesign]) -> [Row] {
        var order: [String] = []
        var first: [String: Indicator] = [:]
        for d in designs {
            for i in d.indicators where first[key(i.name)] == nil {
                order.append(key(i.name))
                first[key(i.name)] = i
            }
        }
        return order.map { k in
            let model = first[k]!
            return Row(
                name: model.name, unit: model.unit,
                cells: designs.map { d in d.indicators.first { key($0.name) == k }.map { Cell(target: $0.target, actual: $0.actual) } })
        }
    }
}
