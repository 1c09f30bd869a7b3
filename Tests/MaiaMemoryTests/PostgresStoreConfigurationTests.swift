import Foundation
import MaiaMemory
import Testing

/// Parsing `DATABASE_URL` into connection settings; no server needed.
@Suite("Postgres connection URL")
struct PostgresStoreConfigurationTests {
    @Test("a Supabase connection string gives host, port, user, decoded password, database and TLS")
    func supabase() throws {
        let configuration = try PostgresStoreConfiguration(
            url:
                "postgresql://postgres.abcd:p%40ss%2Fw0rd@aws-0-eu-west-1.pooler.supabase.com:6543/postgres?sslmode=require"
        )
        #expect(configuration.host == "aws-0-eu-west-1.pooler.supabase.com")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "postgres.abcd")
        #expect(configuration.password == "p@ss/w0rd")
        #expect(configuration.database == "postgres")
        #expect(configuration.tlsMode == .require)
        #expect(!configuration.description.contains("p@ss"))
    }

    @Test("without sslmode, loopback is plain text and other hosts prefer TLS; defaults fill port and database")
    func defaults() throws {
        let local = try PostgresStoreConfiguration(url: "postgres://maia@127.0.0.1/maia")
        #expect(local.tlsMode == .disable)
        #expect(local.port == 5432)
        #expect(local.password == nil)
        let remote = try PostgresStoreConfiguration(url: "postgres://maia:pw@db.example.com")
        #expect(remote.tlsMode == .prefer)
        #expect(remote.database == "maia")
        let verified = try PostgresStoreConfiguration(url: "postgres://maia:pw@db.example.com/x?sslmode=verify-full")
        #expect(verified.tlsMode == .verifyFull)
        let socket = try PostgresStoreConfiguration(url: "postgresql://maia@/maia?host=/run/pg")
        #expect(socket.unixSocketPath == "/run/pg/.s.PGSQL.5432")
    }

    @Test("a bad URL is an input error that says what is accepted and never repeats the password")
    func badURLs() {
        let cases: [(String, String)] = [
            ("mysql://root:hunter2@localhost/db", "not a PostgreSQL URL"),
            ("not a url at all hunter2", "not a PostgreSQL URL"),
            ("postgresql://root:hunter2@/db", "no host"),
            ("postgresql://:hunter2@localhost/db", "no user name"),
            ("postgresql://root:hunter2@localhost/db?sslmode=always", "is not one of: disable"),
        ]
        for (url, expected) in cases {
            let error = #expect(throws: MemoryError.self) { try PostgresStoreConfiguration(url: url) }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
            #expect(error.map { "\($0)".contains("hunter2") } == false)
        }
    }
}
