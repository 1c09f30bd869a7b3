import ArgumentParser
import Foundation
import MaiaEngines

/// `maia llama …`: tools for working with Llama models' raw output.
struct LlamaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llama",
        abstract: "Tools for Llama models' raw output.",
        subcommands: [ParseToolCalls.self]
    )

    /// `maia llama parse-tool-calls`: raw model text on stdin → the calls MAIA would run and the content it would
    /// show, as one line of JSON. A debugging aid for calls that do not fire.
    struct ParseToolCalls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse-tool-calls",
            abstract: "Read raw model text on stdin; print {\"calls\":[{\"name\",\"arguments\"}],\"content\"}.",
            discussion: """
                Follows MAIA's parsing policy for tool calls in raw text: JSON calls with "parameters" or \
                "arguments", <|python_tag|> prefixes, <function=NAME>{...}</function>, <tool_call> tags, several \
                calls separated by ';' or newlines, markdown fences. Malformed JSON is no call and stays content. \
                Bytes that are not UTF-8 are read as U+FFFD.
                """
        )

        @Flag(help: "Treat <|python_tag|> followed by plain code as a code_interpreter call.")
        var codeInterpreter = false

        func run() async throws {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let text = String(decoding: input, as: UTF8.self)
            print(ToolCallTextParser(codeInterpreter: codeInterpreter).parse(text).jsonText)
        }
    }
}
