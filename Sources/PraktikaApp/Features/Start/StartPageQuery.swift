import Foundation
import PraktikaDomain
import SQLKit

/// What a signed-in person's start page shows: their designs and how far each has come, the
/// meetings coming up where they work, and what waits for them (indicator results to enter or
/// to review, open actions from meetings).
struct StartPageData: Sendable {
    struct Design: Sendable {
        let id: Int64
        let title: String
        let status: DesignStatus
        let progress: DesignProgress
    }

    struct Result: Sendable {
        let designID: Int64
        let designTitle: String
        let periodID: Int64
        let period: IndicatorPeriod
        let state: PeriodState
    }

    var designs: [Design] = []
    /// Designs of theirs in all, when more than are shown.
    var designCount = 0
    var meetings: [MeetingRow] = []
    /// Results their designs owe: due, overdue, or returned for correction.
    var toEnter: [Result] = []
    /// Results submitted in their district (coordinators) or anywhere (administrators).
    var toReview: [Result] = []
    var actions: [MeetingStore.OwnedAction] = []
    /// Partnership follow-ups and ends in the coming 60 days: a librarian's library's, a
    /// coordinator's district's, everything for an administrator; nil for those who do not keep partnerships.
    var partnershipsDue: [(item: PartnershipAgenda.Item, partner: String)]?

    var nothingWaits: Bool { toEnter.isEmpty && toReview.isEmpty && actions.isEmpty }
}

enum StartPageQuery {
    static let designLimit = 12

    static func load(_ db: any SQLDatabase, _ actor: Actor, today: LocalDate) async throws -> StartPageData {
        var data = StartPageData()
        // Theirs: designs of their library (a coordinator: of their district's libraries), and designs
        // they changed themselves, that they may still read.
        let own: SQLQueryString =
            actor.role == .coordinator
            ? "d.id IN (SELECT dl.design_id FROM design_libraries dl JOIN libraries l ON l.id = dl.library_id "
                + "WHERE l.district_code = \(bind: actor.districtCode ?? "")) "
            : "d.id IN (SELECT design_id FROM design_libraries WHERE library_id = \(bind: actor.libraryID ?? -1)) "
        let mine: SQLQueryString = "(" + own + "OR d.id IN (SELECT design_id FROM design_revisions WHERE user_id = \(bind: actor.userID)))"
        let filter = mine + " AND " + DesignListQuery.access(ListQuery(), actor)
        let theirs: SQLQueryString = "SELECT d.id FROM service_designs d WHERE " + filter
        data.designCount =
            try await db.raw("SELECT COUNT(*) AS n FROM service_designs d WHERE " + filter).first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.raw(
            "SELECT d.id AS id FROM service_designs d WHERE " + filter + " ORDER BY d.updated_at DESC, d.id DESC LIMIT \(bind: designLimit)"
        ).all().map { try $0.decode(column: "id", as: Int64.self) }
        let designs = DesignStore(db: db)
        let shown = try await designs.designs(ids)
        data.designs = ids.compactMap { id in
            shown[id].map { StartPageData.Design(id: id, title: $0.title, status: $0.status, progress: DesignProgress($0)) }
        }

        // Results: what their own designs owe, and what a reviewer has to look at.
        let store = IndicatorStore(db: db)
        let owed = try await store.owed(designsIn: theirs, today: today)
        var waiting: [StoredPeriod] = []
        if actor.role == .coordinator, let district = actor.districtCode {
            waiting = try await store.submitted(district: district)
        } else if actor.role == .admin {
            waiting = try await store.submitted()
        }
        let titles = try await designs.titles(Array(Set(owed.map(\.designID) + waiting.map(\.designID))))
        data.toEnter = owed.map { stored in
            .init(
                designID: stored.designID, designTitle: titles[stored.designID] ?? "", periodID: stored.id, period: stored.period,
                state: PeriodState.of(stored.period, stored.result, today: today))
        }
        data.toReview = waiting.map { stored in
            .init(
                designID: stored.designID, designTitle: titles[stored.designID] ?? "", periodID: stored.id, period: stored.period,
                state: .submitted)
        }

        // Meetings still to come or under way, where they work.
        let meetings = MeetingStore(db: db)
        data.meetings = try await meetings.upcoming(district: actor.role == .admin ? nil : actor.districtCode, today: today, limit: 5)
        data.actions = try await meetings.openActions(ownerUserID: actor.userID)
        if actor.role == .admin || (actor.role != .partner && actor.districtCode != nil) {
            data.partnershipsDue = try await PartnershipStore(db: db).agenda(
                district: actor.role == .admin ? nil : actor.districtCode, library: actor.role == .librarian ? actor.libraryID : nil,
                today: today)
        } else if actor.role == .partner && actor.partnerID != nil {
            // A partner's own partnerships are the libraries' to follow up; the section links to them.
            data.partnershipsDue = []
        }
        return data
    }
}
