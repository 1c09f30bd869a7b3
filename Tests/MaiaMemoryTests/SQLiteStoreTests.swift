import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// What only the SQLite backend has: a file path.
@Suite("SQLite canonical store")
struct SQLiteStoreTests {
    @Test("a path that cannot be a database is a clear storage error")
    func badPath() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try folder.write("not a database", to: "plain.txt")
        let error = #expect(throws: MemoryError.self) { try SQLiteStore(path: file + "/maia.sqlite") }
        #expect(error?.code == .storage)
        #expect(error?.message.contains("cannot create the folder") == true)
    }
}
