public import Foundation
import MaiaCore

/// A catalogue file that cannot be used, with the file, the entry and what is accepted.
public struct ModelCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    init(_ origin: String, _ problem: String) {
        description = "model catalogue \(origin): \(problem)"
    }
}

/// What a self-hosted model costs: list prices per token, or GPUs rented by the hour serving a measured throughput.
public enum ModelPricing: Sendable, Hashable {
    case perMillion(input: Double, output: Double)
    /// `tokensPerSecond` is the deployment's measured throughput in tokens processed (prompt and generated) per
    /// second at its usual load, so one token costs `usdPerHour / 3600 / tokensPerSecond` whichever side it is on.
    case gpuHour(usdPerHour: Double, tokensPerSecond: Double)

    /// US dollars per one million prompt and generated tokens.
    public var perMillion: (input: Double, output: Double) {
        switch self {
        case .perMillion(let input, let output):
            return (input, output)
        case .gpuHour(let usdPerHour, let tokensPerSecond):
            let perToken = usdPerHour / 3600 / tokensPerSecond
            return (perToken * 1_000_000, perToken * 1_000_000)
        }
    }
}

extension ModelCatalog {
    static let fields: Set<String> = [
        "id", "context_window", "max_output_tokens", "usd_per_million_input", "usd_per_million_output",
        "gpu_usd_per_hour", "tokens_per_second", "weak_tool_use", "temperature", "source",
    ]

    static let accepted = """
        each model needs "id", "context_window" and "max_output_tokens" (whole numbers ≥ 1), and either \
        "usd_per_million_input" and "usd_per_million_output" or "gpu_usd_per_hour" and "tokens_per_second" \
        (numbers ≥ 0, throughput > 0); optional: "weak_tool_use" (true/false), "temperature" (0 to 2), "source" (text)
        """

    /// Reads a catalogue file: `{"models": [{...}, ...]}` in the format of the built-in `model-catalog.json`.
    public init(contentsOf url: URL) throws(ModelCatalogError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelCatalogError(url.path, "cannot be read (\(error.localizedDescription))")
        }
        try self.init(json: data, origin: url.path)
    }

    /// Parses catalogue JSON; `origin` names the file in errors. Unknown fields are refused so that a misspelt
    /// price is not silently ignored.
    public init(json data: Data, origin: String) throws(ModelCatalogError) {
        guard let text = String(data: data, encoding: .utf8), let root = StrictJSONParser.parse(text) else {
            throw ModelCatalogError(origin, "is not valid UTF-8 JSON")
        }
        guard let models = root["models"]?.arrayValue else {
            throw ModelCatalogError(origin, #"needs a top-level object with a "models" array"#)
        }
        var entries: [ModelInfo] = []
        for (index, model) in models.enumerated() {
            entries.append(try Self.entry(model, at: index + 1, origin: origin))
        }
        let ids = entries.map(\.id)
        if let repeated = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw ModelCatalogError(origin, "model \"\(repeated)\" appears more than once; each id may appear once")
        }
        self.init(entries: entries)
    }

    /// This catalogue with `other`'s entries added, replacing entries with the same id.
    public func merging(_ other: ModelCatalog) -> ModelCatalog {
        ModelCatalog(entries: Array(entries.values) + Array(other.entries.values))
    }

    private static func entry(
        _ value: JSONValue,
        at position: Int,
        origin: String
    ) throws(ModelCatalogError) -> ModelInfo {
        guard let object = value.objectValue else {
            throw ModelCatalogError(origin, "model \(position) is not an object; \(accepted)")
        }
        let name = object["id"]?.stringValue.map { "\"\($0)\"" } ?? "\(position)"
        func fail(_ problem: String) -> ModelCatalogError {
            ModelCatalogError(origin, "model \(name): \(problem); \(accepted)")
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw fail("unknown field \"\(unknown)\"")
        }
        guard let id = object["id"]?.stringValue, !id.isEmpty, id.allSatisfy({ !$0.isWhitespace }) else {
            throw fail(#""id" must be a non-empty text without spaces"#)
        }
        func count(_ key: String) throws(ModelCatalogError) -> Int {
            guard let number = object[key]?.numberValue, number >= 1, number <= 1e9, number == number.rounded() else {
                throw fail("\"\(key)\" must be a whole number ≥ 1")
            }
            return Int(number)
        }
        func amount(_ key: String, positive: Bool = false) throws(ModelCatalogError) -> Double? {
            guard let raw = object[key] else { return nil }
            guard let number = raw.numberValue, number.isFinite, positive ? number > 0 : number >= 0 else {
                throw fail("\"\(key)\" must be a number \(positive ? "> 0" : "≥ 0")")
            }
            return number
        }
        let pricing: ModelPricing
        switch (
            try amount("usd_per_million_input"), try amount("usd_per_million_output"),
            try amount("gpu_usd_per_hour"), try amount("tokens_per_second", positive: true)
        ) {
        case (let input?, let output?, nil, nil): pricing = .perMillion(input: input, output: output)
        case (nil, nil, let hourly?, let throughput?):
            pricing = .gpuHour(usdPerHour: hourly, tokensPerSecond: throughput)
        default: throw fail("the price is missing or given twice")
        }
        var weak = false
        if let flag = object["weak_tool_use"] {
            guard let bool = flag.boolValue else { throw fail(#""weak_tool_use" must be true or false"#) }
            weak = bool
        }
        var temperature: Double?
        if let raw = object["temperature"] {
            guard let number = raw.numberValue, number.isFinite, (0...2).contains(number) else {
                throw fail(#""temperature" must be a number from 0 to 2"#)
            }
            temperature = number
        }
        if let source = object["source"], source.stringValue == nil { throw fail(#""source" must be a text"#) }
        let prices = pricing.perMillion
        return ModelInfo(
            id: id,
            contextWindow: try count("context_window"),
            maxOutputTokens: try count("max_output_tokens"),
            inputPricePerMillion: prices.input,
            outputPricePerMillion: prices.output,
            weakToolUse: weak,
            temperature: temperature
        )
    }
}
