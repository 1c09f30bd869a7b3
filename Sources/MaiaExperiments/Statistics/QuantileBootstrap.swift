import MaiaCore

/// A percentile-bootstrap interval for the difference of a quantile (p50, p95 latency) between the arms, resampling
/// units rather than turns so that a person's many slow turns count as one person's. Seeded: the same data give the
/// same interval every time.
public struct QuantileBootstrap: Sendable, Hashable {
    /// The quantile compared, in (0, 1).
    public var quantile: Double
    public var replicates: Int
    public var seed: UInt64

    /// A bootstrap of `quantile` with `replicates` resamples drawn from `seed`.
    public init(quantile: Double, replicates: Int = 1000, seed: UInt64 = 12) {
        self.quantile = quantile
        self.replicates = replicates
        self.seed = seed
    }

    /// The 95% interval of `quantile(candidate) − quantile(control)`, each arm given as one array of values per
    /// unit; `nil` when an arm has no value. The standard error is the replicates' standard deviation.
    public func difference(candidate: [[Double]], control: [[Double]]) -> EffectInterval? {
        let one = candidate.map { $0.filter { !$0.isNaN } }.filter { !$0.isEmpty }
        let two = control.map { $0.filter { !$0.isNaN } }.filter { !$0.isEmpty }
        guard !one.isEmpty, !two.isEmpty,
            let first = Percentiles(one.joined()).value(at: quantile),
            let second = Percentiles(two.joined()).value(at: quantile)
        else { return nil }
        var generator = SplitMix64(seed: seed)
        var differences: [Double] = []
        differences.reserveCapacity(replicates)
        var (armOne, armTwo) = (SortedUnits(one), SortedUnits(two))
        for _ in 0..<replicates {
            let a = armOne.resampledQuantile(quantile, &generator)
            let b = armTwo.resampledQuantile(quantile, &generator)
            differences.append(a - b)
        }
        let spread = Percentiles(differences)
        let standardError = Moments(differences).map { $0.variance.squareRoot() } ?? 0
        return EffectInterval(
            estimate: first - second,
            lower: spread.value(at: 0.025) ?? first - second,
            upper: spread.value(at: 0.975) ?? first - second,
            standardError: standardError
        )
    }
}

/// One arm's values sorted once, each with its unit, so that a resample is only how often each unit was drawn:
/// its quantile is read by walking the sorted values from the nearer end, each counted as often as its unit was
/// drawn, until the quantile's two order statistics are passed. That is the same type-7 quantile of the same
/// multiset as copying the drawn units' values and selecting in them, without the copy or the selection, and for
/// p95 the walk covers about a twentieth of the values.
struct SortedUnits {
    private let values: [Double]
    private let units: [Int32]
    private let sizes: [Int]
    private var draws: [Int32]

    init(_ arm: [[Double]]) {
        let pairs = arm.enumerated().flatMap { unit, values in values.map { ($0, Int32(unit)) } }.sorted { $0.0 < $1.0 }
        values = pairs.map(\.0)
        units = pairs.map(\.1)
        sizes = arm.map(\.count)
        draws = [Int32](repeating: 0, count: arm.count)
    }

    /// Draws as many units as the arm has, with replacement (the generator advanced exactly once per draw), and
    /// returns `p`'s type-7 quantile of their values.
    mutating func resampledQuantile(_ p: Double, _ generator: inout SplitMix64) -> Double {
        let count = sizes.count
        var total = 0
        draws.withUnsafeMutableBufferPointer { draws in
            draws.update(repeating: 0)
            for _ in 0..<count {
                let unit = generator.index(below: count)
                draws[unit] += 1
                total += sizes[unit]
            }
        }
        let rank = min(max(p, 0), 1) * Double(total - 1)
        let below = Int(rank.rounded(.down))
        let fraction = rank - Double(below)
        let (low, high) =
            p < 0.5
            ? orderStatistics(below, ascending: true, total: total)
            : orderStatistics(total - 1 - below, ascending: false, total: total)
        guard fraction > 0, below + 1 < total else { return low }
        return low + (high - low) * fraction
    }

    /// The value at position `position` of the resample counted from the smallest (`ascending`) or the largest, and
    /// its neighbour one position further from that end (`below + 1` in ascending terms: the next larger value).
    private func orderStatistics(_ position: Int, ascending: Bool, total: Int) -> (low: Double, high: Double) {
        values.withUnsafeBufferPointer { values in
            units.withUnsafeBufferPointer { units in
                draws.withUnsafeBufferPointer { draws in
                    var passed = 0
                    var found: Double?
                    var index = ascending ? 0 : values.count - 1
                    let step = ascending ? 1 : -1
                    // Ascending: `position` is the low statistic and the next one up the high. Descending:
                    // `position` counts from the top, so the high statistic (one above the low) comes first.
                    let first = ascending ? position : position - 1
                    let second = ascending ? position + 1 : position
                    while index >= 0, index < values.count {
                        let weight = Int(draws[Int(units[index])])
                        if weight > 0 {
                            if found == nil, first >= 0, passed + weight > first { found = values[index] }
                            if passed + weight > second {
                                let value = values[index]
                                if ascending { return (found ?? value, value) }
                                return (value, found ?? value)
                            }
                            passed += weight
                        }
                        index += step
                    }
                    let last = found ?? values[ascending ? values.count - 1 : 0]
                    return (last, last)
                }
            }
        }
    }
}
