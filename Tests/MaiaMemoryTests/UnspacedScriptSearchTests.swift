import Foundation
import Logging
import MaiaCore
import MaiaTesting
import PostgresNIO
import Testing

@testable import MaiaMemory

/// Keyword search in a script written without spaces (Thai): a word inside a sentence is found, on both stores,
/// for the message's owner only, also in a database written before messages were indexed in character pairs.
@Suite("Keyword search in Thai and other scripts without spaces")
struct UnspacedScriptSearchTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    /// "My cat is sick and I am very worried" / "I went to the market in Chiang Mai" / bob's "My cat is sleeping".
    let catMessage = "แมวของฉันป่วยและฉันกังวลมาก"
    let marketMessage = "ฉันไปตลาดที่เชียงใหม่"
    let bobsCat = "แมวของฉันกำลังนอน"

    @Test("runs of such scripts become overlapping character pairs; other text is left as written")
    func segmenting() {
        #expect(KeywordQuery.segmented("I feel stuck at work") == "I feel stuck at work")
        #expect(KeywordQuery.segmented("แมว") == "แม มว ", "grapheme clusters: vowel and tone marks stay")
        #expect(KeywordQuery.segmented("ก") == "ก ")
        #expect(KeywordQuery.segmented("My แมว!") == "My แม มว !")
        #expect(KeywordQuery.segmented("") == "")
        #expect(KeywordQuery.words("แมวป่วย") == ["แม", "มว", "วป่", "ป่ว", "วย"])
        #expect(KeywordQuery.words("猫が病気") == ["猫が", "が病", "病気"])
        #expect(!KeywordQuery.needsSegmenting("नमस्ते दुनिया"), "Devanagari is written with spaces")
    }

    private func expectFound(in store: any MemoryStore) async throws {
        for query in ["แมวป่วย", "ป่วย", "เชียงใหม่"] {
            let hits = try await store.keywordSearch(query, for: ana, limit: 5)
            #expect(hits.allSatisfy { $0.record.userID == ana }, "only ana's messages")
            let expected = query == "เชียงใหม่" ? marketMessage : catMessage
            #expect(hits.first?.record.content == expected, "\(query): \(hits.map(\.record.content))")
        }
        #expect(try await store.keywordSearch("แมว", for: bob, limit: 5).map(\.record.content) == [bobsCat])
    }

    private func store(_ store: any MemoryStore) async throws {
        _ = try await store.append([NewMessage(role: .user, content: catMessage)], for: ana)
        _ = try await store.append([NewMessage(role: .user, content: marketMessage)], for: ana)
        _ = try await store.append([NewMessage(role: .user, content: "I feel stuck at work")], for: ana)
        _ = try await store.append([NewMessage(role: .user, content: bobsCat)], for: bob)
    }

    @Test("SQLite: a word inside a Thai sentence is found, for its owner only; forgetting removes it")
    func sqlite() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sqlite = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        try await store(sqlite)
        try await expectFound(in: sqlite)
        _ = try await sqlite.forget(bob)
        #expect(try await sqlite.keywordSearch("แมว", for: bob, limit: 5).isEmpty)
        #expect(try await sqlite.keywordSearch("stuck", for: ana, limit: 5).count == 1, "other text as before")
    }

    @Test("SQLite: Thai messages of a version-6 database are indexed in pairs when it is migrated")
    func sqliteMigration() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        do {
            let old = try SQLiteConnection(path: path)
            try SQLiteSchema.migrate(old, upTo: 6)
            try old.execute("INSERT INTO users (id, created_at) VALUES ('ana', 0), ('bob', 0)")
            for (number, (user, content)) in [("ana", catMessage), ("ana", marketMessage), ("bob", bobsCat)]
                .enumerated()
            {
                try old.query(
                    "INSERT INTO messages (id, user_id, role, content, created_at) VALUES (?, ?, 'user', ?, ?)",
                    [.text("m\(number)"), .text(user), .text(content), .integer(Int64(number))]
                )
            }
        }
        let sqlite = try SQLiteStore(path: path)
        try await expectFound(in: sqlite)
        // The index stays consistent: deleting re-indexed rows removes exactly their entries.
        _ = try await sqlite.forget(ana)
        let connection = try SQLiteConnection(path: path)
        try connection.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
    }

    @Test(
        "PostgreSQL: a word inside a Thai sentence is found for its owner only, also after migration 5",
        .enabled(if: PostgresTestDatabase.isEnabled, PostgresTestDatabase.disabledReason)
    )
    func postgres() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { postgres in
                try await store(postgres)
                try await expectFound(in: postgres)
            }
            // As a version-4 database held them: folded without pairs, migration 5 not applied.
            try await PostgresTestDatabase.withClient(configuration) { client in
                // The owner (a non-superuser in CI) sees rows only with the force lifted, also in the postings
                // that the update's trigger rewrites.
                try await client.withConnection { connection in
                    for statement in [
                        "ALTER TABLE messages NO FORCE ROW LEVEL SECURITY",
                        "ALTER TABLE message_words NO FORCE ROW LEVEL SECURITY",
                        "UPDATE messages SET search_text = lower(content)",
                        "ALTER TABLE messages FORCE ROW LEVEL SECURITY",
                        "ALTER TABLE message_words FORCE ROW LEVEL SECURITY",
                    ] {
                        try await connection.query(
                            PostgresQuery(unsafeSQL: statement),
                            logger: Logger(label: "maia.test")
                        )
                    }
                }
                // Nor migration 6 (keyword postings), which came after.
                try await client.query("DROP TABLE message_words")
                try await client.query("DROP FUNCTION maia_message_words() CASCADE")
                // Nor migration 8 (the 768-d graph).
                try await client.query("DROP INDEX vectors_hnsw_768")
                try await client.query("DELETE FROM schema_migrations WHERE version >= 5")
            }
            try await PostgresStore.withStore(configuration: configuration) { postgres in
                #expect(try await postgres.keywordSearch("ป่วย", for: ana, limit: 5).isEmpty == false)
                try await expectFound(in: postgres)
            }
        }
    }
}
