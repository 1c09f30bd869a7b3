import ArgumentParser
import Foundation
import MaiaApp
import MaiaExperiments

/// Where `maia report` reads from, with messages that say which case it is: no log yet, a folder, no permission.
enum ReportInput {
    static func read(_ path: String) throws -> ShadowLogContents {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError(
                "no shadow log at \(path): maia shadow (or LLAMA_SHADOW_MODE=true) creates it; --log names another"
            )
        }
        guard !isFolder.boolValue else {
            throw CLIError("\(path) is a folder: --log (or LLAMA_SHADOW_LOG_PATH) must name the shadow log file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CLIError("cannot read the shadow log \(path): permission denied")
        }
        do {
            return try ShadowLogReader.read(path: path)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Why a log without comparisons gives no report, with the first unreadable line when there were any.
    static func nothingToReport(_ path: String, skipped: ShadowReport.Skipped) -> String {
        guard let first = skipped.first.first else {
            return "the shadow log \(path) holds no comparison yet: nothing to report"
        }
        return "the shadow log \(path) holds no readable comparison: nothing to report; \(skipped.count) line(s) "
            + "skipped, the first is line \(first.line): \(first.reason)"
    }
}

/// Where `maia report --html` writes: a file whose folder exists, never the log itself, replaced atomically.
enum ReportOutput {
    static func validate(html: String) throws {
        try validate(file: html, option: "--html")
    }

    /// Refuses an empty path, a folder, or a file in a folder that does not exist, naming `option`.
    static func validate(file: String, option: String) throws {
        guard !file.allSatisfy(\.isWhitespace) else {
            throw ValidationError("\(option) needs a file path (got an empty value)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("\(option) must name a file, but \(file) is a folder")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(option) \(file): the folder \(folder) does not exist")
        }
    }

    /// Writes `page` to `html`; `log` is the file the report was read from, if any, which it must not replace.
    static func write(_ page: String, to html: String, log: String?) throws {
        let target = URL(fileURLWithPath: html).resolvingSymlinksInPath().standardizedFileURL
        if let log, target == URL(fileURLWithPath: log).resolvingSymlinksInPath().standardizedFileURL {
            throw CLIError("--html \(html) is the shadow log itself; name another file for the report")
        }
        do {
            try Data(page.utf8).write(to: target, options: .atomic)
        } catch {
            throw CLIError("cannot write the HTML report to \(html): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote the HTML report to \(html)\n".utf8))
    }
}
