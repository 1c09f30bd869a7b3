// swift-tools-version: 6.2
import PackageDescription

/// Settings shared by every target, so that the whole package compiles under the same rules.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "maia-core",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "maia", targets: ["MaiaCLI"]),
        .executable(name: "maia-bench", targets: ["MaiaBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // Domain values, JSON, tool schemas, errors. No I/O, no dependencies.
        .target(name: "MaiaCore"),
        // Typed, validated settings read from the environment and `.env`.
        .target(
            name: "MaiaConfig",
            dependencies: [
                "MaiaCore",
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        // HTTP for provider clients (engines, embeddings, Mem0) behind the `HTTPTransport` protocol.
        .target(
            name: "MaiaHTTP",
            dependencies: [
                "MaiaCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // OpenBLAS's CBLAS interface (Debian: libopenblas-dev); macOS uses Accelerate instead.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // Text embedders: the seam, and all-MiniLM-L6-v2 run in-process.
        .target(
            name: "MaiaEmbedding",
            dependencies: ["MaiaCore", .target(name: "COpenBLAS", condition: .when(platforms: [.linux]))]
        ),
        // The dot products, quantisation and attention of the in-process Llama runtime, with AVX2 paths chosen at run
        // time.
        .target(name: "CInferenceKernels"),
        // GGUF Llama-architecture models run in-process: reader, tokenizer, forward pass, sampling, chat templates.
        .target(name: "MaiaInference", dependencies: ["MaiaCore", "CInferenceKernels"]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The int8 dot-product scan of the in-process vector index, with an AVX2 path chosen at run time.
        .target(name: "CVectorKernels"),
        // `maia_bm25`, FTS5's bm25 with document frequencies passed in (keyword search at 100K messages a user).
        .target(name: "CFullTextRank", dependencies: ["CSQLite"]),
        .target(
            name: "MaiaMemory",
            dependencies: [
                "MaiaCore", "MaiaHTTP", "MaiaEmbedding", "CSQLite", "CVectorKernels", "CFullTextRank",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Resources: the built-in model catalogue (limits and prices as data a user can override).
        .target(
            name: "MaiaEngines",
            dependencies: ["MaiaCore", "MaiaHTTP", "MaiaInference"],
            resources: [.copy("Resources/model-catalog.json")]
        ),
        // Resources: character n-gram profiles for language detection (scripts/language-profiles.py).
        .target(
            name: "MaiaAgent",
            dependencies: ["MaiaEngines", "MaiaMemory"],
            resources: [.copy("Resources/language-profiles.tsv")]
        ),
        .target(name: "MaiaExperiments", dependencies: ["MaiaAgent"]),
        // Builds the whole application from settings (store, embedder, engines, agent, live shadow, health) and
        // runs its long-lived work as services; shared by every executable and by in-process tests.
        .target(
            name: "MaiaApp",
            dependencies: [
                "MaiaConfig", "MaiaCore", "MaiaEmbedding", "MaiaEngines", "MaiaExperiments", "MaiaHTTP",
                "MaiaAgent", "MaiaMemory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // MAIA's memory as an MCP server (tools, resources, prompt), for `maia mcp` (stdio) and `/mcp` (HTTP).
        .target(
            name: "MaiaMCP",
            dependencies: [
                "MaiaApp", "MaiaAgent", "MaiaCore", "MaiaEngines", "MaiaMemory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        // The HTTP service (`maia serve`): turn API with SSE, OpenAI-compatible endpoint, memory API, auth, metrics.
        .target(
            name: "MaiaServer",
            dependencies: [
                "MaiaApp", "MaiaAgent", "MaiaConfig", "MaiaCore", "MaiaEngines", "MaiaExperiments", "MaiaMCP",
                "MaiaMemory",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("openapi.json")]
        ),
        .executableTarget(
            name: "MaiaCLI",
            dependencies: [
                "MaiaApp",
                "MaiaConfig",
                "MaiaEmbedding",
                "MaiaEngines",
                "MaiaExperiments",
                "MaiaHTTP",
                "MaiaMCP",
                "MaiaMemory",
                "MaiaServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput and latency measurements; never part of the test suite.
        .executableTarget(
            name: "MaiaBench",
            dependencies: [
                "MaiaEmbedding", "MaiaMemory", "MaiaEngines", "MaiaHTTP", "MaiaTesting", "MaiaAgent", "MaiaExperiments",
                "MaiaCore", "MaiaInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "MaiaTesting",
            dependencies: [
                "MaiaCore", "MaiaMemory", "MaiaHTTP", "MaiaEngines",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "MaiaCoreTests", dependencies: ["MaiaCore", "MaiaTesting"]),
        .testTarget(name: "MaiaConfigTests", dependencies: ["MaiaConfig", "MaiaCore", "MaiaTesting"]),
        .testTarget(name: "MaiaEmbeddingTests", dependencies: ["MaiaEmbedding", "MaiaTesting"]),
        .testTarget(
            name: "MaiaMemoryTests",
            dependencies: [
                "MaiaMemory", "MaiaCore", "MaiaEmbedding", "MaiaHTTP", "MaiaTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "MaiaInferenceTests",
            dependencies: [
                "MaiaInference", "CInferenceKernels", "MaiaCore", "MaiaTesting",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "MaiaHTTPTests", dependencies: ["MaiaHTTP", "MaiaTesting"]),
        .testTarget(
            name: "MaiaEnginesTests",
            dependencies: ["MaiaEngines", "MaiaCore", "MaiaHTTP", "MaiaInference", "MaiaTesting"]
        ),
        .testTarget(
            name: "MaiaAgentTests",
            dependencies: [
                "MaiaAgent", "MaiaCore", "MaiaEmbedding", "MaiaEngines", "MaiaHTTP", "MaiaMemory", "MaiaTesting",
            ]
        ),
        .testTarget(
            name: "MaiaExperimentsTests",
            dependencies: [
                "MaiaExperiments", "MaiaAgent", "MaiaCore", "MaiaEngines", "MaiaHTTP", "MaiaMemory", "MaiaTesting",
            ]
        ),
        .testTarget(
            name: "MaiaCLITests",
            dependencies: [
                "MaiaCLI", "MaiaAgent", "MaiaCore", "MaiaEmbedding", "MaiaExperiments", "MaiaMemory", "MaiaTesting",
            ]
        ),
        .testTarget(
            name: "MaiaServerTests",
            dependencies: [
                "MaiaServer", "MaiaApp", "MaiaAgent", "MaiaConfig", "MaiaCore", "MaiaEmbedding", "MaiaExperiments",
                "MaiaMemory", "MaiaTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
