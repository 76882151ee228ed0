import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Indicator results by period")
struct IndicatorResultTests {
    @Test("The librarian reports, the coordinator returns and approves, and nothing approved changes")
    func reviewCycle() async throws {
        try await withApp(demo: true) { app in
            let id = try await OutcomeFlowTests.designID(app, OutcomeFlowTests.centre)
            let store = IndicatorStore(db: app.sql)
            // The demo: one indicator, two half-years, the first approved.
            let demo = try await store.periods(id)
            #expect(demo.map { $0.result?.status } == [.approved, .submitted])
            let librarian = try await Browser.signedIn(app, OutcomeFlowTests.librarian, VelingradDemo.demoPassword)
            let page = try await librarian.get("/services/\(id)/outcomes")
            #expect(page.text.contains(TextKey.periodsTitle(.bg)))
            #expect(page.text.contains("class=\"indicator-chart\""))
            #expect(page.text.contains(VelingradDemo.exampleNote))

            // A new period: mistakes are shown at their fields, nothing is saved.
            let wrong = try await librarian.post(
                "/services/\(id)/outcomes/periods",
                ["indicator": VelingradDemo.exampleIndicator, "starts_on": "01.07.2026", "ends_on": "01.01.2026", "target": "400"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains(TextKey.validationEndBeforeStart(.bg)))
            #expect(wrong.text.contains("01.07.2026"))
            #expect(try await store.periods(id).count == 2)
            let added = try await librarian.post(
                "/services/\(id)/outcomes/periods",
                ["indicator": VelingradDemo.exampleIndicator, "starts_on": "01.01.2026", "ends_on": "30.06.2026", "target": "400"])
            #expect(added.status == .seeOther)
            let period = try #require(try await store.periods(id).first { $0.period.startsOn == LocalDate(year: 2026, month: 1, day: 1) })
            #expect(
                try await librarian.post("/services/\(id)/outcomes/periods/\(period.id)/result", ["value": "много"]).status
                    == .unprocessableEntity)
            #expect(
                try await librarian.post("/services/\(id)/outcomes/periods/\(period.id)/result", ["value": "380", "note": "Дневник"]).status
                    == .seeOther)
            #expect(try await store.period(period.id)?.result?.status == .submitted)

            // Reviewing is the district's coordinator's or an administrator's.
            #expect(
                try await librarian.post("/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "approve"]).status
                    == .forbidden)
            let elsewhere = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            #expect(
                try await elsewhere.post("/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "approve"]).status
                    == .forbidden)
            let admin = try await Browser.signedIn(app)
            // A period that ended without a result counts as due on the dashboards.
            let before = try await OutcomeDashboardQuery(db: app.sql).figures(.district("BG-21")).resultsDue
            _ = try await store.insert(
                id,
                IndicatorPeriod(
                    indicator: VelingradDemo.exampleIndicator, startsOn: LocalDate(year: 2020, month: 1, day: 1)!,
                    endsOn: LocalDate(year: 2020, month: 6, day: 30)!, target: nil, direction: .keep))
            #expect(try await OutcomeDashboardQuery(db: app.sql).figures(.district("BG-21")).resultsDue == before + 1)
            #expect(try await OutcomeDashboardQuery(db: app.sql).figures(.district("BG-13")).resultsDue == 0)
            let queue = try await admin.get("/outcomes/reviews?district=BG-21")
            #expect(queue.text.contains(OutcomeFlowTests.centre))
            #expect(queue.text.contains(TextKey.resultSubmitted(.bg)))
            let noComment = try await admin.post("/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "return"])
            #expect(noComment.status == .unprocessableEntity)
            #expect(noComment.text.contains(TextKey.validationRequired(.bg)))
            #expect(
                try await admin.post(
                    "/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "return", "review_comment": "Приложете дневника."]
                ).status
                    == .seeOther)
            #expect(try await store.period(period.id)?.result?.status == .returned)
            #expect(try await librarian.get("/services/\(id)/outcomes").text.contains("Приложете дневника."))
            _ = try await librarian.post(
                "/services/\(id)/outcomes/periods/\(period.id)/result", ["value": "381", "note": "Дневникът е приложен"])
            #expect(
                try await admin.post("/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "approve"]).status == .seeOther)
            let approved = try #require(try await store.period(period.id)?.result)
            #expect(approved.status == .approved)
            #expect(approved.value == FixedDecimal(381))
            // Approved stays as approved: neither a new value nor a second review changes it.
            let locked = try await librarian.post("/services/\(id)/outcomes/periods/\(period.id)/result", ["value": "999"])
            #expect(locked.status == .unprocessableEntity)
            #expect(
                try await admin.post("/services/\(id)/outcomes/periods/\(period.id)/review", ["decision": "return", "review_comment": "x"])
                    .status
                    == .unprocessableEntity)
            #expect(try await store.period(period.id)?.result?.value == FixedDecimal(381))
            let audit = try await app.sql.select().column("entity_id").from("audit_log").where("entity", .equal, IndicatorService.entity)
                .all()
            #expect(audit.count >= 5)
        }
    }
}
