import Foundation

/// What a test run demands of the machine, read in one place from one variable.
///
/// `MAIA_TEST_REQUIRE_ALL=1` (set by `scripts/test.sh`, and so by CI) says every dependency is present: the local
/// model, PostgreSQL (`MAIA_TEST_DATABASE_URL`) and the Python tools. A test that needs a missing one then runs and
/// fails saying what is missing, instead of being skipped, so that a broken setup cannot pass as a green run.
/// Without it, a developer's `swift test` skips those tests visibly (a skip with its reason, never a silent pass).
public enum TestRequirements {
    /// The variable's name, for messages.
    public static let variable = "MAIA_TEST_REQUIRE_ALL"

    /// Whether every dependency must be present: any value but unset, empty or `0`. A typo such as `true` therefore
    /// errs towards failing a run, never towards skipping tests.
    public static let requireAll: Bool = {
        let value = ProcessInfo.processInfo.environment[variable] ?? ""
        return !(value.isEmpty || value == "0")
    }()

    /// The test PostgreSQL's superuser URL, `nil` when `MAIA_TEST_DATABASE_URL` is unset or empty.
    public static let postgresURL: String? = ProcessInfo.processInfo.environment["MAIA_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Whether tests that need PostgreSQL run: with a URL, or when everything is required (they then fail).
    public static var runsPostgres: Bool { postgresURL != nil || requireAll }

    /// Whether tests that need the local model (llama.cpp venv and SmolLM2) run: installed, or required.
    public static var runsLocalModel: Bool { LocalModel.installed || requireAll }

    /// Whether tests that need `path` (a tool such as the venv's Python) run: present, or required.
    public static func runs(needing path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path) || requireAll
    }

    /// The PostgreSQL URL, or an error saying how to get one.
    public static func requirePostgresURL() throws -> String {
        guard let postgresURL else {
            throw Missing(
                "MAIA_TEST_DATABASE_URL is not set but \(variable)=1: the PostgreSQL tests cannot run. Run them "
                    + "through scripts/test.sh, which starts a test PostgreSQL with pgvector (scripts/pg-test-server.sh)"
            )
        }
        return postgresURL
    }

    /// A required dependency is missing.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}
