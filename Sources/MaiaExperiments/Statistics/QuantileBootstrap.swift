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
        for _ in 0..<replicates {
            let a = resampledQuantile(one, &generator, &buffer)
            let b = resampledQuantile(two, &generator, &buffer)
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
        _ units: [[Double]],
        _ generator: inout SplitMix64,
        _ buffer: inout [Double]
    )
        -> Double
    {
        buffer.removeAll(keepingCapacity: true)
        for _ in units.indices { buffer += units[generator.index(below: units.count)] }
        return QuickSelect.quantile(&buffer, quantile)
    }
}
