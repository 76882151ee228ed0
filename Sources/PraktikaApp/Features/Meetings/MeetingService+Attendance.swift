import Fluent
import Foundation
import PraktikaDomain
import SQLKit

/// On the day and after: check-in, attendance at sessions, certificates for those present, and
/// the message after the meeting.
extension MeetingService {
    enum CheckIn: Equatable {
        case checkedIn
        /// Already checked in, at this time: the first check-in stays.
        case already(Date)
        case notConfirmed(RegistrationStatus)
        case forbidden
        case notFound
    }

    func checkIn(_ stored: StoredMeeting, participantID: Int64, now: Date = Date()) async throws -> CheckIn {
        guard mayOrganise(stored) else { return .forbidden }
        return try await inTransaction { store, _ in
            guard let person = try await store.participant(stored.id, participantID) else { return .notFound }
            guard person.status == .confirmed else { return .notConfirmed(person.status) }
            if let at = person.checkedInAt { return .already(at) }
            return try await store.checkIn(stored.id, participantID, at: Int64(now.timeIntervalSince1970))
                ? .checkedIn : .already(now)
        }
    }

    func undoCheckIn(_ stored: StoredMeeting, participantID: Int64) async throws -> Outcome {
        guard mayOrganise(stored) else { return .forbidden }
        guard try await store.participant(stored.id, participantID) != nil else { return .notFound }
        try await inTransaction { store, _ in try await store.undoCheckIn(stored.id, participantID) }
        return .saved(participantID)
    }

    /// Everyone holding a place is recorded present at the session (and checked in if they were
    /// not); answers how many.
    func markSessionPresent(_ stored: StoredMeeting, sessionID: Int64, now: Date = Date()) async throws -> Result<Int, Failure> {
        guard mayOrganise(stored) else { return .failure(.forbidden) }
        guard try await store.agenda(stored.id).sessions.contains(where: { $0.id == sessionID }) else { return .failure(.notFound) }
        return .success(
            try await inTransaction { store, _ in
                let people = try await store.confirmedParticipants(stored.id).compactMap(\.id)
                let stamp = Int64(now.timeIntervalSince1970)
                for id in people { _ = try await store.checkIn(stored.id, id, at: stamp) }
                try await store.markSession(sessionID, people, at: stamp)
                return people.count
            })
    }

    enum Failure: Error { case forbidden, notFound }

    enum CertificateAnswer {
        case certificate(AttendanceCertificate)
        /// The person holds no place or was not checked in.
        case notAttended
        case notFound
    }

    /// The person's certificate, its serial given on first asking. Only for people present.
    func certificate(_ stored: StoredMeeting, participantID: Int64) async throws -> CertificateAnswer {
        guard let person = try await store.participant(stored.id, participantID) else { return .notFound }
        guard person.status == .confirmed, person.checkedInAt != nil else { return .notAttended }
        let serial = try await inTransaction { store, _ in
            if let existing = try await store.certificateSerial(participantID) { return existing }
            return try await store.issueSerial(
                participantID, CertificateSerial.make(year: stored.meeting.startsOn.year, meetingID: stored.id))
        }
        return .certificate(try await certificate(stored, person, serial: serial))
    }

    /// What a serial number certifies, for the public check; nil when no such certificate holds.
    func verify(serial: String) async throws -> AttendanceCertificate? {
        guard let (meetingID, pid) = try await store.participant(serial: serial), let stored = try await store.find(meetingID),
            let person = try await store.participant(meetingID, pid), person.status == .confirmed, person.checkedInAt != nil
        else { return nil }
        return try await certificate(stored, person, serial: serial)
    }

    private func certificate(_ stored: StoredMeeting, _ person: MeetingParticipant, serial: String) async throws -> AttendanceCertificate {
        let agenda = try await store.agenda(stored.id)
        let attended = try await store.sessionAttendance(stored.id)[person.id ?? 0]
        let names = try await libraryNames(stored.meeting.organiserLibraryIDs)
        return AttendanceCertificate(
            serial: serial, fullName: person.fullName, organisation: person.organisation, meetingTitle: stored.meeting.title,
            startsOn: stored.meeting.startsOn, endsOn: stored.meeting.endsOn, place: stored.meeting.place,
            minutes: AttendanceHours.minutes(agenda, attended: attended),
            organisers: stored.meeting.organiserLibraryIDs.compactMap { names[$0] })
    }

    /// The message after the meeting, to everyone present who gave an address and has not had it:
    /// materials, the feedback links and their certificate. Answers how many were written.
    func sendAfterMeeting(_ stored: StoredMeeting) async throws -> Result<Int, Failure> {
        guard mayOrganise(stored) else { return .failure(.forbidden) }
        let siteAddress = self.siteAddress
        return .success(
            try await inTransaction { store, sql in
                let mailer = MeetingMailer(db: sql, siteAddress: siteAddress)
                var written = 0
                for person in try await store.confirmedParticipants(stored.id) where person.checkedInAt != nil {
                    if let id = person.id, try await store.certificateSerial(id) == nil {
                        _ = try await store.issueSerial(
                            id, CertificateSerial.make(year: stored.meeting.startsOn.year, meetingID: stored.id))
                    }
                    if try await mailer.send(.after, stored, person) { written += 1 }
                }
                return written
            })
    }
}
