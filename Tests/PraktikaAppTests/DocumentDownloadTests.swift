import Foundation
import PraktikaDomain
import Testing
import Vapor
import VaporTesting

@testable import PraktikaApp

/// LibreOffice, when the machine has it: CI installs it and sets PRAKTIKA_REQUIRE_OFFICE=1, so
/// there the conversion test runs (and fails if LibreOffice is missing) instead of being skipped.
enum Office {
    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let required = ProcessInfo.processInfo.environment["PRAKTIKA_REQUIRE_OFFICE"] == "1"

    /// The text LibreOffice reads from a document, converted headless in a directory of its own.
    static func text(of document: [UInt8], name: String) throws -> String {
        let soffice = try #require(soffice, "LibreOffice (soffice) is not installed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("praktika-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("\(name).docx")
        try Data(document).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "--headless", "-env:UserInstallation=\(directory.appendingPathComponent("profile").absoluteString)",
            "--convert-to", "txt:Text (encoded):UTF8", "--outdir", directory.path, input.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        let output = directory.appendingPathComponent("\(name).txt")
        return try String(contentsOf: output, encoding: .utf8)
    }
}

@Suite("Documents for Word and LibreOffice")
struct DocumentDownloadTests {
    @Test("the chart, the leaflet and the report download as .docx, only to those who may read them")
    func downloads() async throws {
        try await withApp(demo: true) { app in
            let visitor = Browser(app)
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            for path in ["/services/\(id)/chart.docx", "/services/\(id)/leaflet.docx", "/meetings/1/report.docx"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.first(name: .contentType) == WordDocument.contentType)
                #expect(response.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
                #expect(Array(response.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            }
            #expect(try await visitor.get("/services/\(id)").text.contains("href=\"/services/\(id)/chart.docx\""))
            #expect(try await visitor.get("/meetings/1/report").text.contains("href=\"/meetings/1/report.docx\""))
            let women = try await app.id("service_designs", where: "title", is: "Жени, жертва на домашно насилие")
            for path in ["chart.docx", "leaflet.docx"] {
                #expect(try await visitor.get("/services/\(women)/\(path)").status == .notFound)
            }
        }
    }

    @Test(
        "LibreOffice opens the chart, the leaflet and the report and reads their text",
        .enabled(if: Office.soffice != nil || Office.required, "needs LibreOffice (soffice)"))
    func libreOffice() async throws {
        try await withApp(demo: true) { app in
            let visitor = Browser(app)
            let id = try await app.id("service_designs", where: "title", is: "Бизнес – туристически услуги")
            func download(_ path: String) async throws -> [UInt8] { Array(try await visitor.get(path).body.readableBytesView) }
            let chart = try Office.text(of: try await download("/services/\(id)/chart.docx"), name: "chart")
            #expect(chart.contains("Бизнес – туристически услуги"))
            #expect(chart.contains("2 950,00 лв. (≈ 1 508,31 €)"))
            #expect(chart.contains(TextKey.blockBudget(.bg)))
            let leaflet = try Office.text(of: try await download("/services/\(id)/leaflet.docx"), name: "leaflet")
            #expect(leaflet.contains(TextKey.leafletContact(.bg)))
            #expect(!leaflet.contains("лв."))
            let report = try Office.text(of: try await download("/meetings/1/report.docx"), name: "report")
            #expect(report.contains("Партньорствата – инструмент за иновативни услуги в библиотеките"))
            #expect(report.contains("17.05.2012 г."))
            visitor.cookies[Cookies.language] = "en"
            let english = try Office.text(of: try await download("/services/\(id)/chart.docx"), name: "chart-en")
            #expect(english.contains(TextKey.blockBudget(.en)))
        }
    }
}
