import Foundation
import MaiaAgent
import MaiaCore
import MaiaExperiments

/// `maia shadow --interactive`: each message goes to both engines; both replies are shown side by side with
/// their figures, and the comparison is on disk before it is shown.
struct ShadowInteractive {
    let setup: ShadowSetup
    let user: UserID

    func run() async throws {
        let session = SessionID("shadow-interactive-\(ISO8601.format(Date()).prefix(19))")
        print(
            "Shadow session as \(user.rawValue): each message goes to both engines; nothing is stored as conversation, "
                + "every comparison is appended to \(setup.log.path). Type exit or Ctrl-D to end."
        )
        while true {
            print("you> ", terminator: "")
            fflush(nil)
            guard let line = readLine(), line.trimmingCharacters(in: .whitespaces).lowercased() != "exit" else {
                break
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let record = try await setup.trial.compare(
                    TurnInput(user: user, session: session, message: line),
                    source: .interactive
                )
                try await setup.log.append(record)
                print(SideBySide.text(record))
            } catch let error as AgentError {
                Terminal.warn("\(error)")
            }
        }
    }
}

/// Two answers in two columns, wrapped to the terminal's width (`COLUMNS`, else 100).
enum SideBySide {
    static func text(_ record: ShadowRecord) -> String {
        let total = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max(40, $0) } ?? 100
        let width = (total - 3) / 2
        let left = column("primary · \(record.primary.engine)", record.primary, width: width)
        let right = column("candidate · \(record.candidate.engine)", record.candidate, width: width)
        var lines: [String] = []
        for row in 0..<max(left.count, right.count) {
            let a = row < left.count ? left[row] : ""
            let b = row < right.count ? right[row] : ""
            lines.append(a.padding(toLength: width, withPad: " ", startingAt: 0) + " │ " + b)
        }
        return lines.joined(separator: "\n")
    }

    private static func column(_ title: String, _ answer: ShadowAnswer, width: Int) -> [String] {
        let tools = answer.toolCalls.isEmpty ? "none" : answer.toolCalls.map(\.name).joined(separator: ", ")
        let body = answer.error.map { "(\($0))" } ?? answer.response
        let latency = answer.latencyMs.map { "\(Int($0)) ms" } ?? "–"
        let firstToken = answer.ttftMs.map { " (first token \(Int($0)) ms)" } ?? ""
        let cost = answer.costUSD.map { String(format: "$%.5f", $0) } ?? "–"
        let checks = answer.checks.isEmpty ? "ok" : answer.checks.joined(separator: ", ")
        let figures: [String] = [
            "tools: \(tools)", "latency: \(latency)\(firstToken)",
            "tokens: \(answer.inputTokens) in, \(answer.outputTokens) out", "cost: \(cost)", "checks: \(checks)",
        ]
        return [title, String(repeating: "─", count: min(width, title.count))] + wrap(body, width) + [""]
            + figures.flatMap { wrap($0, width) }
    }

    /// Words wrapped to `width` characters; a word longer than a line is cut.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > width {
                    if !line.isEmpty {
                        lines.append(line)
                        line = ""
                    }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }
}
