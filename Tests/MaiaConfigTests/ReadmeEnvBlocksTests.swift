import Foundation
import MaiaConfig
import MaiaTesting
import Testing

/// The README's copy-paste `.env` blocks, one per engine mode, must load as they are.
@Suite("README .env blocks")
struct ReadmeEnvBlocksTests {
    /// The blocks; an unreadable README fails the tests that read it (never an empty list that passes).
    static let readme = Result {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static var blocks: [String] {
        get throws {
            try readme.get().components(separatedBy: "```env\n").dropFirst().compactMap {
                $0.components(separatedBy: "```").first
            }
        }
    }

    @Test("there is a block for Claude and every Llama deployment mode")
    func everyMode() throws {
        let blocks = try Self.blocks
        for mode in MaiaSettings.LlamaDeploymentMode.allCases {
            #expect(blocks.contains { $0.contains("LLAMA_DEPLOYMENT_MODE=\(mode.rawValue)\n") }, "\(mode)")
        }
        #expect(blocks.contains { $0.contains("ANTHROPIC_API_KEY=") })
    }

    @Test("each block, saved as .env, loads without a configuration error and selects its mode")
    func loads() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let blocks = try Self.blocks
        try #require(!blocks.isEmpty, "no ```env blocks in README.md")
        for block in blocks {
            let path = folder.url.appendingPathComponent(".env").path
            try block.write(toFile: path, atomically: true, encoding: .utf8)
            let (settings, _) = try await SettingsLoader.load(environment: [:], envFilePath: path)
            if let line = block.split(separator: "\n").first(where: { $0.hasPrefix("LLAMA_DEPLOYMENT_MODE=") }) {
                #expect(settings.llama.deploymentMode.rawValue == line.split(separator: "=")[1].description)
                #expect(settings.llama.enabled)
            } else {
                #expect(settings.claude.apiKey != nil)
            }
        }
    }
}
