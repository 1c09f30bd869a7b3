/// Configuration that cannot be used. Every problem names the variable, the value received (never a secret's)
/// and what is accepted, so that a user can fix all of them in one go.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: Sendable, Hashable { case invalid, unreadableFile }
        let base: Base
        /// One or more variables have values MAIA does not accept.
        public static let invalid = Code(base: .invalid)
        /// The `.env` file exists but cannot be read or parsed.
        public static let unreadableFile = Code(base: .unreadableFile)
        public var description: String { base == .invalid ? "invalid" : "unreadableFile" }
    }

    /// The kind of failure.
    public let code: Code
    /// One sentence per problem.
    public let problems: [String]

    init(code: Code, problems: [String]) {
        self.code = code
        self.problems = problems
    }

    public var description: String {
        if problems.count == 1 { return "Configuration error: \(problems[0])" }
        return "Configuration errors:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
