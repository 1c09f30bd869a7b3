public import MaiaCore

/// What an export wrote and what it left out, on stderr and in `--json`.
public struct TrainingExportSummary: Sendable, Hashable {
    /// Why something was not exported.
    public enum Exclusion: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The person never agreed to training use, or said no (their turns are not even read).
        case usersWithoutConsent = "users_without_consent"
        /// A turn the safety screen or the agent flagged as a crisis (kept only with `--include-crisis`).
        case crisisTurns = "crisis_turns"
        /// A turn before `--since`.
        case beforeSince = "turns_before_since"
        /// A message without its partner (a question without a reply, a reply without a question).
        case unpairedMessages = "unpaired_messages"
        /// Tool calls stored without their results (older turns, shadow logs): the exchange is left out, the
        /// answer kept.
        case toolExchangesWithoutResults = "tool_exchanges_without_results"
        /// An example identical to one already written.
        case duplicates
        /// Shadow comparisons without a judge verdict that both orders agreed on for the primary.
        case notPreferredByJudge = "comparisons_not_preferred_by_judge"
        /// Shadow comparisons whose primary answer failed or was empty.
        case primaryFailed = "comparisons_with_failed_primary"

        public static func < (lhs: Exclusion, rhs: Exclusion) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Counts of one split.
    public struct Split: Sendable, Hashable {
        public var conversations = 0
        public var turns = 0
        /// Llama 3.1 tokens by MAIA's estimate (`ContextBudget.estimate`) of each example's `llama3-text` rendering.
        public var tokens = 0
        public var users: Set<String> = []
    }

    public var kind: String
    public var format: TrainingFormat
    public var train = Split()
    public var validation = Split()
    public var excluded: [Exclusion: Int] = [:]
    public var scrubbed: [PIIScrubber.Kind: Int] = [:]

    /// Creates an empty summary.
    public init(kind: String, format: TrainingFormat) {
        self.kind = kind
        self.format = format
    }

    /// The summary as JSON (user ids are counted, never listed).
    public var json: JSONValue {
        func split(_ split: Split) -> JSONValue {
            [
                "conversations": .number(Double(split.conversations)), "turns": .number(Double(split.turns)),
                "tokens": .number(Double(split.tokens)), "users": .number(Double(split.users.count)),
            ]
        }
        return [
            "kind": .string(kind),
            "format": .string(format.rawValue),
            "conversations": .number(Double(train.conversations + validation.conversations)),
            "turns": .number(Double(train.turns + validation.turns)),
            "tokens": .number(Double(train.tokens + validation.tokens)),
            "users": .number(Double(train.users.union(validation.users).count)),
            "train": split(train),
            "validation": split(validation),
            "excluded": .object(
                Dictionary(
                    uniqueKeysWithValues: Exclusion.allCases.map {
                        ($0.rawValue, JSONValue.number(Double(excluded[$0] ?? 0)))
                    }
                )
            ),
            "scrubbed": .object(
                Dictionary(
                    uniqueKeysWithValues: PIIScrubber.Kind.allCases.map {
                        ($0.rawValue, JSONValue.number(Double(scrubbed[$0] ?? 0)))
                    }
                )
            ),
        ]
    }

    /// A few lines for a terminal.
    public var text: String {
        let total = train.conversations + validation.conversations
        var lines = [
            """
            \(kind) export (\(format.rawValue)): \(total) conversation(s), \(train.turns + validation.turns) turn(s), \
            ~\(train.tokens + validation.tokens) Llama 3.1 token(s), \(train.users.union(validation.users).count) user(s)
            """,
            """
            train: \(train.conversations) conversation(s) from \(train.users.count) user(s); validation: \
            \(validation.conversations) conversation(s) from \(validation.users.count) user(s)
            """,
        ]
        let exclusions = excluded.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        lines.append(
            "excluded: "
                + (exclusions.isEmpty
                    ? "nothing" : exclusions.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "))
        )
        let scrubs = scrubbed.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        lines.append(
            "scrubbed: "
                + (scrubs.isEmpty ? "nothing" : scrubs.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "))
        )
        return lines.joined(separator: "\n")
    }
}
