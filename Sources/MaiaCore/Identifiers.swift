/// The authenticated user a turn runs for. Tools always act as this user, never as one named by the model.
///
/// Ids are byte-exact: two ids are the same user only when their UTF-8 bytes are equal. Nothing is trimmed, case
/// folded or Unicode-normalised ("é" as one code point and "e" + U+0301 are two users), and an id that could be
/// mistaken for another (surrounding whitespace, control characters) is refused by ``IdentifierRule``.
public struct UserID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier exactly as the caller gave it.
    public let rawValue: String

    /// Creates a user id, or throws saying which rule of ``IdentifierRule`` `rawValue` breaks.
    public init(validating rawValue: String) throws(IdentifierError) {
        try IdentifierRule.check(rawValue)
        self.rawValue = rawValue
    }

    /// Creates a user id; `nil` when `rawValue` breaks ``IdentifierRule`` (use ``init(validating:)`` to say why).
    public init?(_ rawValue: String) {
        guard (try? IdentifierRule.check(rawValue)) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// An id read back from a store, which validated it on the way in; not checked again so that a row written
    /// under an older rule can still be read (and erased).
    package init(stored rawValue: String) {
        self.rawValue = rawValue
    }

    /// Equal when the UTF-8 bytes are: Swift's `String ==` would also equate canonically equivalent spellings,
    /// which the stores (comparing bytes) keep apart.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue.utf8.elementsEqual(rhs.rawValue.utf8) }

    /// Hashes the UTF-8 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        for byte in rawValue.utf8 { hasher.combine(byte) }
    }

    public var description: String { rawValue }
}

/// A conversation session of one user; the same rule and byte-exact comparison as ``UserID``.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier exactly as the caller gave it.
    public let rawValue: String

    /// Creates a session id, or throws saying which rule of ``IdentifierRule`` `rawValue` breaks.
    public init(validating rawValue: String) throws(IdentifierError) {
        try IdentifierRule.check(rawValue)
        self.rawValue = rawValue
    }

    /// Creates a session id; `nil` when `rawValue` breaks ``IdentifierRule``.
    public init?(_ rawValue: String) {
        guard (try? IdentifierRule.check(rawValue)) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// A session id read back from a store (see ``UserID/init(stored:)``).
    package init(stored rawValue: String) {
        self.rawValue = rawValue
    }

    /// Equal when the UTF-8 bytes are: Swift's `String ==` would also equate canonically equivalent spellings,
    /// which the stores (comparing bytes) keep apart.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue.utf8.elementsEqual(rhs.rawValue.utf8) }

    /// Hashes the UTF-8 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        for byte in rawValue.utf8 { hasher.combine(byte) }
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
