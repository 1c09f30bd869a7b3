/// A failure of an engine call. Descriptions never contain prompts, user text or secrets.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable, Hashable {
            case overloaded, rateLimited, modelLoading, providerError, invalidRequest, malformedResponse,
                truncatedStream
        }
        let base: Base
        /// The provider is over capacity (Anthropic `overloaded_error`, HTTP 529); retrying later may work.
        public static let overloaded = Code(base: .overloaded)
        /// The provider rate-limited the caller; retry after the indicated delay.
        public static let rateLimited = Code(base: .rateLimited)
        /// The model is still loading (Hugging Face cold start, HTTP 503 with `estimated_time`); retry after
        /// `retryAfter`.
        public static let modelLoading = Code(base: .modelLoading)
        /// The provider reported an error of its own (HTTP 5xx, a mid-stream error event).
        public static let providerError = Code(base: .providerError)
        /// The provider rejected the request (bad parameters, unknown model, context too long).
        public static let invalidRequest = Code(base: .invalidRequest)
        /// The provider sent something that does not follow its wire format.
        public static let malformedResponse = Code(base: .malformedResponse)
        /// The stream ended before the provider said it was complete.
        public static let truncatedStream = Code(base: .truncatedStream)
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence a user or operator can act on.
    public let message: String
    /// The provider's own error type (`overloaded_error`, `validation`), when it gave one.
    public let providerErrorType: String?
    /// How long the provider asked the caller to wait before retrying (`retry-after`, `estimated_time`).
    public let retryAfter: Duration?
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an engine error.
    public init(
        code: Code,
        message: String,
        providerErrorType: String? = nil,
        retryAfter: Duration? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.providerErrorType = providerErrorType
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    public var description: String {
        if let providerErrorType { return "Engine error (\(code), \(providerErrorType)): \(message)" }
        return "Engine error (\(code)): \(message)"
    }
}
