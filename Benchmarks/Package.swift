// swift-tools-version: 6.1
import PackageDescription

// A package of its own, so `swift test` in the main package never builds the benchmark harness.
let package = Package(
    name: "claimtrack-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "claimtrack", path: ".."),
        // The run history benchmark writes the v2 history with GRDB directly, as its peer.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // libxml2 again, for the parse-only reference rate measured beside claimtrack in the same run.
        .systemLibrary(name: "CLibXML2Bench", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        // Clocks and exit helper shared by the benchmarks.
        .target(name: "BenchmarkSupport"),
        .executableTarget(
            name: "HTMLIngestBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), "CLibXML2Bench", "BenchmarkSupport"]
        ),
        // The value recognizer over the sample articles' sentences; scripts/bench-recognize.sh puts Recognizers-Text beside it.
        // Only the recognizers (the ClaimtrackExtract product): the benchmark does not build, or wait on, the rest of the CLI.
        .executableTarget(
            name: "RecognizeBenchmark",
            dependencies: [.product(name: "ClaimtrackExtract", package: "claimtrack"), "BenchmarkSupport"]
        ),
        // The ingest stage over a small and a large generated corpus: time per document of each, and their ratio.
        .executableTarget(
            name: "IngestScaleBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), "BenchmarkSupport"]
        ),
        // Reading back the incremental cache's rows: the binary StoreCodec beside JSONDecoder on the same real claims.
        .executableTarget(
            name: "StoreCodecBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), "BenchmarkSupport"]
        ),
        // Writing claims.jsonl lines, report.json claims and claims.csv rows: the hand-written writers beside JSONEncoder
        // and the string-built row on the same real claims.
        .executableTarget(
            name: "ClaimWriteBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), "BenchmarkSupport"]
        ),
        // Copy detection and the reliability rounds beside the ways they were done before, on claims from a corpus.
        .executableTarget(
            name: "ReconcileBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), "BenchmarkSupport"]
        ),
        // Recording a night in the run history (`RunStore.completeRun`) beside v2's statements on the same synthetic claims.
        .executableTarget(
            name: "StoreHistoryBenchmark",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack"), .product(name: "GRDB", package: "GRDB.swift"),
                           "BenchmarkSupport"]
        ),
    ]
)
