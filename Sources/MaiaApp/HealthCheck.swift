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

    /// Whether the local MiniLM files are present, or the HTTP embedder answers.
    public static func embedder(_ embedder: MaiaSettings.Embedder, paths: LocalPaths) async -> HealthCheck {
        switch embedder {
        case .localMiniLM:
            let folder = paths.miniLM
            let present = ["model.safetensors", "vocab.txt"].allSatisfy {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
            }
            return HealthCheck(
                "embedder",
                "all-MiniLM-L6-v2",
                required: true,
                EngineHealth(
                    ok: present,
                    reachable: true,
                    modelPresent: present,
                    detail: present ? "model files present" : "model files missing in \(folder.path)",
                    remedy: present ? nil : "Run `scripts/setup.sh run` to install the embedding model."
                )
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
}
