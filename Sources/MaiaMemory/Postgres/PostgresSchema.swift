import Logging
import PostgresNIO

/// Versioned migrations of the Postgres canonical store, applied in order at start, each version once, under an
/// advisory lock so that several MAIA processes starting together migrate once. A migration is never edited
/// once released; changes come as a new version.
///
/// Roles (see docs/storage.md): the tables belong to whoever runs the migrations (the URL's user). The store
/// never queries as that user: every transaction first switches to one of two roles the migrations create,
/// neither a superuser nor BYPASSRLS, so row-level security applies even when the URL's user is a superuser.
/// - `maia_app` does all user-scoped work. Every user-owned table has RLS enabled and forced, with a policy
///   that shows `maia_app` only the rows whose user id equals the transaction's `maia.user_id` setting.
/// - `maia_worker` drains the outbox across users. It may read only ids (column privileges): user ids,
///   message ids and owners, vector models, and (version 7) each message's role, session and time; it never sees
///   content, metadata or vectors.
/// - `maia_experiments` (version 3) keeps the experiments' state, exposures and turn outcomes and reads them across
///   users for reports; it reaches no conversation table. Turns and feedback also carry the `maia_app` user policy,
///   so that a person's feedback is written, and `forget` erases, as that person.
enum PostgresSchema {
    /// Each version's statements, run in one transaction.
    static let migrations: [(version: Int, statements: [String])] = [
        (1, version1), (2, version2), (3, version3), (4, version4), (5, []), (6, version6), (7, version7),
        (8, version8),
    ]

    /// Work a migration needs beyond SQL, run after its statements in its transaction.
    static let dataSteps: [Int: @Sendable (PostgresConnection, Logger) async throws -> Void] = [
        5: segmentStoredMessages
    ]

    /// Queue reads at scale: the batch query (`kind = $1 AND due_at <= $2 ORDER BY due_at, id LIMIT n`) walks the
    /// first index in order and stops at its limit instead of sorting every queued row of the kind; the second serves
    /// the queue of one user (a command indexing its own user's messages, `forget`).
    static let version2: [String] = [
        "DROP INDEX outbox_by_due",
        "DROP INDEX outbox_by_user",
        "CREATE INDEX outbox_by_kind_due ON outbox (kind, due_at, id)",
        "CREATE INDEX outbox_by_user_kind_due ON outbox (user_id, kind, due_at, id)",
    ]

    static let version1: [String] = [
        "CREATE EXTENSION IF NOT EXISTS vector",
        // Roles are global to the server; another database (or a concurrent test) may have created them.
        """
        DO $$
        DECLARE
            role_name text;
        BEGIN
            FOREACH role_name IN ARRAY ARRAY['maia_app', 'maia_worker'] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS', role_name);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END;
                END IF;
                IF current_setting('server_version_num')::int >= 160000 THEN
                    IF NOT pg_has_role(current_user, role_name, 'SET') THEN
                        EXECUTE format('GRANT %I TO %I WITH SET TRUE', role_name, current_user);
                    END IF;
                ELSIF NOT pg_has_role(current_user, role_name, 'MEMBER') THEN
                    EXECUTE format('GRANT %I TO %I', role_name, current_user);
                END IF;
            END LOOP;
        END
        $$
        """,
        "CREATE TABLE users (id text PRIMARY KEY, created_at timestamptz NOT NULL)",
        """
        CREATE TABLE sessions (
            user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            id text NOT NULL,
            started_at timestamptz NOT NULL,
            PRIMARY KEY (user_id, id)
        )
        """,
        // `search_text` is the content folded by MAIA (lower case, Latin accents removed; see KeywordQuery.fold),
        // so that accent folding does not depend on the server having the unaccent extension.
        """
        CREATE TABLE messages (
            seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            id text PRIMARY KEY,
            user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id text,
            client_id text,
            role text NOT NULL CHECK (role IN ('user', 'maia')),
            content text NOT NULL,
            search_text text NOT NULL,
            search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED,
            created_at timestamptz NOT NULL,
            language text,
            element_scores jsonb NOT NULL DEFAULT '{}',
            coherence double precision,
            engine text,
            model text,
            metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
            UNIQUE (user_id, client_id)
        )
        """,
        "CREATE INDEX messages_by_user_time ON messages (user_id, created_at DESC, seq DESC)",
        "CREATE INDEX messages_search ON messages USING gin (search)",
        """
        CREATE TABLE breakthroughs (
            message_id text PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            user_id text NOT NULL,
            marked_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX breakthroughs_by_user ON breakthroughs (user_id)",
        // One untyped `vector` column holds any dimension; the HNSW index covers the 384-d vectors of the default
        // embedder (all-MiniLM-L6-v2) through an expression over a partial index. Other dimensions are searched
        // exactly, per user and model, which is fast enough until a new index for that dimension is added.
        """
        CREATE TABLE vectors (
            message_id text PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            user_id text NOT NULL,
            model text NOT NULL,
            dimensions integer NOT NULL,
            embedding vector NOT NULL CHECK (vector_dims(embedding) = dimensions)
        )
        """,
        "CREATE INDEX vectors_by_user_model ON vectors (user_id, model)",
        """
        CREATE INDEX vectors_hnsw_384 ON vectors USING hnsw ((embedding::vector(384)) vector_cosine_ops)
        WHERE dimensions = 384
        """,
        """
        CREATE TABLE outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL,
            user_id text NOT NULL,
            message_id text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            due_at timestamptz NOT NULL,
            UNIQUE (kind, message_id)
        )
        """,
        "CREATE INDEX outbox_by_due ON outbox (due_at, id)",
        "CREATE INDEX outbox_by_user ON outbox (user_id)",
        """
        DO $$
        DECLARE
            t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['users', 'sessions', 'messages', 'breakthroughs', 'vectors', 'outbox'] LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
                EXECUTE format(
                    'CREATE POLICY maia_user_rows ON %I TO maia_app USING (%I = current_setting(''maia.user_id'', true)) '
                    'WITH CHECK (%I = current_setting(''maia.user_id'', true))',
                    t, CASE t WHEN 'users' THEN 'id' ELSE 'user_id' END, CASE t WHEN 'users' THEN 'id' ELSE 'user_id' END
                );
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO maia_app', t);
            END LOOP;
        END
        $$
        """,
        "GRANT USAGE ON SCHEMA public TO maia_app, maia_worker",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO maia_worker",
        "GRANT SELECT (id) ON users TO maia_worker",
        "GRANT SELECT (id, user_id) ON messages TO maia_worker",
        "GRANT SELECT (message_id, model) ON vectors TO maia_worker",
        "CREATE POLICY maia_worker_rows ON outbox TO maia_worker USING (true) WITH CHECK (true)",
        "CREATE POLICY maia_worker_rows ON users FOR SELECT TO maia_worker USING (true)",
        "CREATE POLICY maia_worker_rows ON messages FOR SELECT TO maia_worker USING (true)",
        "CREATE POLICY maia_worker_rows ON vectors FOR SELECT TO maia_worker USING (true)",
    ]

    /// Experiments (phase 3 routing): live state, history, first exposures, per-turn outcomes and feedback.
    static let version3: [String] = [
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maia_experiments') THEN
                BEGIN
                    CREATE ROLE maia_experiments NOLOGIN NOSUPERUSER NOBYPASSRLS;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END IF;
            IF current_setting('server_version_num')::int >= 160000 THEN
                IF NOT pg_has_role(current_user, 'maia_experiments', 'SET') THEN
                    EXECUTE format('GRANT maia_experiments TO %I WITH SET TRUE', current_user);
                END IF;
            ELSIF NOT pg_has_role(current_user, 'maia_experiments', 'MEMBER') THEN
                EXECUTE format('GRANT maia_experiments TO %I', current_user);
            END IF;
        END
        $$
        """,
        """
        CREATE TABLE experiment_state (
            experiment text PRIMARY KEY,
            percent double precision NOT NULL,
            status text NOT NULL,
            reason text,
            changed_by text NOT NULL,
            changed_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE experiment_history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            experiment text NOT NULL,
            percent double precision NOT NULL,
            status text NOT NULL,
            reason text,
            changed_by text NOT NULL,
            changed_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX experiment_history_by_experiment ON experiment_history (experiment, id)",
        """
        CREATE TABLE experiment_exposures (
            experiment text NOT NULL,
            unit text NOT NULL,
            arm text NOT NULL CHECK (arm IN ('control', 'candidate')),
            bucket integer NOT NULL,
            forced boolean NOT NULL,
            exposed_at timestamptz NOT NULL,
            PRIMARY KEY (experiment, unit)
        )
        """,
        "CREATE INDEX experiment_exposures_by_time ON experiment_exposures (experiment, exposed_at)",
        "CREATE INDEX experiment_exposures_by_unit ON experiment_exposures (unit)",
        """
        CREATE TABLE experiment_turns (
            experiment text NOT NULL,
            user_id text NOT NULL,
            turn_id text NOT NULL,
            unit text NOT NULL,
            session_id text,
            arm text NOT NULL CHECK (arm IN ('control', 'candidate')),
            engine text NOT NULL,
            model text NOT NULL,
            fell_back boolean NOT NULL,
            failed boolean NOT NULL,
            latency_ms double precision NOT NULL,
            ttft_ms double precision,
            input_tokens integer NOT NULL,
            output_tokens integer NOT NULL,
            cost_usd double precision,
            tool_calls integer NOT NULL,
            invalid_tool_calls integer NOT NULL,
            failed_checks text[] NOT NULL DEFAULT '{}',
            language text NOT NULL,
            at timestamptz NOT NULL,
            PRIMARY KEY (experiment, user_id, turn_id)
        )
        """,
        "CREATE INDEX experiment_turns_by_time ON experiment_turns (experiment, at)",
        "CREATE INDEX experiment_turns_by_user ON experiment_turns (user_id, turn_id)",
        """
        CREATE TABLE turn_feedback (
            user_id text NOT NULL,
            turn_id text NOT NULL,
            rating text NOT NULL CHECK (rating IN ('up', 'down')),
            comment text,
            at timestamptz NOT NULL,
            PRIMARY KEY (user_id, turn_id)
        )
        """,
        """
        DO $$
        DECLARE
            t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['experiment_state', 'experiment_history', 'experiment_exposures',
                'experiment_turns', 'turn_feedback'] LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
            END LOOP;
        END
        $$
        """,
        "GRANT SELECT, INSERT, UPDATE ON experiment_state, experiment_exposures, experiment_turns TO maia_experiments",
        "GRANT SELECT, INSERT ON experiment_history TO maia_experiments",
        "GRANT SELECT ON turn_feedback TO maia_experiments",
        "CREATE POLICY maia_experiments_rows ON experiment_state TO maia_experiments USING (true) WITH CHECK (true)",
        "CREATE POLICY maia_experiments_rows ON experiment_history TO maia_experiments USING (true) WITH CHECK (true)",
        "CREATE POLICY maia_experiments_rows ON experiment_exposures TO maia_experiments USING (true) WITH CHECK (true)",
        "CREATE POLICY maia_experiments_rows ON experiment_turns TO maia_experiments USING (true) WITH CHECK (true)",
        "CREATE POLICY maia_experiments_rows ON turn_feedback FOR SELECT TO maia_experiments USING (true)",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON turn_feedback TO maia_app",
        "GRANT SELECT, DELETE ON experiment_turns, experiment_exposures TO maia_app",
        """
        CREATE POLICY maia_user_rows ON turn_feedback TO maia_app
        USING (user_id = current_setting('maia.user_id', true))
        WITH CHECK (user_id = current_setting('maia.user_id', true))
        """,
        """
        CREATE POLICY maia_user_rows ON experiment_turns TO maia_app
        USING (user_id = current_setting('maia.user_id', true))
        """,
        // A unit is the user id, or one of the user's session ids (`forget` erases both).
        """
        CREATE POLICY maia_user_rows ON experiment_exposures TO maia_app
        USING (
            unit = current_setting('maia.user_id', true)
            OR unit IN (SELECT id FROM sessions WHERE user_id = current_setting('maia.user_id', true))
        )
        """,
        "GRANT USAGE ON SCHEMA public TO maia_experiments",
    ]

    /// Training consent (phase 5 exports): one row per person who answered; no row means no. A user-owned table
    /// like the others: RLS forced, only `maia_app` for the transaction's own user. Exports read it user by user.
    static let version4: [String] = [
        """
        CREATE TABLE training_consent (
            user_id text PRIMARY KEY,
            training boolean NOT NULL,
            hidden_names jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(hidden_names) = 'array'),
            changed_at timestamptz NOT NULL
        )
        """,
        "ALTER TABLE training_consent ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE training_consent FORCE ROW LEVEL SECURITY",
        """
        CREATE POLICY maia_user_rows ON training_consent TO maia_app
        USING (user_id = current_setting('maia.user_id', true))
        WITH CHECK (user_id = current_setting('maia.user_id', true))
        """,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON training_consent TO maia_app",
    ]
}
