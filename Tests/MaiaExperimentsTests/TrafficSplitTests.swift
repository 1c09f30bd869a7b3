import MaiaExperiments
import MaiaMemory
import Testing

@Suite("Sticky assignment: GrowthBook hashing v2, ramps that only move units forward, force lists")
struct TrafficSplitTests {
    /// The version-2 rows of GrowthBook's SDK test cases (`packages/sdk-js/test/cases.json`, "hash").
    @Test(
        "hash v2 matches GrowthBook's published test vectors",
        arguments: [
            ("seed", "a", 0.0505), ("seed", "b", 0.2696), ("foo", "ab", 0.2575), ("foo", "def", 0.2019),
            ("89123klj", "8952klfjas09ujkasdf", 0.124), ("90850943850283058242805", "123", 0.7516),
            ("()**(%$##$%#$#", "___)((*\":&", 0.0128),
        ]
    )
    func growthBookVectors(_ seed: String, _ value: String, _ expected: Double) {
        #expect(abs(Bucketing.hashV2(seed: seed, value: value) - expected) < 1e-9)
    }

    @Test(
        "the fast path (ASCII bytes, seed hashed once, digits without a string) equals the definition over UTF-16",
        arguments: ["ana", "José", "ユーザー", "🌊-user", "", String(repeating: "x", count: 300)]
    )
    func fastPathMatchesDefinition(_ unit: String) {
        func fnv(_ text: String) -> UInt32 {
            var hash: UInt32 = 0x811c_9dc5
            for unit in text.utf16 { hash = (hash ^ UInt32(unit)) &* 0x0100_0193 }
            return hash
        }
        for seed in ["llama-rollout", "é"] {
            let reference = Int(fnv(String(fnv(seed + unit))) % 10_000)
            #expect(Bucketing.bucket(seed: seed, unit: unit) == reference)
            #expect(TrafficSplit(experiment: seed, percent: 50).assign(unit).bucket == reference)
        }
    }

    @Test("a ramp 5% → 20% → 50% keeps every candidate a candidate; going back to 0 returns everyone to control")
    func rampIsMonotone() {
        let units = (0..<100_000).map { "user-\($0)" }
        var previous: Set<String> = []
        for percent in [5.0, 20, 50] {
            let split = TrafficSplit(experiment: "llama-rollout", percent: percent)
            let candidates = Set(units.filter { split.assign($0).arm == .candidate })
            #expect(previous.isSubset(of: candidates), "a unit left the candidate arm at \(percent)%")
            previous = candidates
        }
        let stopped = TrafficSplit(experiment: "llama-rollout", percent: 0)
        #expect(units.allSatisfy { stopped.assign($0).arm == .control })
    }

    @Test(
        "the observed share over 100K units is within the binomial interval of the configured one",
        arguments: [5.0, 20, 50]
    )
    func shareMatchesConfiguration(_ percent: Double) {
        let split = TrafficSplit(experiment: "llama-rollout", percent: percent)
        let n = 100_000.0
        let observed = Double((0..<100_000).filter { split.assign("unit-\($0)").arm == .candidate }.count)
        let p = percent / 100
        // 99.9% two-sided binomial interval (z = 3.29): a correct hash fails this one run in a thousand.
        let margin = 3.29 * (n * p * (1 - p)).squareRoot()
        #expect(abs(observed - n * p) <= margin, "observed \(observed) of \(n) at \(percent)%")
    }

    @Test("assignment is the same for the same unit, differs by experiment, and force lists win")
    func deterministicAndForced() {
        let split = TrafficSplit(
            experiment: "llama-rollout",
            percent: 0,
            forceCandidate: ["tester", "both"],
            forceControl: ["staff", "both"]
        )
        #expect(split.assign("ana") == split.assign("ana"))
        #expect(split.assign("tester").arm == .candidate)
        #expect(split.assign("tester").forced)
        #expect(split.assign("staff").arm == .control)
        #expect(split.assign("both").arm == .control)
        let buckets = (0..<200).map { split.assign("u\($0)").bucket }
        let other = TrafficSplit(experiment: "another", percent: 0)
        #expect(buckets != (0..<200).map { other.assign("u\($0)").bucket })
        #expect(TrafficSplit(experiment: "x", percent: 12.34).candidateBuckets == 1234)
        #expect(TrafficSplit(experiment: "x", percent: 140).percent == 100)
    }
}
