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

    /// The summary of what `tally` has counted.
    init(_ tally: EngineTally) {
        role = tally.role
        models = tally.models.values
            .map { Model(engine: $0.engine, model: $0.model, turns: $0.turns) }
            .sorted { ($1.turns, $0.engine, $0.model) < ($0.turns, $1.engine, $1.model) }
        turns = tally.turns
        answered = tally.answered
        latencyMs = Quantiles(tally.latency)
        ttftMs = Quantiles(tally.ttft)
        inputTokens = Tokens(total: tally.inputTokens, mean: tally.mean(tally.answeredInputTokens))
        outputTokens = Tokens(total: tally.outputTokens, mean: tally.mean(tally.answeredOutputTokens))
        pricedTurns = tally.pricedTurns
        costPer1000TurnsUSD = tally.pricedTurns == 0 ? nil : tally.costUSD / Double(tally.pricedTurns) * 1000
        errors = Proportion(tally.errors, of: tally.turns)
        timeouts = Proportion(tally.timeouts, of: tally.turns)
        toolUse = Proportion(tally.toolUsing, of: tally.turns)
        toolCallValidity = Proportion(tally.validCalls, of: tally.calls)
        failedChecks = tally.failedChecks
    }
}

/// The running counts behind an ``EngineSummary``: answers are added one at a time, in log order, and the latency
/// samples are merged in per batch (``settle()``), so a growing log is counted once, not again on every view.
struct EngineTally: Sendable {
    let role: EngineSummary.Role
    var models: [String: (engine: String, model: String, turns: Int)] = [:]
    var turns = 0
    var answered = 0
    private(set) var latency = SortedSample()
    private(set) var ttft = SortedSample()
    private var newLatency: [Double] = []
    private var newTTFT: [Double] = []
    var inputTokens = 0
    var outputTokens = 0
    var answeredInputTokens = 0
    var answeredOutputTokens = 0
    var pricedTurns = 0
    /// Summed in log order, as a reading of the whole log would.
    var costUSD = 0.0
    var errors = 0
    var timeouts = 0
    var toolUsing = 0
    var calls = 0
    var validCalls = 0
    var failedChecks: [String: Int] = [:]

    init(_ role: EngineSummary.Role) {
        self.role = role
    }

    /// Counts the `role` side of `record`; its latencies wait for ``settle()``.
    mutating func add(_ record: ShadowRecord) {
        let answer = role == .primary ? record.primary : record.candidate
        models["\(answer.engine)\u{0}\(answer.model)", default: (answer.engine, answer.model, 0)].turns += 1
        turns += 1
        inputTokens += answer.inputTokens
        outputTokens += answer.outputTokens
        if answer.error == nil {
            answered += 1
            answeredInputTokens += answer.inputTokens
            answeredOutputTokens += answer.outputTokens
            if let latencyMs = answer.latencyMs { newLatency.append(latencyMs) }
            if let ttftMs = answer.ttftMs { newTTFT.append(ttftMs) }
        } else {
            errors += 1
        }
        if let cost = answer.costUSD {
            pricedTurns += 1
            costUSD += cost
        }
        if answer.timedOut { timeouts += 1 }
        if !answer.toolCalls.isEmpty { toolUsing += 1 }
        calls += answer.toolCalls.count
        validCalls += answer.toolCalls.count { !$0.isError }
        for check in answer.checks { failedChecks[check, default: 0] += 1 }
    }

    /// Merges the latencies added since the last call into the sorted samples.
    mutating func settle() {
        latency.insert(contentsOf: newLatency)
        ttft.insert(contentsOf: newTTFT)
        newLatency.removeAll()
        newTTFT.removeAll()
    }

    /// Mean over answered turns; `nil` when none was answered.
    func mean(_ total: Int) -> Double? {
        answered == 0 ? nil : Double(total) / Double(answered)
    }
}
