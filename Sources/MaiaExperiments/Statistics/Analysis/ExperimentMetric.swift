/// A measure an experiment compares between the arms, with the method its interval uses.
public enum ExperimentMetric: String, Sendable, Hashable, CaseIterable, Codable {
    case errorRate = "error_rate"
    case fallbackRate = "fallback_rate"
    case thumbsUpRate = "thumbs_up_rate"
    case thumbsDownRate = "thumbs_down_rate"
    case returnRate = "return_rate"
    case turnsPerSession = "turns_per_session"
    case turnsPerUnit = "turns_per_unit"
    case checkFailureRate = "check_failure_rate"
    case invalidToolCallRate = "invalid_tool_call_rate"
    case costPerTurn = "cost_per_turn_usd"
    case tokensPerTurn = "tokens_per_turn"
    case latencyP50 = "latency_p50_ms"
    case latencyP95 = "latency_p95_ms"
    case ttftP50 = "ttft_p50_ms"

    /// How a metric's interval is computed.
    public enum Method: String, Sendable, Hashable, Codable {
        /// A share of turns: Newcombe's interval on the effective sample size of the clustered turns.
        case newcombeClustered = "newcombe_clustered"
        /// A share of units: Newcombe's interval.
        case newcombe
        /// A per-unit mean: Welch's interval.
        case welch
        /// A ratio of sums over units: the delta method.
        case deltaMethod = "delta_method"
        /// A quantile of turns: the percentile bootstrap over units.
        case bootstrap
    }

    /// What the report calls it.
    public var label: String {
        switch self {
        case .errorRate: "error rate (turns failed)"
        case .fallbackRate: "fallback rate"
        case .thumbsUpRate: "thumbs-up rate"
        case .thumbsDownRate: "thumbs-down rate"
        case .returnRate: "return rate (7 days)"
        case .turnsPerSession: "turns per session"
        case .turnsPerUnit: "turns per unit"
        case .checkFailureRate: "check-failure rate"
        case .invalidToolCallRate: "invalid tool-call rate"
        case .costPerTurn: "cost per turn (USD)"
        case .tokensPerTurn: "tokens per turn"
        case .latencyP50: "latency p50 (ms)"
        case .latencyP95: "latency p95 (ms)"
        case .ttftP50: "time to first token p50 (ms)"
        }
    }

    /// Whether a decrease is an improvement (errors, latency, cost) rather than an increase (thumbs up, return).
    public var lowerIsBetter: Bool {
        switch self {
        case .thumbsUpRate, .returnRate, .turnsPerSession, .turnsPerUnit: false
        default: true
        }
    }

    /// Whether the value is a share, shown as a percentage.
    public var isRate: Bool {
        switch self {
        case .errorRate, .fallbackRate, .thumbsUpRate, .thumbsDownRate, .returnRate, .checkFailureRate,
            .invalidToolCallRate:
            true
        default: false
        }
    }

    public var method: Method {
        switch self {
        case .errorRate, .fallbackRate, .thumbsUpRate, .thumbsDownRate, .checkFailureRate: .newcombeClustered
        case .returnRate: .newcombe
        case .turnsPerUnit: .welch
        case .turnsPerSession, .invalidToolCallRate, .costPerTurn, .tokensPerTurn: .deltaMethod
        case .latencyP50, .latencyP95, .ttftP50: .bootstrap
        }
    }
}
