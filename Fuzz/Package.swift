// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for claimtrack, kept out of the main package so `swift test` and CI never build them with the
// sanitizers. What each does per input lives in the main package's FuzzTargets module, which the fuzz regression
// tests replay. Build and run through ../scripts/fuzz.sh NAME MINUTES (it passes -sanitize=fuzzer,address).
let package = Package(
    name: "claimtrack-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "claimtrack", path: "..")],
    targets: [
        // The HTML and text readers: any bytes as an .html and as a .txt input.
        .executableTarget(
            name: "FuzzHTML",
            dependencies: [.product(name: "ClaimtrackFuzzTargets", package: "claimtrack")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // Every recognizer (numbers, money, percent, counts, dates, ranges, Units-pack quantities), with and without a reference day.
        .executableTarget(
            name: "FuzzRecognizers",
            dependencies: [.product(name: "ClaimtrackFuzzTargets", package: "claimtrack")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
