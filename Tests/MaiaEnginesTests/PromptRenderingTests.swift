import Foundation
import MaiaCore
import MaiaEngines
import Testing

@Suite("Llama 3.1 prompt and tools-in-prompt rendering (golden strings)")
struct PromptRenderingTests {
    static let toolDefinition = #"""
        {
            "type": "function",
            "function": {
                "name": "lookup_supabase",
                "description": "Recent messages of the user.",
                "parameters": {
                    "properties": {
                        "limit": {
                            "type": "integer"
                        },
                        "user_id": {
                            "type": "string"
                        }
                    },
                    "required": [
                        "user_id"
                    ],
                    "type": "object"
                }
            }
        }
        """#

    static let instructions =
        #"You have access to the following functions. To call a function, please respond with JSON for a function "#
        + #"call.Respond in the format {"name": function name, "parameters": dictionary of argument name and its "#
        + #"value}.Do not use variables."#

    @Test("a tool turn renders system, tools, user, replayed call, ipython result and the open assistant header")
    func toolTurn() {
        let prompt = Llama31PromptRenderer(today: PromptFixtures.today).render(PromptFixtures.toolTurn)
        let expected =
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            + "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
            + Self.instructions + "\n\n" + Self.toolDefinition + "\n\n"
            + "You are MAIA.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nWhat did I say yesterday?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n"
            + #"{"name": "lookup_supabase", "parameters": {"limit": 5, "user_id": "u1"}}<|eot_id|>"#
            + "<|start_header_id|>ipython<|end_header_id|>\n\n"
            + #"[{"content":"hi"}]<|eot_id|>"#
            + "<|start_header_id|>assistant<|end_header_id|>\n\n"
        #expect(prompt == expected)
    }

    @Test("without tools there is no Environment line; BOS can be left to the server")
    func plainTurn() {
        let request = EngineRequest(
            system: "Be kind.",
            messages: [.user("  Hello  "), .assistant("Hi! How are you?"), .user("Good.")],
            tools: [PromptFixtures.lookup],
            toolChoice: .none
        )
        let renderer = Llama31PromptRenderer(
            today: Date(timeIntervalSince1970: 1_733_443_200),
            includeBeginOfText: false
        )
        let expected =
            "<|start_header_id|>system<|end_header_id|>\n\n"
            + "Cutting Knowledge Date: December 2023\nToday Date: 6 Dec 2024\n\nBe kind.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHi! How are you?<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nGood.<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n"
        #expect(renderer.render(request) == expected)
    }

    @Test("several past calls are joined by '; ', text first; failed results are marked; required is said")
    func manyCallsAndErrors() {
        let second = ToolCall(id: "call_1", name: "query_mem0", arguments: ["query": "sleep \"well\""])
        let request = EngineRequest(
            messages: [
                .user("Hi"),
                .assistant("Checking.", toolCalls: [PromptFixtures.call, second]),
                .toolResult(ToolResult(callID: "call_0", name: "lookup_supabase", content: "[]")),
                .toolResult(ToolResult(callID: "call_1", name: "query_mem0", content: "timeout", isError: true)),
            ],
            tools: [PromptFixtures.lookup],
            toolChoice: .required
        )
        let prompt = Llama31PromptRenderer(today: PromptFixtures.today).render(request)
        #expect(prompt.contains("Do not use variables. You must call one of the functions.\n\n"))
        #expect(
            prompt.contains(
                "<|start_header_id|>assistant<|end_header_id|>\n\nChecking.\n"
                    + #"{"name": "lookup_supabase", "parameters": {"limit": 5, "user_id": "u1"}}; "#
                    + #"{"name": "query_mem0", "parameters": {"query": "sleep \"well\""}}<|eot_id|>"#
            )
        )
        #expect(prompt.contains("<|start_header_id|>ipython<|end_header_id|>\n\n[]<|eot_id|>"))
        #expect(prompt.contains("<|start_header_id|>ipython<|end_header_id|>\n\nError: timeout<|eot_id|>"))
    }

    @Test("stop strings are eot and eom plus the request's own, without duplicates")
    func stopStrings() {
        let request = EngineRequest(
            messages: [.user("x")],
            parameters: GenerationParameters(stop: ["<|eot_id|>", "END"])
        )
        let renderer = Llama31PromptRenderer(today: PromptFixtures.today)
        #expect(renderer.stopStrings(for: request) == ["<|eot_id|>", "<|eom_id|>", "END"])
    }

    @Test("the date line has an unpadded day and an English month in the given time zone")
    func dateLine() throws {
        let date = Date(timeIntervalSince1970: 1_704_070_800)  // 2024-01-01 01:00 UTC
        #expect(Llama31PromptRenderer.dateText(date, in: try #require(TimeZone(identifier: "UTC"))) == "1 Jan 2024")
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(Llama31PromptRenderer.dateText(date, in: newYork) == "31 Dec 2023")
    }

    @Test("tools in prompt: definitions join the system prompt, history becomes text, tools are not sent")
    func toolsInPrompt() {
        let rendered = ToolPromptRenderer().render(PromptFixtures.toolTurn)
        #expect(rendered.system == "You are MAIA.\n\n" + Self.instructions + "\n\n" + Self.toolDefinition)
        #expect(rendered.tools.isEmpty)
        #expect(
            rendered.messages == [
                .user("What did I say yesterday?"),
                .assistant(#"{"name": "lookup_supabase", "parameters": {"limit": 5, "user_id": "u1"}}"#),
                .user("Tool result for lookup_supabase:\n" + #"[{"content":"hi"}]"#),
            ]
        )
    }

    @Test("tools in prompt: consecutive tool results and the next user turn merge into one user turn")
    func mergesUserTurns() {
        let request = EngineRequest(
            messages: [
                .assistant("", toolCalls: [PromptFixtures.call]),
                .toolResult(ToolResult(callID: "a", name: "t1", content: "1")),
                .toolResult(ToolResult(callID: "b", name: "t2", content: "boom", isError: true)),
                .user("And?"),
            ]
        )
        let rendered = ToolPromptRenderer().render(request)
        #expect(rendered.system.isEmpty)
        #expect(rendered.messages.last == .user("Tool result for t1:\n1\n\nTool error for t2:\nboom\n\nAnd?"))
        #expect(rendered.messages.count == 2)
    }
}

/// A finite async sequence over an array.
struct AsyncStreamOf<Element: Sendable>: AsyncSequence {
    let elements: [Element]
    init(_ elements: [Element]) { self.elements = elements }
    func makeAsyncIterator() -> Iterator { Iterator(elements: elements[...]) }
    struct Iterator: AsyncIteratorProtocol {
        var elements: ArraySlice<Element>
        mutating func next() async throws -> Element? { elements.popFirst() }
    }
}
