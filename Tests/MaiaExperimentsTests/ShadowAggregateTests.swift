import Foundation
import MaiaCore
import Testing

@testable import MaiaExperiments

/// The dashboard grows one aggregate as the log grows; `maia report` fills one at once. Both must give the same
/// numbers, whatever the batches.
@Suite("Shadow aggregate grown in batches")
struct ShadowAggregateTests {
    /// Seeded, varied records: languages, sources, errors, timeouts, missing latencies, prices, tools, checks,
    /// verdicts and ties between the worst.
    private static func records(_ count: Int, seed: UInt64) -> [ShadowRecord] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
            let failed = Int.random(in: 0..<10, using: &random) == 0
            let candidate = ReportFixtures.answer(
                "llama",
                model: pick(["smollm2", "llama-3.1-8b"]),
                latencyMs: pick([nil, 120, 950.5, Double.random(in: 50...5000, using: &random)]),
                ttftMs: pick([nil, 80, Double.random(in: 10...900, using: &random)]),
                tokens: (Int.random(in: 10...900, using: &random), Int.random(in: 0...200, using: &random)),
                costUSD: pick([nil, 0.0001, Double.random(in: 0...0.01, using: &random)]),
                error: failed ? "HTTP 500" : nil,
                timedOut: failed && index.isMultiple(of: 2),
                tools: pick([[], [false], [true, false]]),
                checks: pick([[], [], ["empty_reply"], ["language_mismatch", "tool_arguments"]])
            )
            let primary = ReportFixtures.answer(
                latencyMs: Double.random(in: 300...3000, using: &random),
                costUSD: Double.random(in: 0...0.02, using: &random)
            )
            return ReportFixtures.record(
                primary: primary,
                candidate: candidate,
                language: pick(["en", "de", "pt", "ja"]),
                source: pick([.live, .batch, .interactive]),
                verdict: pick([nil, .candidate, .primary, .tie]),
                consistent: pick([true, true, false]),
                at: 1_764_000_000 + Double(Int.random(in: 0..<100_000, using: &random))
            )
        }
    }

    @Test("batches of any size give the report and the worst comparisons of the whole log", arguments: [1, 7, 250])
    func batches(size: Int) {
        let records = Self.records(600, seed: UInt64(size))
        var aggregate = ShadowAggregate()
        var worst: [(index: Int, record: ShadowRecord)] = []
        var counted = 0
        while counted < records.count {
            let batch = records[counted..<min(counted + size, records.count)]
            aggregate.add(contentsOf: batch)
            worst = DashboardView.worst(worst + zip(batch.indices, batch).map { ($0, $1) }, filter: ShadowFilter())
            counted += batch.count
        }
        let whole = ShadowReport(records: records, skipped: [])
        #expect(ShadowReport(aggregate, skipped: []) == whole)
        #expect(ShadowReport(aggregate, skipped: []).json(log: "x") == whole.json(log: "x"))
        #expect(whole.candidate.latencyMs.count > 0 && whole.byLanguage.count == 4 && whole.bySource.count == 3)
        let all = DashboardView.worst(records.enumerated().map { ($0, $1) }, filter: ShadowFilter())
        #expect(worst.map(\.index) == all.map(\.index) && all.count == 20)
        #expect(aggregate.languages == ["de", "en", "ja", "pt"])
    }

    @Test("percentiles over the aggregate equal those of the plain sample, NaN dropped")
    func percentiles() throws {
        var sample = SortedSample()
        sample.insert(contentsOf: [5, .nan, 1])
        sample.insert(contentsOf: [3, 2, 4])
        sample.insert(contentsOf: [])
        let direct = Percentiles([5, 1, .nan, 3, 2, 4])
        let merged = Percentiles(sorted: sample)
        #expect(sample.values == [1, 2, 3, 4, 5])
        #expect(merged.p50 == direct.p50 && merged.p95 == direct.p95 && merged.p99 == direct.p99 && merged.p50 == 3)
    }
}
