/// A failure to load or run an embedding model.
///
/// The message names the file or setting involved and says what to do; it never contains the texts
/// being embedded.
public struct EmbeddingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: Sendable, Hashable { case missingFile, corruptFile, unexpectedShape, invalidInput }
        let base: Base
        /// A model file is missing or unreadable.
        public static let missingFile = Code(base: .missingFile)
        /// A model file exists but its contents cannot be parsed.
        public static let corruptFile = Code(base: .corruptFile)
        /// A tensor or setting does not have the shape or value this model needs.
        public static let unexpectedShape = Code(base: .unexpectedShape)
        /// The caller's request cannot be honoured (for example a batch size of zero).
        public static let invalidInput = Code(base: .invalidInput)

        public var description: String {
            switch base {
            case .missingFile: "missingFile"
            case .corruptFile: "corruptFile"
            case .unexpectedShape: "unexpectedShape"
            case .invalidInput: "invalidInput"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do about it, naming the file involved.
    public let message: String
    /// The path of the file involved, when there is one.
    public let path: String?
    /// A description of the underlying error, when there is one.
    public let underlying: String?

    init(code: Code, message: String, path: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying.map { String(describing: $0) }
    }

    public var description: String {
        var text = "Embedding error (\(code)): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
