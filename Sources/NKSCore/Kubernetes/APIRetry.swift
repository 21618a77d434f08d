// Repeats a request the API server turned away for a moment (429 Too Many Requests, a 500
// such as an etcd leader change, a 502/503 from what stands in front of it) where repeating
// it is safe: reads, and patches that set fixed values. kubectl's client already retries an
// answer that carries Retry-After; the answers without one would otherwise fail a node, or
// a whole run, for a blip. Anything else — denied, not found, timed out, unreachable — is
// reported at once: repeating it would only make the operator wait.
import Foundation

public struct APIRetry: Sendable {
    /// Tries in all, the first included.
    public var attempts: Int
    public var firstDelay: Duration
    public var maxDelay: Duration
    var sleep: @Sendable (Duration) async throws -> Void

    public init(attempts: Int, firstDelay: Duration, maxDelay: Duration, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
    }

    /// Four tries over about 3.5 s (0.5 s, 1 s, 2 s between them, each ±25%).
    public static let standard = APIRetry(attempts: 4, firstDelay: .milliseconds(500), maxDelay: .seconds(8))
    public static let never = APIRetry(attempts: 1, firstDelay: .zero, maxDelay: .zero)

    public func run<T>(_ request: () async throws -> T) async throws -> T {
        var delay = firstDelay
        for attempt in 1... {
            do {
                return try await request()
            } catch let error as KubectlError where error.isTransient {
                guard attempt < attempts else { throw error.afterTries(attempt) }
                try await sleep(delay * Double.random(in: 0.75...1.25))
                delay = min(delay * 2, maxDelay)
            }
        }
        fatalError("unreachable: the loop returns or throws")
    }
}

extension KubectlError {
    /// The API server's reasons for a refusal that may pass on its own (apimachinery's
    /// StatusReason for 429, 500 and any other 5xx, and 503).
    static let transientReasons = ["Error from server (TooManyRequests)", "Error from server (InternalError)", "Error from server (ServiceUnavailable)"]

    public var isTransient: Bool {
        guard case .failed(_, _, let message) = self else { return false }
        return Self.transientReasons.contains { message.contains($0) }
    }

    func afterTries(_ tries: Int) -> KubectlError {
        guard case .failed(let command, let exitCode, let message) = self, tries > 1 else { return self }
        return .failed(command: command, exitCode: exitCode, message: message + " (the same after \(tries) tries)")
    }
}
