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

/// The outcome pages of one service, each below `/services/{id}/outcomes`.
enum OutcomePage: Sendable, Equatable {
    case overview, setUp, answersCSV, resultsCSV, periods
    case periodResult(Int64)
    case periodReview(Int64)
    case settings(SurveyKind)
    case paper(SurveyKind)
    case entry(SurveyKind)
    case qr(SurveyKind)
    case poster(SurveyKind)

    var segments: [SiteURL.Segment] {
        func kind(_ k: SurveyKind) -> SiteURL.Segment { .parameter("kind", k.rawValue) }
        switch self {
        case .overview: return []
        case .setUp: return ["set-up"]
        case .answersCSV: return ["answers.csv"]
        case .resultsCSV: return ["results.csv"]
        case .periods: return ["periods"]
        case .periodResult(let p): return ["periods", .sub(p), "result"]
        case .periodReview(let p): return ["periods", .sub(p), "review"]
        case .settings(let k): return [kind(k), "settings"]
        case .paper(let k): return [kind(k), "paper"]
        case .entry(let k): return [kind(k), "entry"]
        case .qr(let k): return [kind(k), "qr.svg"]
        case .poster(let k): return [kind(k), "poster"]
        }
    }
}

/// The pages of one meeting, each below `/meetings/{id}`.
enum MeetingPage: Sendable, Equatable {
    case overview, edit, delete
    case agenda
    case session(Int64)
    case sessionDelete(Int64)
    case items(Int64)
    case item(Int64)
    case itemDelete(Int64)
    case itemPractice(Int64)
    case itemAttachments(Int64)
    case programme, calendar
    case participants
    case participant(Int64)
    case participantDelete(Int64)
    case importCSV, participantsCSV, badges
    case tables
    case tableDelete(Int64)
    case seat, move
    case tableResult(Int64)
    case feedback
    case feedbackForm(Int64)
    case feedbackResults(Int64)
    case feedbackCSV(Int64)
    case feedbackPaper(Int64)
    case report, reportMarkdown, reportDocx, reportPublish
    /// Check-in on the day: the list, one person (what a badge's QR code opens), undoing it, and
    /// everyone present at a session.
    case checkIn
    case checkInPerson(Int64)
    case checkInUndo(Int64)
    case checkInSession
    case unpin
    case tableCards
    case participantWithdraw(Int64)
    case certificates
    case certificate(Int64)
    case messages
    case sendAfter
    case actions
    case action(Int64)

    /// The path below `/meetings/{id}`; a sub-record's id is the parameter `sub`.
    var segments: [SiteURL.Segment] {
        typealias S = SiteURL.Segment
        switch self {
        case .overview: return []
        case .edit: return ["edit"]
        case .delete: return ["delete"]
        case .agenda: return ["agenda"]
        case .session(let s): return ["agenda", "sessions", S.sub(s)]
        case .sessionDelete(let s): return ["agenda", "sessions", S.sub(s), "delete"]
        case .items(let s): return ["agenda", "sessions", S.sub(s), "items"]
        case .item(let i): return ["agenda", "items", S.sub(i)]
        case .itemDelete(let i): return ["agenda", "items", S.sub(i), "delete"]
        case .itemPractice(let i): return ["agenda", "items", S.sub(i), "practice"]
        case .itemAttachments(let i): return ["agenda", "items", S.sub(i), "attachments"]
        case .programme: return ["programme"]
        case .calendar: return ["programme.ics"]
        case .participants: return ["participants"]
        case .participant(let p): return ["participants", S.sub(p)]
        case .participantDelete(let p): return ["participants", S.sub(p), "delete"]
        case .importCSV: return ["participants", "import"]
        case .participantsCSV: return ["participants.csv"]
        case .badges: return ["badges"]
        case .tables: return ["tables"]
        case .tableDelete(let t): return ["tables", S.sub(t), "delete"]
        case .seat: return ["tables", "seat"]
        case .move: return ["tables", "move"]
        case .tableResult(let t): return ["tables", S.sub(t), "result"]
        case .feedback: return ["feedback"]
        case .feedbackForm(let f): return ["feedback", S.sub(f)]
        case .feedbackResults(let f): return ["feedback", S.sub(f), "results"]
        case .feedbackCSV(let f): return ["feedback", S.sub(f), "results.csv"]
        case .feedbackPaper(let f): return ["feedback", S.sub(f), "paper"]
        case .report: return ["report"]
        case .reportMarkdown: return ["report.md"]
        case .reportDocx: return ["report.docx"]
        case .reportPublish: return ["report", "publish"]
        case .checkIn: return ["checkin"]
        case .checkInPerson(let p): return ["checkin", S.sub(p)]
        case .checkInUndo(let p): return ["checkin", S.sub(p), "undo"]
        case .checkInSession: return ["checkin", "session"]
        case .unpin: return ["tables", "unpin"]
        case .tableCards: return ["tables", "cards"]
        case .participantWithdraw(let p): return ["participants", S.sub(p), "withdraw"]
        case .certificates: return ["certificates"]
        case .certificate(let p): return ["certificates", S.sub(p)]
        case .messages: return ["messages"]
        case .sendAfter: return ["messages", "after"]
        case .actions: return ["actions"]
        case .action(let a): return ["actions", S.sub(a)]
        }
    }
}

/// Every path the site serves and links to, in one place: routes are registered from the same
/// cases that pages print (`route`), so a renamed route cannot leave a dead link behind. A case's
/// identifiers become the route's parameters; registering uses any value for them (`SiteURL.any`).
enum SiteURL: Sendable, Equatable {
    case home
    case signIn
    case signOut
    case language(Language)
    case asset(String)
    case favicon
    case health
    case registry(RegistryArea)
    case newRecord(RegistryArea)
    case record(RegistryArea, String)
    case editRecord(RegistryArea, String)
    case deleteRecord(RegistryArea, String)
    /// The outcome dashboards („Резултати“).
    case outcomes
    /// A coordinator's list of indicator results due, submitted, returned and overdue.
    case outcomeReviews
    /// The dashboard's figures as CSV, for the same scope.
    case outcomesCSV
    /// The outcome areas designs choose from; administrators add the network's own.
    case outcomeAreas
    case serviceOutcomes(Int64, OutcomePage)
    /// The anonymous answer page of an outcome survey: short, for QR codes and posters.
    case survey(String)
    case mail
    case mailRetry(Int64)
    case meetings
    case newMeeting
    case meetingSeries
    case meeting(Int64, MeetingPage)
    /// Partnerships: the list with what is due, one partnership, its forms.
    case partnerships
    case newPartnership
    case partnership(Int64)
    case editPartnership(Int64)
    case partnershipContributions(Int64)
    case partnershipInteractions(Int64)
    /// A partnership's agreements; the signed file of one (an upload, so its path ends as other
    /// uploads' do); deleting one.
    case partnershipAgreements(Int64)
    /// The overview of a district's or the whole network's partnerships.
    case partnershipNetwork
    /// The partnerships one may read, and their contributions, as CSV.
    case partnershipsCSV
    case partnershipContributionsCSV
    case partnershipAgreementFile(Int64, Int64)
    case partnershipAgreementDelete(Int64, Int64)
    /// Deleting a contribution or a contact recorded by mistake.
    case partnershipContributionDelete(Int64, Int64)
    case partnershipInteractionDelete(Int64, Int64)
    /// Changing an agreement, a contribution or a contact.
    case partnershipAgreementEdit(Int64, Int64)
    case partnershipContributionEdit(Int64, Int64)
    case partnershipInteractionEdit(Int64, Int64)
    /// Asking for a link to choose a new password, and the link itself.
    case forgotPassword
    case resetPassword(String)
    /// The public registration link of a meeting.
    case register(String)
    /// The public, anonymous feedback link of a form.
    case answerFeedback(String)
    /// A participant's own page, by the personal link in their messages: their place, the
    /// programme, withdrawing, their certificate.
    case registration(String)
    case registrationWithdraw(String)
    case registrationCertificate(String)
    case registrationLeaveSession(String, Int64)
    /// The public check of a certificate by its serial number.
    case certificates
    case certificate(String)
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
    case serviceDocx(Int64)
    case serviceLeafletDocx(Int64)
    case serviceLeaflet(Int64)
    case serviceLeafletEdit(Int64)
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
        case token(Int64)
        case collection(RegistryArea)
        /// A district by its ISO code (`BG-13`).
        case district(String)
        case item(RegistryArea, String)
        case audit
        case services
        case service(Int64)
        case serviceRevisions(Int64)
        case search
        case practices
        case practice(Int64)
        case adoptPractice(Int64)
        case seating
        case meetings
        case meeting(Int64, MeetingAPIPage)
        case meetingSession(Int64, Int64)
        case meetingSessionItems(Int64, Int64)
        case meetingItem(Int64, Int64)
        case meetingParticipant(Int64, Int64)
        case meetingTableResult(Int64, Int64)
        case meetingFormResults(Int64, Int64)
        case answerFeedback(String)
        case serviceOutcomes(Int64)
        case serviceSurveys(Int64)
        case serviceSurvey(Int64, SurveyKind)
        case surveyAnswers(String)
        case servicePeriods(Int64)
        case servicePeriodResult(Int64, Int64)
        case servicePeriodReview(Int64, Int64)
        case partnerships
        case partnership(Int64)
        case partnershipContributions(Int64)
        case partnershipInteractions(Int64)
        case partnershipAgreements(Int64)
        case partnershipAgreement(Int64, Int64)
        case partnershipContribution(Int64, Int64)
        case partnershipInteraction(Int64, Int64)

        var segments: [Segment] {
            typealias S = Segment
            switch self {
            case .openAPI: return ["openapi.json"]
            case .tokens: return ["tokens"]
            case .currentToken: return ["tokens", "current"]
            case .token(let id): return ["tokens", S.id(id)]
            case .collection(let area): return [.fixed(area.rawValue)]
            case .district(let code): return ["districts", .parameter("code", code)]
            case .item(let area, let id): return [.fixed(area.rawValue), S.id(id)]
            case .audit: return ["audit"]
            case .services: return ["services"]
            case .service(let id): return ["services", S.id(id)]
            case .serviceRevisions(let id): return ["services", S.id(id), "revisions"]
            case .search: return ["search"]
            case .practices: return ["practices"]
            case .practice(let id): return ["practices", S.id(id)]
            case .adoptPractice(let id): return ["practices", S.id(id), "adopt"]
            case .seating: return ["seating"]
            case .meetings: return ["meetings"]
            case .meeting(let id, let page): return ["meetings", S.id(id)] + (page == .item ? [] : [.fixed(page.rawValue)])
            case .meetingSession(let id, let s): return ["meetings", S.id(id), "agenda", S.sub(s)]
            case .meetingSessionItems(let id, let s): return ["meetings", S.id(id), "agenda", S.sub(s), "items"]
            case .meetingItem(let id, let i): return ["meetings", S.id(id), "agenda", "items", S.sub(i)]
            case .meetingParticipant(let id, let p): return ["meetings", S.id(id), "participants", S.sub(p)]
            case .meetingTableResult(let id, let t): return ["meetings", S.id(id), "tables", S.sub(t), "result"]
            case .meetingFormResults(let id, let f): return ["meetings", S.id(id), "feedback", S.sub(f), "results"]
            case .answerFeedback(let token): return ["feedback", .parameter("token", token)]
            case .serviceOutcomes(let id): return ["services", S.id(id), "outcomes"]
            case .serviceSurveys(let id): return ["services", S.id(id), "surveys"]
            case .serviceSurvey(let id, let kind): return ["services", S.id(id), "surveys", .parameter("kind", kind.rawValue)]
            case .surveyAnswers(let token): return ["surveys", .parameter("token", token), "answers"]
            case .servicePeriods(let id): return ["services", S.id(id), "indicator-periods"]
            case .servicePeriodResult(let id, let p): return ["services", S.id(id), "indicator-periods", S.sub(p), "result"]
            case .servicePeriodReview(let id, let p): return ["services", S.id(id), "indicator-periods", S.sub(p), "review"]
            case .partnerships: return ["partnerships"]
            case .partnership(let id): return ["partnerships", S.id(id)]
            case .partnershipContributions(let id): return ["partnerships", S.id(id), "contributions"]
            case .partnershipInteractions(let id): return ["partnerships", S.id(id), "interactions"]
            case .partnershipAgreements(let id): return ["partnerships", S.id(id), "agreements"]
            case .partnershipAgreement(let id, let a): return ["partnerships", S.id(id), "agreements", S.sub(a)]
            case .partnershipContribution(let id, let c): return ["partnerships", S.id(id), "contributions", S.sub(c)]
            case .partnershipInteraction(let id, let i): return ["partnerships", S.id(id), "interactions", S.sub(i)]
            }
        }
    }

    enum MeetingAPIPage: String, Sendable, Equatable {
        case item = "", agenda, participants, tables, seating, results, feedback, report
    }

    /// One part of a path: fixed text, or a value that the route names as a parameter.
    enum Segment: Sendable, Equatable, ExpressibleByStringLiteral {
        case fixed(String)
        case parameter(String, String)

        init(stringLiteral value: String) { self = .fixed(value) }

        static func id(_ value: Int64) -> Segment { .parameter(SiteURL.idParameter, String(value)) }
        static func id(_ value: String) -> Segment { .parameter(SiteURL.idParameter, value) }
        static func sub(_ value: Int64) -> Segment { .parameter("sub", String(value)) }

        var text: String {
            switch self {
            case .fixed(let text): text
            case .parameter(_, let value): value
            }
        }
    }

    /// Any identifier, for registering a route: the route names the parameter, not its value.
    static let any: Int64 = 0
    static let anyText = "_"

    var segments: [Segment] {
        typealias S = Segment
        switch self {
        case .home: return []
        case .signIn: return ["sign-in"]
        case .signOut: return ["sign-out"]
        case .forgotPassword: return ["password", "forgot"]
        case .partnerships: return ["partnerships"]
        case .newPartnership: return ["partnerships", "new"]
        case .partnership(let id): return ["partnerships", S.id(id)]
        case .editPartnership(let id): return ["partnerships", S.id(id), "edit"]
        case .partnershipContributions(let id): return ["partnerships", S.id(id), "contributions"]
        case .partnershipInteractions(let id): return ["partnerships", S.id(id), "interactions"]
        case .partnershipAgreements(let id): return ["partnerships", S.id(id), "agreements"]
        case .partnershipNetwork: return ["partnerships", "network"]
        case .partnershipsCSV: return ["partnerships", "export", "partnerships.csv"]
        case .partnershipContributionsCSV: return ["partnerships", "export", "contributions.csv"]
        case .partnershipAgreementFile(let id, let a): return ["partnerships", S.id(id), "agreements", S.sub(a), "attachments"]
        case .partnershipAgreementDelete(let id, let a): return ["partnerships", S.id(id), "agreements", S.sub(a), "delete"]
        case .partnershipContributionDelete(let id, let c): return ["partnerships", S.id(id), "contributions", S.sub(c), "delete"]
        case .partnershipInteractionDelete(let id, let i): return ["partnerships", S.id(id), "interactions", S.sub(i), "delete"]
        case .partnershipAgreementEdit(let id, let a): return ["partnerships", S.id(id), "agreements", S.sub(a), "edit"]
        case .partnershipContributionEdit(let id, let c): return ["partnerships", S.id(id), "contributions", S.sub(c), "edit"]
        case .partnershipInteractionEdit(let id, let i): return ["partnerships", S.id(id), "interactions", S.sub(i), "edit"]
        case .resetPassword(let token): return ["password", "reset", .parameter("token", token)]
        case .language(let language): return ["language", .parameter("code", language.rawValue)]
        case .asset(let name): return ["assets", .parameter("name", name)]
        case .favicon: return ["favicon.ico"]
        case .health: return ["healthz"]
        case .registry(let area): return [.fixed(area.rawValue)]
        case .newRecord(let area): return [.fixed(area.rawValue), "new"]
        case .record(let area, let id): return [.fixed(area.rawValue), S.id(id)]
        case .editRecord(let area, let id): return [.fixed(area.rawValue), S.id(id), "edit"]
        case .deleteRecord(let area, let id): return [.fixed(area.rawValue), S.id(id), "delete"]
        case .outcomes: return ["outcomes"]
        case .outcomeReviews: return ["outcomes", "reviews"]
        case .outcomesCSV: return ["outcomes", "results.csv"]
        case .outcomeAreas: return ["outcomes", "areas"]
        case .serviceOutcomes(let id, let page): return ["services", S.id(id), "outcomes"] + page.segments
        case .survey(let token): return ["s", .parameter("token", token)]
        case .mail: return ["mail"]
        case .mailRetry(let id): return ["mail", S.id(id), "retry"]
        case .meetings: return ["meetings"]
        case .newMeeting: return ["meetings", "new"]
        case .meetingSeries: return ["meetings", "series"]
        case .meeting(let id, let page): return ["meetings", S.id(id)] + page.segments
        case .register(let token): return ["register", .parameter("token", token)]
        case .answerFeedback(let token): return ["feedback", .parameter("token", token)]
        case .registration(let token): return ["r", .parameter("token", token)]
        case .registrationWithdraw(let token): return ["r", .parameter("token", token), "withdraw"]
        case .registrationCertificate(let token): return ["r", .parameter("token", token), "certificate"]
        case .registrationLeaveSession(let token, let session):
            return ["r", .parameter("token", token), "sessions", S.sub(session), "leave"]
        case .certificates: return ["certificates"]
        case .certificate(let serial): return ["certificates", .parameter("serial", serial)]
        case .file(let id, let name):
            return ["files", S.id(id), .parameter("name", name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file")]
        case .fileDelete(let id): return ["files", S.id(id), "delete"]
        case .serviceAttachments(let id): return ["services", S.id(id), "attachments"]
        case .services: return ["services"]
        case .newService: return ["services", "new"]
        case .service(let id): return ["services", S.id(id)]
        case .serviceBlock(let id, let block): return ["services", S.id(id), "edit", .parameter("block", block.rawValue)]
        case .serviceHistory(let id): return ["services", S.id(id), "history"]
        case .serviceCompare(let id): return ["services", S.id(id), "history", "compare"]
        case .serviceRestore(let id, let version):
            return ["services", S.id(id), "history", .parameter("version", String(version)), "restore"]
        case .serviceDelete(let id): return ["services", S.id(id), "delete"]
        case .practices: return ["practices"]
        case .publishService(let id): return ["services", S.id(id), "publish"]
        case .unpublishService(let id): return ["services", S.id(id), "unpublish"]
        case .adoptService(let id): return ["services", S.id(id), "adopt"]
        case .servicePrint(let id): return ["services", S.id(id), "print"]
        case .serviceSVG(let id): return ["services", S.id(id), "chart.svg"]
        case .serviceDocx(let id): return ["services", S.id(id), "chart.docx"]
        case .serviceLeafletDocx(let id): return ["services", S.id(id), "leaflet.docx"]
        case .serviceLeaflet(let id): return ["services", S.id(id), "leaflet"]
        case .serviceLeafletEdit(let id): return ["services", S.id(id), "leaflet", "edit"]
        case .audit: return ["audit"]
        case .users: return ["users"]
        case .newUser: return ["users", "new"]
        case .eraseUser(let id): return ["users", S.id(id), "erase"]
        case .account: return ["account"]
        case .accountLanguage: return ["account", "language"]
        case .accountPassword: return ["account", "password"]
        case .accountRevokeToken(let id): return ["account", "tokens", S.id(id), "revoke"]
        case .accountExport: return ["account", "export.json"]
        case .personExport(let id): return ["people", S.id(id), "export.json"]
        case .api(let api): return ["api", "v1"] + api.segments
        }
    }

    /// The path pages print.
    var path: String { "/" + segments.map(\.text).joined(separator: "/") }

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
