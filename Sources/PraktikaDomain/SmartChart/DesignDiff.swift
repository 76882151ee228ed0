import Foundation

/// One readable value of a design, as the revision history and the conflict message show it.
public struct DesignValue: Sendable, Hashable {
    public let block: DesignBlock
    /// Stable within a design's history: "title", "budget.2.amount".
    public let key: String
    public let label: String
    public let value: String
}

/// One difference between two versions of a design.
public struct DesignChange: Sendable, Hashable {
    public let block: DesignBlock
    public let key: String
    public let label: String
    public let before: String
    public let after: String
}

/// Lays a design out as labelled values and compares two of them. Rows are compared by their
/// position, which is how people read a changed table ("line 2 now says …").
public enum DesignDiff {
    public static func values(_ d: ServiceDesign, _ language: Language, libraryName: (Int64) -> String = { "#\($0)" })
        -> [DesignValue]
    {
        let l = language
        let f = Formatting(l)
        var out: [DesignValue] = []
        func add(_ block: DesignBlock, _ key: String, _ label: TextKey, _ value: String?) {
            out.append(DesignValue(block: block, key: key, label: label(l), value: value ?? ""))
        }
        func row(_ block: DesignBlock, _ list: String, _ i: Int, _ column: String, _ label: TextKey, _ value: String?) {
            let text = TextKey.diffRowLabel(l, ["block": block.title(l), "row": String(i + 1), "field": label(l)])
            out.append(DesignValue(block: block, key: "\(list).\(i).\(column)", label: text, value: value ?? ""))
        }
        func choices<E: LabelledChoice>(_ values: [E]) -> String { values.map { $0.label(l) }.joined(separator: ", ") }

        add(.basics, "title", .fieldTitle, d.title)
        add(.basics, "summary", .fieldSummary, d.summary)
        add(.basics, "libraries", .libraries, d.libraryIDs.map(libraryName).joined(separator: ", "))
        add(.basics, "status", .fieldStatus, d.status.label(l))
        add(.basics, "visibility", .fieldVisibility, d.visibility.label(l))
        add(.basics, "innovations", .fieldInnovations, choices(d.innovations))
        add(.basics, "practice.published", .practiceTitle, d.practice.map { f.date($0.publishedOn) })
        add(.basics, "practice.worked", .practiceWhatWorked, d.practice?.whatWorked)
        add(.basics, "practice.did_not", .practiceWhatDidNot, d.practice?.whatDidNot)
        add(.target, "target.category", .fieldTargetCategory, d.targetGroup.category.label(l))
        add(.target, "target.description", .fieldTargetDescription, d.targetGroup.description)
        add(.target, "target.reach", .fieldExpectedReach, d.targetGroup.expectedReach.map { f.integer($0) })
        add(.service, "needs", .fieldNeeds, d.needs)
        add(.service, "service", .fieldService, d.service)
        add(.service, "goal", .fieldGoal, d.goal)
        add(.resources, "resources.existing", .fieldExistingResources, choices(d.resources.existing))
        add(.resources, "resources.notes", .fieldExistingNotes, d.resources.existingNotes)
        add(.resources, "resources.needed", .fieldNeededResources, d.resources.needed)
        for (i, line) in d.budget.enumerated() {
            row(.budget, "budget", i, "item", .fieldItem, line.item)
            row(.budget, "budget", i, "quantity", .fieldQuantity, f.number(line.quantity))
            row(.budget, "budget", i, "unit_cost", .fieldUnitCost, f.money(line.unitCost))
            row(.budget, "budget", i, "source", .fieldFundingSource, line.source.label(l))
        }
        for (i, p) in d.partners.enumerated() {
            row(.partners, "partners", i, "name", .partner, p.name)
            row(.partners, "partners", i, "role", .fieldPartnerRole, p.role)
        }
        add(.channels, "channels", .fieldChannels, choices(d.channels))
        add(.channels, "channels.notes", .fieldChannelNotes, d.channelNotes)
        for (i, a) in d.activities.enumerated() {
            row(.activities, "activities", i, "title", .fieldActivity, a.title)
            row(.activities, "activities", i, "start", .fieldStart, a.start.map(f.date))
            row(.activities, "activities", i, "end", .fieldEnd, a.end.map(f.date))
            row(.activities, "activities", i, "responsible", .fieldResponsible, a.responsible)
            row(.activities, "activities", i, "partner", .partner, a.partner)
        }
        add(.effect, "effect.results", .fieldExpectedResults, d.expectedResults)
        add(.effect, "effect.social", .fieldSocialEffect, d.socialEffect)
        add(.effect, "effect.economic", .fieldEconomicEffect, d.economicEffect)
        for (i, ind) in d.indicators.enumerated() {
            row(.effect, "indicators", i, "name", .fieldIndicator, ind.name)
            row(.effect, "indicators", i, "unit", .fieldUnit, ind.unit.label(l))
            row(.effect, "indicators", i, "baseline", .fieldBaseline, ind.baseline.map(f.number))
            row(.effect, "indicators", i, "target", .fieldTarget, ind.target.map(f.number))
            row(.effect, "indicators", i, "period", .fieldPeriod, ind.period)
            row(.effect, "indicators", i, "actual", .fieldActual, ind.actual.map(f.number))
        }
        return out
    }

    /// What changed from `old` to `new`, in the chart's order; limited to some blocks if asked.
    public static func changes(
        from old: ServiceDesign, to new: ServiceDesign, _ language: Language, in blocks: Set<DesignBlock>? = nil,
        libraryName: (Int64) -> String = { "#\($0)" }
    ) -> [DesignChange] {
        let before = values(old, language, libraryName: libraryName)
        let after = values(new, language, libraryName: libraryName)
        let oldByKey = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let newByKey = Dictionary(after.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var keys: [String] = after.map(\.key)
        for value in before where newByKey[value.key] == nil { keys.append(value.key) }
        return keys.compactMap { key in
            let o = oldByKey[key]
            let n = newByKey[key]
            guard let any = n ?? o, blocks?.contains(any.block) ?? true else { return nil }
            let b = o?.value ?? ""
            let a = n?.value ?? ""
            return a == b ? nil : DesignChange(block: any.block, key: key, label: any.label, before: b, after: a)
        }
    }
}
