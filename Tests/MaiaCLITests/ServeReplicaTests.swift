import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("Two maia serve processes on one PostgreSQL")
struct ServeReplicaTests {
    static let users = (0..<8).map { "replica-\(UUID().uuidString.prefix(8))-\($0)" }
    static let turnsPerUser = 5

    @Test(
        "concurrent turns of many users: every acknowledged turn stored once, indexed once, no cross-user row",
        .enabled(if: TestRequirements.runsPostgres, "MAIA_TEST_DATABASE_URL is not set")
    )
    func twoReplicas() async throws {
        let url = try TestRequirements.requirePostgresURL()
        let folder = try TemporaryDirectory()
        try await LoopbackHTTPServer.with(ServeCommandTests.anthropic) { provider in
            var environment = ServeCommandTests.environment(provider, folder.url)
            environment["DATABASE_URL"] = url
            // The real embedding model, so that both replicas' indexers compete for the same outbox.
            environment["MAIA_MODELS_DIR"] = LocalPaths(environment: ProcessInfo.processInfo.environment).models.path
            let replicas = [
                try await ServeProcess.start(in: folder.url, environment: environment),
                try await ServeProcess.start(in: folder.url, environment: environment),
            ]
            let acknowledged = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for (index, user) in Self.users.enumerated() {
                    for turn in 0..<Self.turnsPerUser {
                        let replica = replicas[(index + turn) % 2]
                        group.addTask {
                            let run = try await Self.curl(
                                replica,
                                user,
                                [
                                    "-X", "POST", "/v1/turns", "-d",
                                    #"{"message":"\#(user) turn \#(turn)","session_id":"s\#(turn)"}"#,
                                ]
                            )
                            return (user, JSONValue(parsing: run.stdout)?["stored_message_ids"] != nil)
                        }
                    }
                }
                var counts: [String: Int] = [:]
                for try await (user, stored) in group where stored { counts[user, default: 0] += 1 }
                return counts
            }
            #expect(acknowledged.values.reduce(0, +) == Self.users.count * Self.turnsPerUser, "\(acknowledged)")
            for replica in replicas { try await Self.waitForEmptyOutbox(replica) }
            for (index, user) in Self.users.enumerated() {
                let recent = try await Self.curl(replicas[index % 2], user, ["/v1/memories/recent?limit=100"])
                let records = try #require(JSONValue(parsing: recent.stdout)?.arrayValue, "\(recent.stdout)")
                let turns = acknowledged[user, default: 0]
                #expect(records.count == 2 * turns, "\(user): \(records.count) rows for \(turns) acknowledged turns")
                #expect(records.allSatisfy { $0["user_id"] == .string(user) })
                let own = records.filter { $0["role"] == "user" }.compactMap { $0["content"]?.stringValue }
                #expect(own.allSatisfy { $0.hasPrefix("\(user) turn ") }, "\(own)")
                #expect(Set(own).count == own.count, "a turn stored twice: \(own)")
                let receipt = try await Self.curl(replicas[(index + 1) % 2], user, ["-X", "DELETE", "/v1/memories"])
                let json = try #require(JSONValue(parsing: receipt.stdout), "\(receipt.stdout)")
                #expect(json["messages"] == .number(Double(2 * turns)))
                #expect(json["vectors"] == .number(Double(2 * turns)), "each message indexed once: \(receipt.stdout)")
            }
            for replica in replicas {
                let (status, stderr) = await replica.stop()
                #expect(status == 0, "\(stderr.suffix(2000))")
            }
        }
        _ = folder
    }

    static func curl(_ replica: ServeProcess, _ user: String, _ arguments: [String]) async throws -> ToolRun {
        var arguments = arguments
        let path = arguments.firstIndex { $0.hasPrefix("/") }.map { arguments.remove(at: $0) } ?? "/"
        return try await runTool(
            "/usr/bin/curl",
            ["-sS", "-H", "X-MAIA-User: \(user)", "-H", "content-type: application/json"] + arguments
                + ["\(replica.baseURL)\(path)"]
        )
    }

    /// Polls the replica's metrics until its outbox gauge reads 0 (every queued message embedded).
    static func waitForEmptyOutbox(_ replica: ServeProcess) async throws {
        for _ in 0..<600 {
            let metrics = try await runTool("/usr/bin/curl", ["-sS", "\(replica.baseURL)/metrics"])
            if metrics.stdout.split(separator: "\n").contains(where: { $0.hasPrefix("maia_outbox_depth 0") }) { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("the outbox did not empty")
    }
}
