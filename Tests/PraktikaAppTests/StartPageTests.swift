import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("The start page of someone signed in")
struct StartPageTests {
    @Test("a librarian sees their library's services with what the next stage needs, and a result their service owes")
    func librarian() async throws {
        try await withApp(demo: true) { app in
            let visitor = try await Browser(app).get("/")
            #expect(visitor.text.contains(TextKey.homeTitle(.bg)))
            #expect(!visitor.text.contains(TextKey.startTitle(.bg)))

            let user = try #require(
                try await app.sql.select().columns("library_id").from("users").where("email", .equal, "smolyan@praktika.local").first())
            let library = try #require(try user.decode(column: "library_id", as: Int64?.self))
            let ids = try await app.sql.select().column("design_id").from("design_libraries").where("library_id", .equal, library).all()
                .map { try $0.decode(column: "design_id", as: Int64.self) }
            let designs = try await DesignStore(db: app.sql).designs(ids)
            let idea = try #require(designs.first { $0.value.status == .idea && !DesignProgress($0.value).missingForNext.isEmpty })
            let progress = DesignProgress(idea.value)

            // A period of theirs that ended ten days ago with nothing reported.
            let today = LocalDate(Date())
            let ended = try #require(today.adding(days: -10))
            let period = IndicatorPeriod(
                indicator: "Обучени читатели", startsOn: try #require(ended.adding(days: -90)), endsOn: ended, target: FixedDecimal(40),
                direction: .increase)
            _ = try await IndicatorStore(db: app.sql).insert(idea.key, period)

            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            let page = try await librarian.get("/").text
            #expect(page.contains("<h1>\(TextKey.startTitle(.bg))</h1>"))
            #expect(page.components(separatedBy: "<h1").count == 2)
            #expect(page.contains(TextKey.startMyServices(.bg)))
            #expect(page.contains(idea.value.title.htmlEscaped))
            #expect(page.contains(TextKey.startBlocksFilled(.bg, ["filled": String(progress.filledCount), "total": "9"])))
            #expect(page.contains(TextKey.startNextStage(.bg, ["stage": DesignStatus.planned.label(.bg)])))
            let block = try #require(progress.missingForNext.first).block
            #expect(page.contains("href=\"\(SiteURL.serviceBlock(idea.key, block).path)\""))
            let owed = TextKey.startEnterResult(
                .bg, ["indicator": "Обучени читатели", "period": Formatting(.bg).dateRange(period.startsOn, period.endsOn)])
            #expect(page.contains(owed.htmlEscaped))
            #expect(page.contains(PeriodState.due.label(.bg)))
            // The network's figures follow, under their own heading.
            #expect(page.contains(TextKey.homeNetworkFigures(.bg)))

            // In English too.
            _ = try await librarian.post("/language/en", ["back": "/"])
            #expect(try await librarian.get("/").text.contains(TextKey.startNextStage(.en, ["stage": DesignStatus.planned.label(.en)])))
        }
    }

    @Test("a coordinator sees the district's services and reviews the district's submitted results; an administrator reviews all")
    func coordinator() async throws {
        try await withApp(demo: true) { app in
            let submitted = try #require(
                try await app.sql.raw("SELECT period_id FROM indicator_results WHERE status = 'approved'").first()?
                    .decode(column: "period_id", as: Int64.self))
            try await app.sql.update("indicator_results").set("status", to: ResultStatus.submitted.rawValue)
                .where("period_id", .equal, submitted).run()
            let stored = try #require(try await IndicatorStore(db: app.sql).period(submitted))
            let district = try #require(
                try await app.sql.raw(
                    "SELECT l.district_code FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id WHERE dl.design_id = \(bind: stored.designID)"
                ).first()?.decode(column: "district_code", as: String.self))
            let review = TextKey.startReviewResult(
                .bg,
                ["indicator": stored.period.indicator, "period": Formatting(.bg).dateRange(stored.period.startsOn, stored.period.endsOn)])
            // Pazardzhik's coordinator sees the district's services, and reviews only what its district submitted.
            let coordinator = try await Browser.signedIn(app, "pazardzhik@praktika.local", VelingradDemo.demoPassword)
            let page = try await coordinator.get("/").text
            #expect(page.contains(TextKey.startDistrictServices(.bg)))
            #expect(!page.contains(TextKey.startNoServices(.bg)))
            #expect(page.contains(review.htmlEscaped) == (district == "BG-13"))
            // An administrator reviews anywhere.
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            #expect(try await admin.get("/").text.contains(review.htmlEscaped))
            // A librarian does not review.
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            #expect(!(try await librarian.get("/").text.contains(review.htmlEscaped)))
        }
    }
}
