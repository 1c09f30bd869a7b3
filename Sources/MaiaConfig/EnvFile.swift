import MaiaCore

/// Reads a `.env` file strictly: every line is `NAME=value`, a `# comment` or blank, and anything else stops the
/// program with the line named, instead of being skipped (swift-configuration's own reader ignores such lines,
/// and reads a byte order mark as part of the first name, which silently dropped line 1).
///
/// Accepted: a UTF-8 byte order mark at the start, `\r\n` line ends, spaces around `=`, a value in matching
/// single or double quotes (a `#` inside quotes is kept). Refused, naming the line: invalid UTF-8 or control
/// bytes (a binary file), a line without `=`, an empty name or one with whitespace (such as `export NAME=value`),
/// a value whose opening quote is never closed. Problems never quote the line, which may hold a secret.
enum EnvFile {
    /// The variables of `contents` (a later line wins over an earlier one with the same name).
    static func parse(_ contents: [UInt8], path: String) throws(ConfigurationError) -> [String: String] {
        var bytes = contents[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var values: [String: String] = [:]
        var problems: [String] = []
        for (index, rawLine) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let lineBytes = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            switch entry(lineBytes) {
            case .none: continue
            case .some(.success(let (name, value))): values[name] = value
            case .some(.failure(let problem)): problems.append("\(path) line \(index + 1): \(problem.description)")
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(code: .unreadableFile, problems: problems) }
        return values
    }

    /// Why a line is refused.
    private struct Problem: Error {
        let description: String
    }

    /// `nil` for a blank or comment line, else the name and raw value or the problem.
    private static func entry(_ bytes: ArraySlice<UInt8>) -> Result<(String, String), Problem>? {
        if let control = bytes.first(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            let hex = String(control, radix: 16, uppercase: true)
            return .failure(
                Problem(description: "control byte 0x\(hex.count == 1 ? "0" : "")\(hex): a .env file is text")
            )
        }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            return .failure(Problem(description: "not valid UTF-8 text"))
        }
        let trimmed = String(line.trimmingWhitespace())
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        guard let equals = trimmed.firstIndex(of: "=") else {
            return .failure(Problem(description: "no \"=\"; each line is NAME=value, a # comment or blank"))
        }
        let name = String(trimmed[..<equals]).trimmingWhitespace()
        guard !name.isEmpty else { return .failure(Problem(description: "no name before \"=\"")) }
        guard !name.contains(where: \.isWhitespace) else {
            return .failure(
                Problem(
                    description: "the name before \"=\" contains whitespace; write NAME=value (no export, no spaces)"
                )
            )
        }
        let value = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace()
        if let quote = value.first, quote == "\"" || quote == "'", !value.dropFirst().contains(quote) {
            return .failure(Problem(description: "the value opens a quote (\(quote)) that is never closed"))
        }
        return .success((String(name), String(value)))
    }
}
