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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "MaiaMemory",
            dependencies: [
                "MaiaCore",
                "CSQLite",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
        // Measurements reported in docs, never asserted in tests.
        .executableTarget(
            name: "MaiaBench",
            dependencies: [
                "MaiaMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "MaiaTesting", dependencies: ["MaiaCore"]),
        .testTarget(name: "MaiaCoreTests", dependencies: ["MaiaCore", "MaiaTesting"]),
        .testTarget(name: "MaiaConfigTests", dependencies: ["MaiaConfig", "MaiaTesting"]),
        .testTarget(name: "MaiaCLITests", dependencies: ["MaiaCLI", "MaiaTesting"]),
        .testTarget(name: "MaiaExperimentsTests", dependencies: ["MaiaExperiments"]),
        .testTarget(
            name: "MaiaMemoryTests",
            dependencies: [
                "MaiaMemory",
                "MaiaTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
