import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("maia migrate from SQLite to a real PostgreSQL", .serialized)
struct MigrateCommandTests {
    let maia = CommandRunner()

    @Test(
        "copies every message with its fields, is idempotent, and verifies counts",
        .enabled(if: TestRequirements.runsPostgres, "MAIA_TEST_DATABASE_URL is not set")
    )
    func migrates() throws {
        let url = try TestRequirements.requirePostgresURL()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let user = "migrate-\(UUID().uuidString.prefix(8))"
        // The MiniLM files are found through HOME (or the cache variables), so that vectors exist to be copied.
        let models = ProcessInfo.processInfo.environment.filter {
            ["HOME", "MAIA_MODELS_DIR", "MAIA_CACHE", "XDG_CACHE_HOME"].contains($0.key)
        }
        let sqlite = models.merging(["MAIA_DB": "./source.sqlite"]) { _, new in new }
        for index in 0..<3 {
            let added = try maia.run(
                [
                    "memory", "add", "--user", user, "--role", "user", "--text", "memory \(index)", "--meta",
                    "n=\(index)",
                ]
                    + (index == 1 ? ["--breakthrough"] : []),
                in: folder.url,
                environment: sqlite
            )
            #expect(added.status == 0, "\(added.stderr)")
        }
        let first = try maia.run(
            ["migrate", "--from", "sqlite:./source.sqlite", "--to", url],
            in: folder.url,
            environment: models
        )
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 message(s) copied"))
        #expect(first.stdout.contains("verified"))
        #expect(first.stdout.contains("3 vector(s) of sentence-transformers/all-MiniLM-L6-v2 in the target"))
        // The vectors came with the messages, so the target has nothing left to embed.
        let reindex = try maia.run(
            ["memory", "reindex"],
            in: folder.url,
            environment: models.merging(["DATABASE_URL": url]) { _, new in new }
        )
        #expect(reindex.stdout.contains("queued 0 message(s); embedded 0, failed 0"), "\(reindex.stdout)")
        let again = try maia.run(["migrate", "--from", "sqlite:./source.sqlite", "--to", url], in: folder.url)
        #expect(again.stdout.contains("0 message(s) copied, 3 already there"))
        let exported = try maia.run(
            ["memory", "export", "--user", user],
            in: folder.url,
            environment: ["DATABASE_URL": url]
        )
        #expect(exported.status == 0, "\(exported.stderr)")
        let source = try maia.run(["memory", "export", "--user", user], in: folder.url, environment: sqlite)
        #expect(exported.stdout == source.stdout)
    }

    @Test(
        "without --from, only the schema of DATABASE_URL is migrated, and running it again changes nothing",
        .enabled(if: TestRequirements.runsPostgres, "MAIA_TEST_DATABASE_URL is not set")
    )
    func schemaOnly() throws {
        let url = try TestRequirements.requirePostgresURL()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for _ in 0..<2 {
            let run = try maia.run(["migrate"], in: folder.url, environment: ["DATABASE_URL": url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "schema up to date\n", "\(run.stdout)")
        }
        let health = try PostgresHealthTests.storeCheck(
            try maia.run(["health", "--json"], in: folder.url, environment: ["DATABASE_URL": url])
        )
        #expect(health["detail"] == "connected, schema up to date", "\(health)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("data").path))
    }

    @Test("without --from and without a PostgreSQL target, maia migrate says what it needs")
    func schemaOnlyNeedsTarget() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let run = try maia.run(["migrate"], in: folder.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no target: give --to postgres://… or set DATABASE_URL"), "\(run.stderr)")
    }

    @Test("a missing source or a wrong target scheme is refused before anything is copied")
    func badArguments() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let missing = try maia.run(
            ["migrate", "--from", "sqlite:./nope.sqlite", "--to", "postgres://u@127.0.0.1:1/x"],
            in: folder.url
        )
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no SQLite database at ./nope.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("nope.sqlite").path))
        let scheme = try maia.run(["migrate", "--from", "./x.sqlite", "--to", "mysql://x"], in: folder.url)
        #expect(scheme.stderr.contains("--from must be sqlite:PATH"))
    }
}

@Suite("maia health with DATABASE_URL")
struct PostgresHealthTests {
    let maia = CommandRunner()

    static func storeCheck(_ result: CommandRunner.Result) throws -> JSONValue {
        let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
        return try #require(json["checks"]?.arrayValue?.first { $0["component"] == "store" })
    }

    @Test(
        "a running PostgreSQL passes; a closed port fails with a remedy; the password is never shown",
        .enabled(if: TestRequirements.runsPostgres, "MAIA_TEST_DATABASE_URL is not set")
    )
    func postgresStore() throws {
        let url = try TestRequirements.requirePostgresURL()
        let folder = try TemporaryDirectory()
        let reachable = try Self.storeCheck(
            try maia.run(["health", "--json"], in: folder.url, environment: ["DATABASE_URL": url])
        )
        #expect(reachable["ok"] == true, "\(reachable)")
        #expect(reachable["detail"] == "connected, schema up to date")
        let closed = "postgresql://maia:s3cret-pw@127.0.0.1:1/maia?sslmode=disable"
        let result = try maia.run(["health", "--json"], in: folder.url, environment: ["DATABASE_URL": closed])
        let refused = try Self.storeCheck(result)
        #expect(result.status != 0)
        #expect(refused["ok"] == false && refused["required"] == true)
        #expect(refused["remedy"]?.stringValue?.contains("DATABASE_URL") == true)
        #expect(!result.stdout.contains("s3cret-pw") && !result.stderr.contains("s3cret-pw"))
    }
}
