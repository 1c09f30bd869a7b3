import Foundation
public import MaiaAgent
public import MaiaCore
import MaiaEngines
public import MaiaMemory

/// Builds fine-tuning and distillation sets from the canonical store and the shadow log: only people who agreed,
/// scrubbed before anything is rendered, crisis turns left out unless asked for.
///
/// Consent is read person by person through the store's user-scoped calls (on Postgres, as `maia_app` with row-level
/// security), and a person's messages are read only after their consent is: a non-consenting person's words never
/// enter this process's export path.
public struct TrainingExporter: Sendable {
    let store: any MemoryStore
    let screen: SafetyScreen
    /// The tools offered in every example (MAIA's turns always offer the memory tools).
    public let tools: [ToolDefinition]

    /// Creates an exporter over `store`.
    public init(store: any MemoryStore, tools: [ToolDefinition] = MemoryToolCatalog.turnTools) {
        self.store = store
        self.screen = SafetyScreen()
        self.tools = tools
    }

    /// The placeholder for the person's id in system prompts and tool arguments.
    public static let userPlaceholder = PIIScrubber.Kind.userID.placeholder

    /// `maia export finetune`: every consenting person's stored turns, in windows of `maxTurns` per session.
    public func finetune(_ options: TrainingExportOptions) async throws(MemoryError) -> TrainingSet {
        var set = TrainingSet(
            kind: "finetune",
            format: options.format,
            tools: tools,
            validationShare: options.validationShare
        )
        for user in try await store.userIDs() {
            guard let scrubber = try await consentingScrubber(for: user, summary: &set.summary) else { continue }
            var unpaired = 0
            let turns = StoredTurn.pair(try await store.allMessages(for: user), unpaired: &unpaired)
            set.summary.excluded[.unpairedMessages, default: 0] += unpaired
            var kept: [StoredTurn] = []
            for turn in turns {
                if let since = options.since, turn.question.createdAt < since {
                    set.summary.excluded[.beforeSince, default: 0] += 1
                } else if !options.includeCrisis
                    && (turn.isFlaggedCrisis || screen.assess(turn.question.content).isCrisis)
                {
                    set.summary.excluded[.crisisTurns, default: 0] += 1
                } else {
                    kept.append(turn)
                }
            }
            for window in Self.windows(kept, maxTurns: max(1, options.maxTurns)) {
                var nextCall = 0
                var messages: [ChatMessage] = []
                for turn in window {
                    let rendered = turn.messages(
                        scrubbing: scrubber,
                        counts: &set.summary.scrubbed,
                        nextCall: &nextCall
                    )
                    if rendered.withoutResults { set.summary.excluded[.toolExchangesWithoutResults, default: 0] += 1 }
                    messages += rendered.messages
                }
                let first = window[0].question
                set.add(
                    TrainingConversation(
                        userID: user.rawValue,
                        system: Self.system(language: first.language, at: first.createdAt),
                        messages: messages,
                        start: first.createdAt
                    )
                )
            }
        }
        return set
    }

    /// The scrubber for `user` when they agreed to training use; `nil` (counted as excluded) otherwise.
    func consentingScrubber(
        for user: UserID,
        summary: inout TrainingExportSummary
    ) async throws(MemoryError) -> PIIScrubber? {
        guard let consent = try await store.trainingConsent(for: user), consent.training else {
            summary.excluded[.usersWithoutConsent, default: 0] += 1
            return nil
        }
        return PIIScrubber(hiddenNames: consent.hiddenNames, userID: user.rawValue)
    }

    /// Consecutive turns of one session, at most `maxTurns` each, in stored order.
    static func windows(_ turns: [StoredTurn], maxTurns: Int) -> [[StoredTurn]] {
        var windows: [[StoredTurn]] = []
        var current: [StoredTurn] = []
        for turn in turns {
            if let last = current.last, last.question.sessionID != turn.question.sessionID || current.count >= maxTurns
            {
                windows.append(current)
                current = []
            }
            current.append(turn)
        }
        if !current.isEmpty { windows.append(current) }
        return windows
    }

    /// MAIA's full system prompt as the agent writes it, with the person's id replaced and no prefetched memory.
    static func system(language: String?, at date: Date) -> String {
        let name = language.flatMap(DetectedLanguage.init(rawValue:)).flatMap { $0 == .unknown ? nil : $0.name }
        return OraclePrompt.system(
            userID: userPlaceholder,
            languageName: name,
            date: date.formatted(.iso8601.year().month().day())
        )
    }
}
