/// Percentiles of a sample by linear interpolation between closest ranks (numpy's default, Hyndman & Fan type 7),
/// so p50 of an even-sized sample is the mean of the middle two and small samples give no surprising jumps.
public struct Percentiles: Sendable {
    private let sorted: [Double]

    /// The sample; NaNs are dropped.
    public init(_ values: some Sequence<Double>) {
        sorted = values.filter { !$0.isNaN }.sorted()
    }

    /// A sample that is already in ascending order without NaNs (a ``SortedSample``), taken as it is.
    init(sorted sample: SortedSample) {
        sorted = sample.values
    }

    /// How many values the sample has.
    public var count: Int { sorted.count }

    /// The `p`-quantile for `p` in [0, 1], or `nil` for an empty sample.
    public func value(at p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = min(max(p, 0), 1) * Double(sorted.count - 1)
        let below = Int(rank.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = rank - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// The median.
    public var p50: Double? { value(at: 0.50) }
    public var p95: Double? { value(at: 0.95) }
    public var p99: Double? { value(at: 0.99) }
}
