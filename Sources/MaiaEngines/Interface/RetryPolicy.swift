/// When and how long to wait before retrying a failed engine call: bounded retries with exponential backoff and
/// jitter, honouring the provider's requested delay (PROTOCOLS.md §1.8).
///
/// Retried: overload, rate limits, cold starts, server errors, timeouts and connection failures. Never retried:
/// other 4xx (bad key, unknown model, context too long, bad request), malformed responses, and truncated streams
/// (output may already have reached the user; the caller decides).
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// The backoff before the first retry; it doubles each time.
    public var initialBackoff: Duration
    /// The longest computed backoff.
    public var maxBackoff: Duration
    /// The longest delay honoured from the provider (`retry-after`, cold start `estimated_time`); a longer request
    /// is cut to this bound.
    public var maxRequestedDelay: Duration

    /// Creates a policy; the defaults follow the official Anthropic SDKs (2 retries, 0.5 s doubling to 8 s).
    public init(
        maxRetries: Int = 2,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(8),
        maxRequestedDelay: Duration = .seconds(60)
    ) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRequestedDelay = maxRequestedDelay
    }

    /// Whether `error` is worth retrying at all.
    public func isRetryable(_ error: EngineError) -> Bool {
        switch error.code {
        case .overloaded, .rateLimited, .modelLoading, .providerError, .timedOut, .connectionFailed: true
        default: false
        }
    }

    /// The delay before retry number `retry` (0 for the first retry) after `error`, or `nil` to give up.
    ///
    /// `shouldRetryHeader` is the provider's `x-should-retry` header when present, which overrides the code.
    /// Jitter scales a computed backoff by a random factor in 0.75…1; a provider-requested delay is used as is.
    public func delay(
        beforeRetry retry: Int,
        after error: EngineError,
        shouldRetryHeader: Bool? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Duration? {
        guard retry >= 0, retry < maxRetries, shouldRetryHeader ?? isRetryable(error) else { return nil }
        if let requested = error.retryAfter { return min(requested, maxRequestedDelay) }
        let doubled = initialBackoff * (1 << min(retry, 20))
        let backoff = min(doubled, maxBackoff)
        return backoff * Double.random(in: 0.75...1, using: &generator)
    }
}
