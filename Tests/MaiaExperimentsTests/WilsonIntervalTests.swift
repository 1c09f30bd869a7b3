import MaiaExperiments
import Testing

@Suite("Wilson interval")
struct WilsonIntervalTests {
    @Test("matches published values")
    func knownValues() throws {
        // 8 of 10: Wilson 95% interval is 0.4902 to 0.9433 (Newcombe 1998, table I method 3).
        let interval = try #require(WilsonInterval(successes: 8, trials: 10))
        #expect(abs(interval.lower - 0.4902) < 0.0005)
        #expect(abs(interval.upper - 0.9433) < 0.0005)
    }

    @Test("stays inside [0, 1] at the extremes")
    func extremes() throws {
        let none = try #require(WilsonInterval(successes: 0, trials: 5))
        #expect(none.lower == 0)
        #expect(none.upper > 0.4 && none.upper < 0.5)
        let all = try #require(WilsonInterval(successes: 5, trials: 5))
        #expect(all.upper == 1)
    }

    @Test("no trials or impossible counts give no interval")
    func invalid() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(WilsonInterval(successes: 3, trials: 2) == nil)
    }
}
