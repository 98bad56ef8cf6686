// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target.
let sharedSettings: [SwiftSetting] = [
    // Catch the next language version's breaking changes early.
    .enableUpcomingFeature("ExistentialAny"),
    // Keep internal imports internal, so a module's dependencies do not leak into its users.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "claimtrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "claimtrack", targets: ["claimtrack"]),
        .library(name: "ClaimtrackCLI", targets: ["ClaimtrackCLI"]),
        // The recognizers and claim builder alone, for benchmarks that need not build the rest.
        .library(name: "ClaimtrackExtract", targets: ["Extract"]),
        // What the libFuzzer targets in Fuzz/ run per input (they need not build the whole CLI).
        .library(name: "ClaimtrackFuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Run history store (SQLite).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // HTTP fetch of configured sources.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // A real HTTP server on 127.0.0.1 for the fetch tests only.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // A per-thread arena libxml2 allocates from while one page is parsed (C: thread-local state, mmap).
        .target(name: "CXMLArena", dependencies: ["CLibXML2"]),
        .target(name: "ClaimModel", swiftSettings: sharedSettings),
        .target(
            name: "Pipeline",
            dependencies: ["ClaimModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: sharedSettings
        ),
        .target(
            name: "Ingest",
            dependencies: ["ClaimModel", "Pipeline", "CLibXML2", "CXMLArena", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: sharedSettings
        ),
        .target(
            name: "Normalize",
            dependencies: ["ClaimModel", "Pipeline"],
            // The ECB monthly reference rates ship with the product: nothing is fetched at run time.
            exclude: ["Resources/SOURCE.md"],
            resources: [.copy("Resources/ecb_monthly.csv")],
            swiftSettings: sharedSettings
        ),
        .target(name: "Extract", dependencies: ["ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        .target(name: "Reconcile", dependencies: ["ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        .target(name: "Report", dependencies: ["ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        .target(
            name: "ClaimtrackCLI",
            dependencies: [
                "ClaimModel", "Pipeline", "Ingest", "Extract", "Normalize", "Reconcile", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sharedSettings
        ),
        .executableTarget(name: "claimtrack", dependencies: ["ClaimtrackCLI"], swiftSettings: sharedSettings),
        // The per-input work of the fuzz targets, shared by Fuzz/ and the fuzz regression tests.
        .target(name: "FuzzTargets", dependencies: ["ClaimModel", "Ingest", "Extract"], swiftSettings: sharedSettings),
        // What several test targets share (a seeded generator for property tests); not part of the product.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: sharedSettings),
        .testTarget(name: "ClaimModelTests", dependencies: ["ClaimModel"], swiftSettings: sharedSettings),
        // Ingest, Extract and Normalize: the store codec tests round-trip claims the real stages make from inputs/.
        // GRDB: the store tests write a store as an older schema left it, and make a transaction fail part way.
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "ClaimModel", "TestSupport", "Ingest", "Extract", "Normalize",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "ClaimModel", "Pipeline", "CLibXML2", "CXMLArena", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: sharedSettings
        ),
        .testTarget(name: "ExtractTests", dependencies: ["TestSupport", "Extract", "ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        .testTarget(name: "NormalizeTests", dependencies: ["TestSupport", "Normalize", "ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        .testTarget(name: "ReconcileTests", dependencies: ["TestSupport", "Reconcile", "ClaimModel", "Pipeline"], swiftSettings: sharedSettings),
        // Ingest, Extract and Normalize: the claim writer tests compare bytes on the claims the real stages make from inputs/.
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "ClaimModel", "Pipeline", "TestSupport", "Ingest", "Extract", "Normalize"],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ClaimtrackCLI", "ClaimModel", "Pipeline", "FuzzTargets", "TestSupport"],
            swiftSettings: sharedSettings
        ),
    ]
)
