/// Why the in-process model could not be loaded or run. The message names the file or input that was wrong and
/// what is accepted; it never quotes prompt text.
public struct InferenceError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, extensible without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The model file does not exist or cannot be read.
        public static let missingFile = Code(rawValue: "missing_file")
        /// The file is not a GGUF file this runtime reads (bad magic, truncated, unknown value type).
        public static let corruptFile = Code(rawValue: "corrupt_file")
        /// The file is valid but holds something the runtime does not run (architecture, tensor type).
        public static let unsupportedModel = Code(rawValue: "unsupported_model")
        /// A caller's input is out of range (context full, bad sampling settings, unknown token).
        public static let invalidInput = Code(rawValue: "invalid_input")
        /// The system refused what the runtime needs (worker threads).
        public static let outOfResources = Code(rawValue: "out_of_resources")
    }

    /// The kind of failure.
    public let code: Code
    /// A message a user can act on.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
