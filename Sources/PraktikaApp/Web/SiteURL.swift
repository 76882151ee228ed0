import Foundation
import PraktikaDomain

/// The areas of the registry, each a top-level path.
enum RegistryArea: String, CaseIterable, Sendable {
    case districts, municipalities, settlements, libraries, partners, people

    var title: TextKey {
        switch self {
        case .districts: .navDistricts
        case .municipalities: .navMunicipalities
        case .settlements: .navSettlements
        case .libraries: .navLibraries
        case .partners: .navPartners
        case .people: .navPeople
        }
    }
}

/// Sections of the product that later capabilities fill in.
enum UpcomingArea: String, CaseIterable, Sendable {
    case outcomes

    var title: TextKey {
        switch self {
        case .outcomes: .navOutcomes
        }
    }
}

/// The pages of one meeting, each below `/meetings/{id}`.
enum MeetingPage: Sendable, Equatable {
    case overview, edit, delete
    case agenda, session(Int64), sessionDelete(Int64), items(Int64), item(Int64), itemDelete(Int64), itemPractice(Int64), itemAttachments(Int64)
    case programme, calendar
    case participants, participant(Int64), participantDelete(Int64), importCSV, participantsCSV, badges
    case tables, table(Int64), tableDelete(Int64), seat, move, tableResult(Int64)
    case feedback, feedbackForm(Int64), feedbackResults(Int64), feedbackCSV(Int64), feedbackPaper(Int64)
    case report, reportMarkdown, reportPublish

    var suffix: String {
        switch self {
        case .overview: ""
        case .edit: "/edit"
        case .delete: "/delete"
        case .agenda: "/agenda"
        case .session(let s): "/agenda/sessions/\(s)"
        case .sessionDelete(let s): "/agenda/sessions/\(s)/delete"
        case .items(let s): "/agenda/sessions/\(s)/items"
        case .item(let i): "/agenda/items/\(i)"
        case .itemDelete(let i): "/agenda/items/\(i)/delete"
        case .itemPractice(let i): "/agenda/items/\(i)/practice"
        case .itemAttachments(let i): "/agenda/items/\(i)/attachments"
        case .programme: "/programme"
        case .calendar: "/programme.ics"
        case .participants: "/participants"
        case .participant(let p): "/participants/\(p)"
        case .participantDelete(let p): "/participants/\(p)/delete"
        case .importCSV: "/participants/import"
        case .participantsCSV: "/participants.csv"
        case .badges: "/badges"
        case .tables: "/tables"
        case .table(let t): "/tables/\(t)"
        case .tableDelete(let t): "/tables/\(t)/delete"
        case .seat: "/tables/seat"
        case .move: "/tables/move"
        case .tableResult(let t): "/tables/\(t)/result"
        case .feedback: "/feedback"
        case .feedbackForm(let f): "/feedback/\(f)"
        case .feedbackResults(let f): "/feedback/\(f)/results"
        case .feedbackCSV(let f): "/feedback/\(f)/results.csv"
        case .feedbackPaper(let f): "/feedback/\(f)/paper"
        case .report: "/report"
        case .reportMarkdown: "/report.md"
        case .reportPublish: "/report/publish"
        }
    }
}

/// Every path the site serves and links to, in one place: routes are registered from the same
/// cases that pages print, so a renamed route cannot leave a dead link behind.
enum SiteURL: Sendable, Equatable {
    case home
    case signIn
    case signOut
    case language(Language)
    case asset(String)
    case health
    case registry(RegistryArea)
    case newRecord(RegistryArea)
    case record(RegistryArea, String)
    case editRecord(RegistryArea, String)
    case deleteRecord(RegistryArea, String)
    case upcoming(UpcomingArea)
    case meetings
    case newMeeting
    case meetingSeries
    case meeting(Int64, MeetingPage)
    /// The public registration link of a meeting.
    case register(String)
    /// The public, anonymous feedback link of a form.
    case answerFeedback(String)
    /// An attached file, with its name for the browser's save dialog.
    case file(Int64, String)
    case fileDelete(Int64)
    case serviceAttachments(Int64)
    case services
    case newService
    case service(Int64)
    case serviceBlock(Int64, DesignBlock)
    case serviceHistory(Int64)
    case serviceCompare(Int64)
    case serviceRestore(Int64, Int)
    case serviceDelete(Int64)
    case practices
    case publishService(Int64)
    case unpublishService(Int64)
    case adoptService(Int64)
    case servicePrint(Int64)
    case serviceSVG(Int64)
    case serviceLeaflet(Int64)
    case audit
    case users
    case newUser
    case eraseUser(Int64)
    case account
    case accountLanguage
    case accountPassword
    case accountRevokeToken(Int64)
    case accountExport
    case personExport(String)
    case api(APIPath)

    enum APIPath: Sendable, Equatable {
        case openAPI
        case tokens
        case currentToken
        case collection(RegistryArea)
        case item(RegistryArea, String)
        case audit
        case meetings
        case meeting(Int64, MeetingAPIPage)
        case answerFeedback(String)
    }

    enum MeetingAPIPage: String, Sendable, Equatable {
        case item = "", agenda, participants, tables, seating, results, feedback, report
    }

    var path: String {
        switch self {
        case .home: "/"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .language(let language): "/language/\(language.rawValue)"
        case .asset(let name): "/assets/\(name)"
        case .health: "/healthz"
        case .registry(let area): "/\(area.rawValue)"
        case .newRecord(let area): "/\(area.rawValue)/new"
        case .record(let area, let id): "/\(area.rawValue)/\(id)"
        case .editRecord(let area, let id): "/\(area.rawValue)/\(id)/edit"
        case .deleteRecord(let area, let id): "/\(area.rawValue)/\(id)/delete"
        case .upcoming(let area): "/\(area.rawValue)"
        case .meetings: "/meetings"
        case .newMeeting: "/meetings/new"
        case .meetingSeries: "/meetings/series"
        case .meeting(let id, let page): "/meetings/\(id)" + page.suffix
        case .register(let token): "/register/\(token)"
        case .answerFeedback(let token): "/feedback/\(token)"
        case .file(let id, let name): "/files/\(id)/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file")"
        case .fileDelete(let id): "/files/\(id)/delete"
        case .serviceAttachments(let id): "/services/\(id)/attachments"
        case .services: "/services"
        case .newService: "/services/new"
        case .service(let id): "/services/\(id)"
        case .serviceBlock(let id, let block): "/services/\(id)/edit/\(block.rawValue)"
        case .serviceHistory(let id): "/services/\(id)/history"
        case .serviceCompare(let id): "/services/\(id)/history/compare"
        case .serviceRestore(let id, let version): "/services/\(id)/history/\(version)/restore"
        case .serviceDelete(let id): "/services/\(id)/delete"
        case .practices: "/practices"
        case .publishService(let id): "/services/\(id)/publish"
        case .unpublishService(let id): "/services/\(id)/unpublish"
        case .adoptService(let id): "/services/\(id)/adopt"
        case .servicePrint(let id): "/services/\(id)/print"
        case .serviceSVG(let id): "/services/\(id)/chart.svg"
        case .serviceLeaflet(let id): "/services/\(id)/leaflet"
        case .audit: "/audit"
        case .users: "/users"
        case .newUser: "/users/new"
        case .eraseUser(let id): "/users/\(id)/erase"
        case .account: "/account"
        case .accountLanguage: "/account/language"
        case .accountPassword: "/account/password"
        case .accountRevokeToken(let id): "/account/tokens/\(id)/revoke"
        case .accountExport: "/account/export.json"
        case .personExport(let id): "/people/\(id)/export.json"
        case .api(let api):
            switch api {
            case .openAPI: "/api/v1/openapi.json"
            case .tokens: "/api/v1/tokens"
            case .currentToken: "/api/v1/tokens/current"
            case .collection(let area): "/api/v1/\(area.rawValue)"
            case .item(let area, let id): "/api/v1/\(area.rawValue)/\(id)"
            case .audit: "/api/v1/audit"
            case .meetings: "/api/v1/meetings"
            case .answerFeedback(let token): "/api/v1/feedback/\(token)"
            case .meeting(let id, let page): "/api/v1/meetings/\(id)" + (page == .item ? "" : "/\(page.rawValue)")
            }
        }
    }

    /// The path with a query string; empty values are left out.
    func with(_ query: [(String, String)]) -> String {
        let items = query.filter { !$0.1.isEmpty }
        guard !items.isEmpty else { return path }
        return path + "?" + items.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
    }

    /// A query value with every byte percent-encoded except the ASCII that a query may hold as it
    /// is (RFC 3986) and that does not separate parameters: not `&`, `=`, `+`, `?` or `#`.
    static func percentEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count * 3)
        for byte in value.utf8 {
            if byte < 128, queryValueBytes[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let queryValueBytes: [Bool] = (0..<128).map { byte in
        let c = Character(Unicode.Scalar(UInt8(byte)))
        return c.isASCII && (c.isLetter || c.isNumber || "-._~!$'()*,;:@/".contains(c))
    }

    /// Route components with `:id` where a record identifier goes.
    static let idParameter = "id"
}
