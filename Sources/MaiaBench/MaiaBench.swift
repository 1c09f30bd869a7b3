import ArgumentParser

/// `maia-bench`: throughput measurements that are never part of the test suite (run them in a release build).
@main
struct MaiaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maia-bench",
        abstract: "Measures MAIA's performance-sensitive parts. Build with `swift build -c release` first.",
        subcommands: [
            EmbedBenchmark.self, StoreBenchmark.self, RecallBenchmark.self, EngineBenchmark.self, AgentBenchmark.self,
            ShadowBenchmark.self, LocalThreadsBenchmark.self, OutboxBenchmark.self, LanguageBenchmark.self,
            PromptBenchmark.self, ServeBenchmark.self, RoutingBenchmark.self, DashboardBenchmark.self,
            InferenceBenchmark.self, GraphRecallBenchmark.self, LoopbackProviderCommand.self,
        ]
    )
}
