import Foundation
public import MaiaAgent
import MaiaCore
public import MaiaEngines

/// Asks an engine which of two replies is the better companion answer, twice with the order of the replies
/// swapped, and reconciles the two answers (``JudgeVerdict``): position bias shows up as a tie, not as a win.
public struct PairwiseJudge: Sendable {
    /// What the judge sees of one turn.
    public struct Case: Sendable {
        public var userMessage: String
        public var language: DetectedLanguage
        public var primary: ShadowEngine.Run
        public var candidate: ShadowEngine.Run

        /// Creates a case.
        public init(
            userMessage: String,
            language: DetectedLanguage,
            primary: ShadowEngine.Run,
            candidate: ShadowEngine.Run
        ) {
            self.userMessage = userMessage
            self.language = language
            self.primary = primary
            self.candidate = candidate
        }
    }

    public let engine: any ReasoningEngine
    public let parameters: GenerationParameters

    /// Creates a judge; a low temperature keeps its two answers comparable.
    public init(engine: any ReasoningEngine, parameters: GenerationParameters = .init(maxTokens: 400, temperature: 0)) {
        self.engine = engine
        self.parameters = parameters
    }

    /// Judges `judgedCase` in both orders, one after the other (a local judge serves one request at a time). An
    /// order the judge fails or answers unparseably has no winner, which makes the verdict a tie.
    public func judge(_ judgedCase: Case) async -> JudgeVerdict {
        let primaryFirst = await ask(judgedCase, primaryFirst: true)
        let candidateFirst = await ask(judgedCase, primaryFirst: false)
        return JudgeVerdict(judge: engine.name, orders: [primaryFirst, candidateFirst])
    }

    private func ask(_ judgedCase: Case, primaryFirst: Bool) async -> JudgeVerdict.Order {
        let request = EngineRequest(
            system: JudgePrompt.system,
            messages: [.user(JudgePrompt.question(judgedCase, primaryFirst: primaryFirst))],
            toolChoice: .none,
            parameters: parameters
        )
        do {
            let text = try await engine.complete(request).text
            let parsed = JudgeAnswerParser.parse(text)
            let winner = parsed.choice.map { $0.winner(primaryFirst: primaryFirst) }
            let rationale = parsed.choice == nil ? "unparseable judge answer" : parsed.rationale
            return .init(primaryFirst: primaryFirst, winner: winner, rationale: rationale)
        } catch {
            return .init(primaryFirst: primaryFirst, winner: nil, rationale: "the judge failed: \(error)")
        }
    }
}
