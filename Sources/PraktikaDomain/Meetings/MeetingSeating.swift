import Foundation

/// A meeting's tables and participants as a seating instance, and back: the page, the API and
/// the demo all seat through here, so they score seatings the same way.
public enum MeetingSeating {
    public static func problem(tables: [WorkTable], participants: [MeetingParticipant], weights: SeatingWeights? = nil)
        -> SeatingProblem
    {
        let known = Set(tables.map(\.id))
        return SeatingProblem(
            tables: tables.sorted { $0.number < $1.number }.map {
                SeatingTable(id: .number($0.id), targetGroup: String($0.id), capacity: $0.capacity)
            },
            participants: participants.compactMap { p in
                guard let id = p.id else { return nil }
                let pin = p.pinned ? p.tableID.flatMap { known.contains($0) ? SeatID.number($0) : nil } : nil
                return SeatingParticipant(
                    id: .number(id), district: p.districtCode ?? "", role: p.role.rawValue,
                    organization: BulgarianText.comparisonKey(p.organisation),
                    wants: p.wants.isEmpty ? nil : p.wants.map(String.init), table: pin)
            },
            weights: weights)
    }

    /// The current seating of the participants who have a table.
    public static func current(_ participants: [MeetingParticipant]) -> [SeatID: SeatID] {
        var seating: [SeatID: SeatID] = [:]
        for p in participants {
            if let id = p.id, let table = p.tableID { seating[.number(id)] = .number(table) }
        }
        return seating
    }

    /// Participant id → table id, from a solver's answer.
    public static func assignments(_ result: SeatingResult) -> [Int64: Int64] {
        var out: [Int64: Int64] = [:]
        for (p, t) in result.seating {
            if case .number(let pid) = p, case .number(let tid) = t { out[pid] = tid }
        }
        return out
    }
}
