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

    /// The summary of what `tally` has counted.
    init(_ tally: JudgeTally) {
        judged = tally.judged
        judges = tally.judges.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        candidateWins = Proportion(tally.candidateWins, of: tally.judged)
        ties = Proportion(tally.ties, of: tally.judged)
        candidateLosses = Proportion(tally.candidateLosses, of: tally.judged)
        consistency = Proportion(tally.consistent, of: tally.judged)
    }
}

/// The running counts behind a ``JudgeSummary``; comparisons without a verdict are not counted.
struct JudgeTally: Sendable {
    var judged = 0
    var judges: [String: Int] = [:]
    var candidateWins = 0
    var ties = 0
    var candidateLosses = 0
    var consistent = 0

    mutating func add(_ record: ShadowRecord) {
        guard let verdict = record.comparison.judge else { return }
        judged += 1
        judges[verdict.judge, default: 0] += 1
        switch verdict.verdict {
        case .candidate: candidateWins += 1
        case .tie: ties += 1
        case .primary: candidateLosses += 1
        }
        if verdict.consistent { consistent += 1 }
    }
}
