/// A turn that could not be answered. Messages never contain the user's text.
public struct AgentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        /// The input was not acceptable; the message says what is.
        public static let invalidInput = Code(description: "invalidInput")
        /// Every configured engine failed; nothing was stored as MAIA's reply.
        public static let enginesFailed = Code(description: "enginesFailed")
        /// Memory could not be read or the turn could not be stored.
        public static let storage = Code(description: "storage")
    }

    public let code: Code
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
