extension PostgresSchema {
    /// A message may hold one vector per model: a user's reply also gets a vector read with the MAIA turn before it
    /// (`ReplyContext`), and another embedder's vectors no longer replace MiniLM's.
    /// The outbox worker may now also read each message's role, session and time (never its content), to find the
    /// replies that lack a reply-context vector when re-indexing.
    static let version7: [String] = [
        "ALTER TABLE vectors DROP CONSTRAINT vectors_pkey, ADD PRIMARY KEY (message_id, model)",
        "GRANT SELECT (role, session_id, created_at, seq) ON messages TO maia_worker",
    ]

    /// A graph for 768-d vectors too: the multilingual embedder (MiniLM and multilingual-e5 side by side) and many
    /// served models (e5-base, nomic) make 768, which were otherwise scanned exactly for every user. Partial, like
    /// the 384-d one, so each size has its own graph and neither slows the other's writes.
    static let version8: [String] = [
        """
        CREATE INDEX vectors_hnsw_768 ON vectors USING hnsw ((embedding::vector(768)) vector_cosine_ops)
        WHERE dimensions = 768
        """
    ]
}
