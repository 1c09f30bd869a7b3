public import Foundation
public import MaiaCore

/// One shadow comparison: the same turn answered by the primary engine (shown) and the candidate (never shown).
/// One of these is one line of the shadow log (ARCHITECTURE.md §8).
public struct ShadowRecord: Sendable, Hashable, Codable {
    /// Where the comparison came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A real user turn with `LLAMA_SHADOW_MODE=true`.
        case live
        /// `maia shadow` over a prompt set.
        case batch
        /// `maia shadow --interactive`.
        case interactive
    }

    /// Unique id of the comparison.
    public var id: String
    public var timestamp: Date
    public var source: Source
    public var userId: String
    public var sessionId: String?
    public var userMessage: String
    /// ISO 639-1 code of the user's message, or `unknown`.
    public var language: String
    public var primary: ShadowAnswer
    public var candidate: ShadowAnswer
    public var comparison: ShadowComparison

    /// Creates a record.
    public init(
        id: String = UUID().uuidString.lowercased(),
        timestamp: Date,
        source: Source,
        userId: String,
        sessionId: String?,
        userMessage: String,
        language: String,
        primary: ShadowAnswer,
        candidate: ShadowAnswer,
        comparison: ShadowComparison
    ) {
        self.id = id
        self.timestamp = timestamp
        self.source = source
        self.userId = userId
        self.sessionId = sessionId
        self.userMessage = userMessage
        self.language = language
        self.primary = primary
        self.candidate = candidate
        self.comparison = comparison
    }
}

/// How one engine answered the turn. `error` is set (and `response` empty) when it failed or timed out.
public struct ShadowAnswer: Sendable, Hashable, Codable {
    public var engine: String
    public var model: String
    public var response: String
    public var toolCalls: [ShadowToolCall]
    public var inputTokens: Int
    public var outputTokens: Int
    public var latencyMs: Double?
    public var ttftMs: Double?
    public var costUSD: Double?
    public var error: String?
    /// Whether the answer was cut off by the shadow timeout (then `error` says so too).
    public var timedOut: Bool
    /// Names of the deterministic checks the response failed (empty, leaked tool call, language mismatch, …).
    public var checks: [String]

    /// Creates an answer.
    public init(
        engine: String,
        model: String,
        response: String,
        toolCalls: [ShadowToolCall] = [],
        inputTokens: Int = 0,
        outputTokens: Int = 0,
        latencyMs: Double? = nil,
        ttftMs: Double? = nil,
        costUSD: Double? = nil,
        error: String? = nil,
        timedOut: Bool = false,
        checks: [String] = []
    ) {
        self.engine = engine
        self.model = model
        self.response = response
        self.toolCalls = toolCalls
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.costUSD = costUSD
        self.error = error
        self.timedOut = timedOut
        self.checks = checks
    }
}

extension ShadowAnswer {
    private enum CodingKeys: String, CodingKey {
        case engine, model, response, toolCalls, inputTokens, outputTokens, latencyMs, ttftMs, costUSD, error
        case timedOut, checks
    }

    /// Decodes an answer; counts, tool calls, `timedOut` and `checks` default to none when a record lacks them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            engine: try container.decode(String.self, forKey: .engine),
            model: try container.decode(String.self, forKey: .model),
            response: try container.decode(String.self, forKey: .response),
            toolCalls: try container.decodeIfPresent([ShadowToolCall].self, forKey: .toolCalls) ?? [],
            inputTokens: try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0,
            outputTokens: try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0,
            latencyMs: try container.decodeIfPresent(Double.self, forKey: .latencyMs),
            ttftMs: try container.decodeIfPresent(Double.self, forKey: .ttftMs),
            costUSD: try container.decodeIfPresent(Double.self, forKey: .costUSD),
            error: try container.decodeIfPresent(String.self, forKey: .error),
            timedOut: try container.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false,
            checks: try container.decodeIfPresent([String].self, forKey: .checks) ?? []
        )
    }
}

/// A tool call an engine made while answering: arguments as written, and how big the result was.
public struct ShadowToolCall: Sendable, Hashable, Codable {
    public var name: String
    public var arguments: JSONValue
    /// Characters of the tool result fed back to the model.
    public var resultSize: Int
    /// Whether the executor refused the call (invalid arguments, unknown tool, another user's id).
    public var isError: Bool

    /// Creates a tool call entry.
    public init(name: String, arguments: JSONValue, resultSize: Int, isError: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.resultSize = resultSize
        self.isError = isError
    }

    private enum CodingKeys: String, CodingKey {
        case name, arguments, resultSize, isError
    }

    /// Decodes a call; arguments, size and `isError` default to empty, 0 and false when a record lacks them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            arguments: try container.decodeIfPresent(JSONValue.self, forKey: .arguments) ?? [:],
            resultSize: try container.decodeIfPresent(Int.self, forKey: .resultSize) ?? 0,
            isError: try container.decodeIfPresent(Bool.self, forKey: .isError) ?? false
        )
    }
}

/// What the comparison of the two answers found.
public struct ShadowComparison: Sendable, Hashable, Codable {
    /// Candidate response length minus primary response length, in characters.
    public var lengthDiff: Int
    /// Jaccard overlap of the tool names the two engines used (1 when neither used a tool).
    public var toolOverlap: Double
    /// The pairwise judge's verdict, when a judge ran.
    public var judge: JudgeVerdict?

    /// Creates a comparison.
    public init(lengthDiff: Int, toolOverlap: Double, judge: JudgeVerdict? = nil) {
        self.lengthDiff = lengthDiff
        self.toolOverlap = toolOverlap
        self.judge = judge
    }

    /// The length difference and tool overlap of two answers (the judge is added separately).
    public init(primary: ShadowAnswer, candidate: ShadowAnswer) {
        let a = Set(primary.toolCalls.map(\.name))
        let b = Set(candidate.toolCalls.map(\.name))
        let union = a.union(b)
        self.init(
            lengthDiff: candidate.response.count - primary.response.count,
            toolOverlap: union.isEmpty ? 1 : Double(a.intersection(b).count) / Double(union.count)
        )
    }
}

/// A pairwise judgement, asked twice with the order of the answers swapped; if the two orders disagree the
/// verdict is a tie and `consistent` is false.
public struct JudgeVerdict: Sendable, Hashable, Codable {
    /// Which answer is better.
    public enum Winner: String, Sendable, Hashable, Codable {
        case primary, candidate, tie
    }

    /// One asking of the judge.
    public struct Order: Sendable, Hashable, Codable {
        /// Whether the primary's answer was shown first (as "A").
        public var primaryFirst: Bool
        /// The winner the judge named in this order, mapped back to primary/candidate; `nil` when unparseable.
        public var winner: Winner?
        public var rationale: String

        /// Creates an order.
        public init(primaryFirst: Bool, winner: Winner?, rationale: String) {
            self.primaryFirst = primaryFirst
            self.winner = winner
            self.rationale = rationale
        }
    }

    /// The final verdict after reconciling both orders.
    public var verdict: Winner
    /// The engine that judged.
    public var judge: String
    public var orders: [Order]
    /// Whether both orders named the same winner.
    public var consistent: Bool
    public var rationale: String

    /// Reconciles two orders: the same winner in both is the verdict; anything else is a tie.
    public init(judge: String, orders: [Order]) {
        let winners = orders.map(\.winner)
        let agreed = winners.count == 2 && winners[0] != nil && winners[0] == winners[1]
        self.judge = judge
        self.orders = orders
        self.consistent = agreed
        self.verdict = agreed ? (winners[0] ?? .tie) : .tie
        self.rationale = orders.map(\.rationale).filter { !$0.isEmpty }.joined(separator: " | ")
    }
}
