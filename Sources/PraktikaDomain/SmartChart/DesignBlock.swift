import Foundation

/// The blocks of the chart. Each is shown as one box of the diagram and edited with its own form,
/// and two people editing different blocks at once never conflict.
public enum DesignBlock: String, CaseIterable, Sendable, Codable {
    case basics, target, service, resources, budget, partners, channels, activities, effect

    public var title: TextKey {
        switch self {
        case .basics: .blockBasics
        case .target: .blockTarget
        case .service: .blockService
        case .resources: .blockResources
        case .budget: .blockBudget
        case .partners: .blockPartners
        case .channels: .blockChannels
        case .activities: .blockActivities
        case .effect: .blockEffect
        }
    }

    /// The block a form field belongs to ("budget-2-item" → budget).
    public static func of(field: String) -> DesignBlock? {
        let head = field.split(separator: "-").first.map(String.init) ?? field
        switch head {
        case "title", "summary", "library", "status", "visibility", "innovation": return .basics
        case "target_category", "target_description", "expected_reach": return .target
        case "needs", "service", "goal": return .service
        case "resource", "existing_notes", "needed": return .resources
        case "budget": return .budget
        case "partner", "partners": return .partners
        case "channel", "channel_notes": return .channels
        case "activity", "activities": return .activities
        case "expected_results", "social_effect", "economic_effect", "indicator", "indicators": return .effect
        default: return nil
        }
    }
}

extension ServiceDesign {
    /// This design with one block taken from another version of it: how a save of one block
    /// is laid over changes someone else made meanwhile to other blocks.
    public func replacing(_ block: DesignBlock, from other: ServiceDesign) -> ServiceDesign {
        var result = self
        switch block {
        case .basics:
            result.title = other.title
            result.summary = other.summary
            result.libraryIDs = other.libraryIDs
            result.status = other.status
            result.visibility = other.visibility
            result.innovations = other.innovations
        case .target: result.targetGroup = other.targetGroup
        case .service:
            result.needs = other.needs
            result.service = other.service
            result.goal = other.goal
        case .resources: result.resources = other.resources
        case .budget: result.budget = other.budget
        case .partners: result.partners = other.partners
        case .channels:
            result.channels = other.channels
            result.channelNotes = other.channelNotes
        case .activities: result.activities = other.activities
        case .effect:
            result.expectedResults = other.expectedResults
            result.socialEffect = other.socialEffect
            result.economicEffect = other.economicEffect
            result.indicators = other.indicators
        }
        return result
    }
}

extension DesignBlock {
    /// The order of the boxes on the page: the people and the effect first, the means, the steps last.
    public static let screenOrder: [DesignBlock] = [
        .target, .service, .effect, .resources, .budget, .partners, .channels, .basics, .activities,
    ]
    /// On paper (print and documents) the chart reads top to bottom, in the order it is thought through.
    public static let printOrder: [DesignBlock] = [
        .target, .service, .resources, .budget, .partners, .channels, .activities, .effect, .basics,
    ]
}
