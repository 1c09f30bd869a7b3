import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaTesting
import Synchronization
import Testing

@testable import MaiaExperiments

/// A judge engine that answers from the request it receives (the two asks run concurrently, so answers must not
/// depend on call order), recording every request.
final class ReadingJudge: ReasoningEngine {
    let name = "reading-judge"
    let model = "judge-model"
    let capabilities = EngineCapabilities()
    private let answer: @Sendable (String) -> String
    private let seen = Mutex<[EngineRequest]>([])

    init(_ answer: @escaping @Sendable (String) -> String) {
        self.answer = answer
    }

    var requests: [EngineRequest] { seen.withLock { $0 } }

    func stream(_ request: EngineRequest) -> EngineEventStream {
        seen.withLock { $0.append(request) }
        guard case .user(let question)? = request.messages.last else {
            return .producing { _ in throw EngineError(code: .invalidRequest, message: "no question") }
        }
        let text = answer(question)
        return .producing { continuation in
            continuation.yield(.textDelta(text))
            continuation.yield(.finish(.endTurn))
        }
    }
}

@Suite("Pairwise judge: both orders, reconciled")
struct JudgeTests {
    static func run(_ engine: String, _ reply: String, tool: String? = nil) -> ShadowEngine.Run {
        let results = tool.map { [ToolResult(callID: "c1", name: "query_mem0", content: $0)] } ?? []
        return ShadowEngine.Run(
            answer: ShadowAnswer(engine: engine, model: engine, response: reply),
            toolResults: results
        )
    }

    static let judgedCase = PairwiseJudge.Case(
        userMessage: "What did we talk about last week?",
        language: .en,
        primary: run(
            "claude",
            "Last week you spoke about the pottery studio.",
            tool: #"{"matches":["pottery studio"]}"#
        ),
        candidate: run("llama", "You mentioned your sister's wedding.", tool: #"{"matches":[]}"#)
    )

    @Test("a judge that always answers A (position bias) ends in a tie, marked inconsistent")
    func positionBias() async {
        let judge = ScriptedEngine(scripts: [
            .text(#"{"winner": "A", "rationale": "A is warmer."}"#), .text(#"{"winner":"A"}"#),
        ])
        let verdict = await PairwiseJudge(engine: judge).judge(Self.judgedCase)
        #expect(verdict.verdict == .tie)
        #expect(verdict.consistent == false)
        #expect(Set(verdict.orders.compactMap(\.winner)) == [.primary, .candidate])
    }

    @Test("a judge that prefers the same reply in both positions gives that reply the win, consistently")
    func consistentPreference() async {
        let judge = ReadingJudge { question in
            // Prefers whichever position holds the faithful reply.
            let a = question.range(of: "Reply A:")!
            let b = question.range(of: "Reply B:")!
            let faithful = question.range(of: "pottery studio.")!
            let inA = faithful.lowerBound > a.upperBound && faithful.lowerBound < b.lowerBound
            return #"{"winner": "\#(inA ? "A" : "B")", "rationale": "Faithful to memory."}"#
        }
        let verdict = await PairwiseJudge(engine: judge).judge(Self.judgedCase)
        #expect(verdict.verdict == .primary)
        #expect(verdict.consistent)
        #expect(Set(verdict.orders.map(\.primaryFirst)) == [true, false])
        #expect(verdict.rationale.contains("Faithful to memory."))
        #expect(verdict.judge == "reading-judge")
    }

    @Test("the judge sees the message, both replies and the memory each reply's tools returned, in both orders")
    func prompt() async {
        let judge = ReadingJudge { _ in #"{"winner":"tie"}"# }
        let verdict = await PairwiseJudge(engine: judge).judge(Self.judgedCase)
        #expect(verdict.verdict == .tie)
        #expect(verdict.consistent, "tie in both orders is an agreement")
        let questions = judge.requests.compactMap { request -> String? in
            if case .user(let text)? = request.messages.last { return text }
            return nil
        }
        #expect(questions.count == 2)
        for question in questions {
            #expect(question.contains("What did we talk about last week?"))
            #expect(question.contains(#"{"matches":["pottery studio"]}"#))
            #expect(question.contains("sister's wedding"))
        }
        let firstA = questions.map { $0.range(of: "pottery")!.lowerBound < $0.range(of: "wedding")!.lowerBound }
        #expect(Set(firstA) == [true, false], "the two asks show the replies in opposite orders")
        #expect(judge.requests.allSatisfy { $0.system.contains("Faithfulness to memory") && $0.tools.isEmpty })
    }

    @Test("an unparseable answer has no winner and makes a tie; a failing judge too")
    func unparseable() async {
        let vague = ScriptedEngine(scripts: [.text("Both are lovely in their own way."), .text(#"{"winner":"B"}"#)])
        let verdict = await PairwiseJudge(engine: vague).judge(Self.judgedCase)
        #expect(verdict.verdict == .tie)
        #expect(!verdict.consistent)
        #expect(verdict.orders.contains { $0.winner == nil && $0.rationale == "unparseable judge answer" })
        let broken = ScriptedEngine(scripts: [])
        let failed = await PairwiseJudge(engine: broken).judge(Self.judgedCase)
        #expect(failed.verdict == .tie)
        #expect(failed.orders.allSatisfy { $0.winner == nil && $0.rationale.hasPrefix("the judge failed") })
    }

    @Test("answers are parsed from JSON in prose or fences, broken JSON fragments, and Winner: lines")
    func parsing() {
        let cases: [(String, JudgeAnswerParser.Choice?)] = [
            (#"{"winner": "A", "rationale": "warmer"}"#, .a),
            ("Sure! ```json\n{\"rationale\": \"B remembers\", \"winner\": \"B\"}\n```", .b),
            (#"{"winner": "Reply B", "rationale": "uses memory"}"#, .b),
            (#"{"winner": "tie", "rationale": "equal"}"#, .tie),
            (#"{"winner": "A", "rationale": "unterminated"#, .a),
            ("Winner: B\nB is more present.", .b),
            ("**Winner:** tie", .tie),
            (#"{"winner": "C"}"#, nil),
            ("A is nice but B is nicer", nil),
            ("", nil),
        ]
        for (text, expected) in cases {
            #expect(JudgeAnswerParser.parse(text).choice == expected, "\(text)")
        }
        #expect(JudgeAnswerParser.parse(#"{"winner": "A", "rationale": "warmer"}"#).rationale == "warmer")
    }
}
