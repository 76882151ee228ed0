import Foundation
import PraktikaDomain
import SQLKit

/// The tabs of a meeting's pages.
enum MeetingTab: CaseIterable, Sendable {
    case overview, agenda, participants, checkIn, tables, actions, feedback, report

    var page: MeetingPage {
        switch self {
        case .overview: .overview
        case .agenda: .agenda
        case .participants: .participants
        case .checkIn: .checkIn
        case .actions: .actions
        case .tables: .tables
        case .feedback: .feedback
        case .report: .report
        }
    }

    var title: TextKey {
        switch self {
        case .overview: .meetingTabOverview
        case .agenda: .meetingTabProgramme
        case .participants: .meetingTabParticipants
        case .checkIn: .meetingTabCheckIn
        case .actions: .meetingTabActions
        case .tables: .meetingTabTables
        case .feedback: .meetingTabFeedback
        case .report: .meetingTabReport
        }
    }

    /// Participants and feedback results are for the organisers only.
    var organisersOnly: Bool { self == .participants || self == .feedback || self == .checkIn || self == .actions }
}

/// What every page of one meeting shows around its content.
struct MeetingFrame: Sendable {
    let id: Int64
    let meeting: Meeting
    let mayOrganise: Bool
}

struct MeetingListModel: Sendable {
    let rows: [MeetingRow]
    let canCreate: Bool
    let district: String?
}

struct MeetingOverviewModel: Sendable {
    let frame: MeetingFrame
    let organisers: [String]
    let host: String?
    let participantCount: Int
    let tables: [WorkTable]
    let designTitles: [Int64: String]
    let registrationLink: String?
    let reportPublished: Bool
    var files: [Int64: [AttachmentInfo]] = [:]
}

struct SeatingPageModel: Sendable {
    let frame: MeetingFrame
    let tables: [WorkTable]
    let participants: [MeetingParticipant]
    let mix: [Int64: TableMix]
    let penalty: SeatingPenalty?
    let designTitles: [Int64: String]
    let values: FormInput
    let errors: FieldErrors
    /// Why the last "seat everyone" could not be done.
    var seatingRefusal: String? = nil
}

struct ImportReportModel: Sendable {
    let frame: MeetingFrame
    let problems: [ImportProblem]
    let validRows: Int
    let rowsRead: Int
    let ignoredColumns: [String]
    let csv: String
}

struct FeedbackResultsModel: Sendable {
    let frame: MeetingFrame
    let formID: Int64
    let form: FeedbackForm
    let responses: Int
    let summaries: [QuestionSummary]
}

/// What an organiser may link a participant to: the registry's libraries and partners in the
/// meeting's districts (and whatever the person is already linked to), grouped by district.
struct ParticipantRegistryOptions: Sendable {
    var libraries: [FormOption] = []
    var partners: [FormOption] = []

    static func load(_ db: any SQLDatabase, _ meeting: Meeting, _ language: Language, keeping: MeetingParticipant? = nil) async throws
        -> ParticipantRegistryOptions
    {
        let lookups = RegistryLookups(db: db)
        let districts = Set(meeting.districtCodes)
        return ParticipantRegistryOptions(
            libraries: RegistryLookups.options(
                try await lookups.choices(.libraries, districts: districts, keeping: Set([keeping?.libraryID].compactMap { $0 })), language),
            partners: RegistryLookups.options(
                try await lookups.choices(.partners, districts: districts, keeping: Set([keeping?.partnerID].compactMap { $0 })), language))
    }
}
