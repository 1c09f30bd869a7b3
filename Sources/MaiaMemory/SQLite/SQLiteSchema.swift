import Foundation

/// Versioned migrations of the SQLite canonical store, applied in order at open. A migration is never edited
/// once released; changes come as a new version.
enum SQLiteSchema {
    static let migrations: [(version: Int, sql: String)] = [
        (
            1,
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE sessions (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, id)
            );
            CREATE TABLE messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                session_id TEXT,
                client_id TEXT,
                role TEXT NOT NULL CHECK (role IN ('user', 'maia')),
                content TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                language TEXT,
                element_scores TEXT NOT NULL DEFAULT '{}',
                coherence REAL,
                engine TEXT,
                model TEXT,
                metadata TEXT NOT NULL DEFAULT '{}',
                UNIQUE (user_id, client_id)
            );
            CREATE INDEX messages_by_user_time ON messages (user_id, created_at DESC, seq DESC);
            CREATE TABLE breakthroughs (
                message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                marked_at INTEGER NOT NULL
            );
            CREATE INDEX breakthroughs_by_user ON breakthroughs (user_id);
            CREATE TABLE vectors (
                message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            CREATE INDEX vectors_by_user_model ON vectors (user_id, model);
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                user_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                due_at INTEGER NOT NULL,
                UNIQUE (kind, message_id)
            );
            CREATE INDEX outbox_by_due ON outbox (due_at, id);
            CREATE VIRTUAL TABLE messages_fts USING fts5(
                content, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
            END;
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
            END;
            """
        ),
        (
            // Keyword search scoped inside the index: each row also carries its owner as one token (the hex of the
            // user id, so that any id is a single token and no two ids share one), so that a MATCH only ever visits
            // the user's own rows. See docs/storage.md, "Keyword search on SQLite".
            2,
            """
            DROP TRIGGER messages_fts_insert;
            DROP TRIGGER messages_fts_delete;
            DROP TABLE messages_fts;
            CREATE VIEW messages_fts_source AS SELECT seq, content, hex(user_id) AS owner FROM messages;
            CREATE VIRTUAL TABLE messages_fts USING fts5(
                content, owner, content = 'messages_fts_source', content_rowid = 'seq',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                INSERT INTO messages_fts (rowid, content, owner) VALUES (new.seq, new.content, hex(new.user_id));
            END;
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                INSERT INTO messages_fts (messages_fts, rowid, content, owner)
                VALUES ('delete', old.seq, old.content, hex(old.user_id));
            END;
            """
        ),
        (
            // Queue reads at scale: the batch query (`kind = ? AND due_at <= ? ORDER BY due_at, id`) walks the first
            // index in order and stops at its limit, where `outbox_by_due` made SQLite pick the (kind, message_id)
            // index and sort every queued row (33 vectors/s with a 400K backlog). The second serves the queue of one
            // user (a command indexing its own user's messages) and `forget`, which scanned the whole queue.
            3,
            """
            DROP INDEX outbox_by_due;
            CREATE INDEX outbox_by_kind_due ON outbox (kind, due_at, id);
            CREATE INDEX outbox_by_user_kind_due ON outbox (user_id, kind, due_at, id);
            """
        ),
        (
            // Experiments (phase 3 routing): the live state every process re-reads, its history, first exposures,
            // per-turn outcomes and feedback. A turn is keyed by experiment, user and the client's turn id, so that a
            // retried turn counts once. See docs/experiments.md.
            4,
            """
            CREATE TABLE experiment_state (
                experiment TEXT PRIMARY KEY,
                percent REAL NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                changed_by TEXT NOT NULL,
                changed_at INTEGER NOT NULL
            );
            CREATE TABLE experiment_history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                experiment TEXT NOT NULL,
                percent REAL NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                changed_by TEXT NOT NULL,
                changed_at INTEGER NOT NULL
            );
            CREATE INDEX experiment_history_by_experiment ON experiment_history (experiment, id);
            CREATE TABLE experiment_exposures (
                experiment TEXT NOT NULL,
                unit TEXT NOT NULL,
                arm TEXT NOT NULL CHECK (arm IN ('control', 'candidate')),
                bucket INTEGER NOT NULL,
                forced INTEGER NOT NULL,
                exposed_at INTEGER NOT NULL,
                PRIMARY KEY (experiment, unit)
            );
            CREATE INDEX experiment_exposures_by_time ON experiment_exposures (experiment, exposed_at);
            CREATE INDEX experiment_exposures_by_unit ON experiment_exposures (unit);
            CREATE TABLE experiment_turns (
                experiment TEXT NOT NULL,
                user_id TEXT NOT NULL,
                turn_id TEXT NOT NULL,
                unit TEXT NOT NULL,
                session_id TEXT,
                arm TEXT NOT NULL CHECK (arm IN ('control', 'candidate')),
                engine TEXT NOT NULL,
                model TEXT NOT NULL,
                fell_back INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                latency_ms REAL NOT NULL,
                ttft_ms REAL,
                input_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                cost_usd REAL,
                tool_calls INTEGER NOT NULL,
                invalid_tool_calls INTEGER NOT NULL,
                failed_checks TEXT NOT NULL DEFAULT '[]',
                language TEXT NOT NULL,
                at INTEGER NOT NULL,
                PRIMARY KEY (experiment, user_id, turn_id)
            );
            CREATE INDEX experiment_turns_by_time ON experiment_turns (experiment, at);
            CREATE INDEX experiment_turns_by_user ON experiment_turns (user_id, turn_id);
            CREATE TABLE turn_feedback (
                user_id TEXT NOT NULL,
                turn_id TEXT NOT NULL,
                rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                comment TEXT,
                at INTEGER NOT NULL,
                PRIMARY KEY (user_id, turn_id)
            );
            """
        ),
        (
            // Training consent (phase 5 exports): one row per person who answered; no row means no. Not tied to
            // `users` by a foreign key, so that consent can be given before the first message; `forget` deletes it.
            5,
            """
            CREATE TABLE training_consent (
                user_id TEXT PRIMARY KEY,
                training INTEGER NOT NULL CHECK (training IN (0, 1)),
                hidden_names TEXT NOT NULL DEFAULT '[]',
                changed_at INTEGER NOT NULL
            );
            """
        ),
        (
            // The vector index's 4-bit codes and scale (`VectorIndex.pack`) in a table of their own, so that a
            // process's first search reads 200 bytes a vector instead of pages that also hold 1.5 KB of floats.
            // Filled for the vectors already stored by `dataSteps[6]`, in the same transaction.
            6,
            """
            CREATE TABLE vector_codes (
                message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                codes BLOB NOT NULL,
                scale REAL NOT NULL
            );
            CREATE INDEX vector_codes_by_user_model ON vector_codes (user_id, model);
            """
        ),
        (
            // Keyword search in scripts written without spaces (Thai): such a message is indexed as its character
            // pairs (`KeywordQuery.segmented`), kept in `search_text`; other messages leave it NULL and are indexed
            // as written. `dataSteps[7]` re-indexes the messages already stored that need it.
            7,
            """
            ALTER TABLE messages ADD COLUMN search_text TEXT;
            DROP TRIGGER messages_fts_insert;
            DROP TRIGGER messages_fts_delete;
            DROP VIEW messages_fts_source;
            CREATE VIEW messages_fts_source AS
                SELECT seq, COALESCE(search_text, content) AS content, hex(user_id) AS owner FROM messages;
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                INSERT INTO messages_fts (rowid, content, owner)
                VALUES (new.seq, COALESCE(new.search_text, new.content), hex(new.user_id));
            END;
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                INSERT INTO messages_fts (messages_fts, rowid, content, owner)
                VALUES ('delete', old.seq, COALESCE(old.search_text, old.content), hex(old.user_id));
            END;
            """
        ),
        (
            // A message may hold one vector per model: a user's reply also gets a vector read with the MAIA turn
            // before it (`ReplyContext`), and another embedder's vectors no longer replace MiniLM's. SQLite cannot
            // change a primary key, so both tables are rebuilt; `vector_codes` keeps its rowids, which loaded indexes
            // name rows by.
            8,
            """
            CREATE TABLE vectors_by_model (
                message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (message_id, model)
            );
            INSERT INTO vectors_by_model SELECT message_id, user_id, model, dimensions, data FROM vectors;
            DROP TABLE vectors;
            ALTER TABLE vectors_by_model RENAME TO vectors;
            CREATE INDEX vectors_by_user_model ON vectors (user_id, model);
            CREATE TABLE vector_codes_by_model (
                message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                codes BLOB NOT NULL,
                scale REAL NOT NULL,
                PRIMARY KEY (message_id, model)
            );
            INSERT INTO vector_codes_by_model (rowid, message_id, user_id, model, codes, scale)
                SELECT rowid, message_id, user_id, model, codes, scale FROM vector_codes;
            DROP TABLE vector_codes;
            ALTER TABLE vector_codes_by_model RENAME TO vector_codes;
            CREATE INDEX vector_codes_by_user_model ON vector_codes (user_id, model);
            """
        ),
        (
            // A user's loaded vector index as three blobs (`SQLiteStore+Snapshots.swift`), so that a process's first
            // search reads one row instead of one per vector. Only added rows follow a snapshot; the triggers delete
            // a user's snapshots when any of their codes is deleted (`forget` included), changed or replaced
            // (`INSERT OR REPLACE` fires no delete trigger).
            9,
            """
            CREATE TABLE vector_code_snapshots (
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                high_water INTEGER NOT NULL,
                rowids BLOB NOT NULL,
                scales BLOB NOT NULL,
                codes BLOB NOT NULL,
                PRIMARY KEY (user_id, model)
            );
            CREATE TRIGGER vector_codes_delete_snapshots AFTER DELETE ON vector_codes BEGIN
                DELETE FROM vector_code_snapshots WHERE user_id = old.user_id;
            END;
            CREATE TRIGGER vector_codes_update_snapshots AFTER UPDATE ON vector_codes BEGIN
                DELETE FROM vector_code_snapshots WHERE user_id IN (old.user_id, new.user_id);
            END;
            CREATE TRIGGER vector_codes_replace_snapshots BEFORE INSERT ON vector_codes
            WHEN EXISTS (SELECT 1 FROM vector_codes WHERE message_id = new.message_id AND model = new.model) BEGIN
                DELETE FROM vector_code_snapshots WHERE user_id = new.user_id;
            END;
            """
        ),
        (
            // Each vector takes the rowid of its codes row (`insertVector` writes the codes first), so that the
            // exact re-score reads a shortlisted float vector by rowid: one B-tree search instead of three (the codes
            // row, then `vectors`' key index, then its table). A vector without codes (which MAIA never writes) keeps
            // its data under a negative rowid, which no codes row has.
            10,
            """
            CREATE TABLE vectors_by_code (
                message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                model TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (message_id, model)
            );
            INSERT INTO vectors_by_code (rowid, message_id, user_id, model, dimensions, data)
                SELECT COALESCE(c.rowid, -v.rowid), v.message_id, v.user_id, v.model, v.dimensions, v.data
                FROM vectors v LEFT JOIN vector_codes c ON c.message_id = v.message_id AND c.model = v.model;
            DROP TABLE vectors;
            ALTER TABLE vectors_by_code RENAME TO vectors;
            CREATE INDEX vectors_by_user_model ON vectors (user_id, model);
            """
        ),
    ]

    /// Work a migration needs beyond SQL, run after its SQL in its transaction.
    static let dataSteps: [Int: @Sendable (SQLiteConnection) throws -> Void] = [
        6: packStoredVectors, 7: segmentStoredMessages,
    ]

    /// Re-indexes the stored messages whose script is written without spaces as their character pairs (migration 7).
    private static func segmentStoredMessages(_ connection: SQLiteConnection) throws {
        var pending: [(seq: Int64, content: String, owner: String)] = []
        try connection.query("SELECT seq, content, hex(user_id) FROM messages") { row in
            let content = row.text(1)
            if KeywordQuery.needsSegmenting(content) { pending.append((row.integer(0), content, row.text(2))) }
        }
        for message in pending {
            let text = KeywordQuery.segmented(message.content)
            try connection.query(
                "INSERT INTO messages_fts (messages_fts, rowid, content, owner) VALUES ('delete', ?, ?, ?)",
                [.integer(message.seq), .text(message.content), .text(message.owner)]
            )
            try connection.query(
                "UPDATE messages SET search_text = ? WHERE seq = ?",
                [.text(text), .integer(message.seq)]
            )
            try connection.query(
                "INSERT INTO messages_fts (rowid, content, owner) VALUES (?, ?, ?)",
                [.integer(message.seq), .text(text), .text(message.owner)]
            )
        }
    }

    /// Writes the codes of every stored vector (migration 6).
    private static func packStoredVectors(_ connection: SQLiteConnection) throws {
        try connection.query("SELECT message_id, user_id, model, data FROM vectors") { row in
            let (codes, scale) = VectorIndex.pack(row.floats(3))
            try connection.query(
                "INSERT INTO vector_codes (message_id, user_id, model, codes, scale) VALUES (?, ?, ?, ?, ?)",
                [.text(row.text(0)), .text(row.text(1)), .text(row.text(2)), .blob(codes), .real(Double(scale))]
            )
        }
    }

    /// Applies the migrations this database has not seen, up to `version` (tests build older databases), each in
    /// its own transaction.
    static func migrate(_ connection: SQLiteConnection, upTo version: Int = .max) throws(MemoryError) {
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
        )
        var applied = 0
        do {
            try connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") {
                applied = Int($0.integer(0))
            }
        } catch {
            throw MemoryError(.storage, "cannot read the schema version", underlying: "\(error)")
        }
        let newest = migrations.last?.version ?? 0
        guard applied <= newest else {
            throw MemoryError(
                .schemaTooNew,
                "this database has schema version \(applied) but this MAIA knows up to \(newest); upgrade MAIA"
            )
        }
        for migration in migrations where migration.version > applied && migration.version <= version {
            do {
                try connection.transaction {
                    // Read again under the write lock: another process opening the same file may have applied it
                    // since (two commands started together on a new database).
                    var current = 0
                    try connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") {
                        current = Int($0.integer(0))
                    }
                    guard current < migration.version else { return }
                    try connection.execute(migration.sql)
                    try dataSteps[migration.version]?(connection)
                    try connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        [.integer(Int64(migration.version)), .integer(Int64(Date().timeIntervalSince1970 * 1000))]
                    )
                }
            } catch {
                throw MemoryError(.storage, "migration \(migration.version) failed", underlying: "\(error)")
            }
        }
    }
}
