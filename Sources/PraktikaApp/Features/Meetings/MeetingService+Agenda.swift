import Fluent
import Foundation
import PraktikaDomain
import SQLKit

extension MeetingService {
    // MARK: Sessions and items

    /// Adds a session (with any items it carries) to the programme.
    func addSession(_ stored: StoredMeeting, _ session: AgendaSession) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        var cleared = session
        for index in cleared.items.indices { cleared.items[index].practiceDesignID = nil }
        let session = cleared
        let errors = MeetingValidation.session(session, days: stored.meeting.days)
        guard errors.isEmpty else { return .invalid(errors) }
        return .saved(try await inTransaction { store, _ in try await store.insertSession(stored.id, session) })
    }

    /// Replaces a session's own fields (day, times, title, chair); its items stay as they are.
    func updateSession(_ stored: StoredMeeting, _ sessionID: Int64, _ session: AgendaSession) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        var fields = session
        fields.items = []
        let errors = MeetingValidation.session(fields, days: stored.meeting.days)
        guard errors.isEmpty else { return .invalid(errors) }
        guard try await store.updateSession(stored.id, sessionID, fields) else { return .notFound }
        return .saved(sessionID)
    }

    func deleteSession(_ stored: StoredMeeting, _ sessionID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await session(stored, sessionID) != nil else { return .notFound }
        try await inTransaction { store, _ in try await store.deleteSession(stored.id, sessionID) }
        return .saved(sessionID)
    }

    /// The session of this meeting with that id, with its items.
    func session(_ stored: StoredMeeting, _ sessionID: Int64) async throws -> AgendaSession? {
        try await store.agenda(stored.id).sessions.first { $0.id == sessionID }
    }

    /// The item of this meeting's programme with that id.
    func item(_ stored: StoredMeeting, _ itemID: Int64) async throws -> AgendaItem? {
        try await store.agenda(stored.id).sessions.flatMap(\.items).first { $0.id == itemID }
    }

    func addItem(_ stored: StoredMeeting, sessionID: Int64, _ item: AgendaItem) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        // The practice recorded from a presentation is linked by `recordPresentation`, never by the caller.
        var item = item
        item.practiceDesignID = nil
        guard try await session(stored, sessionID) != nil else { return .notFound }
        let errors = MeetingValidation.item(item)
        guard errors.isEmpty else { return .invalid(errors) }
        return .saved(try await store.insertItem(sessionID, item))
    }

    /// Replaces an item's fields; its session, its place, its files and the practice recorded
    /// from it stay.
    func updateItem(_ stored: StoredMeeting, _ itemID: Int64, _ item: AgendaItem) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard let sessionID = try await store.sessionOfItem(stored.id, itemID) else { return .notFound }
        let errors = MeetingValidation.item(item)
        guard errors.isEmpty else { return .invalid(errors) }
        try await store.updateItem(itemID, sessionID: sessionID, item)
        return .saved(itemID)
    }

    func deleteItem(_ stored: StoredMeeting, _ itemID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await store.sessionOfItem(stored.id, itemID) != nil else { return .notFound }
        try await inTransaction { store, _ in try await store.deleteItem(itemID) }
        return .saved(itemID)
    }

    // MARK: Presentations as designs

    /// Records a presentation of good practice as a draft design of the meeting's organising
    /// libraries, linked from the programme; they complete it and publish it in the catalogue.
    func recordPresentation(_ stored: StoredMeeting, itemID: Int64) async throws -> Outcome {
        guard Policy.mayOrganise(actor, meeting: stored.scope) else { return .forbidden }
        let agenda = try await store.agenda(stored.id)
        guard let session = agenda.sessions.first(where: { $0.items.contains { $0.id == itemID } }),
            let item = session.items.first(where: { $0.id == itemID }), item.kind == .presentation
        else { return .notFound }
        if let existing = item.practiceDesignID { return .saved(existing) }
        let design = item.practiceDraft(
            libraryIDs: stored.meeting.organiserLibraryIDs, meetingTitle: stored.meeting.title, day: session.day, language)
        return try await createDesign(design) { id in try await store.setItemPractice(itemID, designID: id) }
    }
}
