public import Foundation
public import MaiaCore

/// A message as the canonical store keeps it.
public struct MemoryRecord: Sendable, Hashable {
    /// Store-assigned identifier, unique across users.
    public var id: String
    public var userID: UserID
    public var sessionID: SessionID?
    public var role: Role
    public var content: String
    public var createdAt: Date
    /// ISO 639-1 code of the message's language, or `nil` when unknown.
    public var language: String?
    /// Element scores (Fire, Water, Earth, Air, Aether) computed for the message.
    public var elementScores: [String: Double]
    /// Coherence level derived from the element scores, 0…1.
    public var coherence: Double?
    /// Whether this message is marked as a breakthrough moment.
    public var isBreakthrough: Bool
    /// The engine and model that produced a `maia` message.
    public var engine: String?
    public var model: String?
    /// Caller-supplied metadata, returned exactly as given.
    public var metadata: JSONValue
}

/// A message to be stored. Everything but role and content is optional.
public struct NewMessage: Sendable, Hashable {
    /// Idempotency key: storing the same client id twice for a user stores one message.
    public var clientID: String?
    public var sessionID: SessionID?
    public var role: Role
    public var content: String
    /// When it was said; `nil` means now.
    public var createdAt: Date?
    public var language: String?
    public var elementScores: [String: Double]
    public var coherence: Double?
    public var isBreakthrough: Bool
    public var engine: String?
    public var model: String?
    /// Must be a JSON object.
    public var metadata: JSONValue

    /// Creates a message to store.
    public init(
        role: Role,
        content: String,
        sessionID: SessionID? = nil,
        createdAt: Date? = nil,
        clientID: String? = nil,
        language: String? = nil,
        elementScores: [String: Double] = [:],
        coherence: Double? = nil,
        isBreakthrough: Bool = false,
        engine: String? = nil,
        model: String? = nil,
        metadata: JSONValue = .object([:])
    ) {
        self.role = role
        self.content = content
        self.sessionID = sessionID
        self.createdAt = createdAt
        self.clientID = clientID
        self.language = language
        self.elementScores = elementScores
        self.coherence = coherence
        self.isBreakthrough = isBreakthrough
        self.engine = engine
        self.model = model
        self.metadata = metadata
    }
}

/// A record with a relevance score from a search.
public struct ScoredRecord: Sendable, Hashable {
    public var record: MemoryRecord
    /// Higher is more relevant; the scale depends on the search that produced it.
    public var score: Double

    /// Creates a scored record.
    public init(record: MemoryRecord, score: Double) {
        self.record = record
        self.score = score
    }
}

/// What `forget` erased, by kind.
public struct ForgetReceipt: Sendable, Hashable, Codable {
    public var userID: String
    public var messages: Int
    public var sessions: Int
    public var breakthroughs: Int
    public var vectors: Int
    public var outboxEntries: Int

    /// Creates a receipt.
    public init(userID: String, messages: Int, sessions: Int, breakthroughs: Int, vectors: Int, outboxEntries: Int) {
        self.userID = userID
        self.messages = messages
        self.sessions = sessions
        self.breakthroughs = breakthroughs
        self.vectors = vectors
        self.outboxEntries = outboxEntries
    }
}
