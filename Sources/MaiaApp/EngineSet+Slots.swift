public import MaiaAgent
public import MaiaConfig
public import MaiaEngines

extension EngineSet {
    /// The Llama engine with its generation settings, as a turn uses it.
    public func llamaSlot(_ settings: MaiaSettings) -> EngineSlot {
        EngineSlot(
            engine: llama,
            parameters: llamaParameters(for: llama, settings),
            parallelTools: false,
            catalog: catalog
        )
    }

    /// The generation parameters of a Llama-family engine (the Llama engine, or the local model as primary):
    /// `LLAMA_MAX_TOKENS`, and `LLAMA_TEMPERATURE` or else the catalogue's temperature for the engine's model.
    public func llamaParameters(for engine: any ReasoningEngine, _ settings: MaiaSettings) -> GenerationParameters {
        GenerationParameters(
            maxTokens: settings.llama.maxTokens,
            temperature: settings.llama.temperature ?? catalog.info(for: engine.model)?.temperature
                ?? ModelInfo.defaultTemperature
        )
    }

    /// Claude as a turn uses it, when there is a key.
    public var claudeSlot: EngineSlot? {
        claude.map {
            EngineSlot(
                engine: $0,
                parameters: GenerationParameters(maxTokens: 1024),
                parallelTools: true,
                catalog: catalog
            )
        }
    }

    /// The primary engine as a turn uses it: Claude, or the local model without a key.
    public func primarySlot(_ settings: MaiaSettings) -> EngineSlot {
        claudeSlot
            ?? EngineSlot(
                engine: primary,
                parameters: llamaParameters(for: primary, settings),
                parallelTools: false,
                catalog: catalog
            )
    }

    /// The engines a turn tries in order: `choice` first (default: the primary), then the other configured one.
    public func slots(preferring choice: EngineChoice?, _ settings: MaiaSettings) throws(AppError) -> [EngineSlot] {
        let llama = llamaSlot(settings)
        switch choice {
        case .claude?:
            guard let claude = claudeSlot else {
                throw AppError("ANTHROPIC_API_KEY is missing: --engine claude needs a key (or use --engine llama)")
            }
            return [claude] + (settings.llama.enabled ? [llama] : [])
        case .llama?:
            return [llama] + (claudeSlot.map { [$0] } ?? [])
        case nil:
            guard let claude = claudeSlot else { return [primarySlot(settings)] }
            return [claude] + (settings.llama.enabled ? [llama] : [])
        }
    }
}
