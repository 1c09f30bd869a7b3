extension MaiaSettings {
    /// How much worse than Claude the routed Llama share may get before a significant breach rolls it back
    /// (`LLAMA_GUARDRAIL_*`): tolerated increases of candidate − control.
    public struct Guardrails: Sendable, Hashable {
        /// Percentage points of failed turns.
        public var errorRatePoints: Double = 1
        /// Percentage points of turns that fell back to Claude.
        public var fallbackRatePoints: Double = 5
        /// Milliseconds of p95 latency.
        public var p95LatencyMs: Double = 2000
        /// Percentage points of turns rated thumbs-down.
        public var thumbsDownRatePoints: Double = 2

        public init() {}
    }

    /// Reads the guardrail settings; bad values become problems of `reader`.
    static func guardrails(_ reader: inout SettingsReader) -> Guardrails {
        let defaults = Guardrails()
        var guardrails = Guardrails()
        guardrails.errorRatePoints = reader.number(
            "LLAMA_GUARDRAIL_ERROR_RATE",
            in: 0...100,
            default: defaults.errorRatePoints
        )
        guardrails.fallbackRatePoints = reader.number(
            "LLAMA_GUARDRAIL_FALLBACK_RATE",
            in: 0...100,
            default: defaults.fallbackRatePoints
        )
        guardrails.p95LatencyMs = reader.number(
            "LLAMA_GUARDRAIL_P95_LATENCY_MS",
            in: 0...600_000,
            default: defaults.p95LatencyMs
        )
        guardrails.thumbsDownRatePoints = reader.number(
            "LLAMA_GUARDRAIL_THUMBS_DOWN_RATE",
            in: 0...100,
            default: defaults.thumbsDownRatePoints
        )
        return guardrails
    }
}
