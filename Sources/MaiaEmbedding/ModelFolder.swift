public import Foundation

/// A folder holding a sentence-transformers model's files (`model.safetensors`, `vocab.txt`, `config.json`,
/// `tokenizer_config.json`, `sentence_bert_config.json`), read with errors that name the file.
public struct ModelFolder: Sendable, Hashable {
    /// The folder's location.
    public let url: URL

    /// Names the folder at `url`; nothing is read until a file is asked for.
    public init(url: URL) {
        self.url = url
    }

    /// Names the folder at `path`.
    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// The path of the file `name` inside the folder.
    func path(of name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The contents of the file `name`, or a ``EmbeddingError/Code/missingFile`` error naming it.
    func data(of name: String) throws(EmbeddingError) -> Data {
        let path = path(of: name)
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Self.missing(path, underlying: error)
        }
    }

    /// The JSON file `name` decoded as `T`, or an error naming the file.
    func json<T: Decodable>(_ type: T.Type, of name: String) throws(EmbeddingError) -> T {
        let data = try data(of: name)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw EmbeddingError(
                code: .corruptFile,
                message:
                    "\(path(of: name)) is not the JSON this model needs; delete the folder and run `scripts/setup.sh run`",
                path: path(of: name),
                underlying: error
            )
        }
    }

    /// The error for a model file that cannot be read.
    static func missing(_ path: String, underlying: (any Error)? = nil) -> EmbeddingError {
        EmbeddingError(
            code: .missingFile,
            message: "cannot read the model file \(path); run `scripts/setup.sh run` to fetch the model, "
                + "or set MAIA_MODELS_DIR to a folder holding all-MiniLM-L6-v2",
            path: path,
            underlying: underlying
        )
    }
}
