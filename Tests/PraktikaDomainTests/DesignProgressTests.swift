import Testing

@testable import PraktikaDomain

@Suite("Design progress")
struct DesignProgressTests {
    @Test("a new idea holds only its title: no block counts as filled, and planning asks for needs, activities and indicators")
    func newIdea() {
        let progress = DesignProgress(
            ServiceDesign(title: "Пенсионери ONLINE", libraryIDs: [1], targetGroup: TargetGroup(category: .pensioners)))
        #expect(progress.filled.isEmpty)
        #expect(progress.nextStatus == .planned)
        #expect(progress.missingForNext.map(\.block) == [.service, .activities, .effect])
        #expect(progress.missingForNext.first?.problem.key == .validationRequiredForPlanned)
    }

    @Test("a planned design with targets is ready to run; once running, the next stage asks nothing new until evaluation")
    func plannedAndBeyond() {
        var d = ServiceDesign(
            title: "Пенсионери ONLINE", summary: "Компютърно обучение", libraryIDs: [1], status: .planned,
            targetGroup: TargetGroup(category: .pensioners, description: "Хора над 65", expectedReach: 40), needs: "Самота",
            activities: [Activity(title: "Обучение")], indicators: [Indicator(name: "Обучени", unit: .people, target: FixedDecimal(40))])
        var progress = DesignProgress(d)
        #expect(progress.filled == [DesignBlock.basics, .target, .service, .activities, .effect])
        #expect(progress.filledCount == 5)
        #expect(progress.nextStatus == .running)
        #expect(progress.missingForNext.isEmpty)

        // Evaluated needs each indicator's actual value: the effect block is what is left.
        d.status = .completed
        progress = DesignProgress(d)
        #expect(progress.nextStatus == .evaluated)
        #expect(progress.missingForNext.map(\.block) == [.effect])
        #expect(progress.missingForNext.first?.problem.key == .validationRequiredForEvaluated)

        d.status = .evaluated
        #expect(DesignProgress(d).nextStatus == nil)
        #expect(DesignProgress(d).missingForNext.isEmpty)
    }

    @Test("white space is not content")
    func blankText() {
        var d = ServiceDesign(title: "Т", libraryIDs: [1], targetGroup: TargetGroup(category: .children))
        d.needs = "  \n "
        d.channelNotes = "\t"
        #expect(!DesignProgress.holdsSomething(.service, d))
        #expect(!DesignProgress.holdsSomething(.channels, d))
        d.goal = "Четене"
        #expect(DesignProgress.holdsSomething(.service, d))
    }
}
