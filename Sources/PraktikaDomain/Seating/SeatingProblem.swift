import Foundation

/// An identifier as it came in: seating instances use numbers or strings, and answers keep them.
public enum SeatID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    case number(Int64)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int64.self) {
            self = .number(n)
        } else {
            self = .text(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .text(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .number(let n): String(n)
        case .text(let s): s
        }
    }

    public static func < (a: SeatID, b: SeatID) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.number, .text): true
        case (.text, .number): false
        case (.text(let x), .text(let y)): x < y
        }
    }
}

/// A work table of a meeting, with the target group its people design for.
public struct SeatingTable: Sendable, Codable, Hashable {
    public var id: SeatID
    public var targetGroup: String
    public var capacity: Int?

    public init(id: SeatID, targetGroup: String, capacity: Int? = nil) {
        self.id = id
        self.targetGroup = targetGroup
        self.capacity = capacity
    }
}

/// A participant to seat: where they come from, what they do, for whom they would like to design,
/// and, for facilitators, the table they must sit at.
public struct SeatingParticipant: Sendable, Codable, Hashable {
    public var id: SeatID
    public var district: String
    public var role: String
    public var organization: String
    public var wants: [String]?
    /// A pinned participant stays at this table.
    public var table: SeatID?

    public init(id: SeatID, district: String, role: String, organization: String, wants: [String]? = nil, table: SeatID? = nil) {
        self.id = id
        self.district = district
        self.role = role
        self.organization = organization
        self.wants = wants
        self.table = table
    }
}

/// How much each kind of imbalance costs.
public struct SeatingWeights: Sendable, Codable, Hashable {
    public var district: Int
    public var role: Int
    public var organization: Int
    public var preference: Int

    public init(district: Int = 10, role: Int = 3, organization: Int = 5, preference: Int = 1) {
        self.district = district
        self.role = role
        self.organization = organization
        self.preference = preference
    }

    /// What a weight may be: enough to order the four parts as anyone would, small enough that
    /// the weighted sums of the largest instance stay far within Int.
    public static let range = 0...1_000

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SeatingWeights()
        func weight(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return fallback }
            guard Self.range.contains(value) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [key],
                        debugDescription: "A weight is a whole number from 0 to \(Self.range.upperBound)",
                        underlyingError: FieldError(.validationWeightRange, ["max": String(Self.range.upperBound)])))
            }
            return value
        }
        district = try weight(.district, d.district)
        role = try weight(.role, d.role)
        organization = try weight(.organization, d.organization)
        preference = try weight(.preference, d.preference)
    }
}

/// A seating instance, in the shape `praktika seat` reads.
public struct SeatingProblem: Sendable, Codable, Hashable {
    public var tables: [SeatingTable]
    public var participants: [SeatingParticipant]
    public var weights: SeatingWeights?

    public init(tables: [SeatingTable], participants: [SeatingParticipant], weights: SeatingWeights? = nil) {
        self.tables = tables
        self.participants = participants
        self.weights = weights
    }
}

/// The parts of the objective and their weighted total.
public struct SeatingPenalty: Sendable, Codable, Hashable {
    public var district: Int
    public var role: Int
    public var organization: Int
    public var preference: Int
    public var total: Int
}

/// A solved seating.
public struct SeatingResult: Sendable, Hashable {
    /// Participant → table.
    public var seating: [SeatID: SeatID]
    public var penalty: SeatingPenalty
    /// A lower bound on the total no seating can beat; equal to the total when the seating is provably optimal.
    public var lowerBound: Int
    /// How many moves the search tried (0 when the start was already optimal).
    public var movesTried: Int

    public var isProvenOptimal: Bool { penalty.total == lowerBound }
}

/// What makes an instance unsolvable, said so that a person can fix it.
public enum SeatingError: Error, Equatable, CustomStringConvertible {
    case noTables
    case duplicateTable(String)
    case duplicateParticipant(String)
    case unknownPinnedTable(participant: String, table: String)
    case negativeCapacity(String)
    case notEnoughSeats(seats: Int, participants: Int)
    case tooManyPinned(table: String)

    public var description: String {
        switch self {
        case .noTables: "there are no tables"
        case .duplicateTable(let id): "table \(id) is listed twice"
        case .duplicateParticipant(let id): "participant \(id) is listed twice"
        case .unknownPinnedTable(let p, let t): "participant \(p) is pinned to table \(t), which does not exist"
        case .negativeCapacity(let id): "table \(id) has a negative capacity"
        case .notEnoughSeats(let seats, let participants): "\(participants) participants but only \(seats) seats"
        case .tooManyPinned(let id): "more people are pinned to table \(id) than it may seat"
        }
    }
}
