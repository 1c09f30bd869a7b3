import MaiaExperiments
import Testing

@Suite("Percentiles")
struct PercentilesTests {
    @Test("interpolate between closest ranks like numpy's default")
    func numpyValues() {
        // numpy.percentile([1, 2, 3, 4, 10], [50, 95, 99]) == [3.0, 8.8, 9.76]
        let sample = Percentiles([10, 1, 4, 3, 2])
        #expect(sample.p50 == 3)
        #expect(abs((sample.p95 ?? 0) - 8.8) < 1e-9)
        #expect(abs((sample.p99 ?? 0) - 9.76) < 1e-9)
        #expect(Percentiles([1, 2, 3, 4]).p50 == 2.5)
    }

    @Test("empty samples have no percentiles; one value is every percentile; NaN is ignored")
    func edges() {
        #expect(Percentiles([]).p50 == nil)
        #expect(Percentiles([7]).p99 == 7)
        #expect(Percentiles([.nan, 5]).count == 1)
        #expect(Percentiles([1, 2]).value(at: 2) == 2)
    }
}
