import Foundation
import MaiaMemory

/// Says on stderr how far a long indexing pass has got, so that a command is never silent for long after its last
/// acknowledgement: at most once a second (a log file gets one line per update, not one per batch), and once at
/// the end.
struct IndexingProgress {
    /// About how many items the pass has to do, when known.
    let expected: Int?
    private let clock = ContinuousClock()
    private var lastShown: ContinuousClock.Instant
    private var shown = false

    init(expected: Int?) {
        self.expected = expected
        lastShown = clock.now
    }

    /// Called after each batch with the report so far.
    mutating func update(_ report: OutboxDrainer.Report) {
        guard clock.now - lastShown >= .seconds(1) else { return }
        lastShown = clock.now
        shown = true
        Terminal.progress(Self.line(report, expected: expected))
    }

    /// Ends the status line, if one was shown.
    func finish() {
        if shown { Terminal.endProgress() }
    }

    static func line(_ report: OutboxDrainer.Report, expected: Int?) -> String {
        var line = "indexed \(report.processed)"
        if let expected, expected >= report.processed { line += " of about \(expected)" }
        line += " queued message(s)"
        if report.failed > 0 { line += ", \(report.failed) failed (retried later)" }
        return line
    }
}
