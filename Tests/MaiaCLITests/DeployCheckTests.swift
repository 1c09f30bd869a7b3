import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("deploy/: hadolint, the compose schema, kubectl kustomize with kubernetes-validate, and checkov all pass")
struct DeployCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The last tool `scripts/setup.sh test` installs for the check; its presence means all of them are there.
    static var checkov: String {
        LocalPaths(environment: ProcessInfo.processInfo.environment).cache
            .appendingPathComponent("checkov-venv/bin/checkov").path
    }

    @Test(
        "scripts/deploy-check.sh renders every overlay and every checker passes",
        .enabled(if: TestRequirements.runs(needing: checkov), "scripts/setup.sh test installs the deployment checkers")
    )
    func deployFilesPass() async throws {
        let run = try await runTool("/bin/bash", [Self.root.appendingPathComponent("scripts/deploy-check.sh").path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr.suffix(6000))")
        let overlays = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("deploy/k8s/overlays").path
        )
        #expect(Set(overlays) == ["dev", "prod"])
        for overlay in overlays {
            #expect(run.stdout.contains("ok kubectl kustomize + kubernetes-validate \(overlay) ("), "\(run.stdout)")
        }
        for check in ["hadolint deploy/Dockerfile", "compose schema deploy/compose.yaml", "no failed check"] {
            #expect(run.stdout.contains(check), "\(run.stdout)")
        }
        #expect(run.stdout.hasSuffix("deploy-check: every check passed\n"), "\(run.stdout)")
    }
}
