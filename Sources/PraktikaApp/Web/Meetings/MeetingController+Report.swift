import Foundation
import PraktikaDomain
import Vapor

/// The report tab: written from the meeting's data, edited, published, printed, downloaded.
extension MeetingController {
    private func readableReport(_ req: Request) async throws -> StoredMeeting {
        let stored = try await load(req)
        guard service(req).mayRead(report: stored) else { throw Abort(.notFound) }
        return stored
    }

    @Sendable func report(_ req: Request) async throws -> Response {
        let stored = try await readableReport(req)
        let (source, edited) = try await service(req).reportText(stored)
        let shown = try await service(req).reportForReader(stored, original: req.query[String.self, at: "original"] == "1")
        if (try? req.query.get(String.self, at: "print")) == "1" {
            return HTMLResponse.make(
                MeetingReportView.printable(frame(req, stored), markdown: shown.text, language: shown.language, req.page))
        }
        let confirmed = try await MeetingStore(db: req.sql).participants(stored.id).filter { $0.status == .confirmed }
        return HTMLResponse.make(
            MeetingReportView.render(
                frame(req, stored), markdown: shown.text, source: source, textLanguage: shown.language, translated: shown.translated,
                edited: edited, publishedAt: stored.reportPublishedAt, error: nil,
                districts: BarChart.districtRows(ParticipantCounts(confirmed), req.language, req.page.format), req.page))
    }

    @Sendable func saveReport(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        if input["action"] == "regenerate" {
            return try await respond(
                req, try await service(req).saveReport(stored, markdown: nil), next: SiteURL.meeting(stored.id, .report).path,
                flash: .flashReportRegenerated)
        }
        let text = input["markdown"] ?? ""
        return try await respond(
            req, try await service(req).saveReport(stored, markdown: text), next: SiteURL.meeting(stored.id, .report).path,
            flash: .flashUpdated,
            invalid: { errors in
                HTMLResponse.make(
                    MeetingReportView.render(
                        frame(req, stored), markdown: text, source: text, textLanguage: req.language, translated: false,
                        edited: true, publishedAt: stored.reportPublishedAt,
                        error: errors["markdown"].map { $0.key(req.language, $0.values) }, req.page),
                    status: .unprocessableEntity)
            })
    }

    /// Publishing freezes the text as it stands; the meeting is marked reported only if the
    /// organiser ticks that too.
    @Sendable func publishReport(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let input = formInput(req)
        let publish = input["publish"] == "1"
        return try await respond(
            req, try await service(req).publishReport(stored, publish, markReported: FormReader(input).flag("mark_reported")),
            next: SiteURL.meeting(stored.id, .report).path,
            flash: publish ? .flashReportPublished : .flashUnpublished)
    }

    @Sendable func reportMarkdown(_ req: Request) async throws -> Response {
        let stored = try await readableReport(req)
        let (text, _) = try await service(req).reportText(stored)
        return TextDownload.response(text, contentType: "text/markdown; charset=utf-8", filename: "meeting-\(stored.id)-report.md")
    }

    @Sendable func reportDocx(_ req: Request) async throws -> Response {
        let stored = try await readableReport(req)
        let (text, language, _) = try await service(req).reportForReader(stored, original: false)
        let document = WordDocument.markdown(text, title: stored.meeting.title, language: language)
        return TextDownload.word(document, filename: "meeting-\(stored.id)-report.docx")
    }
}
