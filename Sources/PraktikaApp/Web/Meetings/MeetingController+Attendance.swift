import Foundation
import PraktikaDomain
import Vapor

/// The personal page behind each participant's link, check-in on the day, certificates and their
/// public check, what was sent whom, and withdrawals.
extension MeetingController {
    func registerAttendance(_ routes: any RoutesBuilder) {
        let id = SiteURL.any
        let sub = SiteURL.any
        let token = SiteURL.anyText
        func page(_ page: MeetingPage) -> SiteURL { .meeting(id, page) }
        routes.get(.registration(token), use: personal)
        routes.post(.registrationWithdraw(token), use: withdrawSelf)
        routes.get(.registrationCertificate(token), use: personalCertificate)
        routes.post(.registrationLeaveSession(token, sub), use: leaveSession)
        routes.get(.certificates, use: verify)
        routes.get(.certificate(token), use: verifySerial)
        routes.get(page(.checkIn), use: checkInList)
        routes.get(page(.checkInPerson(sub)), use: checkInPersonPage)
        routes.post(page(.checkInPerson(sub)), use: checkIn)
        routes.post(page(.checkInUndo(sub)), use: undoCheckIn)
        routes.post(page(.checkInSession), use: checkInSession)
        routes.get(page(.certificates), use: certificateList)
        routes.get(page(.certificate(sub)), use: organiserCertificate)
        routes.get(page(.messages), use: messages)
        routes.post(page(.sendAfter), use: sendAfter)
        routes.post(page(.participantWithdraw(sub)), use: withdrawParticipant)
        routes.post(page(.unpin), use: unpin)
        routes.get(page(.seat), use: seatQuestion)
        routes.get(page(.tableCards), use: tableCards)
    }

    // MARK: The personal page

    private func byAccessToken(_ req: Request) async throws -> (StoredMeeting, MeetingParticipant, String) {
        let store = MeetingStore(db: req.sql)
        guard let token = req.parameters.get("token"), let (meetingID, person) = try await store.participant(accessToken: token),
            let stored = try await store.find(meetingID)
        else { throw Abort(.notFound) }
        return (stored, person, token)
    }

    @Sendable func personal(_ req: Request) async throws -> Response {
        let (stored, person, token) = try await byAccessToken(req)
        let store = MeetingStore(db: req.sql)
        let position =
            person.status == .waiting ? Waitlist.position(of: person.id ?? 0, waiting: try await store.waitingIDs(stored.id)) : nil
        let places = try await store.sessionPlaces(stored.id)
        let sessions = try await store.agenda(stored.id).sessions.compactMap { s -> MeetingAttendanceView.Personal.SessionLine? in
            guard let place = places.first(where: { $0.sessionID == s.id && $0.participantID == person.id }) else { return nil }
            let queue = places.filter { $0.sessionID == s.id && $0.status == .waiting }.map(\.participantID)
            return .init(session: s, status: place.status, position: Waitlist.position(of: place.participantID, waiting: queue))
        }
        let response = HTMLResponse.make(
            MeetingAttendanceView.personal(
                .init(
                    token: token, meetingID: stored.id, meeting: stored.meeting, person: person, waitingPosition: position,
                    justRegistered: req.query[String.self, at: "new"] == "1", sessions: sessions), req.page))
        // The link is the key to the registration: never sent on to another site.
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }

    @Sendable func withdrawSelf(_ req: Request) async throws -> Response {
        let (stored, person, token) = try await byAccessToken(req)
        guard person.checkedInAt == nil else { return req.seeOther(SiteURL.registration(token).path) }
        _ = try await service(req).withdraw(stored, participantID: person.id ?? 0, byOrganiser: false)
        return req.seeOther(SiteURL.registration(token).path, flash: .flashWithdrawn)
    }

    @Sendable func leaveSession(_ req: Request) async throws -> Response {
        let (stored, person, token) = try await byAccessToken(req)
        _ = try await service(req).leaveSession(stored, participantID: person.id ?? 0, sessionID: try sub(req))
        return req.seeOther(SiteURL.registration(token).path, flash: .flashWithdrawn)
    }

    @Sendable func personalCertificate(_ req: Request) async throws -> Response {
        let (stored, person, token) = try await byAccessToken(req)
        return try await certificateResponse(req, stored, person.id ?? 0, back: SiteURL.registration(token).path)
    }

    private func certificateResponse(_ req: Request, _ stored: StoredMeeting, _ pid: Int64, back: String) async throws -> Response {
        switch try await service(req).certificate(stored, participantID: pid) {
        case .certificate(let c):
            return HTMLResponse.make(
                MeetingAttendanceView.certificate(c, verifyURL: req.siteAddress + SiteURL.certificate(c.serial).path, back: back, req.page))
        case .notAttended:
            return HTMLResponse.make(MeetingAttendanceView.notAttended(back: back, req.page), status: .conflict)
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: The public check

    @Sendable func verify(_ req: Request) async throws -> Response {
        let typed = req.query[String.self, at: "serial"] ?? ""
        guard !typed.isEmpty else {
            return HTMLResponse.make(MeetingAttendanceView.verify(serial: "", found: nil, asked: false, req.page))
        }
        guard let serial = CertificateSerial.normalised(typed) else {
            return HTMLResponse.make(MeetingAttendanceView.verify(serial: typed, found: nil, asked: true, req.page), status: .notFound)
        }
        return req.seeOther(SiteURL.certificate(serial).path)
    }

    @Sendable func verifySerial(_ req: Request) async throws -> Response {
        let typed = req.parameters.get("serial") ?? ""
        let found = try await CertificateSerial.normalised(typed).asyncFlatMap { try await service(req).verify(serial: $0) }
        return HTMLResponse.make(
            MeetingAttendanceView.verify(serial: typed, found: found, asked: true, req.page), status: found == nil ? .notFound : .ok)
    }

    // MARK: Check-in

    @Sendable func checkInList(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let tables = Dictionary(try await store.tables(stored.id).map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        return HTMLResponse.make(
            MeetingAttendanceView.checkIn(
                .init(
                    frame: frame(req, stored), people: try await store.confirmedParticipants(stored.id),
                    sessions: try await store.agenda(stored.id).sessions, query: req.query[String.self, at: "q"] ?? "", tables: tables),
                req.page))
    }

    @Sendable func checkInPersonPage(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        guard let person = try await store.participant(stored.id, try sub(req)) else { throw Abort(.notFound) }
        let table = try await person.tableID.asyncFlatMap { t in try await store.tables(stored.id).first { $0.id == t }?.number }
        return HTMLResponse.make(MeetingAttendanceView.checkInPerson(frame(req, stored), person, table: table, req.page))
    }

    @Sendable func checkIn(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let pid = try sub(req)
        let back = SiteURL.meeting(stored.id, .checkIn).path
        switch try await service(req).checkIn(stored, participantID: pid) {
        case .checkedIn: return req.seeOther(back, flash: .flashCheckedIn)
        case .already: return req.seeOther(SiteURL.meeting(stored.id, .checkInPerson(pid)).path, flash: .flashAlreadyCheckedIn)
        case .notConfirmed: return req.seeOther(SiteURL.meeting(stored.id, .checkInPerson(pid)).path, flash: .flashNotConfirmed)
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    @Sendable func undoCheckIn(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).undoCheckIn(stored, participantID: try sub(req)), next: SiteURL.meeting(stored.id, .checkIn).path,
            flash: .flashCheckInUndone)
    }

    @Sendable func checkInSession(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        guard let session = formInput(req)["session"].flatMap({ Int64($0) }) else { throw Abort(.badRequest) }
        switch try await service(req).markSessionPresent(stored, sessionID: session) {
        case .success: return req.seeOther(SiteURL.meeting(stored.id, .checkIn).path, flash: .flashSessionPresent)
        case .failure(.forbidden): throw Abort(.forbidden)
        case .failure(.notFound): throw Abort(.notFound)
        }
    }

    // MARK: Certificates and messages

    @Sendable func certificateList(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let present = try await MeetingStore(db: req.sql).confirmedParticipants(stored.id).filter { $0.checkedInAt != nil }
        return HTMLResponse.make(MeetingAttendanceView.certificates(frame(req, stored), present, req.page))
    }

    @Sendable func organiserCertificate(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await certificateResponse(req, stored, try sub(req), back: SiteURL.meeting(stored.id, .certificates).path)
    }

    @Sendable func messages(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        let store = MeetingStore(db: req.sql)
        let people = try await store.participants(stored.id)
        let byID = Dictionary(people.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let settings = req.application.storage[MailSettingsKey.self] ?? .off
        return HTMLResponse.make(
            MeetingAttendanceView.messages(
                frame(req, stored), try await store.messages(stored.id), people: byID, mailOn: settings.smtp != nil,
                presentWithEmail: people.filter { $0.status == .confirmed && $0.checkedInAt != nil && $0.email != nil }.count, req.page))
    }

    @Sendable func sendAfter(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        switch try await service(req).sendAfterMeeting(stored) {
        case .success: return req.seeOther(SiteURL.meeting(stored.id, .messages).path, flash: .flashAfterQueued)
        case .failure(.forbidden): throw Abort(.forbidden)
        case .failure(.notFound): throw Abort(.notFound)
        }
    }

    // MARK: Withdrawals and seating

    @Sendable func withdrawParticipant(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        return try await respond(
            req, try await service(req).withdraw(stored, participantID: try sub(req), byOrganiser: true),
            next: SiteURL.meeting(stored.id, .participants).path, flash: .flashWithdrawn)
    }

    @Sendable func unpin(_ req: Request) async throws -> Response {
        let stored = try await organised(req)
        guard let pid = formInput(req)["participant"].flatMap({ Int64($0) }) else { throw Abort(.badRequest) }
        return try await respond(
            req, try await service(req).unpin(stored, participantID: pid), next: SiteURL.meeting(stored.id, .tables).path,
            flash: .flashUnpinned)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
