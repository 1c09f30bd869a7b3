import Foundation
public import MaiaMemory

/// The stored state of one experiment as a process sees it: read from the store at most `maxAge` ago, so that a stop
/// or a ramp made by any process (`maia experiment`, the admin route, a guardrail) is obeyed by every replica within
/// `maxAge` without a restart.
///
/// The first read seeds the store from the environment when the experiment has no state yet; from then on the
/// stored state wins. A failed read serves share 0 (everyone on the control engine) until a read succeeds: a process
/// that cannot see a stop must not keep sending people to the candidate.
public actor ExperimentStateCache {
    public let store: any ExperimentStore
    /// The state stored when the experiment has none (from `LLAMA_TRAFFIC_PERCENT`).
    public let seed: ExperimentState
    /// The oldest a served state may be.
    public let maxAge: Duration
    private let clock = ContinuousClock()
    private var cached: (state: ExperimentState, readAt: ContinuousClock.Instant)?
    private var reading: Task<ExperimentState, Never>?
    private let onError: @Sendable (MemoryError) -> Void

    /// Creates a cache; nothing is read until ``current()``.
    public init(
        store: any ExperimentStore,
        seed: ExperimentState,
        maxAge: Duration = .seconds(1),
        onError: @escaping @Sendable (MemoryError) -> Void = { _ in }
    ) {
        self.store = store
        self.seed = seed
        self.maxAge = maxAge
        self.onError = onError
    }

    /// The experiment's name.
    public nonisolated var experiment: String { seed.experiment }

    /// The state, read again when the cached one is older than `maxAge`. Concurrent callers share one read.
    public func current() async -> ExperimentState {
        if let cached, cached.readAt.duration(to: clock.now) < maxAge { return cached.state }
        if let reading { return await reading.value }
        let readAt = clock.now
        let task = Task { [store, seed, onError] in
            do throws(MemoryError) {
                if let stored = try await store.experimentState(seed.experiment) { return stored }
                return try await store.seedExperimentState(seed)
            } catch {
                onError(error)
                var safe = seed
                safe.percent = 0
                safe.status = .stopped
                safe.reason = "the experiment state could not be read"
                return safe
            }
        }
        reading = task
        let state = await task.value
        reading = nil
        // The age counts from when the read started: the stored state may have changed while it ran.
        cached = (state, readAt)
        return state
    }

    /// Forgets the cached state, so that the next turn reads it (after this process changed it).
    public func invalidate() {
        cached = nil
    }
}
