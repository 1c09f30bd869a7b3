extension SettingSpec {
    static let guardrails: [SettingSpec] = [
        .init(
            "LLAMA_GUARDRAIL_ERROR_RATE",
            default: MaiaSettings.Guardrails().errorRatePoints.formatted,
            group: "Experiment guardrails",
            purpose: "Largest tolerated increase of Llama's share of failed turns over Claude's, in percentage points; "
                + "a significant larger increase sets the share to 0.",
            accepted: "a number of percentage points from 0 to 100, e.g. 1"
        ),
        .init(
            "LLAMA_GUARDRAIL_FALLBACK_RATE",
            default: MaiaSettings.Guardrails().fallbackRatePoints.formatted,
            group: "Experiment guardrails",
            purpose: "Largest tolerated share of Llama turns that fell back to Claude above control's, in percentage "
                + "points.",
            accepted: "a number of percentage points from 0 to 100, e.g. 5"
        ),
        .init(
            "LLAMA_GUARDRAIL_P95_LATENCY_MS",
            default: MaiaSettings.Guardrails().p95LatencyMs.formatted,
            group: "Experiment guardrails",
            purpose: "Largest tolerated increase of p95 turn latency over control, in milliseconds.",
            accepted: "a number of milliseconds from 0 to 600000, e.g. 2000"
        ),
        .init(
            "LLAMA_GUARDRAIL_THUMBS_DOWN_RATE",
            default: MaiaSettings.Guardrails().thumbsDownRatePoints.formatted,
            group: "Experiment guardrails",
            purpose: "Largest tolerated increase of the share of turns rated thumbs-down over control, in percentage "
                + "points.",
            accepted: "a number of percentage points from 0 to 100, e.g. 2"
        ),
    ]
}
