/// What the pairwise judge said over a set of comparisons, from the candidate's side.
///
/// Every share is of the judged comparisons: wins, ties and losses add up to ``judged``. A tie includes the
/// comparisons where the two orders disagreed (see ``JudgeVerdict``), so ``consistency`` tells how much of the tie
/// share is the judge's indecision rather than two equally good answers.
public struct JudgeSummary: Sendable, Hashable {
    /// Comparisons with a judge verdict.
    public let judged: Int
    /// The judges that ruled (engine names), most verdicts first.
    public let judges: [String]
    /// Comparisons the candidate won.
    public let candidateWins: Proportion
    public let ties: Proportion
    /// Comparisons the primary won.
    public let candidateLosses: Proportion
    /// Comparisons in which both orders named the same winner.
    public let consistency: Proportion

    /// Summarises the judge verdicts in `records`; records without a verdict are not counted.
    public init(of records: [ShadowRecord]) {
        let verdicts = records.compactMap(\.comparison.judge)
        judged = verdicts.count
        let counts = verdicts.reduce(into: [String: Int]()) { $0[$1.judge, default: 0] += 1 }
        judges = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        candidateWins = Proportion(verdicts) { $0.verdict == .candidate }
        ties = Proportion(verdicts) { $0.verdict == .tie }
        candidateLosses = Proportion(verdicts) { $0.verdict == .primary }
        consistency = Proportion(verdicts, where: \.consistent)
    }
}
