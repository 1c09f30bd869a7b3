import MaiaCore
import MaiaEngines
import MaiaTesting
import Testing

@Suite("Engine interface: events collected into a result")
struct EngineInterfaceTests {
    let call = ToolCall(id: "toolu_1", name: "lookup_supabase", arguments: ["user_id": "u1", "limit": 5])

    @Test("text, tool calls, last usage, finish, cost, latency and time to first token are collected")
    func collectsEverything() async throws {
        let engine = ScriptedEngine.single(
            model: "claude-3-5-sonnet-20241022",
            events: [
                .usage(TokenUsage(inputTokens: 10, outputTokens: 1)),
                .textDelta("Let me "),
                .textDelta("check."),
                .toolCall(call),
                .usage(TokenUsage(inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 500)),
                .finish(.toolUse),
            ]
        )
        // The clock is read once at the start, once per event and once at the end: 100 ms per read.
        let result = try await engine.complete(
            EngineRequest(messages: [.user("hi")]),
            clock: SteppingClock(step: .milliseconds(100))
        )
        #expect(result.text == "Let me check.")
        #expect(result.toolCalls == [call])
        #expect(result.usage == TokenUsage(inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 500))
        #expect(result.finishReason == .toolUse)
        #expect(result.timeToFirstToken == .milliseconds(200))
        #expect(result.latency == .milliseconds(700))
        let cost = try #require(result.costUSD)
        #expect(abs(cost - (1500 * 3 + 200 * 15) / 1_000_000) < 1e-12)
    }

    @Test("a model missing from the catalog has no cost; a provider suffix is ignored")
    func costLookup() async throws {
        let unknown = ScriptedEngine.single(model: "mystery", events: [.finish(.endTurn)])
        #expect(try await unknown.complete(EngineRequest(messages: [.user("x")])).costUSD == nil)
        let routed = ScriptedEngine.single(
            model: "meta-llama/Llama-3.1-8B-Instruct:novita",
            events: [.usage(TokenUsage(inputTokens: 1_000_000, outputTokens: 0)), .finish(.endTurn)]
        )
        #expect(try await routed.complete(EngineRequest(messages: [.user("x")])).costUSD == 0.10)
    }

    @Test("a stream without a finish event is a truncated-stream error")
    func missingFinish() async throws {
        let engine = ScriptedEngine.single(model: "m", events: [.textDelta("partial")])
        let error = await #expect(throws: EngineError.self) {
            try await engine.complete(EngineRequest(messages: [.user("x")]))
        }
        #expect(error?.code == .truncatedStream)
    }

    @Test("a producer's error reaches the consumer")
    func producerError() async throws {
        let engine = ScriptedEngine.single(
            model: "m",
            events: [.textDelta("a")],
            failure: EngineError(code: .overloaded, message: "Overloaded", providerErrorType: "overloaded_error")
        )
        let error = await #expect(throws: EngineError.self) {
            try await engine.complete(EngineRequest(messages: [.user("x")]))
        }
        #expect(error?.code == .overloaded)
        #expect(error?.providerErrorType == "overloaded_error")
    }

    @Test("cancelling the consuming task cancels the producer", .timeLimit(.minutes(1)))
    func cancellationReachesProducer() async throws {
        let (signals, signal) = AsyncStream<String>.makeStream()
        let stream = EngineEventStream.producing { continuation in
            continuation.yield(.textDelta("first"))
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                signal.yield("producer cancelled")
                throw error
            }
        }
        let consumer = Task {
            for try await event in stream {
                if case .textDelta = event { signal.yield("first event") }
            }
        }
        var iterator = signals.makeAsyncIterator()
        #expect(await iterator.next() == "first event")
        consumer.cancel()
        #expect(await iterator.next() == "producer cancelled")
    }

    @Test("a consumer that stops iterating and drops the stream cancels the producer", .timeLimit(.minutes(1)))
    func droppingTheStreamCancels() async throws {
        let (signals, signal) = AsyncStream<String>.makeStream()
        let engine = WaitingEngine(signal: signal)
        for try await _ in engine.stream(EngineRequest(messages: [.user("x")])) { break }
        var iterator = signals.makeAsyncIterator()
        #expect(await iterator.next() == "producer cancelled")
    }

    @Test("tool choice none offers no tools")
    func offeredTools() {
        let tool = ToolDefinition(name: "t", description: "d", parameters: ["type": "object"])
        #expect(EngineRequest(messages: [], tools: [tool]).offeredTools == [tool])
        #expect(EngineRequest(messages: [], tools: [tool], toolChoice: .none).offeredTools.isEmpty)
    }
}

/// An engine that yields one event and then waits until it is cancelled, reporting the cancellation.
private struct WaitingEngine: ReasoningEngine {
    var name = "waiting"
    var model = "m"
    var capabilities = EngineCapabilities()
    let signal: AsyncStream<String>.Continuation

    func stream(_ request: EngineRequest) -> EngineEventStream {
        EngineEventStream.producing { [signal] continuation in
            continuation.yield(.textDelta("first"))
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                signal.yield("producer cancelled")
                throw error
            }
        }
    }
}
