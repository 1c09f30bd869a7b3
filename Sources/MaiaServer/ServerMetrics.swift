import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import Metrics
import Prometheus

/// MAIA's metrics in Prometheus format: HTTP requests (Hummingbird's `MetricsMiddleware`) and turns (latency and
/// time to first token per engine and model, tokens, cost, tool calls and their errors, fallbacks), plus gauges read
/// at scrape time (outbox depth, shadow queue drops). One registry per process, since swift-metrics is bootstrapped
/// once.
enum ServerMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Makes sure the metrics system is bootstrapped before the first request is counted.
    static func bootstrap() {
        _ = registry
    }

    /// Records one answered (or failed) turn.
    static func record(_ outcome: TurnOutcome) {
        let kind = outcome.kind.rawValue
        guard let run = outcome.run else {
            Counter(label: "maia_turns_total", dimensions: [("kind", kind), ("engine", "none")]).increment()
            return
        }
        let engine = [("engine", run.engine), ("model", run.model)]
        Counter(label: "maia_turns_total", dimensions: [("kind", kind), ("engine", run.engine)]).increment()
        Timer(label: "maia_turn_duration_seconds", dimensions: engine, preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(run.latency.milliseconds * 1_000_000))
        if let ttft = run.timeToFirstToken {
            Timer(label: "maia_turn_ttft_seconds", dimensions: engine, preferredDisplayUnit: .seconds)
                .recordNanoseconds(Int64(ttft.milliseconds * 1_000_000))
        }
        Counter(label: "maia_tokens_total", dimensions: engine + [("direction", "input")])
            .increment(by: run.usage.totalInputTokens)
        Counter(label: "maia_tokens_total", dimensions: engine + [("direction", "output")])
            .increment(by: run.usage.outputTokens)
        if let cost = run.costUSD {
            FloatingPointCounter(label: "maia_cost_usd_total", dimensions: engine).increment(by: cost)
        }
        for (call, result) in zip(run.toolCalls, run.toolResults) {
            Counter(
                label: "maia_tool_calls_total",
                dimensions: [("tool", call.name), ("error", result.isError ? "true" : "false")]
            ).increment()
        }
        if !outcome.failedEngines.isEmpty {
            Counter(label: "maia_fallbacks_total").increment(by: outcome.failedEngines.count)
        }
    }

    /// Counts a turn that ended in an error, by its code.
    static func recordFailure(_ code: String) {
        Counter(label: "maia_turn_errors_total", dimensions: [("code", code)]).increment()
    }

    /// The scrape: gauges refreshed, then every metric in the Prometheus text format.
    static func scrape(outboxDepth: Int?, shadowDropped: Int?, experiment: ExperimentState? = nil) -> String {
        if let outboxDepth { Gauge(label: "maia_outbox_depth").record(outboxDepth) }
        if let shadowDropped { Gauge(label: "maia_shadow_dropped_turns").record(shadowDropped) }
        if let experiment {
            // The routing experiment as this replica obeys it: the share it serves, and 1 after an automatic rollback.
            let dimensions = [("experiment", experiment.experiment)]
            let serving = experiment.status == .running ? experiment.percent : 0
            Gauge(label: "maia_experiment_candidate_percent", dimensions: dimensions).record(serving)
            Gauge(label: "maia_experiment_rolled_back", dimensions: dimensions)
                .record(experiment.status == .rolledBack ? 1 : 0)
        }
        return registry.emitToString()
    }
}
