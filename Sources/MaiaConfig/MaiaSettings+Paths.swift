public import Foundation
public import MaiaCore

extension MaiaSettings {
    /// The local folders: `MAIA_CACHE` and `MAIA_MODELS_DIR` from these settings (which may come from `.env`) over
    /// `environment` (for `XDG_CACHE_HOME` and `HOME`).
    public func localPaths(over environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalPaths {
        LocalPaths(environment: localFiles.environment(over: environment))
    }
}
