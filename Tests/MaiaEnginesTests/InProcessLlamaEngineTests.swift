import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaInference
import MaiaTesting
import Testing

/// The in-process engine on the real SmolLM2 file (installed by `scripts/setup.sh run`).
@Suite(
    "In-process Llama engine with SmolLM2 (integration)",
    .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)")
)
struct InProcessLlamaEngineTests {
    static let modelURL = LocalModel.configuration().model

    static func engine(seed: UInt64? = 1) -> InProcessLlamaEngine {
        InProcessLlamaEngine(configuration: .init(model: modelURL, threads: 1, contextSize: 2048, seed: seed))
    }

    static let request = EngineRequest(
        system: "You are a helpful assistant.",
        messages: [.user("What is the capital of France?")],
        parameters: GenerationParameters(maxTokens: 24, temperature: 0)
    )

    @Test(
        "streams text in several deltas with exact usage and a finish; greedy answers repeat",
        .timeLimit(.minutes(5))
    )
    func streams() async throws {
        let engine = Self.engine()
        var deltas = 0
        var usage: TokenUsage?
        var finish: FinishReason?
        for try await event in engine.stream(Self.request) {
            switch event {
            case .textDelta: deltas += 1
            case .usage(let counted): usage = counted
            case .finish(let reason): finish = reason
            case .toolCall: Issue.record("no tool was offered")
            }
        }
        #expect(deltas > 1)
        #expect(finish == .endTurn)
        let model = try LlamaModel(path: Self.modelURL.path)
        let prompt = model.chatTemplate.render([
            .init(role: "system", content: "You are a helpful assistant."),
            .init(role: "user", content: "What is the capital of France?"),
        ])
        #expect(usage?.inputTokens == model.tokenizer.encode(prompt).count)
        #expect((usage?.outputTokens ?? 0) > 0)
        #expect(usage?.isEstimated == false)
        let first = try await engine.complete(Self.request)
        let second = try await engine.complete(Self.request)
        #expect(first.text == second.text)
        #expect(first.text.contains("Paris"))
    }

    @Test("max tokens and stop strings end the answer with the matching reason", .timeLimit(.minutes(5)))
    func limits() async throws {
        let engine = Self.engine()
        var limited = Self.request
        limited.parameters.maxTokens = 3
        let short = try await engine.complete(limited)
        #expect(short.finishReason == .maxTokens)
        #expect(short.usage.outputTokens == 3)
        var stopped = Self.request
        stopped.parameters.stop = ["Paris"]
        let result = try await engine.complete(stopped)
        #expect(result.finishReason == .stopSequence)
        #expect(!result.text.contains("Paris"))
    }

    @Test("turns may overlap: concurrent requests are queued and all complete", .timeLimit(.minutes(5)))
    func concurrent() async throws {
        let engine = Self.engine()
        #expect(engine.capabilities.exclusiveServer == nil)
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<3 { group.addTask { try await engine.complete(Self.request).text } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(texts.count == 3)
        #expect(Set(texts).count == 1, "greedy answers are the same whatever the order")
    }

    @Test("a consumer that stops early cancels the generation", .timeLimit(.minutes(5)))
    func cancellation() async throws {
        let engine = Self.engine()
        var long = Self.request
        long.parameters.maxTokens = 2000
        long.messages = [.user("Write a very long story about the sea.")]
        for try await event in engine.stream(long) {
            if case .textDelta = event { break }
        }
        // The next call is served at once: the cancelled generation released the model.
        let result = try await engine.complete(Self.request)
        #expect(!result.text.isEmpty)
    }

    @Test("tool calls come back through the in-prompt format")
    func toolCallsInPrompt() {
        #expect(Self.engine().capabilities.toolCalling == .inPrompt)
    }

    @Test("a missing model file fails the call with the path and the remedy")
    func missingModel() async {
        let engine = InProcessLlamaEngine(configuration: .init(model: URL(fileURLWithPath: "/nonexistent/x.gguf")))
        do {
            _ = try await engine.complete(Self.request)
            Issue.record("answered without a model")
        } catch let error as EngineError {
            #expect(error.code == .connectionFailed)
            #expect(error.message.contains("/nonexistent/x.gguf"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the health probe loads the model, or names the missing file and the command that fetches it")
    func health() async {
        let health = await Self.engine().checkHealth()
        #expect(health.ok && health.modelPresent == true, "\(health.detail)")
        #expect(health.detail.contains("30 blocks") && health.detail.contains(Self.modelURL.path), "\(health.detail)")
        let missing = await InProcessLlamaEngine(
            configuration: .init(model: URL(fileURLWithPath: "/nonexistent/x.gguf"))
        )
        .checkHealth()
        #expect(!missing.ok && missing.modelPresent == false)
        #expect(missing.detail.contains("/nonexistent/x.gguf"), "\(missing.detail)")
        #expect(missing.remedy?.contains("scripts/setup.sh run") == true)
    }

    @Test(
        "the tokenizer gives the live llama.cpp server's /extras/tokenize ids",
        .timeLimit(.minutes(5))
    )
    func liveTokenizer() async throws {
        let model = try LlamaModel(path: Self.modelURL.path)
        let texts = [
            "Hello world! 123", "¿Qué debería hacer con mi trabajo?", "Ich fühle mich heute sehr müde.",
            "आज मैं बहुत थका हुआ महसूस कर रहा हूँ।", "วันนี้ฉันรู้สึกเหนื่อยมาก", "I ❤️ you 👨‍👩‍👧‍👦",
            "def f(x):\n    return x ** 2\n", "<|im_start|>user\nHi<|im_end|>\n", "naïve café  résumé\t\n",
        ]
        let transport = AsyncHTTPTransport()
        try await LocalModel.withServer(transport: transport) { _, root in
            for text in texts {
                let reply = try await LocalModel.post(
                    ["input": .string(text)],
                    to: "extras/tokenize",
                    at: root,
                    transport
                )
                let ids = (reply["tokens"]?.arrayValue ?? []).compactMap { $0.numberValue.map { Int($0) } }
                #expect(model.tokenizer.encode(text) == ids, "\(text.debugDescription)")
            }
        }
    }
}
