/// A ratio metric Σy / Σx over units (cost per turn: y = a unit's cost, x = its turns) with its delta-method
/// variance, which treats each unit as a cluster: turns of one person are not independent, and pretending they are
/// makes intervals too narrow (Deng, Knoblich and Lu 2018, "Applying the delta method in metric analytics").
public struct RatioEstimate: Sendable, Hashable {
    /// Units with `x > 0` (the others contribute nothing to either sum).
    public let units: Int
    /// Σy / Σx.
    public let ratio: Double
    /// Var(ȳ / x̄) ≈ (s²_y − 2 R s_xy + R² s²_x) / (n x̄²), sample (co)variances over units.
    public let variance: Double

    /// The estimate over `(y, x)` pairs, one per unit; `nil` unless two units have `x > 0`.
    public init?(_ pairs: [(y: Double, x: Double)]) {
        let used = pairs.filter { $0.x > 0 }
        guard used.count >= 2 else { return nil }
        let n = Double(used.count)
        let meanY = used.reduce(0) { $0 + $1.y } / n
        let meanX = used.reduce(0) { $0 + $1.x } / n
        var varY = 0.0
        var varX = 0.0
        var covariance = 0.0
        for pair in used {
            let (dy, dx) = (pair.y - meanY, pair.x - meanX)
            varY += dy * dy
            varX += dx * dx
            covariance += dy * dx
        }
        (varY, varX, covariance) = (varY / (n - 1), varX / (n - 1), covariance / (n - 1))
        let ratio = meanY / meanX
        units = used.count
        self.ratio = ratio
        variance = max(0, (varY - 2 * ratio * covariance + ratio * ratio * varX) / (n * meanX * meanX))
    }

    /// The 95% normal interval of `candidate − control` for two independent ratio estimates.
    public static func difference(candidate: RatioEstimate, control: RatioEstimate) -> EffectInterval {
        let delta = candidate.ratio - control.ratio
        let standardError = (candidate.variance + control.variance).squareRoot()
        return EffectInterval(
            estimate: delta,
            lower: delta - z95 * standardError,
            upper: delta + z95 * standardError,
            standardError: standardError
        )
    }
}
