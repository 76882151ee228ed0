import Foundation
import NIOCore
import PraktikaDomain
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// What goes over the wire: compressed text, assets cached for a year under their content's
/// version, the icon, and forms whose CSRF token never repeats (so compression gives it away).
@Suite("Delivery")
struct DeliveryTests {
    @Test("assets are linked with their content's version and then cached for a year; other requests revalidate; the icon answers")
    func assets() async throws {
        try await withApp { app in
            let home = try await Browser(app).get("/")
            let css = try #require(Assets.files["app.css"]).version
            #expect(css.count == 16)
            #expect(home.text.contains("/assets/app.css?v=\(css)"))
            #expect(home.text.contains("/assets/icon.svg?v="))
            let versioned = try await Browser(app).get("/assets/app.css?v=\(css)")
            #expect(versioned.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            let old = try await Browser(app).get("/assets/app.css?v=0000")
            #expect(old.headers.first(name: .cacheControl) == "public, max-age=300", "a stale link is not kept for a year")
            let icon = try await Browser(app).get("/favicon.ico")
            #expect(icon.status == .ok && icon.headers.contentType == .svg && icon.text.hasPrefix("<svg"))
        }
    }

    @Test("a form's CSRF token differs on every page and still works; a token changed by one character does not")
    func maskedTokens() async throws {
        try await withApp { app in
            let browser = try await Browser.signedIn(app)
            func token(_ html: String) throws -> String {
                let marker = "name=\"_csrf\" value=\""
                let start = try #require(html.range(of: marker)).upperBound
                return String(html[start...].prefix { $0 != "\"" })
            }
            let first = try token(try await browser.get("/municipalities/new").text)
            let second = try token(try await browser.get("/municipalities/new").text)
            let cookie = try #require(browser.cookies[Cookies.csrf])
            #expect(first != second && first != cookie && !first.contains(cookie))
            #expect(CSRFMask.unmasked(first) == cookie && CSRFMask.unmasked(second) == cookie)
            let saved = try await browser.post(
                "/municipalities", ["name": "Девин", "district_code": "BG-21", "_csrf": first], csrf: false)
            #expect(saved.status == .seeOther)
            var forged = Array(second)
            forged[5] = forged[5] == "A" ? "B" : "A"
            let refused = try await browser.post(
                "/municipalities", ["name": "Доспат", "district_code": "BG-21", "_csrf": String(forged)], csrf: false)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("a real server compresses HTML, CSS and JSON for a client that accepts gzip, and only then")
    func compression() async throws {
        try await withApp { app in
            // Below Linux's ephemeral range (32768–60999), which the tests' own outgoing
            // connections (PostgreSQL's among them) take ports from: one drawn there was taken once.
            let port = Int.random(in: 20_000...32_000)
            let server = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
            for path in ["/", "/assets/app.css", "/api/v1/districts"] {
                try await server.test(.GET, path, headers: ["Accept-Encoding": "gzip"]) { response in
                    #expect(response.headers.first(name: .contentEncoding) == "gzip", "\(path)")
                    // gzip's magic number, not the text itself.
                    #expect(response.body.getBytes(at: response.body.readerIndex, length: 2) == [0x1f, 0x8b], "\(path)")
                }
                try await server.test(.GET, path) { response in
                    #expect(response.headers.first(name: .contentEncoding) == nil, "\(path)")
                }
            }
        }
    }
}
