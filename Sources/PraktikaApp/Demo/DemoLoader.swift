import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// Loads the Velingrad 2012 demo into the database. Every record is looked up by its natural
/// key first, so loading twice changes nothing and duplicates nothing.
struct DemoLoader {
    let db: any SQLDatabase
    let passwordHasher: @Sendable (String) throws -> String

    struct InvalidDemoRecord: Error, CustomStringConvertible {
        let name: String
        let fields: [String]
        var description: String { "demo record \(name) is invalid in \(fields.joined(separator: ", "))" }
    }

    struct Summary: Equatable {
        var inserted = 0
        var existing = 0
    }

    func load() async throws -> Summary {
        var summary = Summary()
        var municipalityIDs: [String: Int64] = [:]
        for municipality in VelingradDemo.municipalities {
            municipalityIDs[municipality.name] = try await ensure(
                municipality, table: .municipality,
                lookup: ["name": municipality.name, "district_code": municipality.districtCode], &summary)
        }
        var settlementIDs: [String: Int64] = [:]
        for (settlement, municipality) in VelingradDemo.settlements {
            var record = settlement
            record.municipalityID = municipalityIDs[municipality]!
            settlementIDs[settlement.name] = try await ensure(
                record, table: .settlement, lookup: ["name": record.name, "municipality_id": record.municipalityID], &summary)
        }
        var libraryIDs: [String: Int64] = [:]
        for (library, settlement) in VelingradDemo.libraries {
            var record = library
            record.settlementID = settlement.flatMap { settlementIDs[$0] }
            libraryIDs[library.name] = try await ensure(record, table: .library, lookup: ["name": record.name], &summary)
        }
        var partnerIDs: [String: Int64] = [:]
        for (partner, settlement) in VelingradDemo.partners {
            var record = partner
            record.settlementID = settlement.flatMap { settlementIDs[$0] }
            partnerIDs[partner.name] = try await ensure(record, table: .partner, lookup: ["name": record.name], &summary)
        }
        for (person, library, partner) in VelingradDemo.people {
            var record = person
            record.libraryID = library.flatMap { libraryIDs[$0] }
            record.partnerID = partner.flatMap { partnerIDs[$0] }
            _ = try await ensure(record, table: .person, lookup: ["full_name": record.fullName], &summary)
        }
        var designIDs: [Int: Int64] = [:]
        for demo in VelingradDemo.designs {
            var design = demo.design
            design.libraryIDs = demo.libraryNames.compactMap { libraryIDs[$0] }
            // Presented at the end of the meeting, and dated so.
            designIDs[demo.table] = try await ensure(design, at: VelingradDemo.meeting.endsOn.instant(hour: 17), &summary)
        }
        var practiceIDs: [String: Int64] = [:]
        for demo in VelingradDemo.practices {
            var design = demo.design
            design.libraryIDs = libraryIDs[demo.libraryName].map { [$0] } ?? []
            let day = design.practice?.publishedOn ?? VelingradDemo.meeting.startsOn
            practiceIDs[demo.presentation] = try await ensure(design, at: day.instant(hour: 12), &summary)
        }
        let partnerships = PartnershipStore(db: db)
        for demo in VelingradDemo.partnerships {
            guard let partner = partnerIDs[demo.partner], let library = libraryIDs[demo.library] else { continue }
            if try await partnerships.list(district: nil, partnerID: partner).contains(where: { $0.libraryIDs.contains(library) }) {
                summary.existing += 1
                continue
            }
            _ = try await partnerships.insert(
                Partnership(partnerID: partner, libraryIDs: [library], roles: demo.roles, status: .active, notes: demo.notes))
            summary.inserted += 1
        }
        try await loadMeeting(libraryIDs: libraryIDs, designIDs: designIDs, practiceIDs: practiceIDs, &summary)
        try await loadOutcomes(Array(designIDs.values) + Array(practiceIDs.values), &summary)
        let accounts = AccountStore(db: db)
        for account in VelingradDemo.accounts {
            if try await accounts.user(email: account.email) != nil {
                summary.existing += 1
                continue
            }
            var partnerID: Int64?
            if let partner = account.partner {
                partnerID = try await db.select().column("id").from("partners").where("name", .equal, partner).first()?.decode(
                    column: "id", as: Int64.self)
            }
            try await accounts.createUser(
                email: account.email, name: account.name, passwordHash: try passwordHasher(VelingradDemo.demoPassword),
                role: account.role, districtCode: account.districtCode, libraryID: account.library.flatMap { libraryIDs[$0] },
                partnerID: partnerID)
            summary.inserted += 1
        }
        return summary
    }

    /// The Velingrad meeting: programme (its presentations of good practice linked to the
    /// practices), tables with the nine designs as their results, the 95 participants seated by
    /// the solver, the feedback, and the report, published.
    private func loadMeeting(
        libraryIDs: [String: Int64], designIDs: [Int: Int64], practiceIDs: [String: Int64], _ summary: inout Summary
    ) async throws {
        let store = MeetingStore(db: db)
        if try await db.select().column("id").from("meetings").where("title", .equal, VelingradDemo.meetingTitle).first() != nil {
            summary.existing += 1
            return
        }
        var meeting = VelingradDemo.meeting
        meeting.organiserLibraryIDs = VelingradDemo.meetingOrganisers.compactMap { libraryIDs[$0] }
        meeting.hostLibraryID = libraryIDs[VelingradDemo.meetingHost]
        let id = try await store.insert(meeting)
        for var session in VelingradDemo.agenda {
            for i in session.items.indices { session.items[i].practiceDesignID = practiceIDs[session.items[i].title] }
            _ = try await store.insertSession(id, session)
        }
        for table in VelingradDemo.tables {
            _ = try await store.insertTable(
                id,
                WorkTable(
                    id: 0, number: table.number, targetGroup: table.targetGroup, category: table.category, designID: designIDs[table.number]
                ))
        }
        try await store.insertParticipants(id, VelingradDemo.participants())
        let problem = MeetingSeating.problem(tables: try await store.tables(id), participants: try await store.participants(id))
        // One search and a move budget: every fresh demo is seated alike (it reaches its proven
        // optimum in a few thousand moves).
        let seating = try SeatingSolver.solve(problem, options: .init(maxMoves: 3_000_000, timeLimit: .seconds(60), workers: 1))
        try await store.assign(id, MeetingSeating.assignments(seating).mapValues { Optional($0) })
        let form = try await store.insertForm(id, VelingradDemo.feedbackForm, open: false)
        for response in VelingradDemo.feedbackResponses { try await store.insertResponse(form, response, source: "paper") }
        // The report is written as an administrator would see it, so that every table's design is in it.
        let writer = Actor(userID: 0, name: "demo", role: .admin, districtCode: nil, libraryID: nil)
        guard let stored = try await store.find(id) else { throw StoreError.missingIdentifier }
        let input = try await MeetingService.reportInput(stored, sql: db, actor: writer)
        try await store.saveReport(id, markdown: MeetingReport.markdown(input, .bg), publishedAt: Date(), language: .bg)
        summary.inserted += 1
    }

    /// The running services' two surveys with example answers (marked as such: the founding
    /// document has no outcome figures).
    private func loadOutcomes(_ ids: [Int64], _ summary: inout Summary) async throws {
        let store = OutcomeStore(db: db)
        let today = LocalDate(Date())
        for id in ids.sorted() {
            guard let stored = try await DesignStore(db: db).find(id), stored.design.status >= .running else { continue }
            guard try await store.survey(id, .immediate) == nil else {
                summary.existing += 1
                continue
            }
            let category = stored.design.targetGroup.category
            try await inTransaction { sql in
                let store = OutcomeStore(db: sql)
                try await store.savePlan(id, OutcomePlan(standard: OutcomeExamples.areas(for: category), followUpWeeks: 6))
                var examples = OutcomeExamples(seed: UInt64(id))
                for (kind, count) in [(SurveyKind.immediate, 18 + Int(id % 7) * 2), (.followUp, 6 + Int(id % 4))] {
                    guard let surveyID = try await store.insertSurvey(id, OutcomeSurvey(kind: kind)) else { continue }
                    let survey = StoredSurvey(id: surveyID, designID: id, token: "", survey: OutcomeSurvey(kind: kind))
                    var answers: [OutcomeAnswer] = []
                    for n in 0..<count {
                        let day = today.adding(days: -(count - n) * 2) ?? today
                        let answer = examples.answer(kind)
                        answers.append(answer)
                        _ = try await store.insertAnswer(
                            survey, answer, channel: examples.channel(), submission: nil, on: day, example: true, tally: false)
                        try await store.insertProfile(surveyID, examples.profile())
                    }
                    var delta = OutcomeStore.TallyDelta()
                    delta.add(survey, scopes: try await store.scopes(id), counts: OutcomeResults.tally(answers), answers: answers.count)
                    try await store.apply(delta)
                }
            }
            summary.inserted += 1
            if stored.design.indicators.contains(where: { $0.name == VelingradDemo.exampleIndicator }) {
                try await loadExamplePeriods(id)
            }
        }
    }

    /// One indicator reported for two half-years: the first result approved, the second waiting
    /// for review. Example figures, and the notes say so.
    private func loadExamplePeriods(_ id: Int64) async throws {
        let store = IndicatorStore(db: db)
        guard try await store.periods(id).isEmpty, let year = LocalDate(Date()).adding(days: -400)?.year else { return }
        let halves = [
            (LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 6, day: 30)!, 300, 342, true),
            (LocalDate(year: year, month: 7, day: 1)!, LocalDate(year: year, month: 12, day: 31)!, 350, 331, false),
        ]
        for (start, end, target, value, approved) in halves {
            let period = try await store.insert(
                id,
                IndicatorPeriod(
                    indicator: VelingradDemo.exampleIndicator, startsOn: start, endsOn: end, target: FixedDecimal(Int64(target)),
                    direction: .increase))
            try await store.submit(period, value: FixedDecimal(Int64(value)), note: VelingradDemo.exampleNote, by: "Библиотекар Смолян")
            if approved { _ = try await store.review(period, approve: true, comment: nil, by: "Администратор") }
        }
    }

    /// Runs `body` in one write transaction where the database is Fluent's (it always is but in
    /// odd set-ups), else statement by statement.
    private func inTransaction(_ body: @Sendable @escaping (any SQLDatabase) async throws -> Void) async throws {
        if let fluent = db as? any Database {
            try await fluent.writeTransaction { try await body($0 as! any SQLDatabase) }
        } else {
            try await body(db)
        }
    }

    /// The demo design of this title, inserted (checked as a person's would be, its publication
    /// too) if there is none yet.
    private func ensure(_ design: ServiceDesign, at created: Date, _ summary: inout Summary) async throws -> Int64 {
        if let existing = try await db.select().column("id").from("service_designs").where("title", .equal, design.title).first() {
            summary.existing += 1
            return try existing.decode(column: "id", as: Int64.self)
        }
        var errors = DesignValidation.validate(design)
        if let story = design.practice {
            errors.merge(ServiceDesign.validatePublication(design, whatWorked: story.whatWorked, whatDidNot: story.whatDidNot))
        }
        guard errors.isEmpty else { throw InvalidDemoRecord(name: design.title, fields: errors.order) }
        summary.inserted += 1
        return try await DesignStore(db: db).insert(design, by: nil, at: created)
    }

    private func ensure<R: RegistryRecord>(
        _ record: R, table: RegistryTable, lookup: [String: any Encodable & Sendable], _ summary: inout Summary
    )
        async throws -> Int64
    {
        var query = db.select().column("id").from(table.table)
        for (column, value) in lookup.sorted(by: { $0.key < $1.key }) { query = query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        if let row = try await query.first() {
            summary.existing += 1
            return try row.decode(column: "id", as: Int64.self)
        }
        let problems = record.validate()
        guard problems.isEmpty else { throw InvalidDemoRecord(name: record.displayName, fields: problems.order) }
        summary.inserted += 1
        return try await RegistryStore<R>(db: db, table: table).insert(record)
    }
}
