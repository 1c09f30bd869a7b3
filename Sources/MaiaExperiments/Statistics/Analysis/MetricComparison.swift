/// One metric in both arms, the difference candidate − control with its 95% interval, and what the always-valid
/// sequential test decides from it.
public struct MetricComparison: Sendable, Hashable {
    /// One arm's value of the metric and what it is made of.
    public struct ArmValue: Sendable, Hashable {
        /// The metric's value; `nil` when the arm has nothing to measure it on.
        public let value: Double?
        /// The sums the value is a ratio of (e.g. failed turns and turns), or the count of values of a quantile.
        public let numerator: Double
        public let denominator: Double
        /// Units that contribute to the value.
        public let units: Int
    }

    public let metric: ExperimentMetric
    public let control: ArmValue
    public let candidate: ArmValue
    /// The fixed-horizon 95% interval of candidate − control, by ``ExperimentMetric/method``; `nil` when an arm
    /// has too little data for one.
    public let difference: EffectInterval?
    /// The always-valid 95% interval (mSPRT): valid however often the experiment is looked at.
    public let sequential: EffectInterval?
    public let decision: SequentialTest.Decision
}

extension MetricComparison {
    /// Compares `metric` between the units of each arm.
    public static func compare(
        _ metric: ExperimentMetric,
        control: [UnitOutcome],
        candidate: [UnitOutcome],
        options: AnalysisOptions
    ) -> MetricComparison {
        let (controlValue, candidateValue, difference): (ArmValue, ArmValue, EffectInterval?)
        switch metric.method {
        case .newcombeClustered, .deltaMethod:
            let parts = ratioParts(metric)
            let one = ArmValue.ratio(control, parts)
            let two = ArmValue.ratio(candidate, parts)
            let estimates = (RatioEstimate(control.map(parts)), RatioEstimate(candidate.map(parts)))
            (controlValue, candidateValue) = (one, two)
            difference =
                metric.method == .deltaMethod
                ? estimates.1.flatMap { c in estimates.0.map { RatioEstimate.difference(candidate: c, control: $0) } }
                : clusteredNewcombe(candidate: (two, estimates.1), control: (one, estimates.0))
        case .newcombe:
            let one = returned(control)
            let two = returned(candidate)
            (controlValue, candidateValue) = (one.value, two.value)
            difference = NewcombeInterval.difference(candidate: two.proportion, control: one.proportion)
        case .welch:
            let one = control.map { Double($0.turns) }
            let two = candidate.map { Double($0.turns) }
            (controlValue, candidateValue) = (ArmValue.mean(one), ArmValue.mean(two))
            difference = WelchInterval.difference(candidate: two, control: one)
        case .bootstrap:
            let quantile = metric == .latencyP95 ? 0.95 : 0.50
            let values: (UnitOutcome) -> [Double] = metric == .ttftP50 ? { $0.ttftsMs } : { $0.latenciesMs }
            let one = control.map(values)
            let two = candidate.map(values)
            (controlValue, candidateValue) = (ArmValue.quantile(one, quantile), ArmValue.quantile(two, quantile))
            let bootstrap = QuantileBootstrap(
                quantile: quantile,
                replicates: options.bootstrapReplicates,
                seed: options.seed
            )
            difference = bootstrap.difference(candidate: two, control: one)
        }
        let test = options.sequential
        let sequential = difference.map { test.interval($0, units: controlValue.units + candidateValue.units) }
        let decision =
            sequential.map {
                test.decision(
                    $0,
                    lowerIsBetter: metric.lowerIsBetter,
                    unitsPerArm: min(controlValue.units, candidateValue.units)
                )
            } ?? .continue
        return MetricComparison(
            metric: metric,
            control: controlValue,
            candidate: candidateValue,
            difference: difference,
            sequential: sequential,
            decision: decision
        )
    }

    /// The per-unit (numerator, denominator) of a ratio metric.
    private static func ratioParts(_ metric: ExperimentMetric) -> (UnitOutcome) -> (y: Double, x: Double) {
        let turns: (UnitOutcome) -> Double = { Double($0.turns) }
        let numerator: (UnitOutcome) -> Double
        var denominator = turns
        switch metric {
        case .errorRate: numerator = { Double($0.failed) }
        case .fallbackRate: numerator = { Double($0.fellBack) }
        case .thumbsUpRate: numerator = { Double($0.thumbsUp) }
        case .thumbsDownRate: numerator = { Double($0.thumbsDown) }
        case .checkFailureRate: numerator = { Double($0.checkFailed) }
        case .tokensPerTurn: numerator = { Double($0.tokens) }
        case .invalidToolCallRate:
            numerator = { Double($0.invalidToolCalls) }
            denominator = { Double($0.toolCalls) }
        case .costPerTurn:
            numerator = { $0.costUSD }
            denominator = { Double($0.pricedTurns) }
        case .turnsPerSession:
            numerator = turns
            denominator = { Double($0.sessions) }
        default: preconditionFailure("\(metric) is not a ratio of sums")
        }
        return { (numerator($0), denominator($0)) }
    }

    /// Newcombe's interval for shares of clustered turns, each arm's trials shrunk to the effective sample size
    /// p(1 − p)/V of its delta-method variance V (never above the turn count), so that a few heavy users cannot make
    /// the interval look surer than it is. The standard error for the sequential test is the clustered one, or
    /// the score interval's when that is wider.
    private static func clusteredNewcombe(
        candidate: (value: ArmValue, estimate: RatioEstimate?),
        control: (value: ArmValue, estimate: RatioEstimate?)
    ) -> EffectInterval? {
        func effective(_ arm: (value: ArmValue, estimate: RatioEstimate?)) -> (rate: Double, trials: Double, v: Double)?
        {
            guard let rate = arm.value.value else { return nil }
            let binomial = rate * (1 - rate) / arm.value.denominator
            guard let variance = arm.estimate?.variance, variance > 0 else {
                return (rate, arm.value.denominator, binomial)
            }
            return (rate, min(arm.value.denominator, rate * (1 - rate) / variance), variance)
        }
        guard let one = effective(candidate), let two = effective(control),
            let interval = NewcombeInterval.difference(
                candidate: (one.rate, one.trials),
                control: (two.rate, two.trials)
            )
        else { return nil }
        // With no event (or only events) in both arms the clustered variance is 0; the score interval still has a
        // width, and the sequential test must not read certainty into a count of zero.
        return EffectInterval(
            estimate: interval.estimate,
            lower: interval.lower,
            upper: interval.upper,
            standardError: max((one.v + two.v).squareRoot(), (interval.upper - interval.lower) / (2 * z95))
        )
    }

    private static func returned(_ units: [UnitOutcome]) -> (value: ArmValue, proportion: Proportion) {
        let eligible = units.compactMap(\.returned)
        let proportion = Proportion(eligible.count(where: { $0 }), of: eligible.count)
        return (
            ArmValue(
                value: proportion.rate,
                numerator: Double(proportion.count),
                denominator: Double(proportion.total),
                units: eligible.count
            ),
            proportion
        )
    }
}

extension MetricComparison.ArmValue {
    fileprivate static func ratio(_ units: [UnitOutcome], _ parts: (UnitOutcome) -> (y: Double, x: Double)) -> Self {
        let pairs = units.map(parts)
        let y = pairs.reduce(0) { $0 + $1.y }
        let x = pairs.reduce(0) { $0 + $1.x }
        return Self(value: x > 0 ? y / x : nil, numerator: y, denominator: x, units: pairs.count(where: { $0.x > 0 }))
    }

    fileprivate static func mean(_ values: [Double]) -> Self {
        let total = values.reduce(0, +)
        return Self(
            value: values.isEmpty ? nil : total / Double(values.count),
            numerator: total,
            denominator: Double(values.count),
            units: values.count
        )
    }

    fileprivate static func quantile(_ units: [[Double]], _ p: Double) -> Self {
        let sample = Percentiles(units.joined())
        return Self(
            value: sample.value(at: p),
            numerator: Double(sample.count),
            denominator: Double(sample.count),
            units: units.count(where: { !$0.isEmpty })
        )
    }
}
