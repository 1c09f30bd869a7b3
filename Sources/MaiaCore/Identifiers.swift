/// The authenticated user a turn runs for. Tools always act as this user, never as one named by the model.
public struct UserID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The raw identifier as the caller gave it.
    public let rawValue: String

    /// Creates a user id; returns `nil` for an empty or whitespace-only string or one longer than 200 characters.
    public init?(_ rawValue: String) {
        let trimmed = rawValue.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 200 else { return nil }
        self.rawValue = String(trimmed)
    }

    public var description: String { rawValue }
}

/// A conversation session of one user.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The raw identifier as the caller gave it.
    public let rawValue: String

    /// Creates a session id; returns `nil` for an empty or whitespace-only string or one longer than 200 characters.
    public init?(_ rawValue: String) {
        let trimmed = rawValue.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 200 else { return nil }
        self.rawValue = String(trimmed)
    }

    public var description: String { rawValue }
}

/// Who said a stored message.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case maia
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    package func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
