import Fluent
import Foundation
import Plot
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Full-text search over service designs")
struct SearchTests {
    static let password = VelingradDemo.demoPassword

    func ids(_ app: Application, _ q: String, as actor: Actor? = nil) async throws -> [Int64] {
        var query = ListQuery()
        query.q = q
        return try await DesignListQuery.rows(app.sql, query, actor).rows.map(\.id)
    }

    @Test("queries in Cyrillic or Latin letters find the design, the title ranking first")
    func ranking() async throws {
        try await withApp(demo: true) { app in
            let pensioners = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let farmers = try await app.id("service_designs", where: "title", is: "„Заедно с фермерите – картофопроизводители“")
            let unemployed = try await app.id("service_designs", where: "title", is: "Безработни")
            #expect(try await ids(app, "pensioneri online").first == pensioners)
            #expect(try await ids(app, "Пенсионерите").first == pensioners)
            #expect(try await ids(app, "фермери").first == farmers)
            #expect(try await ids(app, "безработните").first == unemployed)
            // Every word must match: no design is about both farmers and Roma youth.
            #expect(try await ids(app, "фермери роми").isEmpty)
            // A word typed partly in Latin look-alikes („фeрмeри“ with Latin e's, „Бeзработни“)
            // finds what the Cyrillic word finds.
            #expect(try await ids(app, "ф\u{65}рм\u{65}ри").first == farmers)
            #expect(try await ids(app, "Б\u{65}зработни") == ids(app, "безработни"))
        }
    }

    @Test("an index made by another analyzer (an older stemmer, or before the dictionary came or went) is rebuilt at start, once")
    func otherAnalyzer() async throws {
        try await withApp(demo: true) { app in
            let identity = SearchSettings.analyzer.identity
            #expect(try await IndexedAnalyzer.current(app.sql) == identity)
            func version() async throws -> Int64 {
                try await app.sql.raw("SELECT version FROM search_version WHERE id = 1").first()?.decode(column: "version", as: Int64.self)
                    ?? 0
            }
            // Started again with the same analyzer: nothing is rebuilt.
            let before = try await version()
            try await app.migrateDatabase()
            #expect(try await version() == before)
            // An index made by the first built-in stemmer is rebuilt, and the new analyzer recorded.
            try await app.sql.raw("UPDATE search_state SET value = 'stemmer:1' WHERE name = 'analyzer'").run()
            try await app.migrateDatabase()
            #expect(try await version() > before)
            #expect(try await IndexedAnalyzer.current(app.sql) == identity)
            let rebuilt = try await version()
            try await app.migrateDatabase()
            #expect(try await version() == rebuilt)
        }
    }

    @Test("the index follows every save, change and delete in the same transaction")
    func keptInSync() async throws {
        try await withApp(demo: true) { app in
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", Self.password)
            #expect(try await ids(app, "ябълкови").isEmpty)
            #expect(
                try await admin.post("/services/\(id)/edit/service", ["version": "1", "needs": "Ябълкови градини и интернет"]).status
                    == .seeOther)
            #expect(try await ids(app, "ябълкови") == [id])
            #expect(try await admin.post("/services/\(id)/edit/service", ["version": "2", "needs": "Крушови градини"]).status == .seeOther)
            #expect(try await ids(app, "ябълкови").isEmpty)
            #expect(try await ids(app, "крушови") == [id])
            #expect(try await admin.post("/services/\(id)/delete", [:]).status == .seeOther)
            #expect(try await ids(app, "крушови").isEmpty)
            #expect(!(try await ids(app, "пенсионери").contains(id)))
        }
    }

    @Test("search keeps to what the person may read, on the page and in the API")
    func permissions() async throws {
        try await withApp(demo: true) { app in
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            #expect(try await ids(app, "насилие").isEmpty)
            let librarian = Actor(
                userID: 0, name: "Л", role: .librarian, districtCode: "BG-21",
                libraryID: try await app.id("libraries", where: "name", is: "Регионална библиотека „Никола Вранчев“"))
            #expect(try await ids(app, "насилие", as: librarian) == [women])

            let page = try await Browser(app).get("/services?q=pensioneri%20online")
            #expect(page.status == .ok)
            #expect(page.text.contains("<p class=\"snippet\"><mark>Пенсионери</mark> 60+</p>"))
            #expect(
                page.text.inOrder(
                    "<div class=\"results\">", "<p class=\"count\"", "<table", "<a href=\"/services/",
                    "<mark>Пенсионери</mark> <mark>ONLINE</mark></a>",
                    "</table>", "</main>"))
            let api = try await Browser(app).get("/api/v1/search?q=pensioneri%20online")
            #expect(api.status == .ok)
            struct Page: Decodable {
                struct Item: Decodable {
                    let id: Int64
                    let title: String
                    let matched: [String]
                }
                let items: [Item]
                let total: Int
            }
            let result = try JSONDecoder().decode(Page.self, from: Data(api.text.utf8))
            #expect(result.items.first?.title == "Пенсионери ONLINE")
            #expect(result.items.first?.matched == ["Пенсионери"])
            #expect(try await Browser(app).get("/api/v1/search").status == .badRequest)
        }
    }
}

@Suite("List URLs")
struct ListURLTests {
    @Test("the query string is read once: + is a space, the first of a repeated name wins, a value that does not decode is left out")
    func fields() {
        let fields = ListQuery.fields(
            "q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8+online&district=BG-13&q=second&bad=%ZZ&flag&page=3")
        #expect(fields == ["q": "пенсионери online", "district": "BG-13", "flag": "", "page": "3"])
        #expect(ListQuery.fields(nil).isEmpty && ListQuery.fields("").isEmpty)
        let query = ListQuery(fields: fields.merging(["status": "nonsense", "year": "2014", "sort": "", "dir": "desc"]) { $1 })
        #expect(query.q == "пенсионери online" && query.district == "BG-13" && query.page == 3)
        #expect(query.status == nil && query.year == "2014" && query.sort == nil && query.descending)
        #expect(ListQuery(fields: ["page": "-4", "district": "nowhere", "q": "   "]).page == 1)
        #expect(ListQuery(fields: ["district": "nowhere", "q": "   "]) == ListQuery())
    }

    @Test("a long search text is cut at 100 characters between words, never inside one")
    func longText() {
        let word = "библиотеката"  // 12 letters; with a space, 13
        let ten = Array(repeating: word, count: 10).joined(separator: " ")
        #expect(ListQuery.searchText(ten) == Array(repeating: word, count: 7).joined(separator: " "))
        let exact = String(repeating: "а", count: 100) + " б"
        #expect(ListQuery.searchText(exact) == String(repeating: "а", count: 100))
        #expect(ListQuery.searchText(String(repeating: "я", count: 150)) == String(repeating: "я", count: 100))
        #expect(ListQuery.searchText("  деца ") == "деца" && ListQuery.searchText(" \n ") == nil)
    }

    @Test("when configured, a catalogue page reports its steps' durations in Server-Timing; otherwise it says nothing")
    func serverTiming() async throws {
        try await withApp(demo: true, serverTiming: true) { app in
            let page = try await Browser(app).get("/practices?q=pensioneri")
            #expect(page.status == .ok)
            let steps = (page.headers.first(name: "Server-Timing") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).split(separator: ";dur=").map(String.init)
            }
            // The facets are rendered while the rows are read; their step is what is left to wait for.
            #expect(steps.map { $0.first ?? "" } == ["search", "rows", "facets", "render", "total"])
            let durations = steps.compactMap { $0.last.flatMap(Double.init) }
            #expect(durations.count == 5 && durations.allSatisfy { $0 >= 0 } && durations[4] >= durations[0..<4].reduce(0, +))
        }
        try await withApp(demo: true) { app in
            let page = try await Browser(app).get("/practices?q=pensioneri")
            #expect(page.status == .ok && page.headers.first(name: "Server-Timing") == nil)
        }
        let configured = try AppConfiguration.fromEnvironment(["PRAKTIKA_SERVER_TIMING": "1"])
        let unset = try AppConfiguration.fromEnvironment([:])
        #expect(configured.serverTiming && !unset.serverTiming)
    }

    @Test("a search typed with + for spaces finds what %20 finds")
    func plus() async throws {
        try await withApp(demo: true) { app in
            let page = try await Browser(app).get("/services?q=pensioneri+online")
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>Пенсионери</mark>"))
        }
    }
}

@Suite("Facets")
struct FacetTests {
    @Test("facets count the current results, combine with search, and narrow the list")
    func counts() async throws {
        try await withApp(demo: true) { app in
            func counts(_ query: ListQuery, _ actor: Actor? = nil) async throws -> [DesignFacet: [String: Int]] {
                var result: [DesignFacet: [String: Int]] = [:]
                for (facet, values) in try await DesignListQuery.page(app.sql, query, actor).facets {
                    result[facet] = Dictionary(uniqueKeysWithValues: values.map { ($0.value, $0.count) })
                }
                return result
            }
            let everyone = try await counts(ListQuery())
            // The eight public designs of the work tables and the seven practices presented (three
            // of Pazardzhik's regional library, three of Smolyan's libraries, one of a library
            // that names no district), none of which has a budget.
            #expect(everyone[.status] == ["idea": 8, "running": 6, "completed": 1])
            #expect(everyone[.district] == ["BG-13": 11, "BG-21": 11])
            #expect(everyone[.budget] == ["500_2000": 1, "none": 14])
            #expect(everyone[.target]?["women_at_risk"] == nil)
            #expect(everyone[.partnerKind]?["labour_office"] == 2)
            let admin = Actor(userID: 1, name: "А", role: .admin, districtCode: nil, libraryID: nil)
            #expect(try await counts(ListQuery(), admin)[.target]?["women_at_risk"] == 1)

            var labour = ListQuery()
            labour.partnerKind = "labour_office"
            let narrowed = try await DesignListQuery.rows(app.sql, labour, nil)
            #expect(Set(narrowed.rows.map(\.title)) == ["Безработни", "„Заедно можем“"])
            #expect(try await counts(labour)[.target] == ["unemployed": 1, "minorities": 1])
            // The facet's own choice is left out of its counts, so the other values stay reachable.
            #expect(try await counts(labour)[.partnerKind]?["school"] != nil)

            // Two choices walk from the value with fewer designs (labour offices: 2 designs; BG-13: 8),
            // whichever the URL names first; past the probe, from the facet with more distinct values
            // (partner kinds here, not districts); a value no design has ends the walk at once.
            let chosen: [(DesignFacet, String)] = [(.district, "BG-13"), (.partnerKind, "labour_office")]
            #expect(try await DesignListQuery.finestFirst(app.sql, chosen).values.map(\.0) == [.partnerKind, .district])
            #expect(try await DesignListQuery.finestFirst(app.sql, chosen.reversed()).values.map(\.0) == [.partnerKind, .district])
            func distinct(_ facet: DesignFacet) async throws -> Int {
                try await app.sql.raw("SELECT COUNT(*) AS n FROM facet_values WHERE facet = \(bind: facet.rawValue)").first()!.decode(
                    column: "n", as: Int.self)
            }
            #expect(try await distinct(.partnerKind) > distinct(.district))
            for order in [[(DesignFacet.district, "BG-13"), (.partnerKind, "school")], [(.partnerKind, "school"), (.district, "BG-13")]] {
                #expect(try await DesignListQuery.finestFirst(app.sql, order, probe: 1).values.map(\.0) == [.partnerKind, .district])
            }
            let nobody = try await DesignListQuery.finestFirst(app.sql, [(.district, "BG-13"), (.budget, "over_10000")])
            #expect(nobody.empty)
            var none = labour
            none.budget = "over_10000"
            #expect(try await DesignListQuery.rows(app.sql, none, nil).rows.isEmpty)
            var both = labour
            both.district = "BG-13"
            let inDistrict = Set(
                try await app.sql.raw("SELECT design_id FROM design_facets WHERE facet = 'district' AND value = 'BG-13'").all()
                    .map { try $0.decode(column: "design_id", as: Int64.self) })
            let bothRows = try await DesignListQuery.rows(app.sql, both, nil).rows.map(\.id)
            #expect(!bothRows.isEmpty && bothRows == narrowed.rows.map(\.id).filter(inDistrict.contains))

            var searched = ListQuery()
            searched.q = "безработни"
            #expect(try await counts(searched)[.target]?["unemployed"] == 1)

            let page = try await Browser(app).get("/services?partner_kind=labour_office")
            #expect(page.text.contains("class=\"chosen\""))
            #expect(page.text.contains("Записи: 2"))
        }
    }
}

@Suite("Similar designs")
struct SimilarTests {
    @Test("a design's page shows designs like it (a practice's, practices), never itself, never one the reader may not see")
    func similar() async throws {
        try await withApp(demo: true) { app in
            let unemployed = try await app.id("service_designs", where: "title", is: "Безработни")
            let roma = try await app.id("service_designs", where: "title", is: "„Заедно можем“")
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            let stored = try #require(try await DesignStore(db: app.sql).find(unemployed))
            let similar = try await DesignListQuery.similar(app.sql, to: stored, nil).map(\.id)
            #expect(similar.first == roma, "\(similar)")
            #expect(!similar.contains(unemployed) && !similar.contains(women))
            let page = try await Browser(app).get("/services/\(unemployed)")
            #expect(page.text.contains("Подобни услуги"))
            // A design's list marks the practices in it; a practice's lists practices only.
            let children = try await app.id("service_designs", where: "title", is: "Добра практика за обучение на деца")
            let village = try await app.id("service_designs", where: "title", is: "Библиотеката след получаване на техниката от Програмата")
            let pupils = try await app.id("service_designs", where: "title", is: "Ученици")
            #expect(try await Browser(app).get("/services/\(pupils)").text.contains(" · деца · добра практика</span>"))
            let practice = try #require(try await DesignStore(db: app.sql).find(children))
            let practices = try await DesignListQuery.similar(app.sql, to: practice, nil, practicesOnly: true)
            #expect(practices.first?.id == village, "\(practices.map(\.id))")
            #expect(!practices.isEmpty && practices.allSatisfy { $0.design.practice != nil })
            let practicePage = try await Browser(app).get("/services/\(children)").text
            #expect(practicePage.contains("Подобни добри практики") && !practicePage.contains("добра практика</span>"))
        }
    }
}

@Suite("Did you mean")
struct SuggestionTests {
    @Test("a query that finds nothing is offered the nearest words the designs use")
    func suggestion() async throws {
        try await withApp(demo: true) { app in
            let index = SearchIndex(db: app.sql)
            let analyzer = SearchSettings.analyzer
            #expect(try await index.suggestion(for: "пенсонери", analyzer: analyzer) == "пенсионери")
            #expect(try await index.suggestion(for: "безработи среща", analyzer: analyzer) == "безработни среща")
            #expect(try await index.suggestion(for: "пенсионери", analyzer: analyzer) == nil)
            #expect(try await index.suggestion(for: "ксилофон", analyzer: analyzer) == nil)
            let page = try await Browser(app).get("/services?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%BE%D0%BD%D0%B5%D1%80%D0%B8")
            #expect(page.text.inOrder("<p class=\"count\"", "Търсихте ли:", "<p class=\"empty\">", "</main>"))
            let api = try await Browser(app).get("/api/v1/search?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%BE%D0%BD%D0%B5%D1%80%D0%B8")
            #expect(api.text.contains("\"suggestion\":\"пенсионери\""))
            // The count of designs per word follows edits: a word no design uses any more is no longer offered.
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            _ = try await admin.post(
                "/services/\(id)/edit/service", ["version": "1", "needs": "Привличане на туристи", "service": "Реставрация"])
            #expect(try await index.suggestion(for: "реставрацият", analyzer: analyzer) == "реставрация")
            _ = try await admin.post("/services/\(id)/edit/service", ["version": "2", "needs": "Привличане на туристи"])
            #expect(try await index.suggestion(for: "реставрацият", analyzer: analyzer) == nil)
        }
    }
}

@Suite("Prefixes")
struct PrefixSearchTests {
    @Test("a word typed with a star finds the words that begin with it, at most `prefixKeys` of the index's keys")
    func prefixes() async throws {
        try await withApp(demo: true) { app in
            let index = SearchIndex(db: app.sql)
            let analyzer = SearchSettings.analyzer
            let library = try await index.expanded(SearchQuery("библ*", analyzer: analyzer))
            #expect(library.prefixes.isEmpty && library.terms.count == 1)
            let keys = library.terms[0]
            #expect(keys.contains { $0.hasPrefix("библиотек") } && keys.dropFirst().allSatisfy { $0.hasPrefix("библ") })
            // One letter stands for the most frequent keys beginning with it, no more.
            let b = try await index.expanded(SearchQuery("б*", analyzer: analyzer)).terms[0]
            #expect(b.count == SearchIndex.prefixKeys + 1 && b.dropFirst().allSatisfy { $0.hasPrefix("б") })

            func titles(_ q: String) async throws -> [String] {
                let page = try await Browser(app).get("/services?q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                    .readable
                return page.components(separatedBy: "<th scope=\"row\"><a href=\"/services/").dropFirst().map {
                    String($0.split(separator: ">", maxSplits: 1)[1].split(separator: "<", maxSplits: 1)[0])
                }
            }
            #expect(try await titles("pensioneri onl*").first == "Пенсионери ONLINE")
            #expect(try await titles("безработ*") == ["Безработни"])
            #expect(try await titles("деца увр*") == ["Хора с двигателни увреждания"])
            let withPrefix = try await titles("библ*")
            #expect(withPrefix.contains("Програма за библиотечно-информационно обслужване на лицата със специфични нужди"))
            #expect(withPrefix.count > (try await titles("библиотека")).count)
            #expect(try await titles("xyzq*").isEmpty)
            // The search box says so, in the words a screen reader reads with it.
            let hinted = try await Browser(app).get("/practices").text
            #expect(hinted.inOrder("id=\"filter-q\"", "aria-describedby=\"filter-q-hint\"", "id=\"filter-q-hint\"", "„библ*“ намира"))
            // The matched words are marked in the snippets as for any other word.
            let page = try await Browser(app).get("/services?q=%D0%B1%D0%B5%D0%B7%D1%80%D0%B0%D0%B1%D0%BE%D1%82*").text
            #expect(page.contains("<mark>безработни</mark>"))
        }
    }
}

@Suite("A catalogue search that finds no practice")
struct ElsewhereTests {
    @Test("points to the designs one may read that match, with their count, and to nothing when none do")
    func elsewhere() async throws {
        try await withApp(demo: true) { app in
            // „Пенсионери ONLINE“ is an idea from the group work, not a published practice.
            let page = try await Browser(app).get("/practices?q=pensioneri%20online&district=BG-21").text
            #expect(
                page.inOrder(
                    "<p class=\"count\"", "Записи: 0", "съдържат съвпадения: 1.",
                    "href=\"/services?q=pensioneri%20online&amp;district=BG-21\"", "</main>"))
            let followed = try await Browser(app).get("/services?q=pensioneri%20online&district=BG-21").text
            #expect(followed.contains("<mark>Пенсионери</mark> <mark>ONLINE</mark>") && followed.contains("Записи: 1"))
            // Among all designs the published practices are marked: three of the six about children.
            let children = "q=%D0%B4%D0%B5%D1%86%D0%B0"
            let all = try await Browser(app).get("/services?" + children).text
            #expect(
                all.contains("Записи: 6") && all.components(separatedBy: "<span class=\"tag is-practice\">добра практика</span>").count == 4
            )
            // The title's matched word is marked as the snippet's are.
            #expect(all.inOrder("Добра практика за обучение на <mark>деца</mark></a>", "<span class=\"tag is-practice\">", "</th>"))
            #expect(!(try await Browser(app).get("/practices?" + children).text.contains("tag is-practice")))
            // The API says the same, in search results and in the list.
            struct Items: Decodable {
                struct Item: Decodable {
                    let title: String
                    let is_practice: Bool
                }
                let items: [Item]
            }
            for path in ["/api/v1/search?" + children, "/api/v1/services?" + children] {
                let items = try JSONDecoder().decode(Items.self, from: Data(try await Browser(app).get(path).text.utf8)).items
                #expect(items.count == 6 && items.filter(\.is_practice).count == 3, "\(path)")
                #expect(items.first { $0.title == "Добра практика за обучение на деца" }?.is_practice == true)
                #expect(items.first { $0.title.hasPrefix("Местни самодейци") }?.is_practice == false)
            }
            // A word found among the practices (деца), or nowhere (ксилофон), gets no pointer.
            for word in ["%D0%B4%D0%B5%D1%86%D0%B0", "%D0%BA%D1%81%D0%B8%D0%BB%D0%BE%D1%84%D0%BE%D0%BD"] {
                #expect(!(try await Browser(app).get("/practices?q=" + word).text.contains("съдържат съвпадения")))
            }
            // A design only libraries may read is counted for a librarian, not for a visitor.
            let violence = "/practices?q=%D0%BD%D0%B0%D1%81%D0%B8%D0%BB%D0%B8%D0%B5"
            #expect(!(try await Browser(app).get(violence).text.contains("съдържат съвпадения")))
            let librarian = try await Browser.signedIn(app, "smolyan@praktika.local", VelingradDemo.demoPassword)
            #expect(try await librarian.get(violence).text.contains("съдържат съвпадения: 1."))
        }
    }

    @Test("says 'more than' when the designs' search looked only at its newest matches, in either language")
    func capped() {
        var query = ListQuery()
        query.q = "клуб"
        var model = DesignListModel(base: .practices, query: query, canCreate: false)
        (model.elsewhere, model.elsewhereCapped) = (2000, true)
        func rendered(_ language: PraktikaDomain.Language) -> String {
            DesignListView.elsewhere(model, PageContext(language: language, actor: nil, csrfToken: "", flash: nil, path: "/practices"))
                .render()
        }
        #expect(rendered(.bg).contains("съдържат над 2 000 съвпадения. <a href=\"/services?q=%D0%BA%D0%BB%D1%83%D0%B1\">Покажи ги</a>"))
        #expect(rendered(.en).contains("do: more than 2,000. <a href=\"/services?q=%D0%BA%D0%BB%D1%83%D0%B1\">Show them</a>"))
        model.elsewhereCapped = false
        #expect(rendered(.bg).contains("съдържат съвпадения: 2 000."))
        model.base = .services
        #expect(rendered(.bg).isEmpty)
    }
}

@Suite("The search index's one-pass ranking and counts")
struct SearchIndexTests {
    /// How many documents each key is in, as `search_terms` keeps it.
    static func storedTermCounts(_ db: any SQLDatabase) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await db.raw("SELECT term, documents FROM search_terms").all() {
            result[try row.decode(column: "term", as: String.self)] = try row.decode(column: "documents", as: Int.self)
        }
        return result
    }

    /// The same, counted afresh: from the stored documents, and on SQLite as FTS5 itself counts it.
    static func indexTermCounts(_ db: any SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await db.raw("SELECT title, target, body FROM search_documents").all() {
            let texts = try ["title", "target", "body"].map { try row.decode(column: $0, as: String.self) }
            for term in SearchIndex.terms(texts[0], texts[1], texts[2]) { counts[term, default: 0] += 1 }
        }
        if db.dialect.name == "sqlite" {
            try await db.raw("CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_vocabulary USING fts5vocab(main, search_fts, row)").run()
            var fts: [String: Int] = [:]
            for row in try await db.raw("SELECT term, doc FROM temp.check_vocabulary").all() {
                fts[try row.decode(column: "term", as: String.self)] = try row.decode(column: "doc", as: Int.self)
            }
            #expect(fts == counts)
        }
        return counts
    }

    /// Each indexed design's facet values as its document's codes name them (`facet=value`).
    static func storedFacets(_ db: any SQLDatabase) async throws -> [Int64: Set<String>] {
        var names: [Int32: String] = [:]
        for row in try await db.raw("SELECT id, facet, value FROM facet_values").all() {
            names[Int32(try row.decode(column: "id", as: Int64.self))] =
                try row.decode(column: "facet", as: String.self) + "=" + row.decode(column: "value", as: String.self)
        }
        var result: [Int64: Set<String>] = [:]
        for row in try await db.raw("SELECT design_id, facet_codes FROM search_documents").all() {
            let codes = try row.decode(column: "facet_codes", as: String.self).split(separator: " ").map { Int32($0)! }
            result[try row.decode(column: "design_id", as: Int64.self)] = Set(codes.map { names[$0] ?? "unknown code \($0)" })
        }
        return result
    }

    /// The same from `design_facets`, for the designs that have a document.
    static func designFacets(_ db: any SQLDatabase) async throws -> [Int64: Set<String>] {
        var result: [Int64: Set<String>] = [:]
        for row in try await db.raw(
            "SELECT f.design_id, f.facet, f.value FROM design_facets f WHERE EXISTS (SELECT 1 FROM search_documents sd WHERE sd.design_id = f.design_id)"
        ).all() {
            result[try row.decode(column: "design_id", as: Int64.self), default: []].insert(
                try row.decode(column: "facet", as: String.self) + "=" + row.decode(column: "value", as: String.self))
        }
        return result
    }

    @Test("key counts follow every save, change and delete, and the one-pass rank is FTS5's bm25 to the last digit")
    func rankAndCounts() async throws {
        try await withApp(demo: true) { app in
            #expect(try await Self.storedTermCounts(app.sql) == Self.indexTermCounts(app.sql))
            // The migrations fill the same counts and facet values from a database indexed before them.
            let saved = (try await Self.storedTermCounts(app.sql), try await Self.storedFacets(app.sql))
            #expect(saved.1.values.allSatisfy { $0.contains { $0.hasPrefix("status=") } })
            // Only the practice of the library that names no district has none.
            #expect(saved.1.values.filter { !$0.contains { $0.hasPrefix("district=") } }.count == 1)
            #expect(saved.1 == (try await Self.designFacets(app.sql)))
            let lengths = try await Self.storedLengths(app.sql)
            // On one connection, as the migrator runs them.
            try await app.db.withConnection { db in
                try await Migrations019.DocumentLength().revert(on: db)
                try await Migrations017.FacetCodes().revert(on: db)
                try await Migrations015.ListIndexes().revert(on: db)
                try await Migrations014.CandidateIndexes().revert(on: db)
                try await Migrations012.SearchTermsAndFacets().revert(on: db)
                try await Migrations012.SearchTermsAndFacets().prepare(on: db)
                try await Migrations014.CandidateIndexes().prepare(on: db)
                try await Migrations015.ListIndexes().prepare(on: db)
                try await Migrations017.FacetCodes().prepare(on: db)
                try await Migrations019.DocumentLength().prepare(on: db)
            }
            #expect(try await Self.storedLengths(app.sql) == lengths)
            #expect(try await Self.storedTermCounts(app.sql) == saved.0)
            #expect(try await Self.storedFacets(app.sql) == saved.1)
            let dictionarySize = try await app.count("facet_values")
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            #expect(
                try await admin.post("/services/\(id)/edit/service", ["version": "1", "needs": "Ябълкови градини и библиотеки"]).status
                    == .seeOther)
            let other = try await app.id("service_designs", where: "title", is: "Безработни")
            #expect(try await admin.post("/services/\(other)/delete", [:]).status == .seeOther)
            let counts = try await Self.storedTermCounts(app.sql)
            #expect(counts == (try await Self.indexTermCounts(app.sql)))
            // Saving values the dictionary has adds none to it; the codes still name the design's values.
            #expect(try await app.count("facet_values") == dictionarySize)
            #expect(try await Self.storedFacets(app.sql) == (try await Self.designFacets(app.sql)))
            #expect(counts.values.allSatisfy { $0 > 0 })

            guard app.sql.dialect.name == "sqlite" else { return }
            #expect(SearchRank.isAvailable)
            // Every document has its length, the edited one its new length; each is what FTS5 counts.
            let stored = try await Self.storedLengths(app.sql)
            #expect(!stored.isEmpty && stored.values.allSatisfy { $0 != nil && $0! > 0 })
            #expect(stored[id] != lengths[id])
            // With the lengths stored, and with them gone (the rank then asks FTS5), as bm25 ranks.
            for storedLengths in [true, false] {
                if !storedLengths { try await app.sql.raw("UPDATE search_documents SET length = NULL").run() }
                for text in ["пенсионери", "деца с увреждания", "библиотеки градини", "безработните роми", "читалище"] {
                    let query = SearchQuery(text, analyzer: SearchSettings.analyzer)
                    let outcome = try await SearchIndex(db: app.sql).search(query, where: "1 = 1", limit: 100, offset: 0)
                    let rows = try await app.sql.raw(
                        """
                        SELECT sd.design_id, -bm25(search_fts, 10.0, 5.0, 1.0) AS rank FROM search_fts JOIN search_documents sd \
                        ON sd.id = search_fts.rowid WHERE search_fts MATCH \(bind: query.fts5) ORDER BY rank DESC, sd.design_id
                        """
                    ).all(decoding: SearchHit.self)
                    #expect(outcome.total == rows.count, "\(text)")
                    #expect(outcome.hits.map(\.designID) == rows.map(\.designID), "\(text)")
                    for (hit, row) in zip(outcome.hits, rows) {
                        #expect(abs(hit.rank - row.rank) < 1e-9 * max(1, abs(row.rank)), "\(text)")
                    }
                }
            }
            #expect(
                try await SearchIndex(db: app.sql).search(
                    SearchQuery("пенсионери", analyzer: SearchSettings.analyzer), where: "1 = 1", limit: 10, offset: 0
                ).total > 0)
        }
    }

    /// Each indexed design's stored length in index terms (SQLite; empty on PostgreSQL).
    static func storedLengths(_ db: any SQLDatabase) async throws -> [Int64: Int64?] {
        guard db.dialect.name == "sqlite" else { return [:] }
        var result: [Int64: Int64?] = [:]
        for row in try await db.raw("SELECT design_id, length FROM search_documents").all() {
            result[try row.decode(column: "design_id", as: Int64.self)] = try row.decode(column: "length", as: Int64?.self)
        }
        return result
    }

    @Test("a document's length is the sum of the varints FTS5 stores per column")
    func documentLengthVarints() {
        func length(_ bytes: [UInt8]) -> Int64 { bytes.withUnsafeBytes { SearchRank.documentLength($0) } }
        #expect(length([]) == 0)
        #expect(length([0x05, 0x00, 0x7f]) == 132)
        // Two bytes: 1 × 128 + 0; then 3.
        #expect(length([0x81, 0x00, 0x03]) == 131)
        // Three bytes: (1 × 128 + 1) × 128 + 1 = 16 513.
        #expect(length([0x81, 0x81, 0x01]) == 16_513)
    }

    /// Matches with the given facet values, coded by a dictionary built as they are met (in the
    /// order of the values, so codes are not in any facet's order).
    static func matches(_ rows: [(Int64, Double, [(DesignFacet, String)])]) -> SearchIndex.Matches {
        var entries: [(code: Int32, facet: String, value: String)] = []
        var matches = SearchIndex.Matches()
        for (id, rank, values) in rows {
            let codes = values.map { facet, value -> Int32 in
                if let known = entries.first(where: { $0.facet == facet.rawValue && $0.value == value }) { return known.code }
                entries.append((Int32(40 - entries.count), facet.rawValue, value))
                return entries[entries.count - 1].code
            }
            var stored = codes.map(String.init).joined(separator: " ")
            stored.withUTF8 { matches.append(id: id, rank: rank, codes: $0) }
        }
        matches.facets.dictionary = FacetDictionary(entries)
        return matches
    }

    @Test("filters and facet counts in memory: each facet counted without its own choice, ties broken by id")
    func outcomeInMemory() {
        let candidates = Self.matches([
            (1, 2.0, [(.status, "completed"), (.district, "BG-13")]),
            (2, 3.0, [(.status, "running"), (.district, "BG-13")]),
            (3, 2.0, [(.status, "completed"), (.district, "BG-21"), (.district, "BG-13")]),
            (4, 9.0, [(.status, "completed"), (.district, "BG-21")]),
        ])
        let all = SearchIndex.outcome(candidates, selected: [], limit: 2, offset: 1)
        #expect(all.total == 4)
        #expect(all.hits.map(\.designID) == [2, 1])
        let chosen = SearchIndex.outcome(candidates, selected: [(.status, "completed"), (.district, "BG-13")], limit: 10, offset: 0)
        #expect(chosen.hits.map(\.designID) == [1, 3])
        #expect(chosen.total == 2)
        let counts = Dictionary(
            uniqueKeysWithValues: chosen.facets.map { ($0.facet, Dictionary(uniqueKeysWithValues: $0.values.map { ($0.value, $0.count) })) }
        )
        // Status counted among BG-13 matches; district among completed ones.
        #expect(counts[.status] == ["completed": 2, "running": 1])
        #expect(counts[.district] == ["BG-13": 2, "BG-21": 2])
        #expect(chosen.facets.first { $0.facet == .district }?.values.map(\.value) == ["BG-13", "BG-21"])
        // A value no candidate has leaves nothing, but its facet's other values stay countable.
        let none = SearchIndex.outcome(candidates, selected: [(.district, "BG-01")], limit: 10, offset: 0)
        #expect(none.total == 0 && none.hits.isEmpty)
        #expect(none.facets.map(\.facet) == [.district])
        #expect(none.facets.first?.values.map(\.count) == [3, 2])
    }

    @Test("hot statements stream their rows on either database; a missing value is an error, not a default")
    func rowStream() async throws {
        try await withApp { app in
            let rows = RowStream.Collector([String]())
            try await RowStream.each(
                app.sql, "SELECT CAST(7 AS BIGINT) AS n, CAST(2.5 AS DOUBLE PRECISION) AS x, CAST('ябълка' AS TEXT) AS s"
            ) { row in
                let value = "\(try row.int64("n")) \(try row.double("x")) \(try row.string("s"))"
                rows.update { $0.append(value) }
            }
            #expect(rows.result == ["7 2.5 ябълка"])
            // Each database's rows come straight from its driver; binds of another type go through SQLKit.
            let paths = RowStream.Collector([String]())
            let text: String = "ж"
            let none: String? = nil
            for statement: SQLQueryString in [
                "SELECT CAST(\(bind: text) AS TEXT) AS s, CAST(\(bind: Int64(3)) AS BIGINT) AS n",
                "SELECT CAST(\(bind: none) AS TEXT) AS s, CAST(3 AS BIGINT) AS n",
            ] {
                try await RowStream.each(app.sql, statement) { row in
                    let path: String
                    switch row {
                    case .statement: path = "statement"
                    case .sqlite: path = "sqlite-driver"
                    case .postgres: path = "postgres"
                    case .sql: path = "sqlkit"
                    }
                    let value = "\(path) \(try row.optionalString("s") ?? "NULL") \(try row.int64("n"))"
                    paths.update { $0.append(value) }
                }
            }
            if app.sql.dialect.name == "postgresql" {
                #expect(paths.result == ["postgres ж 3", "sqlkit NULL 3"])
            } else {
                // SQLite's rows are read from the statement itself.
                #expect(paths.result == ["statement ж 3", "statement NULL 3"])
            }
            // A text's bytes, read where they lie, are the text.
            let bytes = RowStream.Collector([[UInt8]]())
            try await RowStream.each(app.sql, "SELECT CAST('пенсионери\nBG-13' AS TEXT) AS s") { row in
                let utf8 = try row.withUTF8("s") { Array($0) }
                bytes.update { $0.append(utf8) }
            }
            #expect(bytes.result == [Array("пенсионери\nBG-13".utf8)])
            await #expect(throws: (any Error).self) {
                try await RowStream.each(app.sql, "SELECT CAST(NULL AS TEXT) AS s") { row in _ = try row.withUTF8("s") { $0.count } }
            }
            // A statement the database refuses is an error, and the connection serves the next one.
            await #expect(throws: (any Error).self) {
                try await RowStream.each(app.sql, "SELECT no_such_column FROM service_designs") { _ in }
            }
            await #expect(throws: (any Error).self) {
                try await RowStream.each(app.sql, "SELECT CAST(\(bind: "x") AS BIGINT) AS n, 1 / 0 AS z FROM no_such_table") { _ in }
            }
            await #expect(throws: (any Error).self) {
                try await RowStream.each(app.sql, "SELECT 1 AS n") { row in _ = try row.int64("missing") }
            }
            // Several statements on one connection: each reader gets its own rows, in the order run.
            let numbers = RowStream.Collector([String]())
            try await RowStream.each(
                app.sql,
                [
                    RowStream.Statement(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT CAST(i AS BIGINT) AS i FROM n ORDER BY i"
                    ) { row in
                        let i = try row.int64("i")
                        numbers.update { $0.append("a\(i)") }
                    },
                    RowStream.Statement("SELECT 1 AS n FROM service_designs WHERE 1 = 0") { _ in numbers.update { $0.append("none") } },
                    RowStream.Statement("SELECT CAST(\(bind: "ж") AS TEXT) AS s") { row in
                        let s = try row.string("s")
                        numbers.update { $0.append(s) }
                    },
                ])
            #expect(numbers.result == (1...1000).map { "a\($0)" } + ["ж"])
            // A reader that fails ends the reading: the statements after it do not run.
            let after = RowStream.Collector(0)
            await #expect(throws: (any Error).self) {
                try await RowStream.each(
                    app.sql,
                    [
                        RowStream.Statement("SELECT CAST(NULL AS TEXT) AS s") { row in _ = try row.string("s") },
                        RowStream.Statement("SELECT 1 AS n") { _ in after.update { $0 += 1 } },
                    ])
            }
            #expect(after.result == 0)
            await #expect(throws: (any Error).self) {
                try await RowStream.each(
                    app.sql,
                    [
                        RowStream.Statement("SELECT 1 AS n") { _ in after.update { $0 += 1 } },
                        RowStream.Statement("SELECT no_such_column FROM service_designs") { _ in },
                    ])
            }
            #expect(after.result == 1)
            // SQLite's reader throws a DecodingError, PostgreSQL's driver its own decoding error.
            await #expect(throws: (any Error).self) {
                try await RowStream.each(app.sql, "SELECT CAST(NULL AS TEXT) AS s") { row in _ = try row.string("s") }
            }
        }
    }

    @Test("the facet matrix reads stored codes, names them from the dictionary, and leaves out codes and facets it does not know")
    func facetMatrix() {
        var matrix = FacetMatrix()
        for stored in ["3 12", "12  7 99 3 ", "", "x3,12"] {
            var stored = stored
            stored.withUTF8 { matrix.append(stored: $0) }
        }
        #expect(matrix.count == 4)
        #expect((0..<4).map { Array(matrix.codes($0)) } == [[3, 12], [12, 7, 99, 3], [], [3, 12]])
        // 7 names a facet this version does not know; 99 is not in the dictionary at all.
        matrix.dictionary = FacetDictionary([(3, "district", "BG-13"), (12, "status", "a=b"), (7, "legacy", "1"), (5, "year", "2012")])
        #expect(
            matrix.codes(1).compactMap { code in
                matrix.dictionary.entries.indices.contains(Int(code)) ? matrix.dictionary.entries[Int(code)] : nil
            }
            .map { "\($0.facet)=\($0.value)" } == ["status=a=b", "district=BG-13"])
        // A code no save would give (a damaged table) is left out, not given room.
        #expect(FacetDictionary([(Int32.max, "year", "1"), (-1, "year", "2")]).entries.isEmpty)
        #expect(matrix.dictionary.code(.status, "a=b") == 12 && matrix.dictionary.code(.status, "a") == nil)
        #expect(matrix.failures([(.status, "a=b"), (.district, "BG-21")]) == [2, 2, 3, 2])
        var counts: [Int] = []
        matrix.tally(0..<4, into: &counts)
        #expect(matrix.values(of: .district, counts: counts).map(\.count) == [3])
        #expect(matrix.values(of: .year, counts: counts).isEmpty)
        counts = []
        matrix.tally([1], only: .status, into: &counts)
        #expect(matrix.values(of: .status, counts: counts).map(\.value) == ["a=b"])
        #expect(matrix.values(of: .district, counts: counts).isEmpty)
        // Dropping the last candidates leaves their codes uncounted.
        matrix.removeLast(2)
        counts = []
        matrix.tally(0..<matrix.count, into: &counts)
        #expect(matrix.count == 2 && matrix.values(of: .district, counts: counts).map(\.count) == [2])
    }

    @Test("a design's facet codes are added to the dictionary once, by whichever save meets a value first")
    func facetDictionaryGrows() async throws {
        try await withApp { app in
            let first = try await FacetDictionary.codes(for: [(.status, "idea"), (.district, "BG-13"), (.year, "2012")], app.sql)
            #expect(try await app.count("facet_values") == 3)
            // The same values give the same codes in any order; a new one gets the next code.
            let again = try await FacetDictionary.codes(
                forEach: [[(.year, "2012"), (.district, "BG-13")], [(.year, "2013"), (.status, "idea")]], app.sql)
            #expect(try await app.count("facet_values") == 4)
            let code = { (text: String) in text.split(separator: " ").map { Int($0)! } }
            #expect(code(again[0]).allSatisfy(code(first).contains) && code(again[0]).count == 2)
            #expect(code(again[1]).count == 2 && code(again[1]).max()! > code(first).max()!)
            #expect(code(first) == code(first).sorted())
            #expect(try await FacetDictionary.codes(for: [], app.sql) == "")
            // A search reads the dictionary after its candidates and names every code.
            let reading = FacetDictionary.reading()
            try await RowStream.each(app.sql, [reading.statement])
            let dictionary = reading.read()
            #expect(
                code(first).compactMap { dictionary.entries[$0].map { "\($0.facet)=\($0.value)" } }.sorted() == [
                    "district=BG-13", "status=idea", "year=2012",
                ])
        }
    }

    @Test(
        "the indexes the search names at run time exist in a migrated database",
        .enabled(if: TestDatabase.isSQLite, "INDEXED BY is SQLite's"))
    func runTimeIndexNames() async throws {
        try await withApp { app in
            let rows = try await app.sql.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all()
            let names = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
            for name in SearchSchema.all { #expect(names.contains(name), "\(name)") }
        }
    }

    @Test(
        "serving on SQLite reads the indexes a browse walks, one entry per design and per document",
        .enabled(if: TestDatabase.isSQLite, "SQLite's covering indexes; PostgreSQL has none of its own to warm"))
    func browsingIndexesRead() async throws {
        try await withApp(demo: true) { app in
            let counts = try await readBrowsingIndexes(app.sql)
            #expect(counts == [try await app.count("service_designs"), try await app.count("search_documents")])
            #expect(counts[0] > 0)
        }
    }
}
