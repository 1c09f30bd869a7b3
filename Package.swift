// swift-tools-version: 6.1
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
        .target(name: "MaiaMemory", dependencies: ["MaiaCore"]),
        // OpenBLAS's CBLAS interface (Debian: libopenblas-dev); macOS uses Accelerate instead.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Text embedders: the seam, and all-MiniLM-L6-v2 run in-process.
        .target(
            name: "MaiaEmbedding",
            dependencies: [
                "MaiaCore",
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux])),
            ]
        ),
        .target(name: "MaiaEngines", dependencies: ["MaiaCore"]),
        .target(name: "MaiaAgent", dependencies: ["MaiaEngines", "MaiaMemory"]),
        .target(name: "MaiaExperiments", dependencies: ["MaiaAgent"]),
        .executableTarget(
            name: "MaiaCLI",
            dependencies: [
                "MaiaConfig",
                "MaiaExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput measurements; never part of the test suite.
        .executableTarget(
            name: "MaiaBench",
            dependencies: ["MaiaEmbedding", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "MaiaTesting", dependencies: ["MaiaCore"]),
        .testTarget(name: "MaiaCoreTests", dependencies: ["MaiaCore", "MaiaTesting"]),
        .testTarget(name: "MaiaConfigTests", dependencies: ["MaiaConfig", "MaiaTesting"]),
        .testTarget(name: "MaiaCLITests", dependencies: ["MaiaCLI", "MaiaTesting"]),
        .testTarget(name: "MaiaExperimentsTests", dependencies: ["MaiaExperiments"]),
        .testTarget(name: "MaiaEmbeddingTests", dependencies: ["MaiaEmbedding", "MaiaTesting"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
