import Foundation
import MaiaExperiments
import Testing

@Suite("Sequential test (mSPRT)")
struct SequentialTestTests {
    @Test("the interval is the normal-mixture boundary of Johari et al. and wider than the fixed-horizon one")
    func boundary() {
        let test = SequentialTest(alpha: 0.05, targetUnits: 1000)
        let effect = EffectInterval(estimate: 0.035, lower: 0, upper: 0, standardError: 0.01)
        let interval = test.interval(effect, units: 1000)
        // At the target, τ² = r·V with r ≈ 8.21: half-width √(V(1 + 1/r)(2 log 20 + log(1 + r))) ≈ 3.04 · 0.01.
        let r = 8.21
        let expected = 0.01 * ((1 + 1 / r) * (2 * log(20.0) + log(1 + r))).squareRoot()
        #expect(abs((interval.upper - interval.lower) / 2 - expected) < 2e-5)
        #expect(interval.upper - interval.lower > 2 * 1.96 * 0.01)
        #expect(test.decision(interval, lowerIsBetter: true, unitsPerArm: 500) == .candidateWorse)
        #expect(test.decision(interval, lowerIsBetter: false, unitsPerArm: 500) == .candidateBetter)
        #expect(test.decision(interval, lowerIsBetter: true, unitsPerArm: 99) == .continue)
    }

    @Test("an interval holding 0 continues; no variance decides nothing")
    func undecided() {
        let test = SequentialTest()
        let small = test.interval(EffectInterval(estimate: 0.01, lower: 0, upper: 0, standardError: 0.01), units: 500)
        #expect(small.contains(0))
        #expect(test.decision(small, lowerIsBetter: true, unitsPerArm: 250) == .continue)
        let flat = test.interval(EffectInterval(estimate: 0, lower: 0, upper: 0, standardError: 0), units: 500)
        #expect(test.decision(flat, lowerIsBetter: true, unitsPerArm: 250) == .continue)
    }
}
