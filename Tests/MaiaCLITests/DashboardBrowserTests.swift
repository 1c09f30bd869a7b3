import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import Testing

/// `/dashboard` of a running `maia serve`, rendered by headless Chromium (Debian's `chromium`, installed by
/// `scripts/setup.sh test`): the numbers in the rendered DOM equal `maia report --json` and
/// `maia experiment report --json` over the same log and store, the kill switch works through the page's forms, a
/// form posted from another site is refused by the real browser's request, and screenshots at 1280 and 390 px are
/// taken (copied to docs/ with `MAIA_UPDATE_SCREENSHOTS=1`).
@Suite("The comparison dashboard in a real browser", .serialized)
struct DashboardBrowserTests {
    static let chromium = "/usr/bin/chromium"
    let maia = CommandRunner()

    @Test("DOM numbers equal the JSON reports; the kill switch works from the page; cross-site posts are refused")
    func dashboard() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.chromium),
            "Chromium is missing: run scripts/setup.sh test (it installs Debian's chromium)"
        )
        let folder = try TemporaryDirectory()
        let now = Date()
        let log = folder.url.appendingPathComponent("logs/shadow.jsonl").path
        try await DashboardSeed.writeLog(log, count: 240, now: now)
        try await ExperimentSeed.write(
            units: 300,
            to: SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path),
            now: now
        )
        try await LoopbackHTTPServer.with(ServeCommandTests.anthropic) { provider in
            var environment = ServeCommandTests.environment(provider, folder.url)
            environment["LLAMA_SHADOW_LOG_PATH"] = log
            environment["USER"] = "ops"
            let started = try maia.run(
                ["experiment", "start", "--percent", "50"],
                in: folder.url,
                environment: environment
            )
            #expect(started.status == 0, "\(started.stderr)")
            let shadowJSON = try #require(
                JSONValue(
                    parsing: try maia.run(["report", "--json", "--log", log], in: folder.url, environment: environment)
                        .stdout
                )
            )
            let experimentRun = try maia.run(
                ["experiment", "report", "--json"],
                in: folder.url,
                environment: environment
            )
            let experimentJSON = try #require(JSONValue(parsing: experimentRun.stdout), "\(experimentRun.stderr)")

            let server = try await ServeProcess.start(in: folder.url, environment: environment)
            do {
                let url = server.baseURL + "/dashboard"
                let dom = try await Self.dump(url, profile: folder.url)
                let values = Self.dataValues(dom)
                try Self.expectShadow(values, equal: shadowJSON)
                try Self.expectExperiment(values, equal: experimentJSON)
                #expect(dom.contains("<svg") && dom.contains("<table"), "charts and the tables behind them")

                try await Self.screenshots(url, folder: folder.url)

                // Another site's page posting the stop form (even with a valid token) is refused: the browser says
                // where the request came from.
                let token = try #require(Self.field("csrf", in: dom))
                let attack = folder.url.appendingPathComponent("attack.html")
                try Self.autoSubmit(
                    server.baseURL + "/dashboard/control",
                    ["csrf": token, "action": "stop", "confirm": "yes"]
                )
                .write(to: attack, atomically: true, encoding: .utf8)
                let refused = try await Self.dump(attack.absoluteString, profile: folder.url)
                #expect(refused.contains("came from another site"), "\(refused.prefix(400))")
                #expect(Self.dataValues(try await Self.dump(url, profile: folder.url))["exp-status"] == "running")

                // The kill switch, as the page's forms post it: the stop form, then the confirmation form.
                let stopForm = try #require(Self.form(id: "control-stop", in: dom))
                let confirmation = try await Self.post(server.baseURL, stopForm.fields)
                #expect(confirmation.status == "200" && confirmation.body.contains("Confirm the change"))
                let confirmForm = try #require(Self.form(id: "confirm", in: confirmation.body))
                #expect(confirmForm.fields["confirm"] == "yes")
                let stopped = try await Self.post(server.baseURL, confirmForm.fields)
                #expect(stopped.status == "303", "\(stopped.body)")
                let status = try maia.run(["experiment", "status", "--json"], in: folder.url, environment: environment)
                let state = try #require(JSONValue(parsing: status.stdout))
                #expect(state["state"]?["status"] == "stopped" || state["status"] == "stopped", "\(status.stdout)")
                #expect(status.stdout.contains("dashboard:loopback"), "recorded with who")
                let after = Self.dataValues(try await Self.dump(url, profile: folder.url))
                #expect(after["exp-status"] == "stopped" && after["exp-percent"] == "0.0")
            } catch {
                _ = await server.stop()
                throw error
            }
            let stop = await server.stop()
            #expect(stop.status == 0, "\(stop.stderr)")
        }
        _ = folder
    }

    private static func expectShadow(_ values: [String: String], equal json: JSONValue) throws {
        func number(_ id: String) -> Double? { values[id].flatMap(Double.init) }
        #expect(number("shadow-comparisons") == json["comparisons"]?.numberValue)
        #expect(number("shadow-comparisons") == 240)
        for role in ["primary", "candidate"] {
            let side = try #require(json[role])
            #expect(number("shadow-\(role)-latency-p50") == side["latency_ms"]?["p50"]?.numberValue, "\(role) p50")
            #expect(number("shadow-\(role)-latency-p95") == side["latency_ms"]?["p95"]?.numberValue, "\(role) p95")
            #expect(number("shadow-\(role)-errors") == side["errors"]?["count"]?.numberValue, "\(role) errors")
            #expect(number("shadow-\(role)-cost") == side["cost_per_1000_turns_usd"]?.numberValue, "\(role) cost")
        }
        let judge = try #require(json["judge"])
        #expect(number("shadow-judge-wins") == judge["candidate_wins"]?["count"]?.numberValue)
        #expect(number("shadow-judge-ties") == judge["ties"]?["count"]?.numberValue)
        #expect(number("shadow-judge-losses") == judge["candidate_losses"]?["count"]?.numberValue)
        #expect((judge["judged"]?.numberValue ?? 0) > 0)
    }

    private static func expectExperiment(_ values: [String: String], equal json: JSONValue) throws {
        func number(_ id: String) -> Double? { values[id].flatMap(Double.init) }
        #expect(values["exp-status"] == json["status"]?.stringValue)
        #expect(number("exp-percent") == json["percent"]?.numberValue)
        #expect(number("exp-control") == json["sample_ratio"]?["control"]?.numberValue)
        #expect(number("exp-candidate") == json["sample_ratio"]?["candidate"]?.numberValue)
        let metrics = try #require(json["overall"]?["metrics"]?.objectValue)
        #expect(!metrics.isEmpty)
        for (metric, value) in metrics {
            let expected = value["difference"]?["estimate"]?.numberValue
            #expect(number("exp-diff-\(metric)") == expected, "\(metric)")
        }
        #expect((number("exp-24h-control") ?? 0) + (number("exp-24h-candidate") ?? 0) > 0, "turns of the last 24 h")
    }

    /// The rendered DOM of `url`, as headless Chromium serialises it after loading.
    static func dump(_ url: String, profile: URL) async throws -> String {
        let run = try await runTool(Self.chromium, Self.flags(profile) + ["--dump-dom", url])
        try #require(run.status == 0, "chromium failed: \(run.stderr.suffix(800))")
        return run.stdout
    }

    private static func flags(_ profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.appendingPathComponent("chromium").path)", "--virtual-time-budget=5000",
        ]
    }

    private static func screenshots(_ url: String, folder: URL) async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for (width, height) in [(1280, 4600), (390, 2400)] {
            let file = folder.appendingPathComponent("dashboard-\(width).png")
            let run = try await runTool(
                Self.chromium,
                Self.flags(folder) + [
                    "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(file.path)", url,
                ]
            )
            let png = try #require(
                FileManager.default.contents(atPath: file.path),
                "no screenshot: \(run.stderr.suffix(400))"
            )
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
            let pngWidth = png.count > 24 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
            #expect(pngWidth == width, "screenshot width")
            if ProcessInfo.processInfo.environment["MAIA_UPDATE_SCREENSHOTS"] == "1" {
                try png.write(to: repository.appendingPathComponent("docs/dashboard-\(width).png"))
            }
        }
    }

    /// Every `<data id value>` of the page.
    static func dataValues(_ html: String) -> [String: String] {
        let pattern = try! NSRegularExpression(pattern: #"<data id="([^"]+)" value="([^"]*)">"#)
        var values: [String: String] = [:]
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            guard let id = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html) else {
                continue
            }
            values[String(html[id])] = String(html[value])
        }
        return values
    }

    /// A form of the page by id: its hidden and text fields with their values.
    static func form(id: String, in html: String) -> (fields: [String: String], html: String)? {
        guard let start = html.range(of: "id=\"\(id)\""), let end = html[start.upperBound...].range(of: "</form>")
        else {
            return nil
        }
        let form = String(html[start.upperBound..<end.lowerBound])
        var fields: [String: String] = [:]
        for tag in form.components(separatedBy: "<input ").dropFirst() {
            let attributes = String(tag.prefix { $0 != ">" })
            guard let name = Self.field(attribute: "name", in: attributes) else { continue }
            fields[name] = (Self.field(attribute: "value", in: attributes) ?? "").replacingOccurrences(
                of: "&amp;",
                with: "&"
            )
        }
        return (fields, form)
    }

    static func field(attribute: String, in tag: String) -> String? {
        guard
            let range = tag.range(of: " \(attribute)=\"")
                ?? (tag.hasPrefix("\(attribute)=\"") ? tag.range(of: "\(attribute)=\"") : nil)
        else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts a form to /dashboard/control as a browser on the page would (same origin), with curl.
    static func post(_ base: String, _ fields: [String: String]) async throws -> (status: String, body: String) {
        var arguments = [
            "-s", "-o", "-", "-w", "\n%{http_code}", "-H", "Origin: \(base)", "-H", "Sec-Fetch-Site: same-origin",
        ]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            arguments += ["--data-urlencode", "\(name)=\(value)"]
        }
        let run = try await runTool("/usr/bin/curl", arguments + ["\(base)/dashboard/control"])
        let status = String(run.stdout.split(separator: "\n").last ?? "")
        return (status, run.stdout)
    }

    /// A page of another origin (a file) that submits a form to `action` as soon as it loads.
    static func autoSubmit(_ action: String, _ fields: [String: String]) -> String {
        let inputs = fields.map { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" }.joined()
        return "<!doctype html><form method=\"post\" action=\"\(action)\">\(inputs)</form>"
            + "<script>document.forms[0].submit()</script>"
    }
}
