public import Foundation
public import MaiaMemory

/// Everything one view of `/dashboard` shows, gathered by the server and drawn by ``DashboardPage``. Holds
/// aggregates plus the few worst comparisons (without their texts).
public struct DashboardView: Sendable {
    /// The shadow panel: the (filtered) report and the worst comparisons.
    public struct Shadow: Sendable {
        public let report: ShadowReport
        /// Comparisons in the whole log, before the filter.
        public let total: Int
        /// Worst first; `index` is the comparison's position in the log, for its side-by-side page.
        public let worst: [(index: Int, record: ShadowRecord)]
        /// The languages in the log, for the filter.
        public let languages: [String]

        /// Creates the panel.
        public init(report: ShadowReport, total: Int, worst: [(index: Int, record: ShadowRecord)], languages: [String])
        {
            self.report = report
            self.total = total
            self.worst = worst
            self.languages = languages
        }
    }

    /// The experiment panel: its report (`nil` while nothing was recorded), activity and share history.
    public struct Experiment: Sendable {
        public let name: String
        public let state: ExperimentState?
        public let report: ExperimentReport?
        public let activity: ArmActivity?
        public let history: [ExperimentState]

        /// Creates the panel.
        public init(
            name: String,
            state: ExperimentState?,
            report: ExperimentReport?,
            activity: ArmActivity?,
            history: [ExperimentState]
        ) {
            self.name = name
            self.state = state
            self.report = report
            self.activity = activity
            self.history = history
        }
    }

    /// The engines and models the server routes to, as `engine (model)`, primary first.
    public var engines: [String]
    public var shadow: Shadow?
    /// Why there is no shadow panel (no log yet, unreadable), when there is none.
    public var shadowProblem: String?
    public var experiment: Experiment
    /// Why the experiment panel is incomplete (the store did not answer), when it is.
    public var experimentProblem: String?
    public var filter: ShadowFilter
    /// The anti-forgery token every control form carries.
    public var csrf: String
    /// Who is signed in, as changes are recorded.
    public var who: String
    /// Whether a session can be ended (there is none with `MAIA_AUTH=none`).
    public var canSignOut: Bool
    /// Seconds between reloads the viewer asked for (`?refresh=`), or `nil`.
    public var refreshSeconds: Int?
    public var generated: Date

    /// Creates a view.
    public init(
        engines: [String],
        shadow: Shadow?,
        shadowProblem: String?,
        experiment: Experiment,
        experimentProblem: String?,
        filter: ShadowFilter,
        csrf: String,
        who: String,
        canSignOut: Bool,
        refreshSeconds: Int?,
        generated: Date
    ) {
        self.engines = engines
        self.shadow = shadow
        self.shadowProblem = shadowProblem
        self.experiment = experiment
        self.experimentProblem = experimentProblem
        self.filter = filter
        self.csrf = csrf
        self.who = who
        self.canSignOut = canSignOut
        self.refreshSeconds = refreshSeconds
        self.generated = generated
    }

    /// The comparisons of `records` (slim, with their positions in the log, in log order) that look worst for the
    /// candidate, at most `limit`: most failed checks first, then a judge loss, then an error, then the slowest; of
    /// equals, the earlier. A previous result followed by the records appended since gives the result of the whole.
    public static func worst(
        _ records: some Sequence<(index: Int, record: ShadowRecord)>,
        filter: ShadowFilter,
        limit: Int = 20
    ) -> [(
        index: Int, record: ShadowRecord
    )] {
        func badness(_ record: ShadowRecord) -> (Int, Int, Int, Double) {
            (
                record.candidate.checks.count,
                record.comparison.judge?.verdict == .primary ? 1 : 0,
                record.candidate.error != nil ? 1 : 0,
                record.candidate.latencyMs ?? 0
            )
        }
        var chosen: [(index: Int, record: ShadowRecord, badness: (Int, Int, Int, Double))] = []
        for (index, record) in records where filter.includes(record) {
            let score = badness(record)
            if chosen.count == limit, let last = chosen.last, !(score > last.badness) { continue }
            let position = chosen.firstIndex { score > $0.badness } ?? chosen.endIndex
            chosen.insert((index, record, score), at: position)
            if chosen.count > limit { chosen.removeLast() }
        }
        return chosen.map { ($0.index, $0.record) }
    }
}
