import MaiaCore
import MaiaEngines
import Testing

@Suite("Streaming decoders over recorded-style fixtures, split at every byte boundary")
struct StreamDecoderTests {
    @Test("each fixture decodes to the expected events and error", arguments: StreamFixtures.all)
    func wholeBody(_ fixture: StreamFixture) async throws {
        let outcome = await fixture.dialect.decode([try fixture.bytes()])
        #expect(outcome == fixture.expected)
    }

    @Test("two chunks split at every byte boundary give identical events", arguments: StreamFixtures.all)
    func everySplit(_ fixture: StreamFixture) async throws {
        let bytes = try fixture.bytes()
        for split in 0...bytes.count {
            let outcome = await fixture.dialect.decode([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(outcome == fixture.expected, "split at byte \(split)")
            if outcome != fixture.expected { return }
        }
    }

    @Test("one-byte chunks give identical events", arguments: StreamFixtures.all)
    func oneByteChunks(_ fixture: StreamFixture) async throws {
        let outcome = await fixture.dialect.decode(try fixture.bytes().map { [$0] })
        #expect(outcome == fixture.expected)
    }

    @Test("the collected result of a fixture adds up: text, calls, usage, finish")
    func collected() async throws {
        let fixture = try #require(StreamFixtures.anthropic.first { $0.file == "anthropic-tool-use.sse" })
        let events = AsyncStreamOf([try fixture.bytes()]).engineEvents(decodedBy: AnthropicStreamDecoder())
        let result = try await EngineResultCollector.collect(events, model: "claude-3-5-sonnet-20241022")
        #expect(result.text == "I'll look that up.")
        #expect(result.toolCalls.map(\.name) == ["lookup_supabase", "recall_breakthroughs"])
        #expect(result.usage.outputTokens == 89)
        #expect(result.finishReason == .toolUse)
    }

    @Test("a body cut off before the provider's end marker is a truncated stream, for every dialect")
    func truncated() async throws {
        for fixture in StreamFixtures.all where fixture.errorCode == nil {
            let bytes = try fixture.bytes()
            // Cut inside the second half, well before the final event.
            let cut = Array(bytes[..<(bytes.count / 2)])
            let outcome = await fixture.dialect.decode([cut])
            #expect(outcome.errorCode == .truncatedStream, "\(fixture.file)")
        }
    }

    @Test("a TGI final event without details still ends the stream; its last token gives the reason")
    func tgiWithoutDetails() async {
        let body = """
            data:{"index":1,"token":{"id":9906,"text":"Hi","logprob":-0.2,"special":false},"generated_text":null,"details":null}

            data:{"index":2,"token":{"id":128009,"text":"<|eot_id|>","logprob":-0.1,"special":true},"generated_text":"Hi","details":null}


            """
        let outcome = await StreamDialect.tgiGenerate.decode([Array(body.utf8)])
        #expect(outcome == StreamOutcome(events: [.textDelta("Hi"), .finish(.endTurn)]))
    }

    @Test("invalid JSON in a data line is a malformed response, not a crash")
    func malformed() async {
        for dialect in [StreamDialect.anthropic, .openAIChat, .tgiGenerate] {
            let outcome = await dialect.decode([Array("data: {\"type\": \"message_start\",}\n\n".utf8)])
            #expect(outcome.errorCode == .malformedResponse)
        }
    }

    @Test("an Anthropic tool input that is not a JSON object is a malformed response")
    func badToolInput() async {
        let body = """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"t","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\": 1,}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """
        let outcome = await StreamDialect.anthropic.decode([Array(body.utf8)])
        #expect(outcome.errorCode == .malformedResponse)
    }

    @Test("OpenAI-style arguments that are not JSON are kept as raw text for the agent to reject")
    func invalidOpenAIArguments() async {
        let body = """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"t","arguments":"{\\"a\\": "}}]}}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]

            """
        let outcome = await StreamDialect.openAIChat.decode([Array(body.utf8)])
        #expect(outcome.events == [.toolCall(ToolCall(id: "c1", name: "t", arguments: "{\"a\": ")), .finish(.toolUse)])
    }
}
