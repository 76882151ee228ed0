import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Generated practices")
struct GenerateTests {
    @Test("the bulk writer fills designs, index, facets and word counts as single saves would; normal saves continue after it")
    func bulk() async throws {
        try await withApp(demo: true) { app in
            let libraries = try await GenerateCommand.ensureLibraries(app.sql)
            #expect(libraries.count == 280)
            #expect(try await GenerateCommand.ensureLibraries(app.sql).map(\.0) == libraries.map(\.0))
            let before = try await app.count("service_designs")
            var generator = SyntheticPractices(seed: 1)
            var writer = BulkDesignWriter(analyzer: SearchSettings.analyzer)
            try await writer.start(app.sql)
            var entries: [BulkDesignWriter.Entry] = []
            for i in 0..<300 {
                let (id, district) = libraries[i % libraries.count]
                entries.append(
                    .init(
                        design: generator.next(libraryIDs: [id], year: 2020), created: Date(timeIntervalSince1970: 1_600_000_000),
                        districts: [district]))
            }
            for chunk in [Array(entries[0..<150]), Array(entries[150...])] {
                writer = try await app.db.transaction { [writer] db in
                    var next = writer
                    try await next.write(chunk, db as! any SQLDatabase)
                    return next
                }
            }
            try await writer.finish(app.sql)
            #expect(try await app.count("service_designs") == before + 300)
            #expect(try await app.count("search_documents") == before + 300)
            if app.sql.dialect.name == "sqlite" {
                // Each document's length is FTS5's own count of its terms, as a single save stores it.
                let lengths = try await app.sql.raw(
                    "SELECT COUNT(*) AS n FROM search_documents WHERE length = praktika_doclength((SELECT sz FROM search_fts_docsize z WHERE z.id = search_documents.id)) AND length > 0"
                ).first()?.decode(column: "n", as: Int.self)
                #expect(lengths == before + 300)
            }

            // The generated practices are found, faceted and suggested like any other.
            let practices = try await Browser(app).get("/practices?district=BG-05")
            #expect(practices.status == .ok)
            #expect(practices.text.contains("(генерирана)") || practices.text.contains("Записи: "))
            let search = try await Browser(app).get("/api/v1/practices?q=библиотеката&year=2020")
            // Anonymous callers see the public ones; practices for women at risk stay within their district.
            let visible = entries.filter { $0.design.visibility == .public }.count
            #expect(visible < 300 && search.text.contains("\"total\":\(visible)"))
            let counted = try await app.sql.raw("SELECT documents FROM search_words WHERE word = 'предлага'").first()?.decode(
                column: "documents", as: Int.self)
            #expect(counted == 300)

            // A design saved the ordinary way afterwards gets the next free identifiers.
            let admin = try await Browser.signedIn(app)
            let created = try await admin.post(
                "/services", ["title": "След генерирането", "library-0-id": String(libraries[0].0), "target_category": "pupils"])
            #expect(created.status == .seeOther)
            #expect(try await app.count("service_designs") == before + 301)
        }
    }

    @Test("a word in every document costs no more than the cap: only the newest matches are ranked and counted")
    func capped() async throws {
        try await withApp { app in
            let libraries = try await GenerateCommand.ensureLibraries(app.sql)
            var generator = SyntheticPractices(seed: 3)
            var writer = BulkDesignWriter(analyzer: SearchSettings.analyzer)
            try await writer.start(app.sql)
            let entries = (0..<120).map { i in
                BulkDesignWriter.Entry(
                    design: generator.next(libraryIDs: [libraries[i % 28 * 10].0], year: 2024), created: Date(),
                    districts: [libraries[i % 28 * 10].1])
            }
            writer = try await app.db.transaction { [writer] db in
                var next = writer
                try await next.write(entries, db as! any SQLDatabase)
                return next
            }
            try await writer.finish(app.sql)
            // The bulk writer leaves what one save would: the key counts the index itself has.
            #expect(try await SearchIndexTests.storedTermCounts(app.sql) == SearchIndexTests.indexTermCounts(app.sql))
            let admin = Actor(userID: 1, name: "a", role: .admin, districtCode: nil, libraryID: nil)
            var query = ListQuery()
            query.q = "библиотеката"
            let (_, all) = try await DesignListQuery.rows(app.sql, query, admin)
            #expect(all == 120)
            try await SearchIndex.$candidateCap.withValue(50) {
                let (rows, total) = try await DesignListQuery.rows(app.sql, query, admin)
                #expect(total == 50)
                let newest = try await app.sql.raw("SELECT MAX(id) AS n FROM service_designs").first()!.decode(column: "n", as: Int64.self)
                #expect(rows.allSatisfy { $0.id > newest - 50 })
                let page = try await DesignListQuery.page(app.sql, query, admin)
                #expect(page.capped)
                // A rarer word is still searched in full.
                var rare = query
                rare.q = "пчелари"
                let rarePage = try await DesignListQuery.page(app.sql, rare, admin)
                #expect(!rarePage.capped && rarePage.total > 0 && rarePage.total < 50)
                let statusTotal = page.facets.first { $0.facet == .status }?.values.map(\.count).reduce(0, +)
                #expect(statusTotal == 50)

                // Browsing without words is capped the same way: the newest 50 are sorted and counted.
                var browse = ListQuery()
                browse.practicesOnly = true
                let newestFirst = try await DesignListQuery.page(app.sql, browse, admin)
                #expect(newestFirst.capped && newestFirst.total == 50)
                #expect(newestFirst.rows.map(\.id) == Array((newest - 24...newest).reversed()))
                browse.sort = "title"
                let byTitle = try await DesignListQuery.page(app.sql, browse, admin)
                #expect(byTitle.rows.allSatisfy { $0.id > newest - 50 })
                #expect(byTitle.rows.map { SortKey.fold($0.title) } == byTitle.rows.map { SortKey.fold($0.title) }.sorted())
                // A filter walks that value's own designs: all 120 / 28 of a district, not those among the newest 50.
                browse.sort = nil
                browse.district = "BG-13"
                let district = try await DesignListQuery.page(app.sql, browse, admin)
                let inDistrict = try await app.sql.raw(
                    "SELECT COUNT(*) AS n FROM design_facets WHERE facet = 'district' AND value = 'BG-13'"
                ).first()!.decode(column: "n", as: Int.self)
                #expect(!district.capped && district.total == inDistrict && inDistrict >= 4)
                // The chosen facet's other values stay reachable, counted among the newest 50.
                let districts = district.facets.first { $0.facet == .district }?.values ?? []
                #expect(districts.count > 10 && districts.map(\.count).reduce(0, +) == 50)

                // The API walks past the cap: `cursor=start`, then each answer's `next_cursor`.
                struct Step: Decodable {
                    struct Item: Decodable { let id: Int64 }
                    let items: [Item]
                    let total: Int
                    let next_cursor: String?
                }
                func walk(_ path: String) async throws -> [Int64] {
                    var ids: [Int64] = []
                    var cursor: String? = "start"
                    while let current = cursor {
                        let response = try await Browser(app).get(path + (path.contains("?") ? "&" : "?") + "cursor=\(current)")
                        #expect(response.status == .ok)
                        let step = try JSONDecoder().decode(Step.self, from: Data(response.text.utf8))
                        #expect(step.items.count <= ListQuery.perPage && step.total == step.items.count)
                        ids += step.items.map(\.id)
                        cursor = step.next_cursor
                    }
                    return ids
                }
                // A visitor sees the public ones (practices for vulnerable groups are for libraries only).
                func publicCount(_ condition: String) async throws -> Int {
                    try await app.sql.raw(
                        "SELECT COUNT(*) AS n FROM service_designs d WHERE d.visibility = 'public' AND d.published_on IS NOT NULL AND \(unsafeRaw: condition)"
                    ).first()!.decode(column: "n", as: Int.self)
                }
                let everything = try await walk("/api/v1/practices")
                let visible = try await publicCount("1 = 1")
                #expect(
                    visible > 50 && everything.count == visible && everything == everything.sorted(by: >)
                        && Set(everything).count == visible)
                let inDistrictVisible = try await publicCount(
                    "EXISTS (SELECT 1 FROM design_facets f WHERE f.design_id = d.id AND f.facet = 'district' AND f.value = 'BG-13')")
                #expect(try await walk("/api/v1/services?district=BG-13").count == inDistrictVisible)
                let bad = try await Browser(app).get("/api/v1/practices?cursor=soon")
                #expect(bad.status == .badRequest && bad.text.contains("cursor"))
                // A search ignores the cursor: it is ranked and capped as before.
                let ranked = try await Browser(app).get(
                    "/api/v1/practices?q=%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0%D1%82%D0%B0&cursor=start")
                #expect(ranked.status == .ok && ranked.text.contains("\"capped\":true") && !ranked.text.contains("next_cursor"))
            }
        }
    }
}
