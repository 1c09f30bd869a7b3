import ArgumentParser
import MaiaCore

/// Refuses a single-value option given twice (`--user a --user b`), which swift-argument-parser would resolve
/// silently by keeping the last value — acting for a different user than the first one typed. Options declared as
/// lists (`--meta`) may repeat. Checked before parsing; words after `--` are values, not options.
enum RepeatedOptions {
    /// Throws naming the first single-value option that appears more than once in `arguments`.
    static func check(_ arguments: [String], singleValued: Set<String> = singleValuedOptions) throws(ValidationError) {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { return }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.prefix { $0 != "=" })
            guard singleValued.contains(name) else { continue }
            guard seen.insert(name).inserted else {
                throw ValidationError("\(name) is given more than once; give it once (it takes one value)")
            }
        }
    }

    /// The long names (`--user`) of every option that takes one value in some command and a list in none, read
    /// from the command tree's own description so that a new option is covered without being listed here.
    static let singleValuedOptions: Set<String> = {
        guard let tree = JSONValue(parsing: Maia._dumpHelp())?["command"] else { return [] }
        var single: Set<String> = []
        var repeating: Set<String> = []
        func walk(_ command: JSONValue) {
            for argument in command["arguments"]?.arrayValue ?? [] where argument["kind"] == "option" {
                let names = (argument["names"]?.arrayValue ?? []).compactMap { name -> String? in
                    guard name["kind"] == "long", let text = name["name"]?.stringValue else { return nil }
                    return "--" + text
                }
                if argument["isRepeating"] == true { repeating.formUnion(names) } else { single.formUnion(names) }
            }
            for subcommand in command["subcommands"]?.arrayValue ?? [] { walk(subcommand) }
        }
        walk(tree)
        return single.subtracting(repeating)
    }()
}
