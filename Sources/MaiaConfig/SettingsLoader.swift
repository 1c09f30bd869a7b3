import Configuration
public import Foundation

/// Reads MAIA's variables from the process environment and a `.env` file with apple/swift-configuration.
public enum SettingsLoader {
    /// Loads and validates the settings.
    ///
    /// - Parameters:
    ///   - environment: The process environment (injected so tests need not mutate the real one).
    ///   - envFilePath: The `.env` file; a missing file counts as empty.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        envFilePath: String = ".env"
    ) async throws(ConfigurationError) -> (settings: MaiaSettings, raw: RawSettings) {
        let raw = try await loadRaw(environment: environment, envFilePath: envFilePath)
        return (try MaiaSettings(raw), raw)
    }

    /// Merges the environment, the `.env` file and the defaults without validating types.
    public static func loadRaw(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        envFilePath: String = ".env"
    ) async throws(ConfigurationError) -> RawSettings {
        let secrets = SecretsSpecifier<String, String>.dynamic { name, _ in
            SettingSpec.all.contains { $0.isSecret && ($0.name == name || $0.alias == name) }
        }
        let processLayer = EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: secrets)
        let fileLayer = EnvironmentVariablesProvider(
            environmentVariables: try readEnvFile(envFilePath),
            secretsSpecifier: secrets
        )
        let names = SettingSpec.all.flatMap { [$0.name] + ($0.alias.map { [$0] } ?? []) }
        return RawSettings(
            environment: values(of: names, in: processLayer),
            envFile: values(of: names, in: fileLayer)
        )
    }

    /// The variables of the `.env` file at `path` (none when it does not exist), read strictly by ``EnvFile``.
    private static func readEnvFile(_ path: String) throws(ConfigurationError) -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                code: .unreadableFile,
                problems: ["the file \(path) could not be read; it must be a text file of NAME=value lines."]
            )
        }
        return try EnvFile.parse(Array(data), path: path)
    }

    private static func values(of names: [String], in provider: EnvironmentVariablesProvider) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = try? provider.environmentValue(forName: name) { result[name] = value }
        }
        return result
    }
}
