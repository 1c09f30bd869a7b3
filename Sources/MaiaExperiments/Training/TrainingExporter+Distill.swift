import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
public import MaiaMemory

extension TrainingExporter {
    /// `maia export distill`: from the shadow log, each turn where the judge preferred the primary's answer in both
    /// orders, as the target answer for the candidate's prompt (MAIA's system prompt and the person's message).
    /// Only consenting people; scrubbed; crisis messages left out unless asked for.
    public func distill(
        _ records: [ShadowRecord],
        _ options: TrainingExportOptions
    ) async throws(MemoryError) -> TrainingSet {
        var set = TrainingSet(
            kind: "distill",
            format: options.format,
            tools: tools,
            validationShare: options.validationShare
        )
        var scrubbers: [String: PIIScrubber?] = [:]
        for record in records.sorted(by: { ($0.timestamp, $0.id) < ($1.timestamp, $1.id) }) {
            guard let verdict = record.comparison.judge, verdict.consistent, verdict.verdict == .primary else {
                set.summary.excluded[.notPreferredByJudge, default: 0] += 1
                continue
            }
            let answer = record.primary.response.trimmingCharacters(in: .whitespacesAndNewlines)
            guard record.primary.error == nil, !answer.isEmpty else {
                set.summary.excluded[.primaryFailed, default: 0] += 1
                continue
            }
            if let since = options.since, record.timestamp < since {
                set.summary.excluded[.beforeSince, default: 0] += 1
                continue
            }
            // Consent is asked once per person; a log line whose user id is not a valid id has no consent.
            if scrubbers[record.userId] == nil {
                if let user = UserID(record.userId) {
                    scrubbers[record.userId] = .some(try await consentingScrubber(for: user, summary: &set.summary))
                } else {
                    set.summary.excluded[.usersWithoutConsent, default: 0] += 1
                    scrubbers[record.userId] = .some(nil)
                }
            }
            guard let scrubber = scrubbers[record.userId] ?? nil else { continue }
            if !options.includeCrisis && screen.assess(record.userMessage).isCrisis {
                set.summary.excluded[.crisisTurns, default: 0] += 1
                continue
            }
            // The log keeps each call's name and result size, not the result: the exchange cannot be replayed.
            if !record.primary.toolCalls.isEmpty {
                set.summary.excluded[.toolExchangesWithoutResults, default: 0] += 1
            }
            set.add(
                TrainingConversation(
                    userID: record.userId,
                    system: Self.system(language: record.language, at: record.timestamp),
                    messages: [
                        .user(scrubber.scrub(record.userMessage, counts: &set.summary.scrubbed)),
                        .assistant(scrubber.scrub(answer, counts: &set.summary.scrubbed)),
                    ],
                    start: record.timestamp
                )
            )
        }
        return set
    }
}
