import Testing

@testable import MaiaExperiments

// The tests wait on gated work: a regression must fail the test, not hang the whole run.
@Suite("Shadow queue: bounded, drops and counts, drains within a bound", .timeLimit(.minutes(10)))
struct ShadowQueueTests {
    @Test("work beyond the capacity is refused at once and counted; accepted work runs to the end")
    func bounded() async {
        let queue = ShadowQueue(capacity: 2)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let waitForGate: @Sendable () async -> Void = { for await _ in gate { break } }
        #expect(queue.submit(waitForGate))
        #expect(queue.submit(waitForGate))
        #expect(!queue.submit {})
        #expect(!queue.submit {})
        #expect(queue.counts == .init(inFlight: 2, finished: 0, dropped: 2, abandoned: 0))
        open.finish()
        await queue.drain(within: .seconds(30))
        #expect(queue.counts == .init(inFlight: 0, finished: 2, dropped: 2, abandoned: 0))
        #expect(queue.submit {}, "room again once the work finished")
    }

    @Test("drain cancels work still running after the bound and counts it as abandoned")
    func drainBound() async {
        let queue = ShadowQueue(capacity: 1)
        queue.submit { try? await Task.sleep(for: .seconds(3600)) }
        await queue.drain(within: .milliseconds(20))
        #expect(queue.counts == .init(inFlight: 0, finished: 0, dropped: 0, abandoned: 1))
    }

    @Test("a capacity below one is one")
    func minimumCapacity() {
        #expect(ShadowQueue(capacity: 0).capacity == 1)
    }
}
