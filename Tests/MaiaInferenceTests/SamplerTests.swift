import MaiaInference
import Testing

@Suite("Sampler and chat templates")
struct SamplerTests {
    @Test("greedy picks the largest logit, the first on ties")
    func greedy() throws {
        var sampler = try Sampler()
        #expect(sampler.sample([0.5, 2, -1, 2]) == 1)
        #expect(Sampler.argmax([3, 3, 3]) == 0)
    }

    @Test("the same seed draws the same tokens; top-p keeps only the nucleus")
    func seeded() throws {
        let logits: [Float] = [1, 2, 3, 2.5, 0, -1]
        var first = try Sampler(temperature: 1, topP: 1, seed: 42)
        var second = try Sampler(temperature: 1, topP: 1, seed: 42)
        let a = (0..<50).map { _ in first.sample(logits) }
        let b = (0..<50).map { _ in second.sample(logits) }
        #expect(a == b)
        #expect(Set(a).count > 1, "temperature 1 explores")
        var narrow = try Sampler(temperature: 1, topP: 0.01, seed: 7)
        #expect((0..<20).allSatisfy { _ in narrow.sample(logits) == 2 })
    }

    @Test("the repeat penalty lowers recently sampled tokens as llama.cpp does, within its window only")
    func repeatPenalty() throws {
        let logits: [Float] = [2.5, 2.8, 3]
        // 2 wins, then at 3 / 2 = 1.5 it loses to 1; with both penalised (1.5, 1.4), 0 wins.
        var two = try Sampler(repeatPenalty: 2, repeatWindow: 2)
        #expect((0..<3).map { _ in two.next(logits) } == [2, 1, 0])
        // With a window of one, 2 has left it by the third step and wins again.
        var one = try Sampler(repeatPenalty: 2, repeatWindow: 1)
        #expect((0..<3).map { _ in one.next(logits) } == [2, 1, 2])
        // A negative logit is multiplied: -1 becomes -2, below -1.5.
        var negative = try Sampler(repeatPenalty: 2, repeatWindow: 4)
        #expect(negative.next([-1, -1.5]) == 0)
        #expect(negative.next([-1, -1.5]) == 1)
        var none = try Sampler()
        #expect((0..<3).map { _ in none.next([0, 1.8, 3]) } == [2, 2, 2])
        for (penalty, window) in [(Float(0), 64), (11, 64), (1.1, -1), (1.1, 9000)] {
            #expect(throws: InferenceError.self) { try Sampler(repeatPenalty: penalty, repeatWindow: window) }
        }
    }

    @Test("bad settings are refused with the accepted range")
    func badSettings() {
        for (temperature, topP, phrase) in [
            (Float(-1), Float(1), "temperature"), (11, 1, "temperature"),
            (.nan, 1, "temperature"), (1, 0, "top-p"), (1, 1.5, "top-p"),
        ] {
            do {
                _ = try Sampler(temperature: temperature, topP: topP)
                Issue.record("accepted \(temperature), \(topP)")
            } catch {
                #expect(error.code == .invalidInput)
                #expect(error.message.contains(phrase))
            }
        }
    }

    @Test("ChatML adds the template's default system message only when there is none; Llama 3 uses header tokens")
    func templates() {
        let chatML = ChatTemplate(layout: .chatML, defaultSystem: "Be kind.")
        #expect(
            chatML.render([.init(role: "user", content: "Hi")])
                == "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        )
        #expect(
            chatML.render([.init(role: "system", content: "S"), .init(role: "user", content: "Hi")])
                == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        )
        let llama3 = ChatTemplate(layout: .llama3)
        #expect(
            llama3.render([.init(role: "user", content: "Hi")])
                == "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"
        )
    }

    @Test(
        "a session refuses bad sizes, unknown token ids and a full context",
        .enabled(if: InstalledModel.runs, "SmolLM2 is not installed (scripts/setup.sh run)")
    )
    func sessionInput() throws {
        let model = try InstalledModel.load()
        #expect(throws: InferenceError.self) { try LlamaSession(model: model, contextSize: 0, threads: 1) }
        #expect(throws: InferenceError.self) { try LlamaSession(model: model, contextSize: 16, threads: 0) }
        let session = try LlamaSession(model: model, contextSize: 4, threads: 1)
        #expect(throws: InferenceError.self) { try session.evaluate([]) }
        #expect(throws: InferenceError.self) { try session.evaluate([49152]) }
        #expect(throws: InferenceError.self) { try session.evaluate([1, 2, 3, 4, 5]) }
        _ = try session.evaluate([1, 2])
        #expect(session.cachedTokens == [1, 2])
        session.truncate(to: 1)
        #expect(session.cachedTokens == [1])
    }
}
