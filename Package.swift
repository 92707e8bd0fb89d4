// swift-tools-version:6.0
import PackageDescription

/// Release builds skip run-time exclusivity checks in the hot paths (ingest measured 15% faster);
/// debug builds, and so the tests, keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// Extension members are visible only in files that import their module. GRDB (under
/// GovPackStore) makes its `SQL` type string-interpolable with a `joined(separator:)`; without
/// this, modules that load it transitively built `"\(a): \(b)"` strings as SQL and printed
/// `SQL(elements: ...)` in user messages.
let visibleImportsOnly = SwiftSetting.enableUpcomingFeature("MemberImportVisibility")

let package = Package(
    name: "govpack",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govpack", targets: ["govpack"]),
        .executable(name: "govpack-gen", targets: ["govpack-gen"]),
        .library(name: "CEL", targets: ["CEL"]),
        // For the fuzz targets in Fuzz/ (a separate package that can only see products).
        .library(name: "GovPackFuzzing", targets: ["GovPackIngest", "GovPackRules", "GovPackMetrics", "GovPackRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: - Pipeline stages (dependencies point down toward GovPackCore)
        .target(name: "GovPackCore", swiftSettings: fast),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "GovPackIngest", dependencies: ["GovPackCore", "CLibXML2"], swiftSettings: fast),
        .target(name: "CEL", exclude: ["README.md"], swiftSettings: fast),
        .target(
            name: "GovPackRules",
            dependencies: ["GovPackCore", "CEL", "Yams"],
            resources: [.copy("Packs")]
        ),
        .target(name: "GovPackMetrics", dependencies: ["GovPackCore"]),
        .target(
            name: "GovPackRender",
            dependencies: ["GovPackCore", "GovPackMetrics", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "GovPackStore",
            dependencies: [
                "GovPackCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "GovPackPipeline",
            dependencies: [
                "GovPackCore", "GovPackIngest", "GovPackRules", "GovPackMetrics", "GovPackRender", "GovPackStore", "Yams",
            ],
            swiftSettings: [visibleImportsOnly]
        ),
        .executableTarget(
            name: "govpack",
            dependencies: [
                "GovPackPipeline",
                "GovPackIngest",
                "GovPackRules",
                "GovPackMetrics",
                "GovPackRender",
                "GovPackStore",
                "CEL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [visibleImportsOnly]
        ),
        .executableTarget(name: "govpack-gen", dependencies: ["GovPackCore"]),
        .target(name: "GovPackTestSupport", dependencies: ["GovPackCore"], path: "Tests/GovPackTestSupport"),

        // MARK: - Tests, one target per module
        .testTarget(name: "GovPackCoreTests", dependencies: ["GovPackCore", "GovPackTestSupport"]),
        .testTarget(
            name: "GovPackIngestTests", dependencies: ["GovPackIngest", "GovPackTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CELTests", dependencies: ["CEL", "GovPackTestSupport"]),
        .testTarget(name: "GovPackRulesTests", dependencies: ["GovPackRules", "GovPackTestSupport"]),
        .testTarget(name: "GovPackMetricsTests", dependencies: ["GovPackMetrics", "GovPackTestSupport"]),
        .testTarget(
            name: "GovPackStoreTests",
            dependencies: ["GovPackStore", "GovPackTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "GovPackRenderTests", dependencies: ["GovPackRender", "GovPackTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "govpackTests",
            dependencies: ["GovPackPipeline", "GovPackRender", "GovPackMetrics", "GovPackStore", "GovPackTestSupport"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
