public import Foundation

/// Where MAIA's local files live, resolved once from an environment-style view (the process environment with
/// the settings from `.env` on top): the same rule as `scripts/lib.sh`, so that the setup script, the embedder
/// and the local model server always agree.
///
/// The cache is `MAIA_CACHE`, else `$XDG_CACHE_HOME/maia`, else `~/.cache/maia`; the models folder is
/// `MAIA_MODELS_DIR`, else `<cache>/models`.
public struct LocalPaths: Sendable, Hashable {
    /// The cache folder (the venv, logs and, by default, the models).
    public var cache: URL
    /// The model files folder.
    public var models: URL

    /// Resolves the folders from `environment`; empty values count as unset.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let maiaCache = value("MAIA_CACHE") {
            cache = URL(fileURLWithPath: maiaCache, isDirectory: true)
        } else if let xdg = value("XDG_CACHE_HOME") {
            cache = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("maia")
        } else {
            let home = value("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path
            cache = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/maia")
        }
        models =
            value("MAIA_MODELS_DIR").map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? cache.appendingPathComponent("models")
    }
}
