import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import Testing

@Suite("Routing on two maia serve processes on one PostgreSQL")
struct ServeRoutingReplicaTests {
    static let users = (0..<16).map { "route-\(UUID().uuidString.prefix(8))-\($0)" }

    @Test(
        "both replicas give every unit the same arm, and obey maia experiment stop within the state cache's second",
        .enabled(if: TestRequirements.runsPostgres, "MAIA_TEST_DATABASE_URL is not set")
    )
    func agreeAndStop() async throws {
        let url = try TestRequirements.requirePostgresURL()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(ServeCommandTests.anthropic) { claude in
            try await LoopbackHTTPServer.with(EngineFailureCommandTests.llama) { llama in
                var environment = ServeCommandTests.environment(claude, folder.url)
                environment["DATABASE_URL"] = url
                environment["ENABLE_LLAMA"] = "true"
                environment["LLAMA_DEPLOYMENT_MODE"] = "openai-compatible"
                environment["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
                environment["LLAMA_TRAFFIC_PERCENT"] = "50"
                // A fresh name per run: the test database is shared with other tests and runs.
                let experiment = "replicas-\(UUID().uuidString.prefix(8))"
                environment["LLAMA_EXPERIMENT"] = experiment
                // The kill-switch loop sends one unit's turns as fast as they come back for over a second.
                environment["MAIA_TURNS_PER_MINUTE"] = "100000"
                let replicas = [
                    try await ServeProcess.start(in: folder.url, environment: environment),
                    try await ServeProcess.start(in: folder.url, environment: environment),
                ]
                // A failed expectation must not leave the two servers running after the test.
                do {
                    var candidates: [String] = []
                    for user in Self.users {
                        let engines = try await replicas.asyncMap { try await Self.engine(of: $0, user) }
                        #expect(engines[0] == engines[1], "\(user): \(engines)")
                        let expected: Arm =
                            Bucketing.bucket(seed: experiment, unit: user) < 5000 ? .candidate : .control
                        #expect((engines[0] == "claude" ? Arm.control : .candidate) == expected, "\(user): \(engines)")
                        if expected == .candidate { candidates.append(user) }
                    }
                    let unit = try #require(candidates.first, "no candidate among \(Self.users.count) units at 50%")
                    let stop = try CommandRunner().run(
                        ["experiment", "stop", "--reason", "replica test"],
                        in: folder.url,
                        environment: environment
                    )
                    // The stop has committed once the command has exited: the guarantee counts from here.
                    let committed = Date()
                    #expect(stop.status == 0, "\(stop.stderr)")
                    // A turn sent a second (the cache age) after the stop committed must be answered by Claude, however
                    // loaded the machine; earlier ones may still see the old share. Poll until such a turn was answered.
                    var firstControl: Date?
                    var lastCandidate: Date?
                    var lateCandidates: [TimeInterval] = []
                    while true {
                        let sent = Date()
                        let engine = try await Self.engine(of: replicas[1], unit)
                        if engine == "claude", firstControl == nil { firstControl = sent }
                        if engine != "claude" { lastCandidate = sent }
                        if engine != "claude", sent.timeIntervalSince(committed) >= 1 {
                            lateCandidates.append(sent.timeIntervalSince(committed))
                        }
                        if sent.timeIntervalSince(committed) > 1.2 { break }
                    }
                    let status = try CommandRunner().run(
                        ["experiment", "status", "--json"],
                        in: folder.url,
                        environment: environment
                    )
                    let changed = try #require(
                        JSONValue(parsing: status.stdout)?["state"]?["changed_at"]?.stringValue.flatMap {
                            try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0)
                        },
                        "\(status.stdout)"
                    )
                    #expect(
                        lateCandidates.isEmpty,
                        "candidate answers to turns sent after the cache age: \(lateCandidates)"
                    )
                    #expect(firstControl != nil)
                    let delay = { (date: Date?) in
                        date.map { String(format: "%.3f s", $0.timeIntervalSince(changed)) } ?? "none"
                    }
                    print(
                        "kill switch: on replica 2 the last Llama answer was to a turn sent \(delay(lastCandidate)) after the "
                            + "stored stop, the first Claude answer to one sent \(delay(firstControl)) after it"
                    )
                } catch {
                    for replica in replicas { _ = await replica.stop() }
                    throw error
                }
                for replica in replicas {
                    let (status, stderr) = await replica.stop()
                    #expect(status == 0, "\(stderr.suffix(2000))")
                }
            }
        }
    }

    /// The engine that answered a turn of `user` on `replica`.
    static func engine(of replica: ServeProcess, _ user: String) async throws -> String {
        let run = try await ServeReplicaTests.curl(
            replica,
            user,
            ["-X", "POST", "/v1/turns", "-d", #"{"message":"hello there"}"#]
        )
        return try #require(JSONValue(parsing: run.stdout)?["engine"]?.stringValue, "\(run.stdout)")
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
