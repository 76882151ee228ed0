import Foundation

/// One person's answer to an outcome survey, without anything that says who they are.
public struct OutcomeAnswer: Sendable, Hashable, Codable {
    /// Standard item → 1 to 5.
    public var scores: [OutcomeItem: Int]
    /// Standard open question → text.
    public var texts: [OutcomeOpenQuestion: String]
    /// The library's own questions, as feedback answers (question id → values).
    public var own: [String: [String]]

    public init(scores: [OutcomeItem: Int] = [:], texts: [OutcomeOpenQuestion: String] = [:], own: [String: [String]] = [:]) {
        self.scores = scores
        self.texts = texts
        self.own = own
    }

    public var isEmpty: Bool { scores.isEmpty && texts.isEmpty && own.isEmpty }

    enum CodingKeys: String, CodingKey { case scores, texts, own }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let scores = try c.decodeGiven([String: Int].self, forKey: .scores) ?? [:]
        let texts = try c.decodeGiven([String: String].self, forKey: .texts) ?? [:]
        self.scores = Dictionary(uniqueKeysWithValues: scores.compactMap { k, v in OutcomeItem(rawValue: k).map { ($0, v) } })
        self.texts = Dictionary(uniqueKeysWithValues: texts.compactMap { k, v in OutcomeOpenQuestion(rawValue: k).map { ($0, v) } })
        own = try c.decodeGiven([String: [String]].self, forKey: .own) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) }), forKey: .scores)
        try c.encode(Dictionary(uniqueKeysWithValues: texts.map { ($0.key.rawValue, $0.value) }), forKey: .texts)
        try c.encode(own, forKey: .own)
    }
}

/// What one submission of the answer form holds: the answer, the optional profile (stored
/// apart), and an address for the follow-up given with consent (stored apart, erased after use).
public struct OutcomeSubmission: Sendable, Hashable {
    public var answer: OutcomeAnswer
    public var profile: RespondentProfile
    public var followUpEmail: String?
}

extension OutcomeSurvey {
    public static let maxText = 4000

    /// Reads the answer form. Every question may be skipped, but not all of them; an e-mail
    /// address for the follow-up needs the consent box ticked, and only the immediate survey asks.
    public func readSubmission(_ values: [String: [String]]) -> (OutcomeSubmission?, FieldErrors) {
        func one(_ name: String) -> String? {
            let value = (values[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            return value.isEmpty ? nil : value.joined(separator: "\n")
        }
        var v = Validator()
        var answer = OutcomeAnswer()
        for item in kind.items {
            guard let raw = one(item.field) else { continue }
            if let value = Int(raw), AgreeScale.values.contains(value) {
                answer.scores[item] = value
            } else {
                v.add(item.field, .validationOption)
            }
        }
        for question in kind.openQuestions {
            guard let text = one(question.field) else { continue }
            v.maxLength(question.field, text, Self.maxText)
            answer.texts[question] = text
        }
        let (own, ownErrors) = FeedbackForm(title: "", questions: questions).readAnswers(values)
        answer.own = own
        var profile = RespondentProfile()
        if let raw = one("age_band") {
            if let band = AgeBand(rawValue: raw) { profile.ageBand = band } else { v.add("age_band", .validationOption) }
        }
        if let raw = one("gender") {
            if let gender = Gender(rawValue: raw) { profile.gender = gender } else { v.add("gender", .validationOption) }
        }
        switch one("first_visit") {
        case nil: break
        case "yes": profile.firstVisit = true
        case "no": profile.firstVisit = false
        default: v.add("first_visit", .validationOption)
        }
        var email: String?
        if kind == .immediate, let given = one("follow_up_email") {
            v.email("follow_up_email", given)
            if one("follow_up_consent") == nil { v.add("follow_up_consent", .validationFollowUpConsent) }
            email = given.lowercased()
        }
        var errors = v.errors
        errors.merge(ownErrors)
        if answer.isEmpty && errors.isEmpty { errors.add(kind.items[0].field, .validationEmptyResponse) }
        guard errors.isEmpty else { return (nil, errors) }
        return (OutcomeSubmission(answer: answer, profile: profile, followUpEmail: email), errors)
    }
}

/// How an answer reached the library.
public enum AnswerChannel: String, Sendable, Codable, CaseIterable {
    case web, paper

    public var label: TextKey { self == .web ? .channelWeb : .channelPaper }
}
