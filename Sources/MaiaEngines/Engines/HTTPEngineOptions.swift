public import MaiaCore
public import MaiaHTTP

/// How an HTTP engine sends its requests: the transport, the retry policy and the deadline, shared by every
/// concrete engine (`ClaudeEngine`, `OpenAIChatEngine`, `TGIGenerateEngine`).
public struct HTTPEngineOptions: Sendable {
    /// Waits before a retry; tests inject one that returns at once (and records the delays).
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    /// The HTTP client; one per process (`AsyncHTTPTransport()`), or a loopback one in tests.
    public var transport: any HTTPTransport
    /// When to retry a failed attempt. Retries happen only before the response body reaches the consumer.
    public var retryPolicy: RetryPolicy
    /// The whole exchange (connect, generation, streaming) must finish within this time.
    public var timeout: Duration
    /// Waits between retries.
    public var sleep: Sleep
    /// Removes configured secrets from every provider message before it becomes an `EngineError`.
    public var redactor: SecretRedactor
    /// Told, as it happens, about every wait of at least ``announcedWait`` (a retry's backoff or a provider's
    /// `retry-after`), so that a person is not left looking at silence; the CLI prints it on stderr.
    public var announce: @Sendable (String) -> Void

    /// Waits at least this long are announced.
    public static let announcedWait: Duration = .seconds(3)

    /// Creates options; the defaults retry twice with backoff and allow 5 minutes per call.
    public init(
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(300),
        redactor: SecretRedactor = .none,
        announce: @escaping @Sendable (String) -> Void = { _ in },
        sleep: @escaping Sleep = { try await Task.sleep(for: $0) }
    ) {
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.timeout = timeout
        self.redactor = redactor
        self.announce = announce
        self.sleep = sleep
    }
}
