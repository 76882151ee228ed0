import Fluent
import Foundation
import PraktikaDomain
import SQLKit

extension MeetingService {
    // MARK: Report

    static let maxReportLength = 200_000

    /// Who may read the report: anyone once it is published, its organisers before.
    func mayRead(report stored: StoredMeeting) -> Bool { stored.reportPublishedAt != nil || mayOrganise(stored) }

    /// The report's text: what the organisers saved, or freshly written from the meeting's data
    /// in `language`; and whether it was saved.
    func reportText(_ stored: StoredMeeting) async throws -> (text: String, edited: Bool) {
        if let saved = stored.reportMarkdown { return (saved, true) }
        return (MeetingReport.markdown(try await reportInput(stored), language), false)
    }

    /// The report for a reader: the organisers' text when it is in the reader's language (or they
    /// ask for it); otherwise written from the meeting's data in the reader's language, so that an
    /// English reader is not handed a Bulgarian article. Answers the text and its language.
    func reportForReader(_ stored: StoredMeeting, original: Bool) async throws -> (text: String, language: Language, translated: Bool) {
        if let saved = stored.reportMarkdown, original || stored.reportLanguage == language {
            return (saved, stored.reportLanguage, false)
        }
        if stored.reportMarkdown == nil { return (try await reportText(stored).text, language, false) }
        return (MeetingReport.markdown(try await reportInput(stored), language), language, true)
    }

    /// Saves the organisers' text of the report, or forgets it (nil) so that it is written from
    /// the data again; publication stays as it was.
    func saveReport(_ stored: StoredMeeting, markdown: String?) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        if let markdown {
            let text = markdown.replacingOccurrences(of: "\r\n", with: "\n")
            var errors = FieldErrors()
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.add("markdown", .validationRequired)
            } else if text.count > Self.maxReportLength {
                errors.add("markdown", .validationTooLong, ["max": Formatting(language).integer(Self.maxReportLength)])
            }
            guard errors.isEmpty else { return .invalid(errors) }
        }
        let text = markdown?.replacingOccurrences(of: "\r\n", with: "\n")
        try await inTransaction { store, sql in
            try await store.saveReport(
                stored.id, markdown: text, publishedAt: stored.reportPublishedAt, language: text == nil ? stored.reportLanguage : language)
            try await auditReport(sql, .update, stored)
        }
        return .saved(stored.id)
    }

    static let reportEntity = "meeting_report"

    private func auditReport(_ sql: any SQLDatabase, _ action: AuditAction, _ stored: StoredMeeting) async throws {
        try await AuditStore(db: sql).record(
            actor: actor, action: action, entity: Self.reportEntity, entityID: String(stored.id), entityName: stored.meeting.title)
    }

    /// Publishing freezes the text as it stands; withdrawing keeps the text the organisers saved.
    /// The meeting's status is the organisers' to choose: publishing marks it reported only when
    /// they ask (`markReported`), never a meeting still open for registration behind their back.
    func publishReport(_ stored: StoredMeeting, _ publish: Bool, markReported: Bool = false) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        let (text, _) = try await reportText(stored)
        var reported = stored.meeting
        reported.status = .reported
        let kept = stored.reportMarkdown
        // The frozen text is the saved one (in its language) or one written now in the reader's.
        let textLanguage = stored.reportMarkdown == nil ? language : stored.reportLanguage
        let changeStatus = publish && markReported && stored.meeting.status != .reported
        try await inTransaction { [reported] store, sql in
            try await store.saveReport(
                stored.id, markdown: publish ? text : kept, publishedAt: publish ? Date() : nil, language: textLanguage)
            if changeStatus { try await store.update(stored.id, reported) }
            try await auditReport(sql, .update, stored)
        }
        return .saved(stored.id)
    }

    func reportInput(_ stored: StoredMeeting) async throws -> MeetingReportInput {
        try await Self.reportInput(stored, sql: sql, actor: actor)
    }

    /// Only SQL: the demo loader writes the report with it too.
    static func reportInput(_ stored: StoredMeeting, sql: any SQLDatabase, actor: Actor?) async throws -> MeetingReportInput {
        let m = stored.meeting
        let store = MeetingStore(db: sql)
        let names = try await DesignStore(db: sql).libraryNames(m.organiserLibraryIDs + (m.hostLibraryID.map { [$0] } ?? []))
        let tables = try await store.tables(stored.id)
        var withDesigns: [(table: WorkTable, design: ServiceDesign?)] = []
        let designs = DesignStore(db: sql)
        for table in tables {
            var design: ServiceDesign? = nil
            // Only what the person writing the report may read goes into it.
            if let id = table.designID, let found = try await designs.find(id), Policy.allows(actor, .view, design: found.scope) {
                design = found.design
            }
            withDesigns.append((table, design))
        }
        var summaries: [QuestionSummary] = []
        var responses = 0
        for form in try await store.forms(stored.id) {
            let answers = try await store.responses(form.id)
            responses += answers.count
            summaries += FeedbackSummary.summarise(form.form, answers)
        }
        let actions = try await store.actions(stored.id)
        let owners = try await AccountStore(db: sql).names(Set(actions.compactMap(\.ownerUserID)))
        return MeetingReportInput(
            meeting: m, organisers: m.organiserLibraryIDs.compactMap { names[$0] }, host: m.hostLibraryID.flatMap { names[$0] },
            participants: try await store.participants(stored.id), agenda: try await store.agenda(stored.id), tables: withDesigns,
            feedback: summaries, responses: responses,
            actions: actions.map { ($0, $0.ownerUserID.flatMap { owners[$0] } ?? $0.ownerName) })
    }
}
