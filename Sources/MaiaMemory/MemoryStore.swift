public import Foundation
public import MaiaCore

/// The canonical conversation store. Every read and write is scoped to one user: no method can reach another
/// user's rows, whatever ids it is given.
public protocol MemoryStore: Sendable {
    /// Stores messages in one transaction, creating the user and sessions as needed, queues them for semantic
    /// indexing in the same transaction, and says how many were new. A message whose client id was stored before (in
    /// an earlier call or earlier in the same call) comes back as stored before and is not counted as new.
    func appendCounting(_ messages: [NewMessage], for user: UserID) async throws(MemoryError) -> AppendResult

    /// The newest `limit` messages within `scope` (a session, a moment), newest first.
    func recent(for user: UserID, limit: Int, in scope: RecentScope) async throws(MemoryError) -> [MemoryRecord]

    /// The newest `limit` breakthrough messages, newest first.
    func breakthroughs(for user: UserID, limit: Int) async throws(MemoryError) -> [MemoryRecord]

    /// Marks or unmarks a message of `user` as a breakthrough; throws `notFound` for another user's message.
    func setBreakthrough(_ isBreakthrough: Bool, messageID: String, for user: UserID) async throws(MemoryError)

    /// Full-text matches for the words of `query`, best first (score: higher is better).
    func keywordSearch(_ query: String, for user: UserID, limit: Int) async throws(MemoryError) -> [ScoredRecord]

    /// The messages with these ids that belong to `user`, in no particular order.
    func records(ids: [String], for user: UserID) async throws(MemoryError) -> [MemoryRecord]

    /// Every message of `user`, oldest first.
    func allMessages(for user: UserID) async throws(MemoryError) -> [MemoryRecord]

    /// Erases everything stored about `user`: messages, sessions, breakthroughs, vectors and queued work.
    func forget(_ user: UserID) async throws(MemoryError) -> ForgetReceipt

    /// Queued background work of one kind among `selection`, oldest first, that is due at `now`.
    func pendingWork(
        _ kind: OutboxItem.Kind,
        among selection: OutboxSelection,
        limit: Int,
        now: Date
    ) async throws(MemoryError) -> [OutboxItem]

    /// How many work items are queued, due or not, for every user (the `maia_outbox_depth` metric).
    func outboxDepth() async throws(MemoryError) -> Int

    /// Removes finished work items.
    func completeWork(_ ids: [Int64]) async throws(MemoryError)

    /// Records a failed attempt; the item is retried after `retryAt`.
    func failWork(_ id: Int64, reason: String, retryAt: Date) async throws(MemoryError)

    /// Stores embedding vectors for messages (replacing earlier ones).
    func saveVectors(_ vectors: [StoredVector]) async throws(MemoryError)

    /// Every vector of `user` made by `model`.
    func vectors(for user: UserID, model: String) async throws(MemoryError) -> [StoredVector]

    /// The messages of `user` whose `model` vectors are nearest to `query` (cosine; vectors are unit length),
    /// best first, scored by cosine similarity. A reply's ``ReplyContext`` vector counts as one of its `model`
    /// vectors: each message is scored by the better of the two, in one search.
    func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError)
        -> [ScoredRecord]

    /// The messages of `user` created in `interval` among the `among` nearest to `query` by `model` vectors, at most
    /// `limit`, ranked by what stands out among them: cosine similarity to `query` less cosine similarity to their
    /// mean direction (``VectorIndex/standingOut(_:_:limit:)``). Hybrid search's time list (see ``MemorySearch``).
    func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int,
        createdIn interval: DateInterval,
        among: Int
    ) async throws(MemoryError)
        -> [ScoredRecord]

    /// Every user with at least one stored row, sorted by id.
    func userIDs() async throws(MemoryError) -> [UserID]

    /// How many messages `user` has stored.
    func messageCount(for user: UserID) async throws(MemoryError) -> Int

    /// Stores records exactly as given (ids, times, flags), skipping ids already present; returns how many were
    /// new. Used by `maia migrate`; the records must belong to `user`.
    ///
    /// `vectors` are stored with the new records they belong to, in the same transaction, and such a record is not
    /// queued for embedding (other background work still is). Pass only vectors of the model the target will
    /// index with (and that model's ``ReplyContext`` vectors), or the record stays without a vector of that model
    /// until `requeueMissingVectors` runs.
    func restore(
        _ records: [MemoryRecord],
        vectors: [StoredVector],
        for user: UserID
    ) async throws(MemoryError)
        -> Int

    /// Queues every message of every user whose vector is missing or was made by another model, and every reply to a
    /// MAIA turn without its ``ReplyContext`` vector (stored before those existed).
    func requeueMissingVectors(model: String) async throws(MemoryError) -> Int

    /// Records whether `user` agrees to training use, and the names to hide; `hiddenNames: nil` keeps the names
    /// stored before. Returns the stored answer.
    func setTrainingConsent(
        _ training: Bool,
        hiddenNames: [String]?,
        at time: Date,
        for user: UserID
    ) async throws(MemoryError) -> TrainingConsent

    /// The stored answer of `user`, or `nil` when they never gave one (which means no).
    func trainingConsent(for user: UserID) async throws(MemoryError) -> TrainingConsent?
}

/// A unit of background work queued in the same transaction as the messages it concerns.
public struct OutboxItem: Sendable, Hashable {
    /// What has to be done.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Embed the message and store its vector.
        case embed
        /// Mirror the message to Mem0.
        case mem0
    }

    public var id: Int64
    public var kind: Kind
    public var userID: UserID
    public var messageID: String
    public var attempts: Int
}

/// What ``MemoryStore/appendCounting(_:for:)`` did.
public struct AppendResult: Sendable, Hashable {
    /// One record per message given, in order; a message already stored under its client id comes back as stored.
    public var records: [MemoryRecord]
    /// How many of the messages were stored by this call (the others were already stored).
    public var stored: Int

    /// Creates a result.
    public init(records: [MemoryRecord], stored: Int) {
        self.records = records
        self.stored = stored
    }

    /// How many messages were skipped because they were already stored.
    public var skipped: Int { records.count - stored }
}

/// Which queued work a drain looks at: a command waits only for the work it caused, and leaves the rest of the
/// queue (other users' backlogs) to background indexing.
public enum OutboxSelection: Sendable, Hashable {
    /// Every user's work.
    case all
    /// The work of one user.
    case user(UserID)
    /// The work for these messages (a turn's or an `add`'s own).
    case messages([String])
}

/// A message's embedding and the model that made it.
public struct StoredVector: Sendable, Hashable {
    public var messageID: String
    public var userID: UserID
    public var model: String
    public var values: [Float]

    /// Creates a stored vector.
    public init(messageID: String, userID: UserID, model: String, values: [Float]) {
        self.messageID = messageID
        self.userID = userID
        self.model = model
        self.values = values
    }
}

/// Which of a user's messages a ``MemoryStore/recent(for:limit:in:)`` read looks at.
public struct RecentScope: Sendable, Hashable {
    /// Which sessions count.
    public enum Sessions: Sendable, Hashable {
        /// Every session.
        case all
        /// One session; `nil` is the messages stored without a session.
        case only(SessionID?)
    }

    public var sessions: Sessions
    /// Only messages created at or before this moment (a turn's snapshot); `nil` for all.
    public var asOf: Date?

    /// Creates a scope.
    public init(sessions: Sessions = .all, asOf: Date? = nil) {
        self.sessions = sessions
        self.asOf = asOf
    }

    /// Every message of the user.
    public static let everything = RecentScope()
}

extension MemoryStore {
    /// Stores messages in one transaction, creating the user and sessions as needed, and queues them for semantic
    /// indexing in the same transaction. Messages whose client id was already stored come back as stored before.
    public func append(_ messages: [NewMessage], for user: UserID) async throws(MemoryError) -> [MemoryRecord] {
        try await appendCounting(messages, for: user).records
    }

    /// The newest `limit` messages of every session, newest first.
    public func recent(for user: UserID, limit: Int) async throws(MemoryError) -> [MemoryRecord] {
        try await recent(for: user, limit: limit, in: .everything)
    }

    /// Queued background work of one kind across every user, oldest first, that is due at `now`.
    public func pendingWork(_ kind: OutboxItem.Kind, limit: Int, now: Date) async throws(MemoryError) -> [OutboxItem] {
        try await pendingWork(kind, among: .all, limit: limit, now: now)
    }

    /// Stores records exactly as given, without vectors: every new record is queued for embedding.
    public func restore(_ records: [MemoryRecord], for user: UserID) async throws(MemoryError) -> Int {
        try await restore(records, vectors: [], for: user)
    }
}
