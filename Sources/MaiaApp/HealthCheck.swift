import Foundation
public import MaiaConfig
public import MaiaCore
public import MaiaEngines
import MaiaHTTP
import MaiaMemory

/// One check of `maia health` and `/readyz`: a component, whether MAIA needs it, and how it is.
public struct HealthCheck: Sendable {
    public let component: String
    public let name: String
    public let required: Bool
    public let health: EngineHealth

    /// Creates a check result.
    public init(_ component: String, _ name: String, required: Bool, _ health: EngineHealth) {
        self.component = component
        self.name = name
        self.required = required
        self.health = health
    }

    /// One line (two with a remedy) for a terminal.
    public var line: String {
        let mark = health.ok ? "ok  " : (required ? "FAIL" : "--  ")
        var text = "\(mark) \(component) \(name): \(health.detail)"
        if let latency = health.latency { text += " (\(Int(latency.milliseconds)) ms)" }
        if !health.ok, let remedy = health.remedy { text += "\n     remedy: \(remedy)" }
        return text
    }

    /// The check as JSON, as `maia health --json` prints it.
    public var json: JSONValue {
        [
            "component": .string(component),
            "name": .string(name),
            "required": .bool(required),
            "ok": .bool(health.ok),
            "reachable": .bool(health.reachable),
            "model_present": health.modelPresent.map { .bool($0) } ?? .null,
            "latency_ms": health.latency.map { .number(($0.milliseconds * 10).rounded() / 10) } ?? .null,
            "detail": .string(health.detail),
            "models": .array(health.models.map(JSONValue.string)),
            "remedy": health.remedy.map { .string($0) } ?? .null,
        ]
    }

    /// Whether the SQLite file (or its folder) is writable, or PostgreSQL accepts a connection and migrations.
    public static func store(_ store: MaiaSettings.Store) async -> HealthCheck {
        switch store {
        case .sqlite(let path):
            let files = FileManager.default
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let writable =
                files.fileExists(atPath: path)
                ? files.isWritableFile(atPath: path)
                : (files.fileExists(atPath: folder) ? files.isWritableFile(atPath: folder) : true)
            return HealthCheck(
                "store",
                "sqlite \(path)",
                required: true,
                EngineHealth(
                    ok: writable,
                    reachable: writable,
                    detail: writable ? "writable" : "not writable",
                    remedy: writable ? nil : "Make \(path) writable or set MAIA_DB to a writable path."
                )
            )
        case .postgres(let url):
            return await postgres(url)
        }
    }

    /// Opens the store (connect, authenticate, apply migrations) within a bound; the name never shows the password.
    private static func postgres(_ url: String, within bound: Duration = .seconds(10)) async -> HealthCheck {
        let remedy =
            "Check DATABASE_URL (host, port, user, password, database, sslmode) and that PostgreSQL is running."
        let configuration: PostgresStoreConfiguration
        do {
            configuration = try PostgresStoreConfiguration(url: url)
        } catch {
            let health = EngineHealth(ok: false, reachable: false, detail: "\(error)", remedy: remedy)
            return HealthCheck("store", "postgres", required: true, health)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let failure: String?
        do {
            failure = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    try await PostgresStore.withStore(configuration: configuration) { _ in }
                    return nil
                }
                group.addTask {
                    try await Task.sleep(for: bound)
                    return "no answer within \(Int(bound.components.seconds)) s"
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            failure = "\(error)"
        }
        let health = EngineHealth(
            ok: failure == nil,
            reachable: failure == nil,
            latency: start.duration(to: clock.now),
            detail: failure ?? "connected, schema up to date",
            remedy: failure == nil ? nil : remedy
        )
        return HealthCheck("store", "postgres \(configuration)", required: true, health)
    }

    /// Whether the local model files are present, or the HTTP embedder answers.
    public static func embedder(_ embedder: MaiaSettings.Embedder, paths: LocalPaths) async -> HealthCheck {
        switch embedder {
        case .localMiniLM:
            return localFiles(
                "all-MiniLM-L6-v2",
                ["model.safetensors", "vocab.txt"].map { paths.miniLM.appendingPathComponent($0) },
                setup: "run"
            )
        case .localMultilingual:
            return localFiles(
                "all-MiniLM-L6-v2 + multilingual-e5-small",
                ["model.safetensors", "vocab.txt"].map { paths.miniLM.appendingPathComponent($0) } + [paths.e5],
                setup: "multilingual"
            )
        case .http(let url, let model, _):
            let models = url.appendingPathComponent("v1/models")
            return HealthCheck(
                "embedder",
                "http \(url.host ?? "")",
                required: true,
                await EngineHealthProbe.probe(models, model: model, transport: AsyncHTTPTransport())
            )
        }
    }

    /// The in-process embedder's check: every model file present.
    private static func localFiles(_ model: String, _ files: [URL], setup: String) -> HealthCheck {
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0.path) }
        return HealthCheck(
            "embedder",
            model,
            required: true,
            EngineHealth(
                ok: missing.isEmpty,
                reachable: true,
                modelPresent: missing.isEmpty,
                detail: missing.isEmpty
                    ? "model files present" : "model files missing: \(missing.map(\.path).joined(separator: ", "))",
                remedy: missing.isEmpty ? nil : "Run `scripts/setup.sh \(setup)` to install the embedding model."
            )
        )
    }
}
