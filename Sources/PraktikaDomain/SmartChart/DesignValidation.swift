import Foundation

/// The rules a design must keep, whichever way it arrives (a block form, the API, a restore).
/// Field names are the form's, so messages land at the field.
public enum DesignValidation {
    public static let maxTitle = 200
    public static let maxText = 10_000
    /// 100 million in either currency: well above any library service, far below overflow.
    public static let maxUnitCostMinor: Int64 = 10_000_000_000
    public static let maxQuantity = FixedDecimal(1_000_000)

    public static func validate(_ d: ServiceDesign) -> FieldErrors {
        var v = Validator()
        v.required("title", d.title)
        v.maxLength("title", d.title, maxTitle)
        for (field, text) in [
            ("summary", d.summary), ("target_description", d.targetGroup.description), ("needs", d.needs),
            ("service", d.service), ("goal", d.goal), ("existing_notes", d.resources.existingNotes),
            ("needed", d.resources.needed), ("channel_notes", d.channelNotes), ("expected_results", d.expectedResults),
            ("social_effect", d.socialEffect),
            ("economic_effect", d.economicEffect),
        ] {
            v.maxLength(field, text, maxText)
        }
        if d.libraryIDs.isEmpty { v.add("library-0-id", .validationDesignNeedsLibrary) }
        v.nonNegative("expected_reach", d.targetGroup.expectedReach)

        for (i, line) in d.budget.enumerated() {
            let p = "budget-\(i)-"
            v.required(p + "item", line.item)
            v.maxLength(p + "item", line.item, maxTitle)
            if line.quantity <= .zero { v.add(p + "quantity", .validationPositive) }
            if line.quantity > maxQuantity { v.add(p + "quantity", .validationTooLarge) }
            if line.unitCost.minorUnits < 0 { v.add(p + "unit_cost", .validationNegative) }
            if line.unitCost.minorUnits > maxUnitCostMinor { v.add(p + "unit_cost", .validationTooLarge) }
        }
        for (i, partner) in d.partners.enumerated() where partner.partnerID == nil {
            v.required("partner-\(i)-name", partner.name)
            if partner.kind == nil { v.add("partner-\(i)-kind", .validationRequired) }
        }
        for (i, activity) in d.activities.enumerated() {
            let p = "activity-\(i)-"
            v.required(p + "title", activity.title)
            v.maxLength(p + "title", activity.title, maxTitle * 2)
            if let start = activity.start, let end = activity.end, end < start {
                v.add(p + "end", .validationEndBeforeStart)
            }
        }
        for (i, indicator) in d.indicators.enumerated() {
            let p = "indicator-\(i)-"
            v.required(p + "name", indicator.name)
            if indicator.unit == .percent {
                for (column, value) in [("baseline", indicator.baseline), ("target", indicator.target), ("actual", indicator.actual)] {
                    if let value, value < .zero || value > FixedDecimal(100) { v.add(p + column, .validationPercent) }
                }
            }
        }

        // What each status asks for beyond a title and a target group. A presentation recorded
        // from a meeting tells what a library already did, in the words it was told in: it
        // needs no needs, activities or indicators of its own to be running or completed, only
        // targets (and, evaluated, actual values) for the indicators it does have.
        if d.status >= .planned {
            if d.presentedAt == nil {
                if (d.needs ?? "").isEmpty { v.add("needs", .validationRequiredForPlanned) }
                if d.activities.isEmpty { v.add("activities", .validationNeedsActivity) }
                if d.indicators.isEmpty { v.add("indicators", .validationNeedsIndicator) }
            }
            for (i, indicator) in d.indicators.enumerated() where indicator.target == nil {
                v.add("indicator-\(i)-target", .validationRequiredForPlanned)
            }
        }
        if d.status == .evaluated {
            for (i, indicator) in d.indicators.enumerated() where indicator.actual == nil {
                v.add("indicator-\(i)-actual", .validationRequiredForEvaluated)
            }
        }
        return v.errors
    }

    /// The blocks that keep a design from its status, for the message at the status field.
    public static func blocksMissing(for d: ServiceDesign) -> [DesignBlock] {
        var blocks: [DesignBlock] = []
        for field in validate(d).order {
            if let block = DesignBlock.of(field: field), block != .basics, !blocks.contains(block) {
                blocks.append(block)
            }
        }
        return blocks
    }
}
