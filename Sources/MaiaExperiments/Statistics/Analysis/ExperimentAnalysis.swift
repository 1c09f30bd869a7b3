public import Foundation
public import MaiaMemory

/// The statistics of one experiment from its raw rows: the sample-ratio check, then every metric compared between
/// the arms with a 95% interval and the sequential decision, over all turns and per language.
public struct ExperimentAnalysis: Sendable, Hashable {
    /// Units that were exposed, per arm; forced units are counted apart and left out of the sample-ratio test.
    public struct Exposures: Sendable, Hashable {
        public let control: Int
        public let candidate: Int
        public let forcedControl: Int
        public let forcedCandidate: Int
    }

    /// The comparison over one slice of the turns (all of them, or one language).
    public struct Segment: Sendable, Hashable {
        /// `all`, or an ISO 639-1 language code.
        public let key: String
        public let controlUnits: Int
        public let candidateUnits: Int
        public let controlTurns: Int
        public let candidateTurns: Int
        public let comparisons: [MetricComparison]

        /// The comparison of `metric`, if it was analysed.
        public func comparison(_ metric: ExperimentMetric) -> MetricComparison? {
            comparisons.first { $0.metric == metric }
        }
    }

    public let state: ExperimentState
    /// The candidate share the sample-ratio test expects, percent.
    public let splitPercent: Double
    public let exposures: Exposures
    /// `nil` when there is nothing to test (no unforced exposure, or a split of 0% or 100%).
    public let sampleRatio: SampleRatioTest?
    public let overall: Segment
    /// One segment per language, most turns first.
    public let byLanguage: [Segment]
    /// The first and last turn analysed.
    public let period: ClosedRange<Date>?
    /// When the analysis was made: the reference for which units' return window has elapsed.
    public let now: Date

    /// Analyses the rows of `state.experiment` (rows of other experiments are ignored). The sample-ratio test uses
    /// `splitPercent`, by default the state's share while it runs; pass the share the exposures were made under
    /// when the experiment has since been stopped or ramped.
    public init(
        state: ExperimentState,
        exposures: [ExposureRow],
        turns: [ExperimentTurnRow],
        feedback: [FeedbackRow],
        now: Date,
        splitPercent: Double? = nil,
        metrics: [ExperimentMetric] = ExperimentMetric.allCases,
        options: AnalysisOptions = AnalysisOptions()
    ) {
        let exposures = exposures.filter { $0.experiment == state.experiment }
        let turns = turns.filter { $0.experiment == state.experiment }
        self.state = state
        self.now = now
        let split = splitPercent ?? (state.status == .running ? state.percent : 0)
        self.splitPercent = split
        let free = exposures.filter { !$0.forced }
        let forced = exposures.filter(\.forced)
        self.exposures = Exposures(
            control: free.count(where: { $0.arm == .control }),
            candidate: free.count(where: { $0.arm == .candidate }),
            forcedControl: forced.count(where: { $0.arm == .control }),
            forcedCandidate: forced.count(where: { $0.arm == .candidate })
        )
        sampleRatio = SampleRatioTest(
            observed: [self.exposures.control, self.exposures.candidate],
            shares: [100 - split, split]
        )
        let times = turns.map(\.at)
        period = times.min().flatMap { first in times.max().map { first...$0 } }

        let outcomes = UnitOutcome.outcomes(
            turns: turns,
            feedback: feedback,
            now: now,
            returnWindow: options.returnWindow
        )
        overall = Self.segment("all", outcomes, metrics: metrics, options: options)
        let returned = Dictionary(
            outcomes.map { ([$0.unit, $0.arm.rawValue], $0.returned) },
            uniquingKeysWith: { a, _ in a }
        )
        byLanguage = Dictionary(grouping: turns, by: \.language)
            .map { language, rows in
                var slice = UnitOutcome.outcomes(
                    turns: rows,
                    feedback: feedback,
                    now: now,
                    returnWindow: options.returnWindow
                )
                // Whether a person came back is about all their turns, not the ones in this language.
                for index in slice.indices {
                    slice[index].returned = returned[[slice[index].unit, slice[index].arm.rawValue]] ?? nil
                }
                return Self.segment(language, slice, metrics: metrics, options: options)
            }
            .sorted { ($1.controlTurns + $1.candidateTurns, $0.key) < ($0.controlTurns + $0.candidateTurns, $1.key) }
    }

    private static func segment(
        _ key: String,
        _ outcomes: [UnitOutcome],
        metrics: [ExperimentMetric],
        options: AnalysisOptions
    ) -> Segment {
        let control = outcomes.filter { $0.arm == .control }
        let candidate = outcomes.filter { $0.arm == .candidate }
        return Segment(
            key: key,
            controlUnits: control.count,
            candidateUnits: candidate.count,
            controlTurns: control.reduce(0) { $0 + $1.turns },
            candidateTurns: candidate.reduce(0) { $0 + $1.turns },
            comparisons: metrics.map {
                MetricComparison.compare($0, control: control, candidate: candidate, options: options)
            }
        )
    }
}
