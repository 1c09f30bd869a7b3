/// A metric that, when the candidate makes it significantly worse by more than its tolerance, stops the experiment.
public enum Guardrail: String, Sendable, Hashable, CaseIterable, Codable {
    case errorRate = "error_rate"
    case fallbackRate = "fallback_rate"
    case p95Latency = "latency_p95_ms"
    case thumbsDownRate = "thumbs_down_rate"

    /// The metric the guardrail watches.
    public var metric: ExperimentMetric {
        switch self {
        case .errorRate: .errorRate
        case .fallbackRate: .fallbackRate
        case .p95Latency: .latencyP95
        case .thumbsDownRate: .thumbsDownRate
        }
    }
}

/// How much worse than control the candidate may be on each guardrail before a significant breach stops it:
/// maximum tolerated increases of candidate − control (`LLAMA_GUARDRAIL_*` settings).
public struct GuardrailThresholds: Sendable, Hashable, Codable {
    /// Percentage points of turns failed, as a fraction (0.01 = one point).
    public var errorRate: Double
    /// Fraction of turns that fell back to Claude.
    public var fallbackRate: Double
    /// Milliseconds of p95 latency.
    public var p95LatencyMs: Double
    /// Fraction of turns rated thumbs-down.
    public var thumbsDownRate: Double

    /// The defaults of the `LLAMA_GUARDRAIL_*` settings.
    public init(
        errorRate: Double = 0.01,
        fallbackRate: Double = 0.05,
        p95LatencyMs: Double = 2000,
        thumbsDownRate: Double = 0.02
    ) {
        self.errorRate = errorRate
        self.fallbackRate = fallbackRate
        self.p95LatencyMs = p95LatencyMs
        self.thumbsDownRate = thumbsDownRate
    }

    /// The tolerance of `guardrail`.
    public func tolerance(_ guardrail: Guardrail) -> Double {
        switch guardrail {
        case .errorRate: errorRate
        case .fallbackRate: fallbackRate
        case .p95Latency: p95LatencyMs
        case .thumbsDownRate: thumbsDownRate
        }
    }
}
