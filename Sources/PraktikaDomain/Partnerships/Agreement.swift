import Foundation

/// What kind of paper a partnership rests on.
public enum AgreementKind: String, LabelledChoice {
    case memorandum, contract
    case letterOfSupport = "letter_of_support"

    public var label: TextKey {
        switch self {
        case .memorandum: .agreementMemorandum
        case .contract: .agreementContract
        case .letterOfSupport: .agreementLetterOfSupport
        }
    }
}

/// A signed agreement of a partnership: a memorandum, a contract or a letter of support, with the
/// day it was signed, how long it holds and when it should be renewed. The signed file is kept
/// as an attachment of the agreement.
public struct Agreement: Sendable, Hashable, Codable {
    public var kind: AgreementKind
    /// What the paper is called ("Меморандум за сътрудничество № 12/2012").
    public var title: String
    public var signedOn: LocalDate
    public var validUntil: LocalDate?
    /// When the library should start renewing it (before `validUntil`, if both are given).
    public var renewOn: LocalDate?
    public var notes: String?

    public init(
        kind: AgreementKind, title: String, signedOn: LocalDate, validUntil: LocalDate? = nil, renewOn: LocalDate? = nil,
        notes: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.signedOn = signedOn
        self.validUntil = validUntil
        self.renewOn = renewOn
        self.notes = notes
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("title", title)
        v.maxLength("title", title, 200)
        v.maxLength("notes", notes, 2_000)
        var errors = v.errors
        if let validUntil, validUntil < signedOn { errors.add("valid_until", .validationEndBeforeStart) }
        if let renewOn {
            if renewOn < signedOn {
                errors.add("renew_on", .validationEndBeforeStart)
            } else if let validUntil, renewOn > validUntil {
                errors.add("renew_on", .validationRenewAfterEnd)
            }
        }
        return errors
    }
}

/// The reminder that an agreement is due for renewal, to the staff of the partnership's libraries.
public enum AgreementReminder {
    /// How many days before its renewal day an agreement is mailed about (the page shows it 60 days before).
    public static let daysBefore = 30

    public static func message(
        recipient: String, name: String, partner: String, agreement: Agreement, link: String, language l: Language
    ) -> MailMessage {
        let f = Formatting(l)
        let values = [
            "name": name, "partner": partner, "title": agreement.title, "kind": agreement.kind.label(l),
            "date": agreement.renewOn.map(f.date) ?? "",
            "until": agreement.validUntil.map { TextKey.agreementMailUntil(l, ["date": f.date($0)]) } ?? "", "link": link,
        ]
        return MailMessage(
            recipient: recipient, subject: TextKey.agreementMailSubject(l, values), body: TextKey.agreementMailBody(l, values),
            kind: "agreement_renewal")
    }
}

/// The mail that reminds a library of the next step it agreed with a partner: sent once, a week
/// before the follow-up day of the partnership's newest contact.
public enum FollowUpReminder {
    public static let daysBefore = 7

    public static func message(
        recipient: String, name: String, partner: String, interaction: Interaction, link: String, language l: Language
    ) -> MailMessage? {
        guard let day = interaction.followUpOn else { return nil }
        let f = Formatting(l)
        let values = [
            "name": name, "partner": partner, "date": f.date(day), "on": f.date(interaction.on), "kind": interaction.kind.label(l),
            "note": interaction.note, "link": link,
        ]
        return MailMessage(
            recipient: recipient, subject: TextKey.followUpMailSubject(l, values), body: TextKey.followUpMailBody(l, values),
            kind: "partnership_follow_up")
    }
}
