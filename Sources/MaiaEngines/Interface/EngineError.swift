/// A failure of an engine call. Descriptions never contain prompts, user text or secrets.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public let code: Code
    /// A sentence a user or operator can act on.
    public let message: String
    /// The provider's own error type (`overloaded_error`, `validation`), when it gave one.
    public let providerErrorType: String?
    /// The HTTP status of the response that carried the error, when there was one.
    public let httpStatus: Int?
    /// How long the provider asked the caller to wait before retrying (`retry-after`, `estimated_time`).
    public let retryAfter: Duration?
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an engine error.
    public init(
        code: Code,
        message: String,
        providerErrorType: String? = nil,
        httpStatus: Int? = nil,
        retryAfter: Duration? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.providerErrorType = providerErrorType
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    public var description: String {
        var kind = code.description
        if let httpStatus { kind += ", HTTP \(httpStatus)" }
        if let providerErrorType { kind += ", \(providerErrorType)" }
        return "Engine error (\(kind)): \(message)"
    }
}
