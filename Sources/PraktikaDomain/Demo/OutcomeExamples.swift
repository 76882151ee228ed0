import Foundation

/// Example answers to outcome surveys, for the demo and for `praktika generate`: made up (the
/// founding document has no outcome figures) and stored marked as examples. The same seed gives
/// the same answers.
public struct OutcomeExamples {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// The outcome areas a service for this group most likely works in.
    public static func areas(for category: TargetGroupCategory) -> [OutcomeArea] {
        switch category {
        case .children, .pupils: [.reading, .learning]
        case .youngPeople: [.learning, .digitalSkills]
        case .pensioners: [.digitalSkills, .inclusion]
        case .unemployed: [.employment, .digitalSkills]
        case .peopleWithDisabilities, .minorities, .womenAtRisk: [.inclusion]
        case .farmers, .business: [.employment, .civicLife]
        case .localCommunity: [.culture, .civicLife]
        case .other: [.culture]
        }
    }

    /// One answer: mostly agreeing, as such surveys tend to be, with a few skipped items.
    public mutating func answer(_ kind: SurveyKind, language: Language = .bg) -> OutcomeAnswer {
        var answer = OutcomeAnswer()
        for item in kind.items where next(10) > 0 {
            let roll = next(100)
            answer.scores[item] = roll < 45 ? 5 : roll < 80 ? 4 : roll < 92 ? 3 : roll < 97 ? 2 : 1
        }
        if kind == .immediate {
            let liked = language == .bg ? Self.likedBG : Self.likedEN
            let improve = language == .bg ? Self.improveBG : Self.improveEN
            if next(3) == 0 { answer.texts[.liked] = liked[next(liked.count)] }
            if next(5) == 0 { answer.texts[.improve] = improve[next(improve.count)] }
        }
        if answer.isEmpty { answer.scores[kind.items[0]] = 4 }
        return answer
    }

    public mutating func profile() -> RespondentProfile {
        guard next(3) > 0 else { return RespondentProfile() }
        return RespondentProfile(
            ageBand: AgeBand.allCases[next(AgeBand.allCases.count)], gender: next(4) == 0 ? nil : Gender.allCases[next(2)],
            firstVisit: next(3) == 0)
    }

    public mutating func channel() -> AnswerChannel { next(4) == 0 ? .paper : .web }

    static let likedBG = [
        "Търпението на библиотекарката.", "Че се научих да пиша имейл на внуците си.", "Спокойната обстановка.",
        "Практическите упражнения.", "Хората, с които се запознах.",
    ]
    static let improveBG = ["Повече занимания през седмицата.", "По-големи екрани.", "Занимания и следобед."]
    static let likedEN = ["The librarian's patience.", "Learning to e-mail my grandchildren.", "The calm room."]
    static let improveEN = ["More sessions a week.", "Bigger screens.", "Afternoon sessions too."]
}
