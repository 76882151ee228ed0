import Foundation

/// A file sent with a message (a calendar file of the programme).
public struct MailAttachment: Sendable, Hashable {
    public var filename: String
    public var contentType: String
    public var content: String

    public init(filename: String, contentType: String, content: String) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }
}

/// A message waiting in the outbox: plain text, one recipient, at most one attached file.
public struct MailMessage: Sendable, Hashable {
    public var recipient: String
    public var subject: String
    public var body: String
    /// What sent it ("follow_up", "meeting_reminder"), for the administrator's list.
    public var kind: String
    public var attachment: MailAttachment?

    public init(recipient: String, subject: String, body: String, kind: String, attachment: MailAttachment? = nil) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.kind = kind
        self.attachment = attachment
    }
}

/// When to try again after a failed delivery, and when to give up.
public enum MailRetry {
    /// Seconds to wait after the n-th failed attempt (1-based); nil once the message has failed
    /// for good: a minute, five, half an hour, two hours, twelve hours, then stop.
    public static func delay(afterAttempt attempt: Int) -> Int? {
        let delays = [60, 300, 1800, 7200, 43200]
        return attempt >= 1 && attempt <= delays.count ? delays[attempt - 1] : nil
    }

    public static var maxAttempts: Int { 6 }
}

/// The message as SMTP's DATA carries it (RFC 5322 and MIME): UTF-8 text in base64, the subject
/// as an encoded word, CRLF line ends. Nothing a user typed can add a header.
public enum MailFormat {
    public static func message(from sender: String, _ message: MailMessage, date: Date, messageID: String) -> String {
        let lines = [
            "From: " + headerAddress(sender),
            "To: " + headerAddress(message.recipient),
            "Subject: " + encodedWord(message.subject),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        let text = base64(message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
        guard let attachment = message.attachment else {
            let head = lines + ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", ""]
            return head.joined(separator: "\r\n") + "\r\n" + text + "\r\n"
        }
        // The boundary is derived from the message id: it cannot occur in base64 parts.
        let boundary = "=_praktika_" + String(messageID.filter { $0.isLetter || $0.isNumber }.prefix(40))
        let name = attachment.filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        let type = attachment.contentType.filter { $0.isASCII && !$0.isNewline && $0 != "\"" }
        let parts = [
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
            "--" + boundary, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", text,
            "--" + boundary, "Content-Type: \(type); name=\"\(name)\"", "Content-Disposition: attachment; filename=\"\(name)\"",
            "Content-Transfer-Encoding: base64", "", base64(attachment.content),
            "--" + boundary + "--",
        ]
        return (lines + parts).joined(separator: "\r\n") + "\r\n"
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// An address with anything that could end the header removed.
    static func headerAddress(_ address: String) -> String {
        address.filter { !$0.isNewline && $0 != "<" && $0 != ">" && $0 != "," }
    }

    /// `=?UTF-8?B?…?=` words of at most 39 bytes each, so that no line grows past 78 characters.
    public static func encodedWord(_ text: String) -> String {
        let clean = text.filter { !$0.isNewline }
        if clean.allSatisfy({ $0.isASCII && !$0.isNewline }) && !clean.contains("=?") && clean.count <= 60 { return clean }
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if chunk.utf8.count + character.utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// DATA's transparency (RFC 5321 4.5.2): a line that starts with a dot gets another.
    public static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}
