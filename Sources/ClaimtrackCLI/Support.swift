import ArgumentParser
internal import ClaimModel
import Foundation
internal import Pipeline

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes bytes to standard output.
func writeOut(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
}

/// One JSON line for a value, keys sorted so output is stable.
func jsonLine<T: Encodable>(_ value: T) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value)) + [0x0A]
}

/// Loads `pipeline.json`, printing every problem and exiting 2 when it is invalid.
func loadConfig(_ path: String) throws -> PipelineConfig {
    let url = URL(fileURLWithPath: path)
    switch PipelineConfig.load(contentsOf: url, factories: StageRegistry.builtIn) {
    case .success(let config): return config
    case .failure(let error):
        printError("claimtrack: '\(path)' is not a valid pipeline config (\(error.issues.count) problem\(error.issues.count == 1 ? "" : "s")):")
        for issue in error.issues { printError("  \(issue)") }
        throw ExitCode(2)
    }
}

/// Today's date in UTC, the default as-of date of a run.
func todayUTC() -> CalendarDay {
    CalendarDay(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
}

/// An ISO 8601 UTC timestamp.
func timestamp(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
}
