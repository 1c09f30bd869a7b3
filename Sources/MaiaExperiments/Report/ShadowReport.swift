public import Foundation

/// The aggregate of a shadow log: how each engine role did, what the judge said, and the same by language and by
/// source. Aggregates only: no user message or reply is carried into a report, so a report can be shared where the
/// log (which holds what users said) cannot.
public struct ShadowReport: Sendable, Hashable {
    /// The comparisons that share one language or one source.
    public struct Group: Sendable, Hashable {
        /// The language code or the source name.
        public let key: String
        public let turns: Int
        public let primary: EngineSummary
        public let candidate: EngineSummary
        public let judge: JudgeSummary
    }

    /// The log lines that could not be read.
    public struct Skipped: Sendable, Hashable {
        public let count: Int
        /// The first few, in log order.
        public let first: [ShadowLogContents.SkippedLine]
    }

    /// Comparisons read from the log.
    public let comparisons: Int
    /// Timestamp of the earliest and latest comparison; `nil` when there are none.
    public let period: ClosedRange<Date>?
    public let primary: EngineSummary
    public let candidate: EngineSummary
    public let judge: JudgeSummary
    /// One group per language code, most turns first.
    public let byLanguage: [Group]
    /// One group per source (live, batch, interactive), most turns first.
    public let bySource: [Group]
    public let skipped: Skipped

    /// Aggregates `contents`, keeping the first `skippedShown` skipped lines.
    public init(_ contents: ShadowLogContents, skippedShown: Int = 5) {
        self.init(records: contents.records, skipped: contents.skipped, skippedShown: skippedShown)
    }

    /// Aggregates `records` (a log's, or a filtered part of one), keeping the first `skippedShown` of `skipped`.
    public init(records: [ShadowRecord], skipped: [ShadowLogContents.SkippedLine], skippedShown: Int = 5) {
        self.init(ShadowAggregate(records), skipped: skipped, skippedShown: skippedShown)
    }

    /// The report of what `aggregate` has counted, keeping the first `skippedShown` of `skipped`.
    public init(_ aggregate: ShadowAggregate, skipped: [ShadowLogContents.SkippedLine], skippedShown: Int = 5) {
        comparisons = aggregate.comparisons
        period = aggregate.earliest.flatMap { first in aggregate.latest.map { first...$0 } }
        primary = EngineSummary(aggregate.all.primary)
        candidate = EngineSummary(aggregate.all.candidate)
        judge = JudgeSummary(aggregate.all.judge)
        byLanguage = Self.groups(aggregate.byLanguage)
        bySource = Self.groups(aggregate.bySource)
        self.skipped = Skipped(count: skipped.count, first: Array(skipped.prefix(skippedShown)))
    }

    /// Whether the log held no comparison at all (there is nothing to report).
    public var isEmpty: Bool { comparisons == 0 }

    private static func groups(_ groups: [String: ShadowAggregate.Group]) -> [Group] {
        groups
            .map { key, group in
                Group(
                    key: key,
                    turns: group.turns,
                    primary: EngineSummary(group.primary),
                    candidate: EngineSummary(group.candidate),
                    judge: JudgeSummary(group.judge)
                )
            }
            .sorted { ($1.turns, $0.key) < ($0.turns, $1.key) }
    }
}
