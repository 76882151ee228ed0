import Foundation
import PraktikaDomain
import Vapor

/// What the meetings API answers and accepts, besides the domain's own values.
extension MeetingAPIController {
    struct Envelope: Content {
        let id: Int64
        let meeting: Meeting
        let registrationURL: String?
        let reportPublishedAt: Date?
        let version: Int64

        enum CodingKeys: String, CodingKey {
            case id, meeting, version
            case registrationURL = "registration_url"
            case reportPublishedAt = "report_published_at"
        }
    }

    struct Summary: Content {
        let id: Int64
        let title: String
        let status: String
        let startsOn: String
        let endsOn: String
        let series: String?
        let districts: [String]
        let participants: Int
        let tables: Int
        let designs: Int
        let responses: Int

        enum CodingKeys: String, CodingKey {
            case id, title, status, series, districts, participants, tables, designs, responses
            case startsOn = "starts_on"
            case endsOn = "ends_on"
        }
    }

    struct TableEntry: Content {
        let table: WorkTable
        let participants: [Int64]?
    }

    struct SeatingState: Content {
        /// Participant id → table id.
        let seating: [String: Int64]
        let penalty: SeatingPenalty?
        let tables: [TableFlags]
    }

    struct TableFlags: Content {
        let tableID: Int64
        let size: Int
        let flags: [String]

        enum CodingKeys: String, CodingKey {
            case size, flags
            case tableID = "table_id"
        }
    }

    struct Created: Content {
        let id: Int64
    }

    struct FormEntry: Content {
        let id: Int64
        let form: FeedbackForm
        let open: Bool
        let answerURL: String
        let responses: Int

        enum CodingKeys: String, CodingKey {
            case id, form, open, responses
            case answerURL = "answer_url"
        }
    }

    struct FormRequest: Content {
        let form: FeedbackForm
        let open: Bool?
    }

    struct QuestionResult: Content {
        let id: String
        let prompt: String
        let kind: FeedbackQuestionKind
        let answered: Int
        let counts: [String: Int]?
        let average: Double?
        let texts: [String]?
    }

    struct Results: Content {
        let responses: Int
        let questions: [QuestionResult]
    }

    /// The version a change was made from, beside the record in the same body.
    struct BasedOn: Decodable {
        let version: Int64?
    }
}
