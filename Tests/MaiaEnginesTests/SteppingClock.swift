import Synchronization

/// A clock that advances by a fixed step each time it is read, so that latency measurements are deterministic.
final class SteppingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let reads = Mutex(0)
    let step: Duration

    init(step: Duration) { self.step = step }

    var now: Instant {
        let count = reads.withLock { value in
            defer { value += 1 }
            return value
        }
        return Instant(offset: step * count)
    }

    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}
