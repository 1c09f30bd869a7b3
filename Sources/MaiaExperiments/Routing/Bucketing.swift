/// Deterministic assignment of a unit (a user or a session) to a bucket, with GrowthBook's hashing v2 so that a team
/// already on GrowthBook reproduces every assignment: `fnv1a32(String(fnv1a32(seed + unit)))`, taken modulo 10,000.
/// The bucket depends only on the experiment's seed and the unit id — not on time, process or replica — which is
/// what makes assignment sticky across turns, restarts and replicas without storing anything.
public enum Bucketing {
    /// Buckets per experiment: a share is honoured to 0.01 percentage points.
    public static let bucketCount = 10_000

    /// The unit's bucket, `0..<10_000`.
    public static func bucket(seed: String, unit: String) -> Int {
        bucket(seedHash: fnv1a32(seed), unit: unit)
    }

    /// The bucket from the seed's running hash (FNV-1a is streaming: hashing `seed + unit` is hashing `unit` from the
    /// state `seed` left), so that a split hashes its seed once instead of concatenating per decision.
    static func bucket(seedHash: UInt32, unit: String) -> Int {
        Int(fnv1a32Decimal(fnv1a32(unit, from: seedHash)) % UInt32(bucketCount))
    }

    /// GrowthBook's `hash(seed, value, 2)`: the bucket as a fraction in `[0, 1)`.
    public static func hashV2(seed: String, value: String) -> Double {
        Double(bucket(seed: seed, unit: value)) / Double(bucketCount)
    }

    static let offsetBasis: UInt32 = 0x811c_9dc5
    static let prime: UInt32 = 0x0100_0193

    /// FNV-1a, 32 bits, over UTF-16 code units: GrowthBook's SDKs hash JavaScript's `charCodeAt`, not UTF-8 bytes.
    /// ASCII text (every id in practice) is hashed straight from its UTF-8 bytes, which are then the same units.
    static func fnv1a32(_ text: String, from start: UInt32 = offsetBasis) -> UInt32 {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> UInt32? in
            var hash = start
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                hash = (hash ^ UInt32(byte)) &* prime
            }
            return hash
        }
        if let ascii, let hash = ascii { return hash }
        var hash = start
        for unit in text.utf16 { hash = (hash ^ UInt32(unit)) &* prime }
        return hash
    }

    /// `fnv1a32(String(value))` without building the string: the decimal digits, most significant first.
    static func fnv1a32Decimal(_ value: UInt32) -> UInt32 {
        var divisor: UInt32 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var hash = offsetBasis
        while divisor > 0 {
            hash = (hash ^ (0x30 + value / divisor % 10)) &* prime
            divisor /= 10
        }
        return hash
    }
}
