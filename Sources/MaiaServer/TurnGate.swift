import MaiaCore
import Synchronization

/// One turn at a time per user and session: a second turn waits up to `wait` for the first to finish, then is
/// refused (409), so that two concurrent turns never interleave one conversation's history.
final class TurnGate: Sendable {
    private struct Key: Hashable {
        let user: UserID
        let session: SessionID?
    }

    private let busy = Mutex(Set<Key>())
    let wait: Duration
    let poll: Duration

    init(wait: Duration = .seconds(2), poll: Duration = .milliseconds(20)) {
        self.wait = wait
        self.poll = poll
    }

    /// Runs `body` as the only turn of `user` in `session`; throws ``Busy`` when another one did not finish in time.
    func run<T: Sendable>(
        user: UserID,
        session: SessionID?,
        _ body: () async throws -> T
    ) async throws -> T {
        let key = Key(user: user, session: session)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while !busy.withLock({ $0.insert(key).inserted }) {
            guard clock.now < deadline else { throw Busy() }
            try await Task.sleep(for: poll)
        }
        defer { _ = busy.withLock { $0.remove(key) } }
        return try await body()
    }

    /// Another turn of the same user and session is still running.
    struct Busy: Error {}
}
