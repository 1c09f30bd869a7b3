/// A failure of the memory layer. Messages never contain user text, SQL or secrets.
public struct MemoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        /// The database could not be opened, read or written.
        public static let storage = Code(description: "storage")
        /// The input was not acceptable; the message says what is accepted.
        public static let invalidInput = Code(description: "invalidInput")
        /// The requested record does not exist for this user.
        public static let notFound = Code(description: "notFound")
        /// The store was written by a newer MAIA than this one.
        public static let schemaTooNew = Code(description: "schemaTooNew")
        /// The embedder or semantic index failed.
        public static let semantic = Code(description: "semantic")
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in words a user can act on.
    public let message: String
    /// The underlying error, if any.
    public let underlying: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        underlying.map { "\(message) (\($0))" } ?? message
    }
}
