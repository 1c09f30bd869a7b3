import Synchronization

/// Runs `work` and returns its result, or throws ``TimedOut`` once `bound` has passed *without waiting for `work` to
/// end*: `work` is cancelled and left to finish on its own.
///
/// For the health probes, which must answer on time whatever the store does. A replica cut off from PostgreSQL
/// has queries stuck on connections whose packets are lost, and postgres-nio does not interrupt a query it has
/// sent; ``withTimeout(_:_:)``, a task group, waits for its child and so answered only when the network returned.
func withDetachedTimeout<T: Sendable>(
    _ bound: Duration,
    _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = TimeoutRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.start(continuation, bound: bound, work: work)
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The first of `work` and a timer to finish resumes the caller; the other is cancelled.
private final class TimeoutRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var finished = false
        var tasks: [Task<Void, Never>] = []
    }

    private let state = Mutex(State())

    func start(
        _ continuation: CheckedContinuation<T, any Error>,
        bound: Duration,
        work: @escaping @Sendable () async throws -> T
    ) {
        let cancelledEarly = state.withLock { state in
            state.continuation = continuation
            return state.finished
        }
        if cancelledEarly {
            finish(.failure(CancellationError()))
            return
        }
        let worker = Task {
            do {
                finish(.success(try await work()))
            } catch {
                finish(.failure(error))
            }
        }
        let timer = Task {
            // A cancelled sleep means the race is already over: finishing again does nothing.
            try? await Task.sleep(for: bound)
            finish(.failure(TimedOut()))
        }
        let late = state.withLock { state in
            state.tasks = [worker, timer]
            return state.finished
        }
        if late {
            worker.cancel()
            timer.cancel()
        }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, tasks) = state.withLock {
            state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
            guard !state.finished || state.continuation != nil else { return (nil, []) }
            state.finished = true
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        for task in tasks { task.cancel() }
        continuation?.resume(with: result)
    }
}
