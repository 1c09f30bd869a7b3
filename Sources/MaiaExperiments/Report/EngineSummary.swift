/// How one engine role (the primary or the candidate) did over a set of comparisons.
///
/// Latency, time to first token and mean tokens are over *answered* turns (no error): a failed or timed-out turn
/// would otherwise pull the typical turn towards the timeout or towards zero tokens, and its cost is already in the
/// error and timeout rates. Totals and rates are over every turn. Cost is over the turns whose cost is known only.
public struct EngineSummary: Sendable, Hashable {
    /// Which side of the comparison an answer was on.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case primary, candidate
    }

    /// An engine and model seen in this role, and on how many turns.
    public struct Model: Sendable, Hashable {
        public let engine: String
        public let model: String
        public let turns: Int
    }

    /// Mean and total of a token count.
    public struct Tokens: Sendable, Hashable {
        /// Sum over every turn.
        public let total: Int
        /// Mean over answered turns; `nil` when no turn was answered.
        public let mean: Double?
    }

    public let role: Role
    /// The engines and models that answered in this role, most turns first.
    public let models: [Model]
    public let turns: Int
    /// Turns without an error.
    public let answered: Int
    public let latencyMs: Quantiles
    public let ttftMs: Quantiles
    public let inputTokens: Tokens
    public let outputTokens: Tokens
    /// Turns whose cost was recorded (engines without a price list record none).
    public let pricedTurns: Int
    /// Mean cost of the priced turns times 1,000; `nil` ("unknown") when no turn was priced.
    public let costPer1000TurnsUSD: Double?
    public let errors: Proportion
    public let timeouts: Proportion
    /// Turns with at least one tool call.
    public let toolUse: Proportion
    /// Tool calls that the executor accepted, of all tool calls.
    public let toolCallValidity: Proportion
    /// How many answers failed each deterministic check, by check name.
    public let failedChecks: [String: Int]

    /// Summarises the `role` side of `records`.
    public init(_ role: Role, of records: [ShadowRecord]) {
        let answers = records.map { role == .primary ? $0.primary : $0.candidate }
        let answered = answers.filter { $0.error == nil }
        let priced = answers.compactMap(\.costUSD)
        let calls = answers.flatMap(\.toolCalls)
        self.role = role
        models = Self.models(answers)
        turns = answers.count
        self.answered = answered.count
        latencyMs = Quantiles(answered.compactMap(\.latencyMs))
        ttftMs = Quantiles(answered.compactMap(\.ttftMs))
        inputTokens = Self.tokens(answers.map(\.inputTokens), answered: answered.map(\.inputTokens))
        outputTokens = Self.tokens(answers.map(\.outputTokens), answered: answered.map(\.outputTokens))
        pricedTurns = priced.count
        costPer1000TurnsUSD = priced.isEmpty ? nil : priced.reduce(0, +) / Double(priced.count) * 1000
        errors = Proportion(answers) { $0.error != nil }
        timeouts = Proportion(answers, where: \.timedOut)
        toolUse = Proportion(answers) { !$0.toolCalls.isEmpty }
        toolCallValidity = Proportion(calls) { !$0.isError }
        failedChecks = answers.flatMap(\.checks).reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    private static func models(_ answers: [ShadowAnswer]) -> [Model] {
        let counts = answers.reduce(into: [String: (engine: String, model: String, turns: Int)]()) { counts, answer in
            counts["\(answer.engine)\u{0}\(answer.model)", default: (answer.engine, answer.model, 0)].turns += 1
        }
        return counts.values
            .map { Model(engine: $0.engine, model: $0.model, turns: $0.turns) }
            .sorted { ($1.turns, $0.engine, $0.model) < ($0.turns, $1.engine, $1.model) }
    }

    private static func tokens(_ all: [Int], answered: [Int]) -> Tokens {
        Tokens(
            total: all.reduce(0, +),
            mean: answered.isEmpty ? nil : Double(answered.reduce(0, +)) / Double(answered.count)
        )
    }
}
