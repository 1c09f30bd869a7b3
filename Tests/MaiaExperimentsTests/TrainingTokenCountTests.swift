import Foundation
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaHTTP
import MaiaTesting
import Testing

/// The `llama3-text` lines against the local model's tokenizer (SmolLM2 behind llama-cpp-python).
///
/// What is comparable: SmolLM2's chat template is ChatML and its vocabulary has no Llama 3.1 special tokens, so
/// `<|start_header_id|>` and friends are plain text to it and the raw line's count says nothing about Llama. What
/// must agree exactly is the conversation the line carries: each of its turns (role and text, the tool calls written
/// the Llama 3.1 way, one per assistant turn) re-wrapped in ChatML and counted by the server's tokenizer equals the
/// `prompt_tokens` the server reports for the exported messages rendered through SmolLM2's own template
/// (`/v1/chat/completions`; it takes OpenAI's roles only, so Llama's `ipython` turns are sent, and re-wrapped, as
/// `tool`). A lost, added or altered character, a wrong role or a missing split changes the count.
@Suite("llama3-text lines against the local model's tokenizer", .serialized)
struct TrainingTokenCountTests {
    /// The turns of a Llama 3.1 prompt: (role, text) between `<|start_header_id|>` … `<|eot_id|>`.
    static func turns(_ text: String) -> [(role: String, content: String)] {
        text.components(separatedBy: "<|start_header_id|>").dropFirst().map { part in
            let header = part.components(separatedBy: "<|end_header_id|>\n\n")
            let content = header.dropFirst().joined(separator: "<|end_header_id|>\n\n")
            return (header[0], content.hasSuffix("<|eot_id|>") ? String(content.dropLast(10)) : content)
        }
    }

    /// The exported `messages` line as Llama 3.1 turns, built from the JSON independently of the line's text:
    /// parallel calls one per assistant turn, each as `{"name": …, "parameters": …}`, results as `ipython`.
    static func llamaMessages(_ line: JSONValue, system: String) throws -> [JSONValue] {
        var messages: [JSONValue] = [["role": "system", "content": .string(system)]]
        for message in try #require(line["messages"]?.arrayValue).dropFirst() {
            let role = try #require(message["role"]?.stringValue)
            let content = message["content"]?.stringValue ?? ""
            if let calls = message["tool_calls"]?.arrayValue {
                for (index, call) in calls.enumerated() {
                    let toolCall = ToolCall(
                        id: "",
                        name: try #require(call["function"]?["name"]?.stringValue),
                        arguments: try #require(call["function"]?["arguments"])
                    )
                    let text = index == 0 && !content.isEmpty ? content + "\n" : ""
                    messages.append(["role": "assistant", "content": .string(text + ToolPromptText.call(toolCall))])
                }
            } else {
                messages.append(
                    role == "tool"
                        // The server takes OpenAI's roles only: Llama's `ipython` turn is sent as `tool`.
                        ? ["role": "tool", "tool_call_id": "call", "content": .string(content)]
                        : ["role": .string(role), "content": .string(content)]
                )
            }
        }
        return messages
    }

    @Test(
        "each llama3-text line carries exactly the exported messages: equal counts through SmolLM2's own template",
        .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(10))
    )
    func sameCounts() async throws {
        let seed = try await TrainingSeed()
        let exporter = TrainingExporter(store: seed.store)
        let texts = try await exporter.finetune(TrainingExportOptions(format: .llama3Text, validationShare: 0)).train
            .map { try #require(JSONValue(parsing: $0)?["text"]?.stringValue) }
        let lines = try await exporter.finetune(TrainingExportOptions(format: .messages, validationShare: 0)).train
            .map { try #require(JSONValue(parsing: $0)) }
        try #require(texts.count == lines.count && !texts.isEmpty)
        let transport = AsyncHTTPTransport()
        try await LocalModel.withServer(contextSize: 8192, transport: transport) { _, root in
            for (text, line) in zip(texts, lines) {
                let turns = Self.turns(text)
                // The system turn (date lines and tool definitions) is the shared renderer's; the test takes it
                // from the line and checks everything after it independently.
                let system = try #require(turns.first { $0.role == "system" }?.content)
                let messages = try Self.llamaMessages(line, system: system)
                #expect(messages.count == turns.count)
                let completion = try await LocalModel.post(
                    ["messages": .array(messages), "max_tokens": 1, "temperature": 0],
                    to: "v1/chat/completions",
                    at: root,
                    transport
                )
                let templated = try #require(completion["usage"]?["prompt_tokens"]?.numberValue)
                let chatML =
                    turns.map { "<|im_start|>\($0.role == "ipython" ? "tool" : $0.role)\n\($0.content)<|im_end|>\n" }
                    .joined()
                    + "<|im_start|>assistant\n"
                let counted = try await LocalModel.countTokens(chatML, at: root, transport: transport)
                #expect(counted == Int(templated), "\(text.prefix(200))")
            }
        }
    }
}
