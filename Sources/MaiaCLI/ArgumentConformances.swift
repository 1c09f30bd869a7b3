public import ArgumentParser
public import MaiaApp
public import MaiaCore
public import MaiaExperiments
public import MaiaMemory

// Library enums parsed straight from options, so that help text lists their accepted values.
extension Role: ExpressibleByArgument {}
extension MemorySearch.Mode: ExpressibleByArgument {}

extension EngineChoice: ExpressibleByArgument {}
extension ExperimentExport.Format: ExpressibleByArgument {}
extension FeedbackRow.Rating: ExpressibleByArgument {}
extension TrainingFormat: ExpressibleByArgument {}
