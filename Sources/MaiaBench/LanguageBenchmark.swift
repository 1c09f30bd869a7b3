import ArgumentParser
import Foundation
import MaiaAgent

/// `maia-bench language`: accuracy of ``LanguageDetector`` on a file of `language<TAB>message` lines, overall and
/// per language (`scripts/language-accuracy.sh` runs langdetect on the same file in the same run).
struct LanguageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "language",
        abstract: "Language-detection accuracy on a fixture of short messages."
    )

    @Option(help: "Lines of `language<TAB>message`; lines starting with # are comments.")
    var fixture = "Tests/Fixtures/language-short-messages.tsv"

    func run() throws {
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
        var right: [String: Int] = [:]
        var total: [String: Int] = [:]
        let detector = LanguageDetector()
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2, DetectedLanguage(rawValue: fields[0]) != nil else {
                throw ValidationError("\(fixture): line \(number + 1) is not `language<TAB>message` with a known code")
            }
            let detected = detector.detect(fields[1])
            total[fields[0], default: 0] += 1
            if detected.rawValue == fields[0] {
                right[fields[0], default: 0] += 1
            } else {
                print("  \(fields[0]) → \(detected.rawValue): \(fields[1])")
            }
        }
        for language in total.keys.sorted() {
            print("  \(language): \(right[language] ?? 0)/\(total[language]!)")
        }
        let correct = right.values.reduce(0, +)
        let count = total.values.reduce(0, +)
        print(String(format: "%d/%d = %.2f%%", correct, count, 100 * Double(correct) / Double(max(count, 1))))
    }
}
