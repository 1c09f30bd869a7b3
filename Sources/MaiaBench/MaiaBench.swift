import ArgumentParser

/// `maia-bench`: measurements that are reported, never asserted (see docs/storage.md).
@main
struct MaiaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maia-bench",
        abstract: "Benchmarks of MAIA Core's components; run in release mode.",
        subcommands: [StoreBenchmark.self]
    )
}
