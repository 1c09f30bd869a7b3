import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// The SQLite keyword index itself: its migration from schema version 1 and its erasure by `forget`.
@Suite("SQLite keyword index")
struct SQLiteKeywordIndexTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    /// How many index rows match `expression` (FTS5 syntax), read through a connection of its own.
    private func indexed(_ expression: String, in path: String) throws -> Int {
        let connection = try SQLiteConnection(path: path)
        var count = 0
        try connection.query("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH ?", [.text(expression)]) {
            count = Int($0.integer(0))
        }
        // Fails when the index does not hold exactly the tokens of the stored messages.
        try connection.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
        return count
    }

    @Test("a version-1 database with messages is migrated: the rebuilt index finds them, for their owner only")
    func migratesVersionOne() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        do {
            let old = try SQLiteConnection(path: path)
            try SQLiteSchema.migrate(old, upTo: 1)
            try old.execute(
                """
                INSERT INTO users (id, created_at) VALUES ('ana', 0), ('bob', 0);
                INSERT INTO messages (id, user_id, role, content, created_at) VALUES
                    ('m1', 'ana', 'user', 'Je me sens bloquée près de la rivière', 1000),
                    ('m2', 'ana', 'maia', 'The river keeps moving', 2000),
                    ('m3', 'bob', 'user', 'river river river', 3000);
                """
            )
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.keywordSearch("riviere bloquee", for: ana, limit: 5).map(\.record.id) == ["m1"])
        #expect(try await store.keywordSearch("river", for: ana, limit: 5).map(\.record.id) == ["m2"])
        #expect(try await store.keywordSearch("river", for: bob, limit: 5).map(\.record.id) == ["m3"])
        let added = try await store.append([NewMessage(role: .user, content: "a river at night")], for: ana)
        #expect(
            try await store.keywordSearch("river", for: ana, limit: 5).map(\.record.id).sorted()
                == ["m2", added[0].id].sorted()
        )
        #expect(try await store.integrityProblems().isEmpty)
        #expect(try indexed("river", in: path) == 3)
    }

    @Test("forget removes the user's rows from the keyword index and leaves the others'")
    func forgetErasesIndexRows() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await store.append([NewMessage(role: .user, content: "marmalade lighthouse")], for: ana)
        _ = try await store.append([NewMessage(role: .user, content: "lighthouse keeper")], for: bob)
        #expect(try indexed("marmalade", in: path) == 1)
        _ = try await store.forget(ana)
        #expect(try indexed("marmalade", in: path) == 0)
        #expect(try indexed("lighthouse", in: path) == 1)
        #expect(try indexed("owner:\"\(Self.hex("ana"))\"", in: path) == 0)
        #expect(try indexed("owner:\"\(Self.hex("bob"))\"", in: path) == 1)
        #expect(try await store.keywordSearch("lighthouse", for: bob, limit: 5).count == 1)
    }

    @Test("after forget, no file of the database holds the user's words: not the index segments, not the WAL")
    func forgetLeavesNoBytes() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        let store = try SQLiteStore(path: path)
        for index in 0..<50 {
            _ = try await store.append([NewMessage(role: .user, content: "zanzibarquokka secret \(index)")], for: ana)
            _ = try await store.append([NewMessage(role: .user, content: "lighthouse keeper \(index)")], for: bob)
        }
        _ = try await store.forget(ana)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(files.contains("maia.sqlite"))
        for file in files {
            let bytes = try Data(contentsOf: folder.url.appendingPathComponent(file))
            #expect(bytes.range(of: Data("zanzibarquokka".utf8)) == nil, "\(file) still holds a forgotten word")
        }
        #expect(try await store.keywordSearch("lighthouse", for: bob, limit: 100).count == 50)
    }

    private static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02X", $0) }.joined() }
}
