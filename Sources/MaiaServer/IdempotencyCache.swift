import HTTPTypes
import MaiaAgent
import MaiaCore
import Synchronization

/// Answers a retried turn (same user and `Idempotency-Key`) with the first answer instead of asking the model again.
/// Entries live `lifetime` and at most `capacity` are kept, oldest dropped first. Across replicas the store still
/// keeps such a turn once (its messages carry the key as client id); only the cached answer is per process.
final class IdempotencyCache: Sendable {
    private struct Key: Hashable {
        let user: UserID
        let key: String
    }

    private struct Entry {
        let fingerprint: String
        let outcome: TurnOutcome
        let stored: ContinuousClock.Instant
    }

    private let entries = Mutex([Key: Entry]())
    private let clock = ContinuousClock()
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(24 * 3600), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The earlier outcome of this key; throws when the key was used for a different request.
    func outcome(user: UserID, key: String, fingerprint: String) throws(APIError) -> TurnOutcome? {
        let now = clock.now
        let entry = entries.withLock { entries -> Entry? in
            guard let entry = entries[Key(user: user, key: key)] else { return nil }
            return entry.stored.duration(to: now) < lifetime ? entry : nil
        }
        guard let entry else { return nil }
        guard entry.fingerprint == fingerprint else {
            throw APIError(
                .unprocessableContent,
                "idempotency_error",
                "this Idempotency-Key was already used for a different request; use a new key for a new turn"
            )
        }
        return entry.outcome
    }

    /// Remembers the outcome of a key.
    func store(_ outcome: TurnOutcome, user: UserID, key: String, fingerprint: String) {
        let now = clock.now
        entries.withLock { entries in
            if entries.count >= capacity {
                let expired = entries.filter { $0.value.stored.duration(to: now) >= lifetime }.map(\.key)
                for key in expired { entries[key] = nil }
                if entries.count >= capacity, let oldest = entries.min(by: { $0.value.stored < $1.value.stored }) {
                    entries[oldest.key] = nil
                }
            }
            entries[Key(user: user, key: key)] = Entry(fingerprint: fingerprint, outcome: outcome, stored: now)
        }
    }
}
