import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import PraktikaDomain

/// Where mail goes: `PRAKTIKA_SMTP_URL`, `smtp://[user:password@]host[:port]` for a relay that
/// takes plain SMTP (port 25 by default; a local relay), or `smtps://…` for SMTP over TLS
/// (port 465 by default). A user name and password are sent with AUTH PLAIN.
struct SMTPSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var tls: Bool
    var username: String?
    var password: String?

    init(host: String, port: Int, tls: Bool = false, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.username = username
        self.password = password
    }

    /// Nil for anything but an smtp:// or smtps:// address with a host.
    init?(url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty
        else { return nil }
        self.host = host
        tls = scheme == "smtps"
        port = components.port ?? (tls ? 465 : 25)
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
    }
}

/// Hands one message at a time to an SMTP server (RFC 5321): EHLO, optional AUTH PLAIN, MAIL,
/// RCPT, DATA. Any reply out of the expected class is an error that names the server's words.
struct SMTPClient: MailTransport {
    let settings: SMTPSettings
    /// The name this host gives in EHLO.
    var localName = "praktika.localhost"
    var timeout: TimeAmount = .seconds(30)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(from sender: String, to recipient: String, data: String) async throws {
        for address in [sender, recipient] where address.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) {
            throw Failure(description: "refused address \(address.debugDescription)")
        }
        let settings = self.settings
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(.seconds(10))
        let sslContext = settings.tls ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        let channel = try await bootstrap.connect(host: settings.host, port: settings.port) { channel in
            channel.eventLoop.makeCompletedFuture {
                if let sslContext {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: sslContext, serverHostname: settings.host))
                }
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        let deadline = NIODeadline.now() + timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var lines = inbound.makeAsyncIterator()
                    func reply(expecting first: Character) async throws {
                        var text: [String] = []
                        while true {
                            guard let buffer = try await lines.next() else { throw Failure(description: "connection closed") }
                            let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                            text.append(line)
                            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
                        }
                        guard text.last?.first == first else { throw Failure(description: text.joined(separator: " | ")) }
                    }
                    func command(_ line: String, expecting first: Character) async throws {
                        try await outbound.write(ByteBuffer(string: line + "\r\n"))
                        try await reply(expecting: first)
                    }
                    try await reply(expecting: "2")
                    try await command("EHLO \(localName)", expecting: "2")
                    if let username = settings.username {
                        let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                        try await command("AUTH PLAIN \(token)", expecting: "2")
                    }
                    try await command("MAIL FROM:<\(sender)>", expecting: "2")
                    try await command("RCPT TO:<\(recipient)>", expecting: "2")
                    try await command("DATA", expecting: "3")
                    try await outbound.write(ByteBuffer(string: MailFormat.dotStuffed(data) + "\r\n.\r\n"))
                    try await reply(expecting: "2")
                    try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, (deadline - .now()).nanoseconds)))
                try? await channel.channel.close()
                throw Failure(
                    description: "no answer from \(settings.host):\(settings.port) within \(timeout.nanoseconds / 1_000_000_000) s")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

/// Something that delivers a formatted message; SMTP in production.
protocol MailTransport: Sendable {
    func send(from sender: String, to recipient: String, data: String) async throws
}
