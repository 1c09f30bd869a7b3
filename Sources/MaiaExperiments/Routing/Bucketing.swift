/// Deterministic assignment of a unit (a user or a session) to a bucket, with GrowthBook's hashing v2 so that a team
/// already on GrowthBook reproduces every assignment: `fnv1a32(String(fnv1a32(seed + unit)))`, taken modulo 10,000.
/// The bucket depends only on the experiment's seed and the unit id — not on time, process or replica — which is
/// what makes assignment sticky across turns, restarts and replicas without storing anything.
public enum Bucketing {
    /// Buckets per experiment: a share is honoured to 0.01 percentage points.
    public static let bucketCount = 10_000

    /// The unit's bucket, `0..<10_000`.
    public static func bucket(seed: String, unit: String) -> Int {
        Int(fnv1a32(String(fnv1a32(seed + unit))) % UInt32(bucketCount))
    }

    /// GrowthBook's `hash(seed, value, 2)`: the bucket as a fraction in `[0, 1)`.
    public static func hashV2(seed: String, value: String) -> Double {
        Double(bucket(seed: seed, unit: value)) / Double(bucketCount)
    }

    /// FNV-1a, 32 bits, over UTF-16 code units: GrowthBook's SDKs hash JavaScript's `charCodeAt`, not UTF-8 bytes.
    static func fnv1a32(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for unit in text.utf16 { hash = (hash ^ UInt32(unit)) &* 0x0100_0193 }
        return hash
    }
}
