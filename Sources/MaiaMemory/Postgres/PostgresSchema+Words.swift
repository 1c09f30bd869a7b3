extension PostgresSchema {
    /// Keyword search's own postings (docs/storage.md, "Keyword search on PostgreSQL"): one row per distinct word of
    /// a message (the lexemes of its `search` tsvector), keyed `(user_id, word, seq)`.
    ///
    /// Why not the GIN index on `search`: under row-level security (every query of the store runs as `maia_app`) the
    /// planner may use an index for a condition only if its operator is leakproof or the policy's condition is
    /// checked first, and `@@` is not leakproof, so the GIN index is never used for the app role: every keyword
    /// search read all of the user's rows (EXPLAIN as `maia_app`: a sequential scan, ~63 ms at 100K). Text equality
    /// is leakproof, so `user_id = $1 AND word = $2 ORDER BY seq DESC LIMIT n` reads exactly the newest `n` postings
    /// of a word from this b-tree. A trigger keeps the table in step with `messages` (insert, delete, a change of
    /// `search_text` or owner) as the role that writes the message, so the same policy checks every posting.
    static let version6: [String] = [
        """
        CREATE TABLE message_words (
            user_id text NOT NULL,
            word text NOT NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (user_id, word, seq)
        )
        """,
        // Statement triggers with transition tables: one INSERT … SELECT per statement, so a batch of 1,000 messages
        // (or a bulk load) posts its words in one go; an update re-posts only rows whose words or owner changed.
        """
        CREATE FUNCTION maia_message_words() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM message_words w USING removed r
                WHERE w.user_id = r.user_id AND w.seq = r.seq AND w.word = ANY (tsvector_to_array(r.search));
            ELSIF TG_OP = 'UPDATE' THEN
                DELETE FROM message_words w USING removed r JOIN added a ON a.seq = r.seq
                WHERE (a.search, a.user_id) IS DISTINCT FROM (r.search, r.user_id)
                AND w.user_id = r.user_id AND w.seq = r.seq AND w.word = ANY (tsvector_to_array(r.search));
                INSERT INTO message_words (user_id, word, seq)
                SELECT a.user_id, w, a.seq FROM added a JOIN removed r ON r.seq = a.seq,
                    unnest(tsvector_to_array(a.search)) w
                WHERE (a.search, a.user_id) IS DISTINCT FROM (r.search, r.user_id);
            ELSE
                INSERT INTO message_words (user_id, word, seq)
                SELECT a.user_id, w, a.seq FROM added a, unnest(tsvector_to_array(a.search)) w;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER messages_words_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION maia_message_words()
        """,
        """
        CREATE TRIGGER messages_words_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION maia_message_words()
        """,
        """
        CREATE TRIGGER messages_words_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS removed
        NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION maia_message_words()
        """,
        "ALTER TABLE message_words ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE message_words FORCE ROW LEVEL SECURITY",
        """
        CREATE POLICY maia_user_rows ON message_words TO maia_app
        USING (user_id = current_setting('maia.user_id', true))
        WITH CHECK (user_id = current_setting('maia.user_id', true))
        """,
        "GRANT SELECT, INSERT, DELETE ON message_words TO maia_app",
        // The messages already stored: the owner sees them only with the force lifted, inside this transaction.
        "ALTER TABLE messages NO FORCE ROW LEVEL SECURITY",
        "ALTER TABLE message_words NO FORCE ROW LEVEL SECURITY",
        """
        INSERT INTO message_words (user_id, word, seq)
        SELECT m.user_id, w, m.seq FROM messages m, unnest(tsvector_to_array(m.search)) w
        """,
        "ALTER TABLE messages FORCE ROW LEVEL SECURITY",
        "ALTER TABLE message_words FORCE ROW LEVEL SECURITY",
    ]
}
