public import ArgumentParser
public import MaiaCore
public import MaiaMemory

// Library enums parsed straight from options, so that help text lists their accepted values.
extension Role: ExpressibleByArgument {}
extension MemorySearch.Mode: ExpressibleByArgument {}

/// The engine a command should prefer.
enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    case claude, llama
}
