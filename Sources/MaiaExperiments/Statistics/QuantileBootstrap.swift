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
        var buffer: [Double] = []
        let (flatOne, flatTwo) = (FlatUnits(one), FlatUnits(two))
        for _ in 0..<replicates {
            let a = resampledQuantile(flatOne, &generator, &buffer)
            let b = resampledQuantile(flatTwo, &generator, &buffer)
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

    private func resampledQuantile(
        _ units: FlatUnits,
        _ generator: inout SplitMix64,
        _ buffer: inout [Double]
    )
        -> Double
    {
        buffer.removeAll(keepingCapacity: true)
        units.values.withUnsafeBufferPointer { values in
            for _ in 0..<units.count {
                let unit = generator.index(below: units.count)
                buffer.append(contentsOf: values[units.starts[unit]..<units.starts[unit + 1]])
            }
        }
        return QuickSelect.quantile(&buffer, quantile)
    }
}

/// Units' values in one array (unit `u` holds `values[starts[u]..<starts[u + 1]]`): a resample copies ranges of
/// doubles instead of retaining and releasing one array per drawn unit, which took a third of a large report.
private struct FlatUnits {
    let values: [Double]
    let starts: [Int]

    init(_ units: [[Double]]) {
        values = Array(units.joined())
        starts = units.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    }

    var count: Int { starts.count - 1 }
}
