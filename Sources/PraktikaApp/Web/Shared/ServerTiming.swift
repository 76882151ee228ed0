import NIOConcurrencyHelpers
import Vapor

/// The durations of a request's steps, sent back as a `Server-Timing` header
/// (`search;dur=6.30, rows;dur=1.20, …`, in milliseconds) when the configuration asks for it
/// (`AppConfiguration.serverTiming`). The request carries one only then.
final class ServerTiming: Sendable {
    private let started = ContinuousClock.now
    private let steps = NIOLockedValueBox([(name: String, duration: Duration)]())

    func add(_ name: String, _ duration: Duration) {
        steps.withLockedValue { $0.append((name, duration)) }
    }

    /// The header's value: each step, then the whole request so far as `total`.
    var header: String {
        let all = steps.withLockedValue { $0 } + [("total", ContinuousClock.now - started)]
        return all.map { "\($0.name);dur=\(Self.milliseconds($0.duration))" }.joined(separator: ", ")
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let hundredths = (duration / .microseconds(10)).rounded()
        return String(format: "%.2f", hundredths / 100)
    }

    struct Key: StorageKey { typealias Value = ServerTiming }
}

extension Request {
    /// Runs `body` and records how long it took as the step `name`, when this request is timed.
    func timed<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        guard let timing = storage[ServerTiming.Key.self] else { return try await body() }
        let start = ContinuousClock.now
        defer { timing.add(name, ContinuousClock.now - start) }
        return try await body()
    }

    /// Records the time since `start` as the step `name`, when this request is timed: for a wait
    /// that a closure cannot hold, such as an `async let`.
    func record(_ name: String, since start: ContinuousClock.Instant) {
        storage[ServerTiming.Key.self]?.add(name, ContinuousClock.now - start)
    }
}
