import Fluent
import Foundation
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

@Suite("Kept search matches")
struct SearchCacheTests {
    static func entry(_ ids: [Int64]) -> SearchCache.Entry {
        SearchCache.Entry(matches: SearchIndexTests.matches(ids.map { ($0, Double($0), [(DesignFacet.status, "running")]) }), capped: false)
    }

    /// A list URL searching for `words`.
    static func search(_ base: String, _ words: String, _ more: String = "") -> String {
        base + "?q=" + words.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + more
    }

    static func key(_ query: String, access: String = "public") -> SearchCache.Key {
        SearchCache.Key(query: query, access: access, cap: 2_000)
    }

    @Test("an entry serves only the version it was read under; past the capacity, the least recently used go first")
    func keptAndEvicted() {
        let cache = SearchCache(capacity: 5)
        cache.keep(Self.entry([1, 2]), Self.key("a"), version: 7)
        #expect(cache.entry(Self.key("a"), version: 7)?.matches.ids == [1, 2])
        #expect(cache.entry(Self.key("a"), version: 8) == nil)
        #expect(cache.entry(Self.key("a", access: "admin"), version: 7) == nil)
        cache.keep(Self.entry([3, 4]), Self.key("b"), version: 7)
        // "a" was used after "b" was kept, so "b" goes when "c" needs the room.
        _ = cache.entry(Self.key("a"), version: 7)
        cache.keep(Self.entry([5, 6]), Self.key("c"), version: 7)
        #expect(cache.entry(Self.key("b"), version: 7) == nil)
        #expect(cache.entry(Self.key("a"), version: 7) != nil && cache.entry(Self.key("c"), version: 7) != nil)
        #expect(cache.statistics.matches == 4)
        // A newer read replaces the older one under the same key.
        cache.keep(Self.entry([9]), Self.key("a"), version: 8)
        #expect(cache.entry(Self.key("a"), version: 8)?.matches.ids == [9])
        #expect(cache.statistics.matches == 3)
        // More matches than the whole cache holds are not kept, and evict nothing.
        cache.keep(Self.entry([1, 2, 3, 4, 5, 6]), Self.key("d"), version: 8)
        #expect(cache.entry(Self.key("d"), version: 8) == nil && cache.statistics.matches == 3)
        cache.removeAll()
        #expect(cache.entry(Self.key("c"), version: 7) == nil && cache.statistics.matches == 0)
    }

    @Test("the version rises with every change to documents, designs, their libraries and libraries' districts")
    func versionRises() async throws {
        try await withApp(demo: true) { app in
            var last = try #require(try await SearchCache.version(app.sql))
            func rose(_ statement: SQLQueryString) async throws -> Bool {
                try await app.sql.raw(statement).run()
                let now = try #require(try await SearchCache.version(app.sql))
                defer { last = now }
                return now > last
            }
            let design = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let library = try #require(
                try await app.sql.raw(
                    "SELECT id FROM libraries WHERE id NOT IN (SELECT library_id FROM design_libraries WHERE design_id = \(bind: design)) ORDER BY id LIMIT 1"
                ).first()?.decode(column: "id", as: Int64.self))
            #expect(try await rose("UPDATE search_documents SET title = title WHERE design_id = \(bind: design)"))
            #expect(try await rose("UPDATE service_designs SET visibility = 'district' WHERE id = \(bind: design)"))
            #expect(try await rose("INSERT INTO design_libraries(design_id, library_id) VALUES (\(bind: design), \(bind: library))"))
            #expect(try await rose("DELETE FROM design_libraries WHERE design_id = \(bind: design) AND library_id = \(bind: library)"))
            #expect(try await rose("UPDATE libraries SET district_code = 'BG-01' WHERE id = \(bind: library)"))
            // What a search cannot see leaves it as it was.
            #expect(!(try await rose("UPDATE users SET name = name")))
            // Several changes in one transaction raise it by the time it commits.
            try await app.sql.raw("UPDATE libraries SET district_code = 'BG-21' WHERE id = \(bind: library)").run()
            last = try #require(try await SearchCache.version(app.sql))
            try await (app.db as any Database).transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("UPDATE service_designs SET visibility = 'public' WHERE id = \(bind: design)").run()
                try await sql.raw("UPDATE search_documents SET body = body WHERE design_id = \(bind: design)").run()
            }
            #expect(try #require(try await SearchCache.version(app.sql)) > last)
        }
    }

    @Test("the catalogue page reuses a search's matches for its pages and facets, until a save changes what it finds")
    func pageReusesAndFollowsSaves() async throws {
        try await withApp(demo: true) { app in
            let cache = try #require(app.searchCache)
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let id = try await app.id("service_designs", where: "title", is: "Пенсионери ONLINE")
            let first = try await admin.get(Self.search("/services", "ябълкови"))
            #expect(first.status == .ok && !first.text.contains("Пенсионери ONLINE"))
            #expect(cache.statistics.hits == 0 && cache.statistics.misses == 1)
            // The same words again, another page of them, or a facet chosen on them: no new read.
            #expect(try await admin.get(Self.search("/services", "ябълкови")).status == .ok)
            #expect(try await admin.get(Self.search("/services", "ябълкови", "&status=running&page=2")).status == .ok)
            #expect(cache.statistics.hits == 2 && cache.statistics.misses == 1)

            #expect(
                try await admin.post("/services/\(id)/edit/service", ["version": "1", "needs": "Ябълкови градини и интернет"]).status
                    == .seeOther)
            let after = try await admin.get(Self.search("/services", "ябълкови"))
            #expect(after.text.contains("Пенсионери ONLINE"))
            #expect(cache.statistics.misses == 2)
            // The API's search keeps its matches the same way (a reader without a token: a key of its own).
            let hits = cache.statistics.hits
            for _ in 0..<2 { #expect(try await Browser(app).get(Self.search("/api/v1/search", "пенсионери")).status == .ok) }
            #expect(cache.statistics.hits == hits + 1)
        }
    }

    @Test("what one reader may see is never served to another from kept matches")
    func keptPerReader() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Browser.signedIn(app, "admin@praktika.local", VelingradDemo.demoPassword)
            let seen = try await admin.get(Self.search("/services", "насилие"))
            #expect(seen.readable.contains("Жени, жертва на домашно насилие"))
            let anonymous = try await Browser(app).get(Self.search("/services", "насилие"))
            #expect(anonymous.status == .ok && !anonymous.readable.contains("Жени, жертва на домашно насилие"))
            // Made public, it shows to everyone at once.
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            try await app.sql.raw("UPDATE service_designs SET visibility = 'public' WHERE id = \(bind: women)").run()
            #expect(try await Browser(app).get(Self.search("/services", "насилие")).readable.contains("Жени, жертва на домашно насилие"))
        }
    }

    @Test("without its version row, a search still answers and nothing kept is used")
    func missingVersion() async throws {
        try await withApp(demo: true) { app in
            let cache = try #require(app.searchCache)
            #expect(try await Browser(app).get(Self.search("/services", "пенсионери")).readable.contains("Пенсионери ONLINE"))
            try await app.sql.raw("DELETE FROM search_version").run()
            #expect(try await SearchCache.version(app.sql) == nil)
            for _ in 0..<2 {
                #expect(try await Browser(app).get(Self.search("/services", "пенсионери")).readable.contains("Пенсионери ONLINE"))
            }
            #expect(cache.statistics.hits == 0)
        }
    }

    @Test("PRAKTIKA_SEARCH_CACHE sets how many matches are kept; 0 keeps none; anything else is named")
    func configuration() async throws {
        #expect(try AppConfiguration.fromEnvironment([:]).searchCacheMatches == 200_000)
        #expect(try AppConfiguration.fromEnvironment(["PRAKTIKA_SEARCH_CACHE": "0"]).searchCacheMatches == 0)
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["PRAKTIKA_SEARCH_CACHE": "many"]) }
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["PRAKTIKA_SEARCH_CACHE": "-1"]) }
    }
}
