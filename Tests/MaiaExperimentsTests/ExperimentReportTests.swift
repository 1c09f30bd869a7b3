import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import Testing

@Suite("Experiment report")
struct ExperimentReportTests {
    let state = ExperimentState(
        experiment: "llama-rollout",
        percent: 50,
        status: .running,
        reason: "ramp <b>",
        changedBy: "cli:ops",
        changedAt: SyntheticExperiment.start
    )

    private func report(_ rows: SyntheticExperiment.Rows, state: ExperimentState? = nil) async -> ExperimentReport {
        await ExperimentReport.build(
            state: state ?? self.state,
            exposures: rows.exposures,
            turns: rows.turns,
            feedback: rows.feedback,
            now: SyntheticExperiment.start.addingTimeInterval(30 * 86_400),
            check: GuardrailCheck(options: AnalysisOptions(bootstrapReplicates: 100))
        )
    }

    @Test("rows stored in SQLite come back through the experiment store into the report")
    func fromTheStore() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let rows = SyntheticExperiment(units: 300, languages: ["en", "pt"], seed: 21).rows()
        try await store.setExperimentState(state)
        let exposures = Dictionary(uniqueKeysWithValues: rows.exposures.map { ($0.unit, $0) })
        for turn in rows.turns { try await store.recordTurn(turn, exposure: exposures[turn.unit]!) }
        let loaded = try await ExperimentExport.load("llama-rollout", from: store)
        let stored = await report(
            SyntheticExperiment.Rows(exposures: loaded.exposures, turns: loaded.turns, feedback: loaded.feedback)
        )
        let direct = await report(rows)
        #expect(stored.analysis.exposures == direct.analysis.exposures)
        #expect(stored.analysis.overall.controlTurns == direct.analysis.overall.controlTurns)
        #expect(stored.analysis.byLanguage.map(\.key).sorted() == ["en", "pt"])
    }

    @Test("text: the sample-ratio banner comes before everything else, then guardrails, then metrics")
    func text() async throws {
        let text = await report(SyntheticExperiment(units: 1000, seed: 4).rows()).text()
        let banner = try #require(text.range(of: "Sample ratio OK: control "))
        let guardrails = try #require(text.range(of: "Guardrails: none breached."))
        let metrics = try #require(text.range(of: "All languages"))
        #expect(banner.lowerBound < guardrails.lowerBound && guardrails.lowerBound < metrics.lowerBound)
        #expect(text.contains("cost per turn (USD)") && text.contains("candidate better"))
        #expect(text.contains("always-valid 95%"))
    }

    @Test("a broken split raises the alarm above everything, in text, JSON and HTML")
    func mismatch() async throws {
        var rows = SyntheticExperiment(units: 2000, seed: 6).rows()
        // Lose a third of the candidate's exposures, as a logging bug would.
        var dropped = 0
        rows.exposures.removeAll { exposure in
            guard exposure.arm == .candidate, dropped < 330 else { return false }
            dropped += 1
            return true
        }
        let report = await report(rows)
        let text = report.text()
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[2].hasPrefix("!!! SAMPLE RATIO MISMATCH"))
        #expect(report.json()["sample_ratio"]?["mismatch"] == true)
        let html = report.html(generated: SyntheticExperiment.start)
        let alarm = try #require(html.range(of: #"<p class="alarm">SAMPLE RATIO MISMATCH"#))
        #expect(alarm.lowerBound < (html.range(of: "<h2>Guardrails</h2>")?.lowerBound ?? html.startIndex))
    }

    @Test("JSON: every metric with method, arms, intervals and decision; a rollback names its reason")
    func json() async throws {
        let rows = SyntheticExperiment(units: 3000, controlErrorRate: 0.02, candidateErrorRate: 0.10, seed: 8).rows()
        let json = await report(rows).json()
        let metrics = try #require(json["overall"]?["metrics"]?.objectValue)
        #expect(Set(metrics.keys) == Set(ExperimentMetric.allCases.map(\.rawValue)))
        #expect(metrics["error_rate"]?["method"] == "newcombe_clustered")
        #expect(metrics["error_rate"]?["decision"] == "candidate_worse")
        #expect(metrics["latency_p95_ms"]?["always_valid"]?["lower"]?.numberValue != nil)
        #expect(json["rollback"]?.stringValue?.hasPrefix("guardrail error_rate") == true)
        #expect(json["guardrails"]?.arrayValue?.count == Guardrail.allCases.count)
    }

    @Test("HTML: one self-contained page, values from the store escaped")
    func html() async throws {
        var rows = SyntheticExperiment(units: 400, languages: ["<script>"], seed: 2).rows()
        rows.feedback = []
        let html = await report(rows).html(generated: SyntheticExperiment.start)
        #expect(html.contains("default-src 'none'"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        #expect(html.contains("ramp &lt;b&gt;"))
        #expect(html.contains("<svg"))
    }
}
