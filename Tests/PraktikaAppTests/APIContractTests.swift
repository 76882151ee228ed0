import Foundation
import NIOCore
import PraktikaDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// The API answers what its OpenAPI document says, because the document itself is what checks
/// each request's method and query; and the patterns the document gives for request bodies are
/// the server's own rules.
@Suite("The API contract")
struct APIContractTests {
    static let contract = APIContract(document: OpenAPIDocument.make())

    static func check(_ method: String, _ path: String, _ query: String? = nil, signedIn: Bool = true) -> APIContract.Verdict {
        contract.check(method: method, path: path, query: query, signedIn: signedIn)
    }

    static func get(_ path: String, _ query: String?) -> APIContract.Verdict {
        contract.check(method: "GET", path: path, query: query, signedIn: true)
    }

    @Test("a documented header is held to its schema like a query parameter; an absent optional one passes")
    func headers() {
        let document = JSONValue.object([
            (
                "paths",
                .object([
                    (
                        "/api/v1/things/{id}",
                        .object([
                            (
                                "put",
                                .object([
                                    (
                                        "parameters",
                                        .array([
                                            .object([
                                                ("name", .string("X-Version")), ("in", .string("header")), ("required", .bool(false)),
                                                ("schema", .object([("type", .string("string")), ("pattern", .string("^[0-9]+$"))])),
                                            ])
                                        ])
                                    ), ("security", .array([])),
                                ])
                            )
                        ])
                    )
                ])
            )
        ])
        let contract = APIContract(document: document)
        func put(_ values: [String]) -> APIContract.Verdict {
            contract.check(
                method: "PUT", path: "/api/v1/things/1", query: nil, header: { $0 == "X-Version" ? values : [] }, signedIn: false)
        }
        #expect(put([]) == .pass)
        #expect(put(["3"]) == .pass)
        #expect(put([""]) == .badQuery(["X-Version": .validationOption]))
        #expect(put(["{}"]) == .badQuery(["X-Version": .validationOption]))
        #expect(put(["3", "4"]) == .badQuery(["X-Version": .validationRepeated]))
        // The registry's If-Match is any string: a value that is not the record's tag is 412, as HTTP says, not 400.
        #expect(
            Self.contract.check(method: "PUT", path: "/api/v1/partners/1", query: nil, header: { _ in ["{}"] }, signedIn: true) == .pass)
    }

    @Test("query values are held to their schemas: numbers, ranges, closed lists, patterns, repeats and required ones")
    func queries() {
        #expect(Self.get("/api/v1/services", "page=2&status=running&district=BG-13&sort=title&dir=desc&cursor=start") == .pass)
        // An empty filter means no filter, as the catalogue's own form sends it.
        #expect(Self.get("/api/v1/services", "q=&status=&kind=&district=&page=1") == .pass)
        #expect(Self.get("/api/v1/libraries", "page=null") == .badQuery(["page": .validationInteger]))
        #expect(Self.get("/api/v1/libraries", "page=0") == .badQuery(["page": .validationTooSmall]))
        #expect(Self.get("/api/v1/libraries", "page=99999999999999999999") == .badQuery(["page": .validationInteger]))
        #expect(Self.get("/api/v1/libraries", "page=1&page=2") == .badQuery(["page": .validationRepeated]))
        #expect(Self.get("/api/v1/services", "status=bogus") == .badQuery(["status": .validationOption]))
        #expect(Self.get("/api/v1/services", "cursor=0") == .badQuery(["cursor": .validationOption]))
        #expect(Self.get("/api/v1/services", "cursor=") == .badQuery(["cursor": .validationOption]))
        #expect(Self.get("/api/v1/services", "year=12") == .badQuery(["year": .validationOption]))
        #expect(Self.get("/api/v1/search", "q=") == .badQuery(["q": .validationRequired]))
        #expect(Self.get("/api/v1/search", nil) == .badQuery(["q": .validationRequired]))
        #expect(Self.get("/api/v1/search", "q=%D0%B4%D0%B5%D1%86%D0%B0") == .pass)
        #expect(Self.get("/api/v1/meetings/1/report", "format=pdf") == .badQuery(["format": .validationOption]))
        // Parameters the operation does not declare are left alone.
        #expect(Self.get("/api/v1/districts", "anything=1&anything=2") == .pass)
    }

    @Test("a method the path does not have is 405 with the ones it has; a secured operation refuses the anonymous first")
    func methodsAndSignIn() {
        #expect(Self.check("TRACE", "/api/v1/districts") == .methodNotAllowed(allow: ["GET"]))
        #expect(Self.check("PATCH", "/api/v1/meetings/7") == .methodNotAllowed(allow: ["DELETE", "GET", "PUT"]))
        #expect(Self.check("HEAD", "/api/v1/districts") == .pass)
        // The constant segment wins over the parameter, as in the router.
        #expect(Self.check("DELETE", "/api/v1/tokens/current") == .pass)
        #expect(Self.check("GET", "/api/v1/tokens/current") == .methodNotAllowed(allow: ["DELETE"]))
        #expect(Self.get("/api/v1/nothing-here", nil) == .pass)
        #expect(Self.check("DELETE", "/api/v1/meetings/999999", signedIn: false) == .unauthenticated)
        #expect(Self.check("GET", "/api/v1/meetings/1", signedIn: false) == .pass)
        #expect(Self.check("POST", "/api/v1/tokens", signedIn: false) == .pass)
    }

    @Test("through the server: 400 with the parameter named, 405 with Allow, 401 before a lookup")
    func answers() async throws {
        try await withApp(demo: true) { app in
            let client = Browser(app)
            let page = try await client.send(.GET, "/api/v1/services?page=0&status=bogus")
            #expect(page.status == .badRequest)
            let body = try JSONDecoder().decode(APIError.Body.self, from: Data(page.text.utf8))
            #expect(body.error.fields?["page"] == TextKey.validationTooSmall(.bg))
            #expect(body.error.fields?["status"] == TextKey.validationOption(.bg))
            let trace = try await client.send(.TRACE, "/api/v1/districts")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: .allow) == "GET")
            // Missing or present, an anonymous delete is refused the same way.
            #expect(try await client.send(.DELETE, "/api/v1/meetings/1").status == .unauthorized)
            #expect(try await client.send(.DELETE, "/api/v1/meetings/999999").status == .unauthorized)
            #expect(try await client.send(.GET, "/api/v1/libraries?page=1").status == .ok)
        }
    }

    @Test("the document's date pattern admits exactly the dates LocalDate reads, leap days included")
    func datePattern() throws {
        let pattern = try Regex(Schemas.datePattern)
        for year in [1, 4, 100, 400, 1900, 2000, 2012, 2023, 2024, 2100, 9996, 9999] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    let matches = (try? pattern.wholeMatch(in: text)) != nil
                    #expect(matches == (LocalDate(parsing: text) != nil), "\(text)")
                }
            }
        }
        #expect((try? pattern.wholeMatch(in: "0000-01-01")) == nil)
    }

    @Test("a failed sign-in keeps the address it was tried with, without its control characters")
    func auditedAttempt() async throws {
        #expect(Validator.printableOnly("a\u{1B}[31mb\u{0}c\n") == "a\u{FFFD}[31mb\u{FFFD}c\n")
        try await withApp(demo: true) { app in
            let client = Browser(app)
            var json = HTTPHeaders()
            json.contentType = .json
            let response = try await client.send(
                .POST, "/api/v1/tokens", headers: json,
                body: ByteBuffer(string: #"{"email": "x\u001b[2Jy@example.bg", "password": "wrong"}"#))
            #expect(response.status == .unauthorized)
            let names = try await app.sql.select().column("entity_name").from("audit_log").where("action", .equal, "sign_in_failed")
                .all().map { try $0.decode(column: "entity_name", as: String.self) }
            #expect(names.contains("x\u{FFFD}[2Jy@example.bg"))
            #expect(!names.contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        }
    }
}
