import Foundation
import NIOCore
import NIOExtras
import NIOPosix

/// A local SMTP server for tests: accepts every message and keeps it; `refuse` answers every
/// RCPT with a permanent error instead.
final class SMTPSink: Sendable {
    struct Message: Sendable {
        let from: String
        let to: [String]
        let data: String
    }

    actor Inbox {
        var messages: [Message] = []
        func add(_ message: Message) { messages.append(message) }
    }

    let inbox = Inbox()
    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let task: Task<Void, Never>

    static func start(refuse: Bool = false) async throws -> SMTPSink {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return SMTPSink(server: server, refuse: refuse)
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, refuse: Bool) {
        self.server = server
        port = server.channel.localAddress?.port ?? 0
        let inbox = self.inbox
        task = Task {
            try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { try? await Self.serve(connection, inbox: inbox, refuse: refuse) }
                    }
                }
            }
        }
    }

    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, inbox: Inbox, refuse: Bool) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 sink ready")
            var from = ""
            var to: [String] = []
            var data: [String] = []
            var inData = false
            for try await buffer in inbound {
                let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                if inData {
                    if line == "." {
                        inData = false
                        await inbox.add(Message(from: from, to: to, data: data.joined(separator: "\r\n")))
                        data = []
                        try await say("250 queued")
                    } else {
                        data.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                    }
                    continue
                }
                let upper = line.uppercased()
                if upper.hasPrefix("EHLO") {
                    try await say("250-sink")
                    try await say("250 8BITMIME")
                } else if upper.hasPrefix("MAIL FROM:") {
                    from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                    try await say("250 ok")
                } else if upper.hasPrefix("RCPT TO:") {
                    if refuse {
                        try await say("550 no such mailbox")
                    } else {
                        to.append(String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                        try await say("250 ok")
                    }
                } else if upper == "DATA" {
                    inData = true
                    try await say("354 go ahead")
                } else if upper == "QUIT" {
                    try await say("221 bye")
                    return
                } else {
                    try await say("502 not implemented")
                }
            }
        }
    }

    var messages: [Message] {
        get async { await inbox.messages }
    }

    func stop() async {
        try? await server.channel.close()
        task.cancel()
    }
}
