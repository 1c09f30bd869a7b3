import Foundation
import MaiaCore
import Synchronization

/// Per-user token buckets for starting turns: `capacity` turns at once, refilled at `capacity` per minute. A turn
/// over the limit is refused with the seconds until the next token, for `Retry-After`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let capacity: Double
    private let perSecond: Double
    private let buckets = Mutex([UserID: Bucket]())
    /// The time source; tests stop it, so that a slow machine cannot refill a bucket mid-test.
    private let now: @Sendable () -> ContinuousClock.Instant

    init(turnsPerMinute: Int, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        capacity = Double(turnsPerMinute)
        perSecond = Double(turnsPerMinute) / 60
        self.now = now
    }

    /// Takes a token for `user`; returns `nil` when allowed, else the whole seconds to wait.
    func acquire(_ user: UserID) -> Int? {
        let now = now()
        return buckets.withLock { buckets in
            var bucket = buckets[user] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            defer { buckets[user] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))) }
            bucket.tokens -= 1
            // Full buckets carry no information: dropping them keeps memory bounded by the users active in a minute.
            if buckets.count > 10_000 { buckets = buckets.filter { $0.value.tokens < capacity } }
            return nil
        }
    }
}
