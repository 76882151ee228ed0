import Foundation

/// Which way an indicator should move.
public enum IndicatorDirection: String, LabelledChoice {
    case increase, decrease, keep

    public var label: TextKey {
        switch self {
        case .increase: .directionIncrease
        case .decrease: .directionDecrease
        case .keep: .directionKeep
        }
    }
}

/// A reporting period of one of a design's indicators, with its own target.
public struct IndicatorPeriod: Sendable, Hashable, Codable {
    /// The indicator's name as the chart gives it.
    public var indicator: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var target: FixedDecimal?
    public var direction: IndicatorDirection

    public init(indicator: String, startsOn: LocalDate, endsOn: LocalDate, target: FixedDecimal?, direction: IndicatorDirection) {
        self.indicator = indicator
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.target = target
        self.direction = direction
    }

    /// Reads the period form; the indicator must be one the design has.
    public static func read(_ input: FormInput, indicators: [String]) -> (IndicatorPeriod?, FieldErrors) {
        var reader = FormReader(input)
        let start = reader.date("starts_on")
        let end = reader.date("ends_on")
        var errors = reader.errors
        let indicator = reader.text("indicator")
        if indicator == nil {
            errors.add("indicator", .validationRequired)
        } else if !indicators.contains(indicator!) {
            errors.add("indicator", .validationOption)
        }
        if start == nil && errors["starts_on"] == nil { errors.add("starts_on", .validationRequired) }
        if end == nil && errors["ends_on"] == nil { errors.add("ends_on", .validationRequired) }
        if let start, let end, end < start { errors.add("ends_on", .validationEndBeforeStart) }
        var target: FixedDecimal?
        if let raw = reader.text("target") {
            target = FixedDecimal(parsing: raw)
            if target == nil { errors.add("target", .validationNumber) }
        }
        let direction = IndicatorDirection(rawValue: reader.text("direction") ?? "") ?? .increase
        guard errors.isEmpty, let indicator, let start, let end else { return (nil, errors) }
        return (IndicatorPeriod(indicator: indicator, startsOn: start, endsOn: end, target: target, direction: direction), errors)
    }

    /// Whether `value` reaches the target in the period's direction (to keep a level is to stay at or above it).
    public func reached(_ value: FixedDecimal) -> Bool? {
        guard let target else { return nil }
        switch direction {
        case .increase, .keep: return value >= target
        case .decrease: return value <= target
        }
    }
}

public enum ResultStatus: String, Sendable, Codable, CaseIterable {
    case submitted, approved, returned

    public var label: TextKey {
        switch self {
        case .submitted: .resultSubmitted
        case .approved: .resultApproved
        case .returned: .resultReturned
        }
    }
}

/// What a library reports for a period, and the coordinator's word on it.
public struct IndicatorResult: Sendable, Hashable, Codable {
    public var value: FixedDecimal
    public var note: String?
    public var status: ResultStatus
    public var enteredBy: String?
    public var reviewComment: String?
    public var reviewedBy: String?

    public init(
        value: FixedDecimal, note: String? = nil, status: ResultStatus = .submitted, enteredBy: String? = nil, reviewComment: String? = nil,
        reviewedBy: String? = nil
    ) {
        self.value = value
        self.note = note
        self.status = status
        self.enteredBy = enteredBy
        self.reviewComment = reviewComment
        self.reviewedBy = reviewedBy
    }

    public static let maxNote = 2000

    /// Reads the result form: a number, and a note with the evidence.
    public static func read(_ input: FormInput) -> (FixedDecimal?, String?, FieldErrors) {
        let reader = FormReader(input)
        var v = Validator()
        let raw = reader.text("value")
        var value: FixedDecimal?
        if let raw {
            value = FixedDecimal(parsing: raw)
            if value == nil { v.add("value", .validationNumber) }
        } else {
            v.add("value", .validationRequired)
        }
        let note = reader.text("note")
        v.maxLength("note", note, maxNote)
        return (v.errors.isEmpty ? value : nil, note, v.errors)
    }
}

/// Where a period stands for the people who report and review.
public enum PeriodState: String, Sendable, CaseIterable {
    /// Not ended yet, nothing reported.
    case running
    /// Ended within the last `graceDays` days with nothing reported.
    case due
    /// Ended longer ago with nothing reported, or returned and not corrected within the grace.
    case overdue
    case submitted, returned, approved

    public static let graceDays = 30

    public static func of(_ period: IndicatorPeriod, _ result: IndicatorResult?, today: LocalDate) -> PeriodState {
        if let result {
            switch result.status {
            case .approved: return .approved
            case .submitted: return .submitted
            case .returned: return .returned
            }
        }
        if today <= period.endsOn { return .running }
        return period.endsOn.days(until: today) <= graceDays ? .due : .overdue
    }

    public var label: TextKey {
        switch self {
        case .running: .periodRunning
        case .due: .periodDue
        case .overdue: .periodOverdue
        case .submitted: .resultSubmitted
        case .returned: .resultReturned
        case .approved: .resultApproved
        }
    }

    /// The changes allowed: a result is entered while none is approved; a coordinator reviews a submitted one.
    public var mayEnter: Bool { self != .approved && self != .submitted }
}

/// An indicator's periods as columns in SVG: the reported value as a bar (solid when approved),
/// the target as a line, each labelled with its figures.
public enum IndicatorChart {
    public struct Column: Sendable {
        public let label: String
        public let value: FixedDecimal?
        public let target: FixedDecimal?
        public let approved: Bool

        public init(label: String, value: FixedDecimal?, target: FixedDecimal?, approved: Bool) {
            self.label = label
            self.value = value
            self.target = target
            self.approved = approved
        }
    }

    public static func svg(_ columns: [Column], title: String, format: Formatting) -> String {
        let width = max(1, columns.count) * 120 + 20
        let height = 180
        let plot = 120
        let top = columns.flatMap { [$0.value, $0.target] }.compactMap { $0?.thousandths }.max() ?? 0
        let scale = max(top, 1)
        var body = ""
        for (i, column) in columns.enumerated() {
            let x = 20 + i * 120
            if let value = column.value {
                let h = Int(max(0, value.thousandths) * Int64(plot) / scale)
                body +=
                    "<rect x=\"\(x + 20)\" y=\"\(20 + plot - h)\" width=\"60\" height=\"\(max(h, 1))\" fill=\"\(column.approved ? "#2f6f8f" : "#9fc0d0")\"></rect>"
                body +=
                    "<text x=\"\(x + 50)\" y=\"\(14 + plot - h)\" text-anchor=\"middle\" font-size=\"12\">\(format.number(value).markupEscaped)</text>"
            }
            if let target = column.target {
                let y = 20 + plot - Int(max(0, target.thousandths) * Int64(plot) / scale)
                body +=
                    "<line x1=\"\(x + 10)\" x2=\"\(x + 90)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#a4262c\" stroke-width=\"2\" stroke-dasharray=\"6 3\"></line>"
            }
            body +=
                "<text x=\"\(x + 50)\" y=\"\(height - 22)\" text-anchor=\"middle\" font-size=\"11\">\(column.label.markupEscaped)</text>"
            if let target = column.target {
                body +=
                    "<text x=\"\(x + 50)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#a4262c\">→ \(format.number(target).markupEscaped)</text>"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" role="img" \
            aria-label="\(title.markupEscaped)" class="indicator-chart">\(body)</svg>
            """
    }
}
