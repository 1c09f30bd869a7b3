import Synchronization
import Testing

@testable import MaiaServer

@Suite("The probes' timeout answers on time even when the work ignores cancellation")
struct DetachedTimeoutTests {
    /// Work that ends only when the test says so, whatever cancellation says: a query stuck on a lost connection.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.open { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        func open() {
            let waiter = state.withLock { state in
                state.open = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    @Test("work stuck past the bound: TimedOut is thrown while the work is still stuck", .timeLimit(.minutes(1)))
    func stuckWork() async throws {
        let gate = Gate()
        await #expect(throws: TimedOut.self) {
            try await withDetachedTimeout(.milliseconds(50)) {
                await gate.wait()
                return 1
            }
        }
        gate.open()
    }

    @Test("work that ends in time gives its result, and its error passes through unchanged")
    func quickWork() async throws {
        #expect(try await withDetachedTimeout(.seconds(60)) { 42 } == 42)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await withDetachedTimeout(.seconds(60)) { () async throws -> Int in throw Refused() }
        }
    }
}
