extension EngineError {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable, Hashable {
            case overloaded, rateLimited, modelLoading, providerError, invalidRequest, malformedResponse,
                truncatedStream, authenticationFailed, modelNotFound, contextTooLong, serverMisconfigured, timedOut,
                connectionFailed
        }
        let base: Base
        public var description: String { base.rawValue }

        /// The provider is over capacity (Anthropic `overloaded_error`, HTTP 529); retrying later may work.
        public static let overloaded = Code(base: .overloaded)
        /// The provider rate-limited the caller; retry after the indicated delay.
        public static let rateLimited = Code(base: .rateLimited)
        /// The model is still loading (Hugging Face cold start, HTTP 503 with `estimated_time`); retry after
        /// `retryAfter`.
        public static let modelLoading = Code(base: .modelLoading)
        /// The provider reported an error of its own (HTTP 5xx, a mid-stream error event).
        public static let providerError = Code(base: .providerError)
        /// The provider rejected the request (bad parameters); retrying the same request will not help.
        public static let invalidRequest = Code(base: .invalidRequest)
        /// The provider sent something that does not follow its wire format.
        public static let malformedResponse = Code(base: .malformedResponse)
        /// The stream ended before the provider said it was complete.
        public static let truncatedStream = Code(base: .truncatedStream)
        /// The provider rejected the credentials (HTTP 401/403): the API key is missing, wrong or lacks permission.
        public static let authenticationFailed = Code(base: .authenticationFailed)
        /// The model or endpoint does not exist (HTTP 404): check the model id and the base URL.
        public static let modelNotFound = Code(base: .modelNotFound)
        /// The prompt plus `max_tokens` exceeds the model's context window.
        public static let contextTooLong = Code(base: .contextTooLong)
        /// The server is not set up for the request (vLLM without `--enable-auto-tool-choice`).
        public static let serverMisconfigured = Code(base: .serverMisconfigured)
        /// The request took longer than its timeout (HTTP 408, 504, or a client-side timeout).
        public static let timedOut = Code(base: .timedOut)
        /// The connection could not be made or broke before a response (for transports to report).
        public static let connectionFailed = Code(base: .connectionFailed)
    }
}
