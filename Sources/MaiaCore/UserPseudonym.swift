/// A stable stand-in for a user id in logs, metrics and dashboards: 64-bit FNV-1a of the id's UTF-8 bytes, in hex.
///
/// It keeps ids out of logs and lets lines of one user be correlated; it is a pseudonym, not anonymisation — anyone
/// holding a candidate id can compute its pseudonym.
public struct UserPseudonym: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// The pseudonym of `user`.
    public init(_ user: UserID) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in user.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        description = "u_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
