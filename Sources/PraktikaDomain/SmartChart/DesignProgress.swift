import Foundation

/// How far a design has come: which blocks of the chart hold something, and what the next
/// stage would ask for that is still missing (by the same rules a save at that stage obeys).
/// A librarian's start page shows it for each of their designs.
public struct DesignProgress: Sendable, Equatable {
    /// The blocks that hold something, in the chart's order.
    public let filled: [DesignBlock]
    /// The stage after the design's own, if there is one.
    public let nextStatus: DesignStatus?
    /// Blocks the next stage needs more in, each with the first thing it asks for; in the chart's order.
    public let missingForNext: [Missing]

    public struct Missing: Sendable, Equatable {
        public let block: DesignBlock
        public let problem: FieldError
    }

    public var filledCount: Int { filled.count }
    public static let blockCount = DesignBlock.allCases.count

    public init(_ design: ServiceDesign) {
        filled = DesignBlock.allCases.filter { Self.holdsSomething($0, design) }
        let stages = DesignStatus.allCases
        let next = stages.firstIndex(of: design.status).flatMap { $0 + 1 < stages.count ? stages[$0 + 1] : nil }
        nextStatus = next
        guard let next else {
            missingForNext = []
            return
        }
        var promoted = design
        promoted.status = next
        let errors = DesignValidation.validate(promoted)
        var seen: [DesignBlock: FieldError] = [:]
        for field in errors.order {
            guard let block = DesignBlock.of(field: field), seen[block] == nil, let problem = errors[field] else { continue }
            seen[block] = problem
        }
        missingForNext = DesignBlock.allCases.compactMap { block in seen[block].map { Missing(block: block, problem: $0) } }
    }

    /// Whether a block has anything in it beyond what every design starts with.
    public static func holdsSomething(_ block: DesignBlock, _ d: ServiceDesign) -> Bool {
        func some(_ text: String?) -> Bool { !(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        switch block {
        case .basics: return some(d.summary)
        case .target: return some(d.targetGroup.description) || d.targetGroup.expectedReach != nil
        case .service: return some(d.needs) || some(d.service) || some(d.goal)
        case .resources: return !d.resources.existing.isEmpty || some(d.resources.existingNotes) || some(d.resources.needed)
        case .budget: return !d.budget.isEmpty
        case .partners: return !d.partners.isEmpty
        case .channels: return !d.channels.isEmpty || some(d.channelNotes)
        case .activities: return !d.activities.isEmpty
        case .effect: return some(d.expectedResults) || some(d.socialEffect) || some(d.economicEffect) || !d.indicators.isEmpty
        }
    }
}
