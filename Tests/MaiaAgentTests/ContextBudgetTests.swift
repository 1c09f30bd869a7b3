import MaiaAgent
import MaiaCore
import MaiaEngines
import Testing

@Suite("Context budgeting")
struct ContextBudgetTests {
    static let samples = [
        "I keep thinking about the conversation we had with my father last winter.",
        "Je repense sans cesse à la conversation avec mon père l'hiver dernier.",
        "Ich denke immer wieder an das Gespräch mit meinem Vater im letzten Winter.",
        "Sigo pensando en la conversación que tuvimos con mi padre el invierno pasado.",
        "मैं पिछली सर्दियों में अपने पिता के साथ हुई बातचीत के बारे में सोचता रहता हूँ।",
        "Continuo pensando na conversa que tivemos com meu pai no inverno passado.",
        "Continuo a pensare alla conversazione con mio padre dell'inverno scorso.",
        "ฉันยังคิดถึงบทสนทนากับพ่อเมื่อฤดูหนาวที่แล้วอยู่เสมอ",
    ]

    @Test(
        "long histories in every language are trimmed under the window; the current message stays",
        arguments: samples
    )
    func trims(sample: String) throws {
        let budget = ContextBudget(contextWindow: 8192, maxOutputTokens: 1024)
        var messages: [ChatMessage] = []
        for index in 0..<400 {
            messages.append(.user("\(index): \(sample)"))
            messages.append(
                .assistant(
                    "",
                    toolCalls: [ToolCall(id: "c\(index)", name: "lookup_supabase", arguments: ["user_id": "ana"])]
                )
            )
            messages.append(
                .toolResult(
                    ToolResult(
                        callID: "c\(index)",
                        name: "lookup_supabase",
                        content: String(repeating: sample, count: 3)
                    )
                )
            )
            messages.append(.assistant("\(index): \(sample)"))
        }
        messages.append(.user("now: \(sample)"))
        let system = String(repeating: "persona ", count: 200)
        let fitted = try #require(budget.fit(system: system, messages: messages, tools: ["{}"]))
        #expect(ContextBudget.estimate(system: system, messages: fitted, tools: ["{}"]) <= budget.promptLimit)
        #expect(fitted.last == .user("now: \(sample)"))
        #expect(fitted.count < messages.count)
        // Every tool result still follows the assistant turn that called it.
        for (index, message) in fitted.enumerated() {
            guard case .toolResult(let result) = message else { continue }
            let caller = fitted[..<index].last { if case .assistant = $0 { true } else { false } }
            guard case .assistant(_, let calls) = caller else {
                Issue.record("a tool result lost its call")
                continue
            }
            #expect(calls.contains { $0.id == result.callID })
        }
    }

    @Test("a current message that cannot fit is reported, not silently cut")
    func tooLong() {
        let budget = ContextBudget(contextWindow: 100, maxOutputTokens: 50)
        #expect(budget.fit(system: "", messages: [.user(String(repeating: "word ", count: 500))], tools: []) == nil)
    }

    @Test("large tool results of the current turn are emptied before the turn is dropped")
    func shrinksToolResults() throws {
        let budget = ContextBudget(contextWindow: 2000, maxOutputTokens: 500)
        let messages: [ChatMessage] = [
            .user("question"),
            .assistant("", toolCalls: [ToolCall(id: "1", name: "lookup_supabase", arguments: [:])]),
            .toolResult(
                ToolResult(callID: "1", name: "lookup_supabase", content: String(repeating: "x", count: 20000))
            ),
        ]
        let fitted = try #require(budget.fit(system: "", messages: messages, tools: []))
        #expect(fitted.count == 3)
        guard case .toolResult(let result) = fitted[2] else {
            Issue.record("the third message should still be the tool result, got \(fitted[2])")
            return
        }
        #expect(result.content.contains("removed to fit"))
    }
}
