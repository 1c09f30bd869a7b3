/// Welch's interval for a difference of two means with unequal variances, with the Welch–Satterthwaite degrees of
/// freedom: for per-unit measures, where each unit contributes one value.
public enum WelchInterval {
    /// The 95% interval of `mean(candidate) − mean(control)`; `nil` unless each arm has two values or more.
    public static func difference(candidate: [Double], control: [Double]) -> EffectInterval? {
        guard let one = Moments(candidate), let two = Moments(control) else { return nil }
        let a = one.variance / one.count
        let b = two.variance / two.count
        let standardError = (a + b).squareRoot()
        let delta = one.mean - two.mean
        guard standardError > 0 else {
            return EffectInterval(estimate: delta, lower: delta, upper: delta, standardError: 0)
        }
        let degrees = (a + b) * (a + b) / (a * a / (one.count - 1) + b * b / (two.count - 1))
        let margin = Distributions.studentTQuantile(0.975, degreesOfFreedom: degrees) * standardError
        return EffectInterval(
            estimate: delta,
            lower: delta - margin,
            upper: delta + margin,
            standardError: standardError
        )
    }
}

/// Count, mean and sample variance (n − 1 denominator) of a sample, by Welford's update.
struct Moments {
    let count: Double
    let mean: Double
    let variance: Double

    /// `nil` for fewer than two values.
    init?(_ values: [Double]) {
        guard values.count >= 2 else { return nil }
        var mean = 0.0
        var squares = 0.0
        for (index, value) in values.enumerated() {
            let delta = value - mean
            mean += delta / Double(index + 1)
            squares += delta * (value - mean)
        }
        count = Double(values.count)
        self.mean = mean
        variance = squares / (count - 1)
    }
}
