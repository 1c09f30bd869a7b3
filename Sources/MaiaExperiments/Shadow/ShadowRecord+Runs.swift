public import Foundation
public import MaiaAgent
import MaiaCore

extension ShadowRecord {
    /// The record of one turn answered by both engines: the deterministic checks run on both answers, the
    /// comparison is computed, and the judge's verdict (if any) is attached.
    public init(
        source: Source,
        input: TurnInput,
        analysis: TurnAnalysis,
        primary: ShadowAnswer,
        candidate: ShadowAnswer,
        judge: JudgeVerdict? = nil,
        timestamp: Date = Date()
    ) {
        var primary = primary
        var candidate = candidate
        primary.checks = ReplyChecks.failed(reply: primary.response, error: primary.error, language: analysis.language)
            .map(\.rawValue)
        candidate.checks = ReplyChecks.failed(
            reply: candidate.response,
            error: candidate.error,
            language: analysis.language
        ).map(\.rawValue)
        var comparison = ShadowComparison(primary: primary, candidate: candidate)
        comparison.judge = judge
        self.init(
            id: input.turnID,
            timestamp: timestamp,
            source: source,
            userId: input.user.rawValue,
            sessionId: input.session?.rawValue,
            userMessage: input.message,
            language: analysis.languageCode ?? "unknown",
            primary: primary,
            candidate: candidate,
            comparison: comparison
        )
    }
}
