import Foundation

/// What a service changes in people's lives, in areas every library shares, so that results
/// can be put side by side across the network.
public enum OutcomeArea: String, LabelledChoice {
    case digitalSkills = "digital_skills"
    case learning
    case reading
    case health
    case employment
    case civicLife = "civic_life"
    case culture
    case inclusion

    public var label: TextKey {
        switch self {
        case .digitalSkills: .areaDigitalSkills
        case .learning: .areaLearning
        case .reading: .areaReading
        case .health: .areaHealth
        case .employment: .areaEmployment
        case .civicLife: .areaCivicLife
        case .culture: .areaCulture
        case .inclusion: .areaInclusion
        }
    }
}

/// An outcome area a design may choose: one of the standard ones, or one an administrator added
/// for the network (code `custom-N`), named in both languages.
public struct AreaChoice: Sendable, Hashable {
    public let code: String
    public let nameBG: String
    public let nameEN: String

    public init(code: String, nameBG: String, nameEN: String) {
        self.code = code
        self.nameBG = nameBG
        self.nameEN = nameEN
    }

    public init(_ area: OutcomeArea) {
        self.init(code: area.rawValue, nameBG: area.label(.bg), nameEN: area.label(.en))
    }

    public func name(_ language: Language) -> String { language == .bg ? nameBG : nameEN }

    public static let maxName = 100

    /// Checks a new area's names: both given, not too long, and not the name of an area there is.
    public static func validate(nameBG: String?, nameEN: String?, existing: [AreaChoice]) -> FieldErrors {
        var v = Validator()
        v.required("name_bg", nameBG)
        v.required("name_en", nameEN)
        v.maxLength("name_bg", nameBG, maxName)
        v.maxLength("name_en", nameEN, maxName)
        let key = { (text: String) in BulgarianText.comparisonKey(text) }
        if let nameBG, existing.contains(where: { key($0.nameBG) == key(nameBG) }) { v.add("name_bg", .validationAreaExists) }
        if let nameEN, existing.contains(where: { key($0.nameEN) == key(nameEN) }) { v.add("name_en", .validationAreaExists) }
        return v.errors
    }
}

/// The areas a design may choose from: the standard ones, then those the administrators added.
public struct OutcomeAreas: Sendable, Hashable {
    public let added: [AreaChoice]

    public init(added: [AreaChoice] = []) { self.added = added }

    public var all: [AreaChoice] { OutcomeArea.allCases.map(AreaChoice.init) + added }

    public func name(_ code: String, _ language: Language) -> String { all.first { $0.code == code }?.name(language) ?? code }

    /// Known codes in the order the list gives them.
    public func ordered(_ codes: some Sequence<String>) -> [String] {
        let given = Set(codes)
        return all.map(\.code).filter(given.contains)
    }
}

/// The two standard surveys of a service: at the end of an activity, and weeks later.
public enum SurveyKind: String, CaseIterable, Sendable, Codable {
    case immediate
    case followUp = "follow_up"

    public var label: TextKey { self == .immediate ? .surveyImmediate : .surveyFollowUp }

    /// The agree-scale statements every library asks, in this order.
    public var items: [OutcomeItem] { OutcomeItem.allCases.filter { $0.kind == self } }

    /// The open questions every library asks.
    public var openQuestions: [OutcomeOpenQuestion] { self == .immediate ? OutcomeOpenQuestion.allCases : [] }
}

/// A standard statement, answered on a five-point agree scale. Locked: its wording is the
/// catalogue's, so that "learned something new" means the same in every library.
public enum OutcomeItem: String, CaseIterable, Sendable, Codable {
    case learned, confident, intend, aware
    case applied, changed
    case usedMore = "used_more"

    public var kind: SurveyKind {
        switch self {
        case .learned, .confident, .intend, .aware: .immediate
        case .applied, .changed, .usedMore: .followUp
        }
    }

    /// The statement the respondent agrees or disagrees with.
    public var statement: TextKey {
        switch self {
        case .learned: .itemLearned
        case .confident: .itemConfident
        case .intend: .itemIntend
        case .aware: .itemAware
        case .applied: .itemApplied
        case .changed: .itemChanged
        case .usedMore: .itemUsedMore
        }
    }

    /// A few words for charts and tables.
    public var short: TextKey {
        switch self {
        case .learned: .itemLearnedShort
        case .confident: .itemConfidentShort
        case .intend: .itemIntendShort
        case .aware: .itemAwareShort
        case .applied: .itemAppliedShort
        case .changed: .itemChangedShort
        case .usedMore: .itemUsedMoreShort
        }
    }

    /// The form field of the item.
    public var field: String { "item-" + rawValue }
}

public enum OutcomeOpenQuestion: String, CaseIterable, Sendable, Codable {
    case liked, improve

    public var prompt: TextKey { self == .liked ? .openLiked : .openImprove }
    public var field: String { "open-" + rawValue }
}

/// The five-point agree scale; 4 and 5 count as agreeing.
public enum AgreeScale {
    public static let values = 1...5
    public static let agreeFrom = 4

    public static func label(_ value: Int) -> TextKey {
        switch value {
        case 1: .scaleStronglyDisagree
        case 2: .scaleDisagree
        case 3: .scaleNeither
        case 4: .scaleAgree
        default: .scaleStronglyAgree
        }
    }
}

/// Optional questions about the respondent, kept apart from the answers.
public enum AgeBand: String, LabelledChoice {
    case under18 = "under_18"
    case from18 = "18_29"
    case from30 = "30_44"
    case from45 = "45_64"
    case from65 = "65_plus"

    public var label: TextKey {
        switch self {
        case .under18: .ageUnder18
        case .from18: .age18to29
        case .from30: .age30to44
        case .from45: .age45to64
        case .from65: .age65plus
        }
    }
}

public enum Gender: String, LabelledChoice {
    case woman, man, other

    public var label: TextKey {
        switch self {
        case .woman: .genderWoman
        case .man: .genderMan
        case .other: .genderOther
        }
    }
}

public struct RespondentProfile: Sendable, Hashable, Codable {
    public var ageBand: AgeBand?
    public var gender: Gender?
    public var firstVisit: Bool?

    public init(ageBand: AgeBand? = nil, gender: Gender? = nil, firstVisit: Bool? = nil) {
        self.ageBand = ageBand
        self.gender = gender
        self.firstVisit = firstVisit
    }

    public var isEmpty: Bool { ageBand == nil && gender == nil && firstVisit == nil }
}

/// How a service measures its outcomes: the areas it works in and when the follow-up goes out.
public struct OutcomePlan: Sendable, Hashable, Codable {
    /// The codes of the areas chosen (`AreaChoice.code`).
    public var areas: [String]
    /// Weeks between an answer to the immediate survey and the follow-up invitation.
    public var followUpWeeks: Int

    public init(areas: [String] = [], followUpWeeks: Int = 6) {
        self.areas = areas
        self.followUpWeeks = followUpWeeks
    }

    public init(standard: [OutcomeArea], followUpWeeks: Int = 6) {
        self.init(areas: standard.canonical.map(\.rawValue), followUpWeeks: followUpWeeks)
    }

    public static let followUpWeeksRange = 1...26

    enum CodingKeys: String, CodingKey {
        case areas
        case followUpWeeks = "follow_up_weeks"
    }
}

/// One of the two surveys of a service: the standard items, the library's own questions, and
/// whether it takes answers.
public struct OutcomeSurvey: Sendable, Hashable, Codable {
    public var kind: SurveyKind
    /// A library's own questions, at most `maxOwnQuestions`, asked after the standard items.
    public var questions: [FeedbackQuestion]
    public var open: Bool
    /// The last day answers are taken; nil for no end.
    public var closesOn: LocalDate?

    public init(kind: SurveyKind, questions: [FeedbackQuestion] = [], open: Bool = true, closesOn: LocalDate? = nil) {
        self.kind = kind
        self.questions = questions
        self.open = open
        self.closesOn = closesOn
    }

    public static let maxOwnQuestions = 5

    /// Whether it takes answers on `day`.
    public func takesAnswers(on day: LocalDate) -> Bool {
        open && (closesOn.map { day <= $0 } ?? true)
    }

    enum CodingKeys: String, CodingKey {
        case kind, questions, open
        case closesOn = "closes_on"
    }
}

extension OutcomeSurvey {
    /// Reads the settings form: `open`, `closes_on`, areas and weeks (for the immediate survey),
    /// and the question rows of the feedback builder (`question-N-…`).
    public static func read(_ input: FormInput, kind: SurveyKind, areas known: OutcomeAreas = OutcomeAreas()) -> (
        OutcomeSurvey?, OutcomePlan?, FieldErrors
    ) {
        var reader = FormReader(input)
        let closesOn = reader.date("closes_on")
        var errors = reader.errors
        var questions: [FeedbackQuestion] = []
        let hasRows = input.contains { key, value in
            key.hasPrefix("question-") && (key.hasSuffix("-prompt") || key.hasSuffix("-options"))
                && !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        if hasRows {
            var withTitle = input
            withTitle["title"] = "-"
            let (form, formErrors) = FeedbackForm.read(withTitle)
            errors.merge(formErrors)
            questions = form?.questions ?? []
            if questions.count > maxOwnQuestions {
                errors.add("question-\(maxOwnQuestions + 1)-prompt", .validationTooManyQuestions, ["max": String(maxOwnQuestions)])
            }
        }
        var plan: OutcomePlan?
        if kind == .immediate {
            let areas = known.ordered(
                input.filter { $0.key.hasPrefix("area-") && !$0.value.isEmpty }.map { String($0.key.dropFirst("area-".count)) })
            let weeks = reader.integer("follow_up_weeks") ?? 6
            errors.merge(reader.errors)
            if !OutcomePlan.followUpWeeksRange.contains(weeks) {
                errors.add(
                    "follow_up_weeks", .validationBetween,
                    ["min": String(OutcomePlan.followUpWeeksRange.lowerBound), "max": String(OutcomePlan.followUpWeeksRange.upperBound)])
            }
            plan = OutcomePlan(areas: areas, followUpWeeks: weeks)
        }
        guard errors.isEmpty else { return (nil, nil, errors) }
        return (OutcomeSurvey(kind: kind, questions: questions, open: reader.flag("open"), closesOn: closesOn), plan, errors)
    }

    public var input: FormInput {
        var input = FeedbackForm(title: "-", questions: questions).input
        input.removeValue(forKey: "title")
        input.removeValue(forKey: "intro")
        input["open"] = open ? "on" : ""
        input["closes_on"] = closesOn?.iso ?? ""
        return input
    }
}
