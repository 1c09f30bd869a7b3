import MaiaCore

/// Where an effective setting came from.
public enum SettingSource: String, Sendable, Hashable, Codable {
    case environment
    case envFile = ".env"
    case `default`
}

/// One variable's effective text and where it came from.
public struct RawSetting: Sendable, Hashable {
    /// The effective text.
    public let value: String
    /// Where `value` came from.
    public let source: SettingSource
    /// The name actually found (an alias such as `SUPABASE_DB_URL` when that was the one set).
    public let foundAs: String
}

/// The effective text of every known variable, merged from the environment, `.env` and defaults in that order
/// of precedence. Empty values count as unset, so that a blank line copied from `.env.example` changes nothing.
public struct RawSettings: Sendable {
    /// Effective settings by variable name; a variable with no value anywhere is absent.
    public let values: [String: RawSetting]

    /// Merges the two layers for every variable in ``SettingSpec/all``.
    public init(environment: [String: String], envFile: [String: String]) {
        var values: [String: RawSetting] = [:]
        for spec in SettingSpec.all {
            let names = [spec.name] + (spec.alias.map { [$0] } ?? [])
            let layers: [(SettingSource, [String: String])] = [(.environment, environment), (.envFile, envFile)]
            var found: RawSetting?
            search: for (source, layer) in layers {
                for name in names {
                    let clean = source == .envFile ? Self.withoutComment : Self.unquoted
                    if let value = layer[name].map(clean), !value.isEmpty {
                        found = RawSetting(value: value, source: source, foundAs: name)
                        break search
                    }
                }
            }
            if let found {
                values[spec.name] = found
            } else if let fallback = spec.defaultValue {
                values[spec.name] = RawSetting(value: fallback, source: .default, foundAs: spec.name)
            }
        }
        self.values = values
    }

    /// `text` trimmed, without one pair of matching surrounding quotes (`KEY="value"` is common in `.env` files,
    /// and swift-configuration keeps the quotes).
    static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(String(trimmed.dropFirst().dropLast()).trimmingWhitespace())
        }
        return String(trimmed)
    }

    /// A `.env` value as dotenv tools read it: a quoted value ends at its closing quote (a `#` inside is kept);
    /// an unquoted one ends before ` #`, so `KEY=value   # note` is `value` (swift-configuration keeps the comment).
    static func withoutComment(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if let quote = trimmed.first, quote == "\"" || quote == "'",
            let close = trimmed.dropFirst().firstIndex(of: quote)
        {
            return unquoted(String(trimmed[...close]))
        }
        guard let comment = trimmed.firstRange(of: #/\s#/#) else { return unquoted(String(trimmed)) }
        return unquoted(String(trimmed[..<comment.lowerBound]))
    }

    /// The effective text of `name`, or `nil` when it is unset everywhere.
    public subscript(name: String) -> String? { values[name]?.value }
}
