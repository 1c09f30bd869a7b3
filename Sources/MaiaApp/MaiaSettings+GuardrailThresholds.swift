public import MaiaConfig
public import MaiaExperiments

extension MaiaSettings.Guardrails {
    /// The thresholds ``GuardrailCheck`` decides with: settings speak percentage points, the check fractions.
    public var thresholds: GuardrailThresholds {
        GuardrailThresholds(
            errorRate: errorRatePoints / 100,
            fallbackRate: fallbackRatePoints / 100,
            p95LatencyMs: p95LatencyMs,
            thumbsDownRate: thumbsDownRatePoints / 100
        )
    }
}
