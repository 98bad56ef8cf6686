// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for claimtrack, kept out of the main package so `swift test` and CI never build them.
// Build and run through ../scripts/fuzz.sh NAME MINUTES (it passes -sanitize=fuzzer,address).
let package = Package(
    name: "claimtrack-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "claimtrack", path: "..")],
    targets: [
        // The HTML reader: any bytes as an .html input.
        .executableTarget(
            name: "FuzzHTML",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The number, money, percent and date recognizers, with and without a reference date.
        .executableTarget(
            name: "FuzzRecognizers",
            dependencies: [.product(name: "ClaimtrackCLI", package: "claimtrack")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
