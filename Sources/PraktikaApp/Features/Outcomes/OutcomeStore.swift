import Foundation
import PraktikaDomain
import SQLKit

/// One of a service's surveys as stored.
struct StoredSurvey: Sendable {
    let id: Int64
    let designID: Int64
    let token: String
    var survey: OutcomeSurvey
}

/// Reads and writes outcome plans, surveys, answers, tallies, profiles and follow-up contacts.
struct OutcomeStore {
    let db: any SQLDatabase

    // MARK: Plans and surveys

    func plan(_ designID: Int64) async throws -> OutcomePlan? {
        guard
            let row = try await db.select().columns("areas", "follow_up_weeks").from("outcome_plans").where("design_id", .equal, designID)
                .first()
        else { return nil }
        let areas = try row.decode(column: "areas", as: String.self).split(separator: ",").map(String.init)
        return OutcomePlan(areas: areas, followUpWeeks: try row.decode(column: "follow_up_weeks", as: Int.self))
    }

    func savePlan(_ designID: Int64, _ plan: OutcomePlan) async throws {
        try await db.insert(into: "outcome_plans").columns("design_id", "areas", "follow_up_weeks")
            .values(SQLBind(designID), SQLBind(plan.areas.joined(separator: ",")), SQLBind(plan.followUpWeeks))
            .onConflict(with: ["design_id"]) { $0.set(excludedValueOf: "areas").set(excludedValueOf: "follow_up_weeks") }
            .run()
    }

    // MARK: Areas the administrators added

    func addedAreas() async throws -> [AreaChoice] {
        try await db.select().columns("id", "name_bg", "name_en").from("outcome_areas").orderBy("id").all().map { row in
            AreaChoice(
                code: "custom-\(try row.decode(column: "id", as: Int64.self))", nameBG: try row.decode(column: "name_bg", as: String.self),
                nameEN: try row.decode(column: "name_en", as: String.self))
        }
    }

    func areas() async throws -> OutcomeAreas { OutcomeAreas(added: try await addedAreas()) }

    func addArea(nameBG: String, nameEN: String) async throws -> String {
        guard
            let row = try await db.insert(into: "outcome_areas").columns("name_bg", "name_en", "created_at")
                .values(SQLBind(nameBG), SQLBind(nameEN), SQLBind(Date())).returning("id").first()
        else { throw StoreError.noIdentifierReturned }
        return "custom-\(try row.decode(column: "id", as: Int64.self))"
    }

    private static let surveyColumns = ["id", "design_id", "token", "content"]

    func surveys(_ designID: Int64) async throws -> [StoredSurvey] {
        try await db.select().columns(Self.surveyColumns).from("outcome_surveys").where("design_id", .equal, designID).orderBy("id").all()
            .map(Self.survey).sorted { $0.survey.kind == .immediate && $1.survey.kind != .immediate }
    }

    func survey(token: String) async throws -> StoredSurvey? {
        try await db.select().columns(Self.surveyColumns).from("outcome_surveys").where("token", .equal, token).first().map(Self.survey)
    }

    func survey(_ designID: Int64, _ kind: SurveyKind) async throws -> StoredSurvey? {
        try await db.select().columns(Self.surveyColumns).from("outcome_surveys").where("design_id", .equal, designID)
            .where("kind", .equal, kind.rawValue).first().map(Self.survey)
    }

    private static func survey(_ row: any SQLRow) throws -> StoredSurvey {
        StoredSurvey(
            id: try row.decode(column: "id", as: Int64.self), designID: try row.decode(column: "design_id", as: Int64.self),
            token: try row.decode(column: "token", as: String.self),
            survey: try MeetingStore.decode(OutcomeSurvey.self, try row.decode(column: "content", as: String.self)))
    }

    /// A new survey with a fresh token; nil when the service already has one of that kind.
    func insertSurvey(_ designID: Int64, _ survey: OutcomeSurvey) async throws -> Int64? {
        try await db.insert(into: "outcome_surveys").columns("design_id", "kind", "token", "content", "created_at")
            .values(
                SQLBind(designID), SQLBind(survey.kind.rawValue), SQLBind(Self.shortToken()), SQLBind(try MeetingStore.encode(survey)),
                SQLBind(Date())
            )
            .ignoringConflicts(with: ["design_id", "kind"])
            .returning("id").first()?.decode(column: "id", as: Int64.self)
    }

    func updateSurvey(_ id: Int64, _ survey: OutcomeSurvey) async throws {
        try await db.update("outcome_surveys").where("id", .equal, id).set("content", to: SQLBind(try MeetingStore.encode(survey))).run()
    }

    /// Ten characters from a 32-letter alphabet without look-alikes (50 bits): short enough for a
    /// small QR code and for typing from a poster, too many to guess.
    static func shortToken() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    // MARK: Answers

    /// Stores an answer and adds it to the tallies (unless the caller adds a batch's at once);
    /// nil when this submission was stored before.
    func insertAnswer(
        _ survey: StoredSurvey, _ answer: OutcomeAnswer, channel: AnswerChannel, submission: String?, on day: LocalDate,
        example: Bool = false,
        tally: Bool = true
    ) async throws -> Int64? {
        guard
            let id = try await db.insert(into: "outcome_answers")
                .columns("survey_id", "channel", "answers", "submission", "answered_on", "example")
                .values(
                    SQLBind(survey.id), SQLBind(channel.rawValue), SQLBind(try MeetingStore.encode(answer)), SQLBind(submission),
                    SQLBind(day.iso), SQLBind(example)
                )
                .ignoringConflicts(with: ["submission"])
                .returning("id").first()?.decode(column: "id", as: Int64.self)
        else { return nil }
        if tally {
            var delta = TallyDelta()
            delta.add(survey, scopes: try await scopes(survey.designID), counts: OutcomeResults.tally([answer]), answers: 1)
            try await apply(delta)
        }
        return id
    }

    /// The tally row that counts a survey's answers.
    static let answersItem = "*"

    /// Where answers to a design's surveys count: the network, its libraries' districts, its
    /// libraries; and which library contributes in which of them.
    struct AnswerScopes: Sendable {
        var names: [String] = [Scope.network.key]
        var contributors: [(scope: String, library: Int64)] = []
    }

    func scopes(_ designID: Int64) async throws -> AnswerScopes {
        let rows = try await db.raw(
            """
            SELECT dl.library_id AS library_id, l.district_code AS district_code FROM design_libraries dl \
            JOIN libraries l ON l.id = dl.library_id WHERE dl.design_id = \(bind: designID) ORDER BY dl.library_id
            """
        ).all()
        var scopes = AnswerScopes()
        for row in rows {
            let library = try row.decode(column: "library_id", as: Int64.self)
            var own = [Scope.network.key, Scope.library(library).key]
            if let district = try row.decode(column: "district_code", as: String?.self) { own.append(Scope.district(district).key) }
            for scope in own {
                if !scopes.names.contains(scope) { scopes.names.append(scope) }
                scopes.contributors.append((scope, library))
            }
        }
        return scopes
    }

    /// What a set of answers adds to the tallies: per survey, per scope, which libraries
    /// contributed, and each service's answers per scope.
    struct TallyDelta: Sendable {
        struct Key: Hashable, Comparable, Sendable {
            let scope: String
            let kind: String
            let item: String
            static func < (a: Key, b: Key) -> Bool { (a.scope, a.kind, a.item) < (b.scope, b.kind, b.item) }
        }

        struct Contributor: Hashable, Sendable {
            let key: Key
            let library: Int64
        }

        struct Service: Hashable, Comparable, Sendable {
            let scope: String
            let design: Int64
            static func < (a: Service, b: Service) -> Bool { (a.scope, a.design) < (b.scope, b.design) }
        }

        var surveys: [Int64: [String: ItemTally]] = [:]
        var rollups: [Key: ItemTally] = [:]
        var contributors: Set<Contributor> = []
        var services: [Service: Int] = [:]

        mutating func add(_ survey: StoredSurvey, scopes: AnswerScopes, counts: [OutcomeItem: ItemTally], answers: Int) {
            var items = [(OutcomeStore.answersItem, ItemTally(answered: answers, agreed: 0))]
            items += OutcomeItem.allCases.compactMap { item in counts[item].flatMap { $0.answered > 0 ? (item.rawValue, $0) : nil } }
            let kind = survey.survey.kind.rawValue
            for (item, count) in items {
                surveys[survey.id, default: [:]][item, default: ItemTally()] =
                    surveys[survey.id, default: [:]][item, default: ItemTally()] + count
                for scope in scopes.names {
                    let key = Key(scope: scope, kind: kind, item: item)
                    rollups[key] = (rollups[key] ?? ItemTally()) + count
                }
                for (scope, library) in scopes.contributors {
                    contributors.insert(Contributor(key: Key(scope: scope, kind: kind, item: item), library: library))
                }
            }
            for scope in scopes.names { services[Service(scope: scope, design: survey.designID), default: 0] += answers }
        }
    }

    /// Writes a delta, rows in a fixed order so that concurrent writers take their locks in the
    /// same order.
    func apply(_ delta: TallyDelta) async throws {
        for surveyID in delta.surveys.keys.sorted() {
            for (item, count) in delta.surveys[surveyID]!.sorted(by: { $0.key < $1.key }) {
                try await db.raw(
                    """
                    INSERT INTO outcome_tallies (survey_id, item, answered, agreed) VALUES (\(bind: surveyID), \(bind: item), \
                    \(bind: Int64(count.answered)), \(bind: Int64(count.agreed))) ON CONFLICT (survey_id, item) DO UPDATE SET \
                    answered = outcome_tallies.answered + excluded.answered, agreed = outcome_tallies.agreed + excluded.agreed
                    """
                ).run()
            }
        }
        for (key, count) in delta.rollups.sorted(by: { $0.key < $1.key }) {
            try await db.raw(
                """
                INSERT INTO outcome_rollups (scope, kind, item, answered, agreed) VALUES (\(bind: key.scope), \(bind: key.kind), \
                \(bind: key.item), \(bind: Int64(count.answered)), \(bind: Int64(count.agreed))) ON CONFLICT (scope, kind, item) DO UPDATE \
                SET answered = outcome_rollups.answered + excluded.answered, agreed = outcome_rollups.agreed + excluded.agreed
                """
            ).run()
        }
        let contributors = delta.contributors.sorted { ($0.key, $0.library) < ($1.key, $1.library) }
        for start in stride(from: 0, to: contributors.count, by: 500) {
            var insert = db.insert(into: "outcome_contributors").columns("scope", "kind", "item", "library_id")
            for c in contributors[start..<min(start + 500, contributors.count)] {
                insert = insert.values(SQLBind(c.key.scope), SQLBind(c.key.kind), SQLBind(c.key.item), SQLBind(c.library))
            }
            try await insert.ignoringConflicts(with: ["scope", "kind", "item", "library_id"]).run()
        }
        for (service, answers) in delta.services.sorted(by: { $0.key < $1.key }) {
            try await db.raw(
                """
                INSERT INTO outcome_scope_services (scope, design_id, answers) VALUES (\(bind: service.scope), \(bind: service.design), \
                \(bind: Int64(answers))) ON CONFLICT (scope, design_id) DO UPDATE SET answers = outcome_scope_services.answers + excluded.answers
                """
            ).run()
        }
    }

    func insertProfile(_ surveyID: Int64, _ profile: RespondentProfile) async throws {
        guard !profile.isEmpty else { return }
        try await db.insert(into: "outcome_profiles").columns("survey_id", "age_band", "gender", "first_visit")
            .values(SQLBind(surveyID), SQLBind(profile.ageBand?.rawValue), SQLBind(profile.gender?.rawValue), SQLBind(profile.firstVisit))
            .run()
    }

    func tallies(_ surveyID: Int64) async throws -> [OutcomeItem: ItemTally] {
        var result: [OutcomeItem: ItemTally] = [:]
        for row in try await db.select().columns("item", "answered", "agreed").from("outcome_tallies").where("survey_id", .equal, surveyID)
            .all()
        {
            guard let item = OutcomeItem(rawValue: try row.decode(column: "item", as: String.self)) else { continue }
            result[item] = ItemTally(
                answered: Int(try row.decode(column: "answered", as: Int64.self)),
                agreed: Int(try row.decode(column: "agreed", as: Int64.self)))
        }
        return result
    }

    /// Where figures are added up: everywhere, one district's libraries, or one library.
    enum Scope: Sendable, Equatable {
        case network
        case district(String)
        case library(Int64)

        /// The scope's name in the rollup tables.
        var key: String {
            switch self {
            case .network: "network"
            case .district(let code): "district:" + code
            case .library(let id): "library:" + String(id)
            }
        }
    }

    /// The figures of every survey of this kind in the scope, with the number of libraries whose
    /// services contributed: read from the rollups, a few rows.
    func pooled(_ kind: SurveyKind, _ scope: Scope) async throws -> [OutcomeItem: PooledTally] {
        let sums = try await db.select().columns("item", "answered", "agreed").from("outcome_rollups")
            .where("scope", .equal, scope.key).where("kind", .equal, kind.rawValue).all()
        let libraries = try await db.raw(
            """
            SELECT item, COUNT(*) AS libraries FROM outcome_contributors WHERE scope = \(bind: scope.key) AND kind = \(bind: kind.rawValue) \
            GROUP BY item
            """
        ).all()
        var counts: [String: Int] = [:]
        for row in libraries {
            counts[try row.decode(column: "item", as: String.self)] = Int(try row.decode(column: "libraries", as: Int64.self))
        }
        var result: [OutcomeItem: PooledTally] = [:]
        for row in sums {
            let raw = try row.decode(column: "item", as: String.self)
            guard let item = OutcomeItem(rawValue: raw) else { continue }
            result[item] = PooledTally(
                tally: ItemTally(
                    answered: Int(try row.decode(column: "answered", as: Int64.self)),
                    agreed: Int(try row.decode(column: "agreed", as: Int64.self))),
                libraries: counts[raw] ?? 0)
        }
        return result
    }

    struct AnswerCounts: Sendable {
        var total = 0
        var paper = 0
        var examples = 0
    }

    func counts(_ surveyID: Int64) async throws -> AnswerCounts {
        let rows = try await db.raw(
            """
            SELECT channel, example, COUNT(*) AS n FROM outcome_answers WHERE survey_id = \(bind: surveyID) GROUP BY channel, example
            """
        ).all()
        var counts = AnswerCounts()
        for row in rows {
            let n = Int(try row.decode(column: "n", as: Int64.self))
            counts.total += n
            if try row.decode(column: "channel", as: String.self) == AnswerChannel.paper.rawValue { counts.paper += n }
            if try row.decode(column: "example", as: Bool.self) { counts.examples += n }
        }
        return counts
    }

    struct StoredAnswer: Sendable {
        let id: Int64
        let answer: OutcomeAnswer
        let channel: AnswerChannel
        let answeredOn: String
        let example: Bool
    }

    /// Answers in the order they came, `limit` at a time after `after`.
    func answers(_ surveyID: Int64, after: Int64 = 0, limit: Int = 1000) async throws -> [StoredAnswer] {
        try await db.select().columns("id", "answers", "channel", "answered_on", "example").from("outcome_answers")
            .where("survey_id", .equal, surveyID).where("id", .greaterThan, after).orderBy("id").limit(limit).all()
            .map { row in
                StoredAnswer(
                    id: try row.decode(column: "id", as: Int64.self),
                    answer: try MeetingStore.decode(OutcomeAnswer.self, try row.decode(column: "answers", as: String.self)),
                    channel: AnswerChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .web,
                    answeredOn: try row.decode(column: "answered_on", as: String.self),
                    example: try row.decode(column: "example", as: Bool.self))
            }
    }

    func profiles(_ surveyID: Int64) async throws -> [RespondentProfile] {
        try await db.select().columns("age_band", "gender", "first_visit").from("outcome_profiles").where("survey_id", .equal, surveyID)
            .all()
            .map { row in
                RespondentProfile(
                    ageBand: (try row.decodeNil(column: "age_band") ? nil : try row.decode(column: "age_band", as: String.self)).flatMap(
                        AgeBand.init),
                    gender: (try row.decodeNil(column: "gender") ? nil : try row.decode(column: "gender", as: String.self)).flatMap(
                        Gender.init),
                    firstVisit: try row.decodeNil(column: "first_visit") ? nil : try row.decode(column: "first_visit", as: Bool.self))
            }
    }

    // MARK: Follow-up contacts

    func insertContact(_ designID: Int64, email: String, language: Language, sendOn: LocalDate, today: LocalDate) async throws {
        try await db.insert(into: "outcome_contacts").columns("design_id", "email", "language", "send_on", "created_on")
            .values(SQLBind(designID), SQLBind(email), SQLBind(language.rawValue), SQLBind(sendOn.iso), SQLBind(today.iso)).run()
    }

    struct Contact: Sendable {
        let id: Int64
        let designID: Int64
        let email: String
        let language: Language
    }

    func dueContacts(_ today: LocalDate, limit: Int = 200) async throws -> [Contact] {
        try await db.select().columns("id", "design_id", "email", "language").from("outcome_contacts")
            .where("send_on", .lessThanOrEqual, today.iso).orderBy("id").limit(limit).all()
            .map { row in
                Contact(
                    id: try row.decode(column: "id", as: Int64.self), designID: try row.decode(column: "design_id", as: Int64.self),
                    email: try row.decode(column: "email", as: String.self),
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .bg)
            }
    }

    /// Removes the contact; true for the one caller that removed it, so that of several app
    /// instances only one writes the invitation.
    func take(_ contactID: Int64) async throws -> Bool {
        try await db.delete(from: "outcome_contacts").where("id", .equal, contactID).returning("id").first() != nil
    }

    /// Erases addresses kept longer than the rule allows, whatever happened to them.
    func eraseContacts(createdBefore day: LocalDate) async throws {
        try await db.delete(from: "outcome_contacts").where("created_on", .lessThan, day.iso).run()
    }

    func contactCount(_ designID: Int64) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outcome_contacts")
            .where("design_id", .equal, designID).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
