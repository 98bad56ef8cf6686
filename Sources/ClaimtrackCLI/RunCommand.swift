public import ArgumentParser
import ClaimModel
import Foundation
import Pipeline

/// `claimtrack run`: the nightly batch over the inputs folder.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline over the inputs folder and write the reports.",
        discussion: "Exit 0 when the run completed (quarantined inputs are reported, not fatal), 1 when it could not complete, 2 on a config error."
    )

    @Option(name: .long, help: "The pipeline config.") var config = "pipeline.json"
    @Option(name: .long, help: "The folder of input documents.") var inputs = "inputs"
    @Option(name: .long, help: "The folder the reports are written into.") var outputs = "outputs"
    @Option(name: .customLong("as-of"), help: "Report as of this date (YYYY-MM-DD); pins the run id and timestamps for reproducible output.")
    var asOf: String?
    @Flag(name: .long, help: "Print only errors and the summary line.") var quiet = false
    @Flag(name: .long, help: "Print debug lines too.") var verbose = false

    public init() {}

    public func run() async throws {
        let pipeline = try loadConfig(config)
        let pinned: CalendarDay?
        if let asOf {
            guard let day = CalendarDay(iso: asOf) else {
                printError("claimtrack: --as-of '\(asOf)' is not a date, expected YYYY-MM-DD")
                throw ExitCode(2)
            }
            pinned = day
        } else {
            pinned = nil
        }
        let inputsURL = URL(fileURLWithPath: inputs, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputsURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("claimtrack: inputs folder '\(inputs)' does not exist or is not a folder")
            throw ExitCode(1)
        }
        let outputsURL = URL(fileURLWithPath: outputs, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: outputsURL, withIntermediateDirectories: true)
        } catch {
            printError("claimtrack: cannot create outputs folder '\(outputs)': \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let started = Date()
        let asOfDay = pinned ?? todayUTC()
        let configBytes = FileManager.default.contents(atPath: config).map(Array.init) ?? []
        // A pinned run gets an id and timestamps derived from its inputs, so the same run writes the same bytes.
        let runID: String
        let startedAt: String
        if let pinned {
            runID = "run-\(pinned.iso)-" + String(SHA256.hex(configBytes + Array(pinned.iso.utf8)).prefix(8))
            startedAt = "\(pinned.iso)T00:00:00Z"
        } else {
            runID = "run-" + timestamp(started).replacingOccurrences(of: ":", with: "") + "-" + String(UUID().uuidString.prefix(8)).lowercased()
            startedAt = timestamp(started)
        }
        let level: LogLevel = quiet ? .error : (verbose ? .debug : .info)
        let context = StageContext(
            asOf: asOfDay, runID: runID, startedAt: startedAt, inputs: inputsURL, outputs: outputsURL,
            projectDirectory: URL(fileURLWithPath: config).deletingLastPathComponent(),
            log: { lineLevel, message in if lineLevel >= level { printError(message) } })
        let batch: Batch
        do {
            batch = try await Runner(config: pipeline).run(context: context)
        } catch {
            printError("claimtrack: run \(runID) could not complete: \(error)")
            throw ExitCode(1)
        }
        let quarantined = batch.documents.filter { $0.status == .quarantined }.count
        let conflicts = batch.facts.filter { $0.status == .conflict }.count
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        print("claimtrack: run \(runID) completed: \(batch.documents.count) documents (\(quarantined) quarantined), \(batch.claims.count) claims, \(batch.facts.count) facts (\(conflicts) conflicts), \(batch.checks.count) checks in \(seconds) s → \(outputs)/")
    }
}
