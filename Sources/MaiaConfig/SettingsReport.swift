import Foundation

/// Renders the effective configuration for people (`maia config show`) and the `.env.example` template.
public enum SettingsReport {
    /// One line per variable: name, value (secrets redacted) and source.
    public static func lines(for raw: RawSettings) -> [String] {
        let width = SettingSpec.all.map(\.name.count).max() ?? 0
        return SettingSpec.all.map { spec in
            let name = spec.name.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let setting = raw.values[spec.name] else { return "\(name)  (unset)" }
            let alias = setting.foundAs == spec.name ? "" : ", as \(setting.foundAs)"
            return "\(name)  \(display(spec, setting.value))  [\(setting.source.rawValue)\(alias)]"
        }
    }

    /// The value as it may be shown: secrets become a fixed marker; URLs lose any password they carry.
    public static func display(_ spec: SettingSpec, _ value: String) -> String {
        if spec.name == "DATABASE_URL" { return redactingPassword(value) }
        return spec.isSecret ? "<redacted>" : value
    }

    /// `value` with the password of a URL replaced by `***`; text that is not a URL becomes `<redacted>`.
    static func redactingPassword(_ value: String) -> String {
        guard var components = URLComponents(string: value), components.host != nil else { return "<redacted>" }
        if components.password != nil { components.password = "***" }
        components.query = components.query == nil ? nil : "***"
        return components.string ?? "<redacted>"
    }

    /// The text of `.env.example`: every variable with its purpose, accepted values and default.
    public static func envExample() -> String {
        var text = """
            # MAIA Core configuration. Copy to .env and edit; real environment variables win over .env.
            # Generated from SettingSpec.all by `maia config example`; a test keeps this file in sync.
            # Empty values count as unset.

            """
        var group = ""
        for spec in SettingSpec.all {
            if spec.group != group {
                group = spec.group
                text += "\n# === \(group) ===\n"
            }
            text += "\n# \(spec.purpose)\n# Accepted: \(spec.accepted).\n"
            if let alias = spec.alias { text += "# Alias: \(alias).\n" }
            text += "\(spec.name)=\(spec.defaultValue ?? "")\n"
        }
        return text
    }
}
