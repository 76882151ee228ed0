import Foundation

public enum FeedbackQuestionKind: String, LabelledChoice {
    /// One option.
    case single
    /// Any number of options ("what will you use in your work").
    case multiple
    /// A rating from 1 to 5.
    case rating
    /// Free text.
    case text

    public var label: TextKey {
        switch self {
        case .single: .feedbackKindSingle
        case .multiple: .feedbackKindMultiple
        case .rating: .feedbackKindRating
        case .text: .feedbackKindText
        }
    }
}

public struct FeedbackQuestion: Sendable, Hashable, Codable {
    /// Stable within the form, so that answers keep pointing at their question when the form is edited.
    public var id: String
    public var kind: FeedbackQuestionKind
    public var prompt: String
    public var options: [String]
    /// A required question must be answered before the response is accepted.
    public var required: Bool

    public init(id: String, kind: FeedbackQuestionKind, prompt: String, options: [String] = [], required: Bool = false) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.options = options
        self.required = required
    }

    public static let ratingScale = 1...5
    /// An id is a short key ("q3"); a client that names its own keeps it within this.
    public static let maxIDLength = 40

    /// What a client sent as questions, before it is read like the page's form: the form builder
    /// drops an empty row and names a new question itself, but a client that sends a question
    /// without a prompt or an id, or two with one id, has made a mistake to be told of.
    public static func checkSent(_ questions: [FeedbackQuestion]) -> FieldErrors {
        var errors = FieldErrors()
        var seen = Set<String>()
        for (i, q) in questions.enumerated() {
            let prefix = "question-\(i + 1)-"
            if q.prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add(prefix + "prompt", .validationRequired) }
            // Counted as sent, spaces included, as the API's schema counts them.
            if q.prompt.unicodeScalars.count > 500 { errors.add(prefix + "prompt", .validationTooLong, ["max": "500"]) }
            if q.id.unicodeScalars.count > maxIDLength { errors.add(prefix + "id", .validationTooLong, ["max": String(maxIDLength)]) }
            let id = q.id.trimmingCharacters(in: .whitespacesAndNewlines)
            if id.isEmpty {
                errors.add(prefix + "id", .validationRequired)
            } else if !seen.insert(id).inserted {
                errors.add(prefix + "id", .validationDuplicateKey)
            }
        }
        return errors
    }
}

/// A feedback form the organisers build for one meeting; answered anonymously.
public struct FeedbackForm: Sendable, Hashable, Codable {
    public var title: String
    public var intro: String?
    public var questions: [FeedbackQuestion]

    public init(title: String, intro: String? = nil, questions: [FeedbackQuestion]) {
        self.title = title
        self.intro = intro
        self.questions = questions
    }

    /// Reads the form builder: `title`, `intro`, then rows `question-N-prompt`, `-kind`, `-options`
    /// (one option per line), `-required`, `-position` and `-id`; rows left blank are dropped, and
    /// the questions follow their positions (the row number where two are equal or none is given).
    public static func read(_ input: FormInput) -> (FeedbackForm?, FieldErrors) {
        let reader = FormReader(input)
        var v = Validator()
        v.required("title", reader.text("title"))
        v.maxLength("title", reader.text("title"), 200)
        v.maxLength("intro", reader.text("intro"), 2000)
        var errors = v.errors
        let rows = Set(
            input.keys.compactMap { key -> Int? in
                let parts = key.split(separator: "-")
                return parts.count == 3 && parts[0] == "question" ? Int(parts[1]) : nil
            }
        ).sorted()
        var questions: [FeedbackQuestion] = []
        var used = Set(rows.compactMap { reader.text("question-\($0)-id") })
        var nextID = 1
        var typedIDs = Set<String>()
        var positions: [String: Double] = [:]
        for row in rows {
            let prefix = "question-\(row)-"
            let prompt = reader.text(prefix + "prompt")
            let options = (input[prefix + "options"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if prompt == nil && options.isEmpty { continue }
            let kind = FeedbackQuestionKind(rawValue: reader.text(prefix + "kind") ?? "") ?? .text
            if prompt == nil { errors.add(prefix + "prompt", .validationRequired) }
            if let prompt, prompt.unicodeScalars.count > 500 { errors.add(prefix + "prompt", .validationTooLong, ["max": "500"]) }
            if kind == .single || kind == .multiple {
                if options.count < 2 { errors.add(prefix + "options", .validationTwoOptions) }
                if options.count > 30 { errors.add(prefix + "options", .validationTooManyOptions, ["max": "30"]) }
            }
            var id = reader.text(prefix + "id") ?? ""
            if id.unicodeScalars.count > FeedbackQuestion.maxIDLength {
                errors.add(prefix + "id", .validationTooLong, ["max": String(FeedbackQuestion.maxIDLength)])
            }
            if !id.isEmpty && !typedIDs.insert(id).inserted { errors.add(prefix + "id", .validationDuplicateKey) }
            var chars = Validator()
            chars.printable(prefix + "id", id)
            chars.printable(prefix + "prompt", prompt)
            for option in options { chars.printable(prefix + "options", option) }
            errors.merge(chars.errors)
            if id.isEmpty {
                while used.contains("q\(nextID)") { nextID += 1 }
                id = "q\(nextID)"
                used.insert(id)
            }
            let typed = reader.text(prefix + "position").flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
            positions[id] = typed ?? Double(row)
            questions.append(
                FeedbackQuestion(
                    id: id, kind: kind, prompt: prompt ?? "", options: kind == .single || kind == .multiple ? options : [],
                    required: reader.flag(prefix + "required")))
        }
        // A stable sort: questions with the same position keep their rows' order.
        questions = questions.enumerated().sorted {
            (positions[$0.element.id] ?? 0, $0.offset) < (positions[$1.element.id] ?? 0, $1.offset)
        }
        .map(\.element)
        if questions.isEmpty && errors.isEmpty { errors.add("question-1-prompt", .validationRequired) }
        guard errors.isEmpty else { return (nil, errors) }
        return (FeedbackForm(title: reader.text("title")!, intro: reader.text("intro"), questions: questions), errors)
    }

    public var input: FormInput {
        var input: FormInput = ["title": title, "intro": intro ?? ""]
        for (i, q) in questions.enumerated() {
            let prefix = "question-\(i + 1)-"
            input[prefix + "id"] = q.id
            input[prefix + "kind"] = q.kind.rawValue
            input[prefix + "prompt"] = q.prompt
            input[prefix + "options"] = q.options.joined(separator: "\n")
            input[prefix + "required"] = q.required ? "on" : ""
            input[prefix + "position"] = String(i + 1)
        }
        return input
    }

    /// Reads one response: `q-<id>` fields, repeated for several options. Unanswered questions are fine;
    /// an empty response is not.
    public func readResponse(_ values: [String: [String]]) -> (FeedbackResponse?, FieldErrors) {
        let (answers, found) = readAnswers(values)
        var errors = found
        for q in questions where q.required && answers[q.id] == nil { errors.add("q-\(q.id)", .validationAnswerRequired) }
        if answers.isEmpty && errors.isEmpty, let first = questions.first { errors.add("q-\(first.id)", .validationEmptyResponse) }
        guard errors.isEmpty else { return (nil, errors) }
        return (FeedbackResponse(answers: answers), errors)
    }

    /// The answers given (`q-<id>` fields), checked against the questions; none is fine here.
    public func readAnswers(_ values: [String: [String]]) -> ([String: [String]], FieldErrors) {
        var errors = FieldErrors()
        var answers: [String: [String]] = [:]
        for q in questions {
            let field = "q-\(q.id)"
            let given = (values[field] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !given.isEmpty else { continue }
            switch q.kind {
            case .single, .multiple:
                let indices = given.compactMap(Int.init)
                if indices.count != given.count || indices.contains(where: { !q.options.indices.contains($0) })
                    || (q.kind == .single && indices.count > 1)
                {
                    errors.add(field, .validationOption)
                } else {
                    answers[q.id] = Array(Set(indices)).sorted().map(String.init)
                }
            case .rating:
                if given.count == 1, let r = Int(given[0]), FeedbackQuestion.ratingScale.contains(r) {
                    answers[q.id] = [given[0]]
                } else {
                    errors.add(field, .validationOption)
                }
            case .text:
                let text = given.joined(separator: "\n")
                if text.unicodeScalars.count > 4000 {
                    errors.add(field, .validationTooLong, ["max": "4000"])
                } else {
                    answers[q.id] = [text]
                }
            }
        }
        return (answers, errors)
    }
}

/// One anonymous response: question id → the chosen option indices, the rating, or the text.
public struct FeedbackResponse: Sendable, Hashable, Codable {
    public var answers: [String: [String]]

    public init(answers: [String: [String]]) {
        self.answers = answers
    }
}

/// The results of one question over all responses.
public struct QuestionSummary: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public let label: String
        public let count: Int
        /// Per mille of the people who answered the question.
        public let perMille: Int
    }

    public let question: FeedbackQuestion
    public let answered: Int
    public let bars: [Bar]
    /// The mean rating in hundredths (4,25 → 425).
    public let averageHundredths: Int?
    public let texts: [String]
}

public enum FeedbackSummary {
    public static func summarise(_ form: FeedbackForm, _ responses: [FeedbackResponse]) -> [QuestionSummary] {
        form.questions.map { q in
            let given = responses.compactMap { $0.answers[q.id] }
            let answered = given.count
            func perMille(_ count: Int) -> Int { answered == 0 ? 0 : (count * 1000 + answered / 2) / answered }
            switch q.kind {
            case .single, .multiple:
                var counts = [Int](repeating: 0, count: q.options.count)
                for answer in given {
                    for i in answer.compactMap(Int.init) where counts.indices.contains(i) { counts[i] += 1 }
                }
                let bars = q.options.indices.map {
                    QuestionSummary.Bar(label: q.options[$0], count: counts[$0], perMille: perMille(counts[$0]))
                }
                return QuestionSummary(question: q, answered: answered, bars: bars, averageHundredths: nil, texts: [])
            case .rating:
                let ratings = given.compactMap { $0.first.flatMap(Int.init) }
                let bars = FeedbackQuestion.ratingScale.map { r in
                    let count = ratings.filter { $0 == r }.count
                    return QuestionSummary.Bar(label: String(r), count: count, perMille: perMille(count))
                }
                let average = ratings.isEmpty ? nil : (ratings.reduce(0, +) * 100 + ratings.count / 2) / ratings.count
                return QuestionSummary(question: q, answered: answered, bars: bars, averageHundredths: average, texts: [])
            case .text:
                return QuestionSummary(question: q, answered: answered, bars: [], averageHundredths: nil, texts: given.compactMap(\.first))
            }
        }
    }

    /// Every response as a CSV row, one column per question (options by their text, several joined with "; ").
    public static func csv(_ form: FeedbackForm, _ responses: [FeedbackResponse], header: [String]) -> String {
        var out = "\u{FEFF}" + CSV.line(header + form.questions.map(\.prompt))
        for (n, r) in responses.enumerated() {
            var row = [String(n + 1)]
            for q in form.questions {
                let values = r.answers[q.id] ?? []
                switch q.kind {
                case .single, .multiple:
                    row.append(
                        values.compactMap(Int.init).filter { q.options.indices.contains($0) }.map { q.options[$0] }.joined(separator: "; "))
                default:
                    row.append(values.joined(separator: " "))
                }
            }
            out += CSV.line(row)
        }
        return out
    }
}

/// A horizontal bar chart in SVG: a label, a bar and a caption per row, bars in proportion to
/// their values. Server-rendered, readable without JavaScript; text is escaped.
public enum BarChart {
    public struct Row: Sendable, Hashable {
        public let label: String
        public let value: Int64
        /// What the bar says beside it: "12 (40,0 %)", "300,00 лв. (≈ 153,39 €)".
        public let caption: String

        public init(label: String, value: Int64, caption: String) {
            self.label = label
            self.value = value
            self.caption = caption
        }
    }

    /// Each row is its label on a line, then the bar with its caption beside it: narrow enough
    /// to stay readable on a phone, where the chart is drawn at the screen's width.
    /// `reference`, when given, is a value marked by a dashed line across every bar (an
    /// indicator's target, at 100 %), with its label at the foot.
    public static func svg(_ rows: [Row], title: String, reference: (value: Int64, label: String)? = nil) -> String {
        let rowHeight = 44
        let barWidth = 240
        let captionWidth = Int((rows.map { ChartDiagram.textWidth($0.caption, size: 13) }.max() ?? 0).rounded(.up)) + 12
        let footer = reference == nil ? 0 : 20
        let height = rows.count * rowHeight + 4 + footer
        let width = barWidth + max(110, captionWidth)
        let most = max(1, rows.map(\.value).max() ?? 1, reference?.value ?? 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" \
            aria-label="\(title.markupEscaped)" class="bar-chart">
            """
        if let reference {
            let x = Int(reference.value * Int64(barWidth) / most)
            let bottom = rows.count * rowHeight + 2
            svg += """
                <line x1="\(x)" y1="18" x2="\(x)" y2="\(bottom)" stroke="#7a4b00" stroke-width="1.5" stroke-dasharray="4 3"></line>\
                <text x="\(x)" y="\(bottom + 15)" text-anchor="middle" font-size="12" fill="#7a4b00">\(reference.label.markupEscaped)</text>
                """
        }
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight
            let w = Int(max(0, row.value) * Int64(barWidth) / most)
            let label = ChartDiagram.fit(row.label, width: Double(width - 4), size: 13)
            svg += """
                <text x="0" y="\(y + 15)" font-size="13">\(label.markupEscaped)</text>\
                <rect x="0" y="\(y + 20)" width="\(max(w, row.value > 0 ? 2 : 0))" height="16" fill="#2f6f8f"></rect>\
                <text x="\(w + 6)" y="\(y + 33)" font-size="13">\(row.caption.markupEscaped)</text>
                """
        }
        return svg + "</svg>"
    }

    /// Each indicator that has a target and a result: the result as a share of the target
    /// ("24 / 20 (120,0 %)"); the dashed line is the target.
    public static func indicatorRows(_ indicators: [Indicator], _ format: Formatting) -> [Row] {
        indicators.compactMap { i in
            let cell = AdoptionComparison.Cell(target: i.target, actual: i.actual)
            guard let share = cell.perMille, let target = i.target, let actual = i.actual else { return nil }
            return Row(
                label: i.name, value: Int64(max(0, share)),
                caption: "\(format.number(actual)) / \(format.number(target)) (\(format.perMille(share)))")
        }
    }

    /// Confirmed participants per district, most first: "44 (46,3 %)".
    public static func districtRows(_ counts: ParticipantCounts, _ language: Language, _ format: Formatting) -> [Row] {
        counts.byDistrict.map { entry in
            let share = counts.total == 0 ? 0 : (entry.count * 1000 + counts.total / 2) / counts.total
            return Row(
                label: entry.code.flatMap { District.named($0)?.name(language) } ?? TextKey.notKnown(language), value: Int64(entry.count),
                caption: "\(format.integer(entry.count)) (\(format.perMille(share)))")
        }
    }

    /// A question's answers: how many chose each option, and their share.
    public static func svg(_ bars: [QuestionSummary.Bar], title: String, format: Formatting) -> String {
        svg(
            bars.map {
                Row(label: $0.label, value: Int64($0.count), caption: "\(format.integer($0.count)) (\(format.perMille($0.perMille)))")
            },
            title: title)
    }
}

/// The same questions asked at several meetings of a series, side by side: questions and options
/// are matched by their words (case and spacing aside), shares are of those who answered.
public enum FeedbackComparison {
    public struct Row: Sendable, Hashable {
        public let label: String
        /// Per meeting: per mille for an option, hundredths for an average rating; nil where not asked.
        public let values: [Int?]
    }

    public struct Question: Sendable, Hashable {
        public let prompt: String
        public let kind: FeedbackQuestionKind
        public let answered: [Int?]
        public let rows: [Row]
    }

    static func key(_ text: String) -> String { BulgarianText.comparisonKey(text) }

    /// `meetings` in the order of the columns; each with its forms' summaries.
    public static func compare(_ meetings: [[QuestionSummary]]) -> [Question] {
        var order: [String] = []
        var first: [String: QuestionSummary] = [:]
        for summaries in meetings {
            for s in summaries where s.question.kind != .text && first[key(s.question.prompt)] == nil {
                order.append(key(s.question.prompt))
                first[key(s.question.prompt)] = s
            }
        }
        return order.compactMap { k in
            guard let model = first[k] else { return nil }
            let perMeeting = meetings.map { summaries in summaries.first { key($0.question.prompt) == k && $0.question.kind != .text } }
            guard perMeeting.compactMap({ $0 }).count > 1 else { return nil }
            let answered = perMeeting.map { $0?.answered }
            if model.question.kind == .rating {
                return Question(
                    prompt: model.question.prompt, kind: .rating, answered: answered,
                    rows: [Row(label: "", values: perMeeting.map { $0?.averageHundredths })])
            }
            var labels: [String] = []
            var seen: Set<String> = []
            for s in perMeeting.compactMap({ $0 }) {
                for bar in s.bars where seen.insert(key(bar.label)).inserted { labels.append(bar.label) }
            }
            let rows = labels.map { label in
                Row(
                    label: label,
                    values: perMeeting.map { s in s?.bars.first { key($0.label) == key(label) }?.perMille ?? (s == nil ? nil : 0) })
            }
            return Question(prompt: model.question.prompt, kind: model.question.kind, answered: answered, rows: rows)
        }
    }
}
