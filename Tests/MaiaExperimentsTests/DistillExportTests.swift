import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import Testing

/// `maia export distill`: the shadow log's turns where the judge preferred the primary in both orders.
@Suite("Distillation export")
struct DistillExportTests {
    func record(
        _ user: String,
        _ message: String,
        _ answer: String,
        verdict: JudgeVerdict?,
        minute: Double = 0,
        error: String? = nil
    ) -> ShadowRecord {
        var comparison = ShadowComparison(lengthDiff: 0, toolOverlap: 1)
        comparison.judge = verdict
        return ShadowRecord(
            timestamp: TrainingSeed.at(minute),
            source: .live,
            userId: user,
            sessionId: "s1",
            userMessage: message,
            language: "en",
            primary: ShadowAnswer(engine: "claude", model: "claude-sonnet", response: answer, error: error),
            candidate: ShadowAnswer(engine: "llama", model: "llama-3.1-8b", response: "candidate says something"),
            comparison: comparison
        )
    }

    func verdict(_ first: JudgeVerdict.Winner?, _ second: JudgeVerdict.Winner?) -> JudgeVerdict {
        JudgeVerdict(
            judge: "judge",
            orders: [
                .init(primaryFirst: true, winner: first, rationale: "a"),
                .init(primaryFirst: false, winner: second, rationale: "b"),
            ]
        )
    }

    @Test("only consistent primary wins of consenting people, scrubbed, crisis left out")
    func selection() async throws {
        let seed = try await TrainingSeed()
        let records = [
            record(
                "ana",
                "I met Lena at lena@x.example",
                "How lovely that you met Lena.",
                verdict: verdict(.primary, .primary)
            ),
            record("ana", "Orders disagree here", "Answer A", verdict: verdict(.primary, .candidate)),
            record("ana", "Candidate won here", "Answer B", verdict: verdict(.candidate, .candidate)),
            record("ana", "No judge here", "Answer C", verdict: nil),
            record("ana", "Primary failed", "", verdict: verdict(.primary, .primary), error: "timeout"),
            record("ana", "I want to end my life", "Please call someone.", verdict: verdict(.primary, .primary)),
            record("bob", "bob-zebra-7781 in the shadow", "Noted, Bob.", verdict: verdict(.primary, .primary)),
            record("not a valid id!", "erin-walrus-9034", "Hmm.", verdict: verdict(.primary, .primary)),
            record(
                "ana",
                "I met Lena at lena@x.example",
                "How lovely that you met Lena.",
                verdict: verdict(.primary, .primary)
            ),
        ]
        let set = try await TrainingExporter(store: seed.store).distill(
            records,
            TrainingExportOptions(validationShare: 0)
        )
        #expect(set.train.count == 1)
        let line = try #require(set.train.first.flatMap(JSONValue.init(parsing:)))
        let messages = try #require(line["messages"]?.arrayValue)
        #expect(messages.compactMap { $0["role"]?.stringValue } == ["system", "user", "assistant"])
        #expect(messages[1]["content"] == "I met [NAME] at [EMAIL]")
        #expect(messages[2]["content"] == "How lovely that you met [NAME].")
        #expect(set.summary.excluded[.notPreferredByJudge] == 3)
        #expect(set.summary.excluded[.primaryFailed] == 1)
        #expect(set.summary.excluded[.crisisTurns] == 1)
        #expect(set.summary.excluded[.usersWithoutConsent] == 2)
        #expect(set.summary.excluded[.duplicates] == 1)
        let bytes = set.train.joined()
        for secret in TrainingSeed.secrets + ["Bob", "Lena", "lena@x.example"] { #expect(!bytes.contains(secret)) }
    }

    @Test("llama3-text distillation lines end with the primary's answer as the assistant turn")
    func llamaText() async throws {
        let seed = try await TrainingSeed()
        let set = try await TrainingExporter(store: seed.store).distill(
            [record("ana", "Hello there", "Hello, Ana is not named here.", verdict: verdict(.primary, .primary))],
            TrainingExportOptions(format: .llama3Text, validationShare: 0)
        )
        let text = try #require(set.train.first.flatMap { JSONValue(parsing: $0)?["text"]?.stringValue })
        #expect(
            text.hasSuffix(
                "<|start_header_id|>user<|end_header_id|>\n\nHello there<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\nHello, [USER_ID] is not named here.<|eot_id|>"
            )
        )
    }
}
