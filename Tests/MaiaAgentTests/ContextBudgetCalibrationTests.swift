import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

/// The token estimate of ``ContextBudget`` against SmolLM2's real tokenizer: the committed counts
/// (`Tests/Fixtures/tokenizer/smollm2-token-counts.json`) always, and the live server when it is installed.
@Suite("Context budget calibrated against SmolLM2's tokenizer", .serialized)
struct ContextBudgetCalibrationTests {
    struct Sample: Decodable {
        let language: String
        let text: String
        let tokens: Int
    }

    struct Fixture: Decodable {
        let samples: [Sample]
    }

    /// Template tokens SmolLM2's chat template adds per message: `<|im_start|>`, the role, a newline,
    /// `<|im_end|>`, a newline.
    static let templateTokensPerMessage = 5
    static let languages = ["en", "fr", "de", "es", "hi", "pt", "it", "th"]

    /// The committed counts; a missing or malformed fixture fails every test that reads it (never an empty list).
    static let fixture = Result {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tokenizer/smollm2-token-counts.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static var samples: [Sample] {
        get throws { try fixture.get().samples }
    }

    @Test("the fixture covers the 8 languages with several texts each")
    func coverage() throws {
        let samples = try Self.samples
        for language in Self.languages {
            #expect(samples.filter { $0.language == language }.count >= 8, "\(language)")
        }
    }

    @Test("every message's estimate covers its real tokens plus the template, before the 10% margin")
    func perMessage() throws {
        for sample in try Self.samples {
            let real = sample.tokens + Self.templateTokensPerMessage
            let estimated = ContextBudget.estimate(sample.text) + 8
            #expect(estimated >= real, "\(sample.language): \(estimated) < \(real) for \(sample.text)")
        }
    }

    @Test("a long history in each language is never undercounted; the margin is at least 10% everywhere")
    func longHistories() throws {
        for language in Self.languages {
            let texts = try Self.samples.filter { $0.language == language }
            try #require(!texts.isEmpty, "no \(language) samples in the fixture")
            let messages: [ChatMessage] = (0..<300).map { index in
                let text = texts[index % texts.count].text
                return index % 2 == 0 ? .user(text) : .assistant(text)
            }
            let real = (0..<300).map { texts[$0 % texts.count].tokens + Self.templateTokensPerMessage }.reduce(0, +)
            let estimated = ContextBudget.estimate(system: "", messages: messages, tools: [])
            #expect(Double(estimated) >= Double(real) * 1.1, "\(language): \(estimated) vs \(real)")
        }
    }

    /// Renders `request` the way SmolLM2's chat template does for an OpenAI-style call (tools already in the
    /// system prompt: `ToolPromptRenderer`), generation prompt included.
    static func chatML(_ request: EngineRequest) -> String {
        var text = "<|im_start|>system\n\(request.system)<|im_end|>\n"
        for message in request.messages {
            switch message {
            case .user(let content): text += "<|im_start|>user\n\(content)<|im_end|>\n"
            case .assistant(let content, _): text += "<|im_start|>assistant\n\(content)<|im_end|>\n"
            case .toolResult(let result): text += "<|im_start|>user\n\(result.content)<|im_end|>\n"
            }
        }
        return text + "<|im_start|>assistant\n"
    }

    @Test(
        "live: the fixture's counts are the server's, the ChatML rendering is the server's, and fitted prompts fit",
        .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(10))
    )
    func live() async throws {
        let transport = AsyncHTTPTransport()
        try await LocalModel.withServer(contextSize: 8192, transport: transport) { _, root in
            for sample in try Self.samples {
                let count = try await LocalModel.countTokens(sample.text, at: root, transport: transport)
                #expect(count == sample.tokens, "\(sample.language): \(sample.text)")
            }

            // Our rendering counts exactly what the server's chat template makes of a request.
            let small = EngineRequest(system: "Be kind.", messages: [.user("Hallo, wie geht's?"), .assistant("Gut.")])
            let completion = try await LocalModel.post(
                [
                    "messages": [
                        ["role": "system", "content": "Be kind."], ["role": "user", "content": "Hallo, wie geht's?"],
                        ["role": "assistant", "content": "Gut."],
                    ],
                    "max_tokens": 1, "temperature": 0,
                ],
                to: "v1/chat/completions",
                at: root,
                transport
            )
            let promptTokens = try #require(completion["usage"]?["prompt_tokens"]?.numberValue)
            #expect(
                try await LocalModel.countTokens(Self.chatML(small), at: root, transport: transport)
                    == Int(promptTokens)
            )

            // A turn's long history in each language, fitted to SmolLM2's window, really fits and is never undercounted.
            let budget = ContextBudget(contextWindow: 8192, maxOutputTokens: 1024)
            let tools = ToolPromptText.block(tools: MemoryToolCatalog.turnTools, choice: .auto)
            for language in Self.languages {
                let texts = try Self.samples.filter { $0.language == language }.map(\.text)
                let system = OraclePrompt.system(userID: "ana", languageName: language, date: "2026-11-25")
                var history: [ChatMessage] = []
                for index in 0..<120 {
                    let text = texts[index % texts.count]
                    history.append(.user(text))
                    let call = ToolCall(
                        id: "c\(index)",
                        name: "query_mem0",
                        arguments: ["user_id": "ana", "query": .string(text)]
                    )
                    history.append(.assistant("", toolCalls: [call]))
                    let result: JSONValue = [
                        "matches": [
                            ["content": .string(text), "relevance": 0.8123, "timestamp": "2026-11-25T18:22:29Z"]
                        ]
                    ]
                    history.append(.toolResult(ToolResult(callID: call.id, name: call.name, content: result.jsonText)))
                    history.append(.assistant(texts[(index + 3) % texts.count]))
                }
                history.append(.user(texts[0]))
                let fitted = try #require(budget.fit(system: system, messages: history, tools: [tools]))
                let request = ToolPromptRenderer().render(
                    EngineRequest(system: system, messages: fitted, tools: MemoryToolCatalog.turnTools)
                )
                let real = try await LocalModel.countTokens(Self.chatML(request), at: root, transport: transport)
                let estimated = ContextBudget.estimate(system: system, messages: fitted, tools: [tools])
                #expect(real <= budget.promptLimit, "\(language): \(real) real tokens exceed \(budget.promptLimit)")
                #expect(estimated >= real, "\(language): estimated \(estimated) < real \(real)")
                #expect(fitted.count > 4, "\(language): earlier exchanges were kept, not all dropped")
            }
        }
    }
}
