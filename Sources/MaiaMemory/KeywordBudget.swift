/// How much of a user's history keyword search ranks, on either backend (see
/// ``SQLiteStore/keywordSearch(_:for:limit:)`` and ``PostgresStore/keywordSearch(_:for:limit:)``).
///
/// Both rank rare words' matches over the user's whole history and common words' only among the newest matches,
/// so that a query of everyday words costs a bounded amount at any size.
public struct KeywordBudget: Sendable, Hashable {
    /// Rare words are matched over all of the user's rows. SQLite: the rarest words while the rows holding them add
    /// up to at most this. PostgreSQL: each word's newest `exactRows / words` matches (at least 50) are ranked, so
    /// that a word with fewer matches than that is matched exactly.
    public var exactRows: Int
    /// SQLite: the newest matches of the whole query that are ranked when its words are more common than that.
    /// (PostgreSQL ranks each word's newest matches instead; only `.unbounded` matters to it.)
    public var recentWindow: Int

    public init(exactRows: Int, recentWindow: Int) {
        self.exactRows = exactRows
        self.recentWindow = recentWindow
    }

    /// The product's bound: about 3 ms at 100K messages of one user on SQLite (docs/storage.md).
    public static let standard = KeywordBudget(exactRows: 2000, recentWindow: 1000)
    /// Every match ranked, as before the bound (for benchmarks that compare).
    public static let unbounded = KeywordBudget(exactRows: .max, recentWindow: .max)
}
