extension PostgresSchema {
    /// A message may hold one vector per model: a user's reply also gets a vector read with the MAIA turn before it
    /// (`ReplyContext`), and another embedder's vectors no longer replace MiniLM's.
    static let version7: [String] = [
        "ALTER TABLE vectors DROP CONSTRAINT vectors_pkey, ADD PRIMARY KEY (message_id, model)"
    ]
}
