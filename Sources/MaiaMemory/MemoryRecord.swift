public import Foundation
public import MaiaCore

/// A message as the canonical store keeps it.
public struct MemoryRecord: Sendable, Hashable, Codable {
    /// Store-assigned identifier, unique across users.
    public var id: String
    public var userID: UserID
    public var sessionID: SessionID?
    public var role: Role
    public var content: String
    public var createdAt: Date
    /// Whether this message was marked as a breakthrough moment.
    public var isBreakthrough: Bool
    /// Caller-supplied metadata, returned exactly as given.
    public var metadata: JSONValue

    /// Creates a record.
    public init(
        id: String,
        userID: UserID,
        sessionID: SessionID?,
        role: Role,
        content: String,
        createdAt: Date,
        isBreakthrough: Bool = false,
        metadata: JSONValue = .object([:])
    ) {
        self.id = id
        self.userID = userID
        self.sessionID = sessionID
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.isBreakthrough = isBreakthrough
        self.metadata = metadata
    }
}
