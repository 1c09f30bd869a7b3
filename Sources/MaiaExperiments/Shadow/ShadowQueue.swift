import Synchronization

/// Runs shadow work beside live turns, at most `capacity` at a time; work submitted while it is full is dropped
/// and counted, never waited for, so that shadowing cannot slow the turns it shadows.
///
/// `submit` is synchronous (a lock, not an actor) because it is called from the agent's turn path: the decision to
/// run or drop is made at once, without a hop to another executor, and the counts are exact at any moment.
public final class ShadowQueue: Sendable {
    /// Counts since the queue was created.
    public struct Counts: Sendable, Hashable {
        /// Work accepted and not yet finished.
        public var inFlight: Int
        /// Work that ran to the end.
        public var finished: Int
        /// Work refused because the queue was full.
        public var dropped: Int
        /// Work cancelled by ``drain(within:)`` when the bound passed.
        public var abandoned: Int
    }

    private struct State {
        var running: [Int: Task<Void, Never>] = [:]
        var nextID = 0
        var finished = 0
        var dropped = 0
        var abandoned = 0
    }

    /// Most pieces of work running at once.
    public let capacity: Int
    private let state = Mutex(State())

    /// Creates a queue running at most `capacity` (at least 1) pieces of work at once.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The current counts.
    public var counts: Counts {
        state.withLock {
            Counts(inFlight: $0.running.count, finished: $0.finished, dropped: $0.dropped, abandoned: $0.abandoned)
        }
    }

    /// Starts `work` in a task of its own, or drops it when `capacity` pieces are already running.
    /// - Returns: whether the work was accepted.
    @discardableResult
    public func submit(_ work: @escaping @Sendable () async -> Void) -> Bool {
        state.withLock { state in
            guard state.running.count < capacity else {
                state.dropped += 1
                return false
            }
            let id = state.nextID
            state.nextID += 1
            // The task's completion takes the same lock, so it cannot remove its entry before it is inserted.
            state.running[id] = Task { [self] in
                await work()
                self.state.withLock { state in
                    if state.running.removeValue(forKey: id) != nil { state.finished += 1 }
                }
            }
            return true
        }
    }

    /// Waits up to `bound` for the work in flight, then cancels what is left (counted as abandoned) and waits for
    /// it to stop. Work should check for cancellation before writing anything.
    public func drain(within bound: Duration) async {
        let pending = state.withLock { Array($0.running.values) }
        guard !pending.isEmpty else { return }
        // Waiting on a task's value ignores cancellation, so the race is between two unstructured tasks.
        let (finished, signal) = AsyncStream<Void>.makeStream()
        let waiter = Task {
            for task in pending { await task.value }
            signal.finish()
        }
        let timer = Task {
            try? await Task.sleep(for: bound)
            signal.finish()
        }
        for await _ in finished {}
        timer.cancel()
        waiter.cancel()
        let left = state.withLock { state in
            let left = Array(state.running.values)
            state.abandoned += left.count
            state.running.removeAll()
            return left
        }
        for task in left { task.cancel() }
        for task in left { await task.value }
    }
}
