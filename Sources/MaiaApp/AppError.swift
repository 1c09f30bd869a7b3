/// A user-facing error of the application: one sentence saying what was wrong and what is accepted.
public struct AppError: Error, CustomStringConvertible, Sendable {
    public let description: String

    /// Creates an error with its message.
    public init(_ description: String) { self.description = description }
}
