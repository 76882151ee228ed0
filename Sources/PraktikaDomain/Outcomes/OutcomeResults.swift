import Foundation

/// How many answered a standard item and how many of them agreed (4 or 5 on the scale).
public struct ItemTally: Sendable, Hashable, Codable {
    public var answered: Int
    public var agreed: Int

    public init(answered: Int = 0, agreed: Int = 0) {
        self.answered = answered
        self.agreed = agreed
    }

    /// The share who agree, per mille, rounded; nil before anyone answered.
    public var perMille: Int? { answered == 0 ? nil : (agreed * 1000 + answered / 2) / answered }

    public static func + (a: ItemTally, b: ItemTally) -> ItemTally {
        ItemTally(answered: a.answered + b.answered, agreed: a.agreed + b.agreed)
    }
}

/// A standard item for one service beside the same item across its district and the network.
public struct OutcomeComparisonRow: Sendable, Hashable {
    public let item: OutcomeItem
    public let service: ItemTally
    /// Nil where fewer than `OutcomeResults.minimumLibraries` libraries contributed.
    public let district: ItemTally?
    public let network: ItemTally?

    public init(item: OutcomeItem, service: ItemTally, district: ItemTally?, network: ItemTally?) {
        self.item = item
        self.service = service
        self.district = district
        self.network = network
    }
}

/// A wider figure (district or network) with the number of libraries behind it.
public struct PooledTally: Sendable, Hashable {
    public var tally: ItemTally
    public var libraries: Int

    public init(tally: ItemTally, libraries: Int) {
        self.tally = tally
        self.libraries = libraries
    }
}

public enum OutcomeResults {
    /// A district's or the network's figure is shown only when this many libraries contributed,
    /// so that no single library's results can be read out of it.
    public static let minimumLibraries = 5
    /// Answers about the respondents are shown only from this many answers on.
    public static let minimumAnswersForProfile = 5

    /// Whether the score counts as agreeing.
    public static func agrees(_ score: Int) -> Bool { score >= AgreeScale.agreeFrom }

    /// The tallies of some answers, per item.
    public static func tally(_ answers: [OutcomeAnswer]) -> [OutcomeItem: ItemTally] {
        var result: [OutcomeItem: ItemTally] = [:]
        for answer in answers {
            for (item, score) in answer.scores {
                result[item, default: ItemTally()] =
                    result[item, default: ItemTally()] + ItemTally(answered: 1, agreed: agrees(score) ? 1 : 0)
            }
        }
        return result
    }

    public static func compare(
        kind: SurveyKind, service: [OutcomeItem: ItemTally], district: [OutcomeItem: PooledTally], network: [OutcomeItem: PooledTally]
    ) -> [OutcomeComparisonRow] {
        func shown(_ pooled: PooledTally?) -> ItemTally? {
            guard let pooled, pooled.libraries >= minimumLibraries, pooled.tally.answered > 0 else { return nil }
            return pooled.tally
        }
        return kind.items.map { item in
            OutcomeComparisonRow(
                item: item, service: service[item] ?? ItemTally(), district: shown(district[item]), network: shown(network[item]))
        }
    }

    /// Counts of the respondents' profiles; nil when fewer than `minimumAnswersForProfile` gave any.
    public struct ProfileSummary: Sendable, Hashable {
        public let respondents: Int
        public let ageBands: [AgeBand: Int]
        public let genders: [Gender: Int]
        public let firstVisits: Int
        public let returning: Int
    }

    public static func profiles(_ profiles: [RespondentProfile]) -> ProfileSummary? {
        let given = profiles.filter { !$0.isEmpty }
        guard given.count >= minimumAnswersForProfile else { return nil }
        return ProfileSummary(
            respondents: given.count,
            ageBands: Dictionary(grouping: given.compactMap(\.ageBand), by: { $0 }).mapValues(\.count),
            genders: Dictionary(grouping: given.compactMap(\.gender), by: { $0 }).mapValues(\.count),
            firstVisits: given.filter { $0.firstVisit == true }.count,
            returning: given.filter { $0.firstVisit == false }.count)
    }
}

extension OutcomeResults {
    /// Aggregated results as CSV: per survey and statement, the answers, the agreeing and the
    /// percentage of each column named (the service's, its district's, the network's figures, in
    /// that order; a nil name leaves that column out); empty cells where a figure is not shown.
    public static func csv(_ surveys: [(SurveyKind, [OutcomeComparisonRow])], columns: [String?], language: Language) -> String {
        var header = [TextKey.fieldKind(language), TextKey.outcomesItem(language)]
        for column in columns.compactMap({ $0 }) {
            header += ["\(column): n", "\(column): \(TextKey.scaleAgree(language).lowercased())", "\(column): %"]
        }
        var out = "\u{FEFF}" + CSV.line(header)
        for (kind, rows) in surveys {
            for row in rows {
                var cells = [kind.label(language), row.item.statement(language)]
                for (tally, name) in zip([row.service, row.district, row.network], columns) where name != nil {
                    guard let tally, tally.answered > 0 else {
                        cells += ["", "", ""]
                        continue
                    }
                    let share = tally.perMille.map { String(format: "%.1f", Double($0) / 10) } ?? ""
                    cells += [String(tally.answered), String(tally.agreed), share]
                }
                out += CSV.line(cells)
            }
        }
        return out
    }
}

/// Grouped horizontal bars in SVG: per item, the service's share who agree and, beneath it,
/// the district's and the network's where shown. Readable without colour: each bar is labelled.
public enum OutcomeChart {
    public struct Series: Sendable {
        public let name: String
        public let fill: String

        public init(name: String, fill: String) {
            self.name = name
            self.fill = fill
        }
    }

    /// Narrow enough to stay readable on a phone: each statement on a line of its own, its bars
    /// below it at full width.
    public static func svg(_ rows: [OutcomeComparisonRow], series: [Series], title: String, language: Language, format: Formatting)
        -> String
    {
        let width = 420
        let barWidth = 220
        let barHeight = 16
        var y = 0
        var body = ""
        for row in rows {
            y += 18
            body += "<text x=\"0\" y=\"\(y)\" font-size=\"14\" font-weight=\"bold\">" + row.item.short(language).markupEscaped + "</text>"
            y += 6
            let values = [row.service, row.district, row.network]
            for (offset, value) in values.enumerated() where offset < series.count {
                guard let tally = value else { continue }
                let length = (tally.perMille ?? 0) * barWidth / 1000
                let share = tally.perMille.map { format.perMille($0) } ?? "—"
                let text = "\(series[offset].name): \(share) (\(format.integer(tally.answered)))"
                body +=
                    "<rect x=\"0\" y=\"\(y)\" width=\"\(max(length, 1))\" height=\"\(barHeight)\" fill=\"\(series[offset].fill)\"></rect>"
                body += "<text x=\"\(length + 6)\" y=\"\(y + barHeight - 3)\" font-size=\"13\">\(text.markupEscaped)</text>"
                y += barHeight + 4
            }
            y += 8
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(y)" width="100%" role="img" \
            aria-label="\(title.markupEscaped)" class="outcome-chart">\(body)</svg>
            """
    }
}
