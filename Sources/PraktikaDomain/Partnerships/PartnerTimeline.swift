import Foundation

/// A partner's history with the libraries, newest first: partnerships begun and ended,
/// agreements signed, contributions received and contacts, each pointing at its partnership.
public enum PartnerTimeline {
    public struct Event: Sendable, Equatable {
        public let on: LocalDate
        public let partnershipID: Int64
        public let text: String
    }

    public struct Partnership: Sendable {
        public let id: Int64
        public let libraries: [String]
        public let startsOn: LocalDate?
        public let endsOn: LocalDate?

        public init(id: Int64, libraries: [String], startsOn: LocalDate?, endsOn: LocalDate?) {
            self.id = id
            self.libraries = libraries
            self.startsOn = startsOn
            self.endsOn = endsOn
        }
    }

    /// A note longer than this is cut at a word, with an ellipsis.
    static let noteLength = 120

    static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.count > noteLength else { return line }
        let cut = line.prefix(noteLength)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: .whitespaces) + "…"
    }

    public static func events(
        partnerships: [Partnership], agreements: [(partnershipID: Int64, agreement: Agreement)],
        contributions: [(partnershipID: Int64, contribution: Contribution)],
        interactions: [(partnershipID: Int64, interaction: Interaction)], today: LocalDate, format f: Formatting
    ) -> [Event] {
        let l = f.language
        let libraries = Dictionary(partnerships.map { ($0.id, $0.libraries.joined(separator: "; ")) }, uniquingKeysWith: { a, _ in a })
        func with(_ id: Int64) -> String { libraries[id].map { " · " + $0 } ?? "" }
        // On one day the list reads from the day's last step down to its first, as the days do:
        // an end above the contacts and gifts of that day, the agreement above the beginning.
        enum Step: Int { case ended, contact, contribution, signed, began }
        var events: [(Event, Step, Int)] = []
        func add(_ on: LocalDate, _ id: Int64, _ step: Step, _ text: String) {
            events.append((Event(on: on, partnershipID: id, text: text), step, events.count))
        }
        for p in partnerships {
            if let start = p.startsOn { add(start, p.id, .began, TextKey.timelineBegan(l) + with(p.id)) }
            if let end = p.endsOn, end <= today { add(end, p.id, .ended, TextKey.timelineEnded(l) + with(p.id)) }
        }
        for (id, a) in agreements {
            add(a.signedOn, id, .signed, TextKey.timelineSigned(l, ["kind": a.kind.label(l), "title": a.title]) + with(id))
        }
        for (id, c) in contributions {
            add(c.receivedOn, id, .contribution, TextKey.timelineContribution(l, ["what": c.what(f)]) + with(id))
        }
        for (id, i) in interactions {
            add(i.on, id, .contact, i.kind.label(l).capitalizedFirst + ": " + shortened(i.note) + with(id))
        }
        // Newest first; on one day by step, then in the order given.
        return events.sorted { ($1.0.on, $0.1.rawValue, $0.2) < ($0.0.on, $1.1.rawValue, $1.2) }.map(\.0)
    }
}

extension String {
    /// The first letter upper-case, the rest as it is ("среща" → "Среща").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
