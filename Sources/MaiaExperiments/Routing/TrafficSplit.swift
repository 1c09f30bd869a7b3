public import MaiaMemory

/// A unit's arm, the bucket it came from, and whether a force list decided it.
public struct Assignment: Sendable, Hashable {
    public let arm: Arm
    public let bucket: Int
    public let forced: Bool
}

/// The split of one experiment: units whose bucket is below `percent × 100` get the candidate, force lists aside.
///
/// Raising the share only moves units from control to candidate (their buckets stay below the higher threshold);
/// lowering it or stopping (share 0) moves candidate units back to control.
public struct TrafficSplit: Sendable, Hashable {
    /// The experiment's name, also the hashing seed (a new name reshuffles every unit).
    public var experiment: String {
        didSet { seedHash = Bucketing.fnv1a32(experiment) }
    }
    /// The seed's FNV-1a state, hashed once per split rather than once per decision.
    private var seedHash: UInt32
    /// The candidate's share, 0–100 percent.
    public var percent: Double
    /// Units always in the candidate arm (testers), and always in control (staff who must see Claude).
    public var forceCandidate: Set<String>
    public var forceControl: Set<String>

    /// Creates a split; `percent` is clamped to 0–100.
    public init(
        experiment: String,
        percent: Double,
        forceCandidate: Set<String> = [],
        forceControl: Set<String> = []
    ) {
        self.experiment = experiment
        self.seedHash = Bucketing.fnv1a32(experiment)
        self.percent = min(max(percent, 0), 100)
        self.forceCandidate = forceCandidate
        self.forceControl = forceControl
    }

    /// How many of the 10,000 buckets go to the candidate.
    public var candidateBuckets: Int { Int((percent * Double(Bucketing.bucketCount) / 100).rounded()) }

    /// The arm of `unit`; a unit on both force lists stays in control, the safe side.
    public func assign(_ unit: String) -> Assignment {
        let bucket = Bucketing.bucket(seedHash: seedHash, unit: unit)
        if forceControl.contains(unit) { return Assignment(arm: .control, bucket: bucket, forced: true) }
        if forceCandidate.contains(unit) { return Assignment(arm: .candidate, bucket: bucket, forced: true) }
        return Assignment(arm: bucket < candidateBuckets ? .candidate : .control, bucket: bucket, forced: false)
    }
}
