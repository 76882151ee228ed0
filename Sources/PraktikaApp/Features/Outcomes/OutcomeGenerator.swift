import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// Example answers in bulk, for benchmarks (`praktika generate --answers M`): the running services
/// (up to `maxServices`, oldest first) get their two surveys, then M answers spread over them,
/// about four in five to the immediate survey. Each transaction writes `chunkSize` answers in
/// multi-row inserts and adds their tallies once per survey, so that answers and tallies never
/// disagree. Every answer is marked as an example.
struct OutcomeGenerator {
    let db: any Database
    let seed: UInt64
    var maxServices = 5000
    var batchSize = 500
    var chunkSize = 50_000

    struct Added: Sendable {
        var services = 0
        var surveys = 0
        var answers = 0
    }

    func add(_ total: Int, progress: ProgressBar?) async throws -> Added {
        let sql = db as! any SQLDatabase
        let running = DesignStatus.allCases.filter { $0 >= .running }.map(\.rawValue)
        let ids = try await sql.select().column("id").from("service_designs").where("status", .in, running).orderBy("id").limit(maxServices)
            .all().map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { throw GenerateError(message: "no running services to answer for: generate --practices N first") }
        var added = Added(services: ids.count)
        var surveys: [(StoredSurvey, SurveyKind)] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            try await db.writeTransaction { db in
                let store = OutcomeStore(db: db as! any SQLDatabase)
                for id in chunk {
                    if try await store.plan(id) == nil { try await store.savePlan(id, OutcomePlan(standard: [.learning])) }
                    for kind in SurveyKind.allCases { _ = try await store.insertSurvey(id, OutcomeSurvey(kind: kind)) }
                }
            }
        }
        for id in ids {
            for survey in try await OutcomeStore(db: sql).surveys(id) { surveys.append((survey, survey.survey.kind)) }
        }
        var scopes: [Int64: OutcomeStore.AnswerScopes] = [:]
        for id in ids { scopes[id] = try await OutcomeStore(db: sql).scopes(id) }
        let known = scopes
        let immediate = surveys.filter { $0.1 == .immediate }.map(\.0)
        let followUp = surveys.filter { $0.1 == .followUp }.map(\.0)
        added.surveys = surveys.count
        var examples = OutcomeExamples(seed: seed)
        let today = LocalDate(Date())
        var done = 0
        while done < total {
            let count = min(chunkSize, total - done)
            var rows: [(StoredSurvey, OutcomeAnswer, AnswerChannel, LocalDate, RespondentProfile)] = []
            rows.reserveCapacity(count)
            for n in 0..<count {
                let toFollowUp = (done + n) % 5 == 4
                let pool = toFollowUp ? followUp : immediate
                let survey = pool[Int(UInt64(done + n) &* 2_654_435_761 % UInt64(pool.count))]
                let answer = examples.answer(survey.survey.kind)
                rows.append((survey, answer, examples.channel(), today.adding(days: -((done + n) % 700)) ?? today, examples.profile()))
            }
            let chunk = rows
            let first = done
            let size = batchSize
            try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                for start in stride(from: 0, to: chunk.count, by: size) {
                    try await Self.insert(Array(chunk[start..<min(start + size, chunk.count)]), sql)
                    progress?.update(first + min(start + size, chunk.count))
                }
                var answers: [Int64: (StoredSurvey, [OutcomeAnswer])] = [:]
                for row in chunk { answers[row.0.id, default: (row.0, [])].1.append(row.1) }
                var delta = OutcomeStore.TallyDelta()
                for (survey, given) in answers.values {
                    delta.add(survey, scopes: known[survey.designID] ?? .init(), counts: OutcomeResults.tally(given), answers: given.count)
                }
                try await OutcomeStore(db: sql).apply(delta)
            }
            done += count
        }
        progress?.finish()
        added.answers = done
        if sql.dialect.name == "postgresql" {
            for table in ["outcome_answers", "outcome_tallies", "outcome_profiles", "outcome_surveys"] {
                try await sql.raw("VACUUM (ANALYZE) \(ident: table)").run()
            }
        }
        return added
    }

    /// One multi-row INSERT for the answers and one for the profiles given.
    static func insert(_ rows: [(StoredSurvey, OutcomeAnswer, AnswerChannel, LocalDate, RespondentProfile)], _ sql: any SQLDatabase)
        async throws
    {
        var answers = sql.insert(into: "outcome_answers").columns("survey_id", "channel", "answers", "submission", "answered_on", "example")
        for row in rows {
            answers = answers.values(
                SQLBind(row.0.id), SQLBind(row.2.rawValue), SQLBind(try MeetingStore.encode(row.1)), SQLLiteral.null, SQLBind(row.3.iso),
                SQLBind(true))
        }
        try await answers.run()
        let profiles = rows.filter { !$0.4.isEmpty }
        guard !profiles.isEmpty else { return }
        var insert = sql.insert(into: "outcome_profiles").columns("survey_id", "age_band", "gender", "first_visit")
        for row in profiles {
            insert = insert.values(
                SQLBind(row.0.id), SQLBind(row.4.ageBand?.rawValue), SQLBind(row.4.gender?.rawValue), SQLBind(row.4.firstVisit))
        }
        try await insert.run()
    }
}
