extension MaiaSettings {
    /// Where model prices come from beyond the built-in catalogue (`MAIA_MODEL_CATALOG`), and what the Llama
    /// engine costs when it is self-hosted (`LLAMA_USD_PER_MILLION_*`, or `LLAMA_GPU_USD_PER_HOUR` with
    /// `LLAMA_TOKENS_PER_SECOND`).
    public struct Costs: Sendable, Hashable {
        /// A JSON catalogue file in the built-in format whose entries add to or replace the built-in ones.
        public var catalogFile: String?
        public var llama: LlamaPrice?

        public init(catalogFile: String? = nil, llama: LlamaPrice? = nil) {
            self.catalogFile = catalogFile
            self.llama = llama
        }
    }

    /// The Llama engine's price, overriding its catalogue entry.
    public enum LlamaPrice: Sendable, Hashable {
        case perMillion(input: Double, output: Double)
        /// GPUs rented by the hour, serving `tokensPerSecond` (prompt + generated) as measured on the deployment.
        case gpuHour(usdPerHour: Double, tokensPerSecond: Double)
    }

    /// Reads the cost settings; a half-given price (one side, or a GPU price without its throughput) is a problem.
    static func costs(_ reader: inout SettingsReader) -> Costs {
        func amount(_ name: String, in range: ClosedRange<Double>) -> Double? {
            reader.raw[name] == nil ? nil : reader.number(name, in: range, default: 0)
        }
        let input = amount("LLAMA_USD_PER_MILLION_INPUT", in: 0...10_000)
        let output = amount("LLAMA_USD_PER_MILLION_OUTPUT", in: 0...10_000)
        let hourly = amount("LLAMA_GPU_USD_PER_HOUR", in: 0...100_000)
        let throughput = amount("LLAMA_TOKENS_PER_SECOND", in: 0.001...10_000_000)
        let price: LlamaPrice?
        switch (input, output, hourly, throughput) {
        case (nil, nil, nil, nil): price = nil
        case (let input?, let output?, nil, nil): price = .perMillion(input: input, output: output)
        case (nil, nil, let hourly?, let throughput?): price = .gpuHour(usdPerHour: hourly, tokensPerSecond: throughput)
        default:
            reader.problems.append(
                "The Llama engine's price is incomplete or given twice: set both LLAMA_USD_PER_MILLION_INPUT and "
                    + "LLAMA_USD_PER_MILLION_OUTPUT, or both LLAMA_GPU_USD_PER_HOUR and LLAMA_TOKENS_PER_SECOND "
                    + "(measured throughput, prompt + generated tokens per second), not a mix."
            )
            price = nil
        }
        return Costs(catalogFile: reader.raw["MAIA_MODEL_CATALOG"], llama: price)
    }
}
