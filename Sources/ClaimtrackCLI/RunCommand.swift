public import ArgumentParser
import ClaimModel
import Foundation
import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

extension LogFormat: ExpressibleByArgument {}

/// `claimtrack run`: the nightly batch over the inputs folder.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline over the inputs folder and write the reports.",
        discussion: """
            Exit 0 when the run completed (quarantined inputs are reported, not fatal, and counted in the summary line), \
            1 when it could not complete (another run holds the lock, a stage or the store failed), 2 on a config error. \
            The last line on standard output is a one-line summary.
            """
    )

    @Option(name: .long, help: "The pipeline config.") var config = "pipeline.json"
    @Option(name: .long, help: "The folder of input documents.") var inputs = "inputs"
    @Option(name: .long, help: "The folder the reports are written into.") var outputs = "outputs"
    @Option(name: .customLong("as-of"), help: "Report as of this date (YYYY-MM-DD); pins the run id and timestamps for reproducible output.")
    var asOf: String?
    @Flag(name: .long, help: "Parse and extract every document again, ignoring what the run history holds.") var full = false
    @Flag(name: .long, help: "Print only errors and the summary line.") var quiet = false
    @Flag(name: .long, help: "Print debug lines too.") var verbose = false
    @Option(name: .customLong("log-format"), help: "Log lines as 'text' or 'json' (one object a line, summary included).")
    var logFormat: LogFormat = .text

    public init() {}

    public func run() async throws {
        let started = Date()
        let level: LogLevel = quiet ? .error : (verbose ? .debug : .info)
        let logger = RunLogger(format: logFormat, level: level, progressAllowed: !quiet)
        let pipeline: PipelineConfig
        do {
            pipeline = try loadConfig(config)
        } catch {
            summary(RunSummary(status: "config-error", exitCode: 2, message: "'\(config)' is not a valid pipeline config"))
            throw error
        }
        let pinned: CalendarDay?
        if let asOf {
            guard let day = CalendarDay(iso: asOf) else {
                printError("claimtrack: --as-of '\(asOf)' is not a date, expected YYYY-MM-DD")
                summary(RunSummary(status: "config-error", exitCode: 2, message: "--as-of '\(asOf)' is not a date"))
                throw ExitCode(2)
            }
            pinned = day
        } else {
            pinned = nil
        }
        let inputsURL = URL(fileURLWithPath: inputs, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputsURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fail(logger, nil, "inputs folder '\(inputs)' does not exist or is not a folder")
        }
        let outputsURL = URL(fileURLWithPath: outputs, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: outputsURL, withIntermediateDirectories: true)
        } catch {
            fail(logger, nil, "cannot create outputs folder '\(outputs)': \(error.localizedDescription)")
        }
        // One run at a time per outputs folder: the lock covers the reports and the store beside them.
        let lock: RunLock
        do {
            lock = try RunLock(path: outputsURL.appendingPathComponent("claimtrack.lock").path)
        } catch {
            fail(logger, nil, "\(error)")
        }
        if let dead = lock.tookOverFrom {
            logger.log(.warning, "took over the lock '\(lock.path)' left by run pid \(dead), which is no longer running")
        }
        CrashPoint.reached("lock")
        let asOfDay = pinned ?? todayUTC()
        let configBytes = FileManager.default.contents(atPath: config).map(Array.init) ?? []
        let (runID, startedAt) = RunCommand.identity(pinned: pinned, configBytes: configBytes, started: started)
        logger.setRun(runID)
        let projectDirectory = URL(fileURLWithPath: config).deletingLastPathComponent()
        let storeURL = pipeline.store.resolvedURL(outputs: outputsURL, projectDirectory: projectDirectory)
        let perDocument = pipeline.stages.prefix { StageRegistry.perDocumentTypes.contains($0.type) }.count
        let store: RunStore
        let cache: IncrementalCache
        let baseline: URL
        do {
            store = try RunStore(url: storeURL)
            let key = IncrementalCache.key(for: Array(pipeline.stages.prefix(perDocument)))
            let interrupted = try store.beginRun(RunStart(id: runID, asOf: asOfDay.iso, startedAt: startedAt,
                                                          configHash: SHA256.hex(configBytes), cacheKey: key, full: full))
            if interrupted > 0 { logger.log(.warning, "marked \(interrupted) earlier run(s) that never finished as interrupted") }
            cache = try IncrementalCache(store: store, key: key, lookups: !full, runID: runID)
            baseline = try RunCommand.keepBaseline(outputs: outputsURL, lastCompleted: try store.lastCompletedRunID(), current: runID)
        } catch {
            fail(logger, runID, "the run history '\(storeURL.path)' cannot be used: \(error)")
        }
        var context = StageContext(
            asOf: asOfDay, runID: runID, startedAt: startedAt, inputs: inputsURL, outputs: outputsURL,
            projectDirectory: projectDirectory,
            concurrency: pipeline.run.concurrency ?? ProcessInfo.processInfo.activeProcessorCount,
            documentTimeLimit: pipeline.run.documentTimeLimitSeconds,
            log: { lineLevel, message in logger.log(lineLevel, message) })
        context.cache = cache
        context.previousReport = baseline
        context.factHistory = { ids in try store.factHistory(ids: ids, before: asOfDay) }
        context.progress = { event in logger.progress(event) }
        let batch: Batch
        do {
            batch = try await Runner(config: pipeline, perDocumentStages: perDocument).run(context: context)
        } catch {
            logger.progress(.finished)
            let message = "run \(runID) could not complete: \(error)"
            try? store.failRun(id: runID, end: RunEnd(finishedAt: timestamp(Date()), exitCode: 1,
                                                      durationSeconds: Date().timeIntervalSince(started), message: message))
            fail(logger, runID, message)
        }
        logger.progress(.finished)
        let seconds = Date().timeIntervalSince(started)
        do {
            try store.completeRun(id: runID, asOf: asOfDay.iso, batch: batch, cache: cache,
                                  end: RunEnd(finishedAt: timestamp(Date()), exitCode: 0, durationSeconds: seconds))
        } catch {
            fail(logger, runID, "the outputs are written but the run history '\(storeURL.path)' could not record run \(runID): \(error)")
        }
        withExtendedLifetime(lock) {}
        var result = RunSummary(status: "completed", exitCode: 0, message: nil)
        result.run = runID
        result.documents = batch.documents.count
        result.quarantined = batch.documents.filter { $0.status == .quarantined }.count
        result.reused = cache.reusedDocuments.count
        result.claims = batch.claims.count
        result.facts = batch.facts.count
        result.conflicts = batch.facts.filter { $0.status == .conflict }.count
        result.checks = batch.checks.count
        result.seconds = (seconds * 100).rounded() / 100
        result.outputs = outputs
        summary(result)
    }

    /// The run id and start time. A pinned run gets them derived from its config and as-of date, so the same run
    /// writes the same bytes (`reconcile` names its runs the same way, so both write the same reports).
    static func identity(pinned: CalendarDay?, configBytes: [UInt8], started: Date) -> (id: String, startedAt: String) {
        guard let pinned else {
            return ("run-" + timestamp(started).replacingOccurrences(of: ":", with: "") + "-" + String(UUID().uuidString.prefix(8)).lowercased(),
                    timestamp(started))
        }
        return ("run-\(pinned.iso)-" + String(SHA256.hex(configBytes + Array(pinned.iso.utf8)).prefix(8)), "\(pinned.iso)T00:00:00Z")
    }

    /// The digest of the last completed run's `report.json` that "changes" compares with, refreshed when the report
    /// in place is that run's.
    ///
    /// The report in place is not always the last completed run's: a run killed after renaming its report but before
    /// the store marked it complete leaves its own report behind, and a pinned run repeated under the same id finds
    /// its own. In both cases the digest from before is kept, so the rerun writes what a clean run would.
    static func keepBaseline(outputs: URL, lastCompleted: String?, current: String) throws -> URL {
        let baseline = outputs.appendingPathComponent(".claimtrack-previous-digest.json")
        // Earlier versions kept a whole copy of the report; the digest replaces it.
        unlink(outputs.appendingPathComponent(".claimtrack-previous-report.json").path)
        guard let lastCompleted, lastCompleted != current, let digest = ReportDigestFile.current(in: outputs),
              digest.run == lastCompleted else { return baseline }
        // Temporary file and rename, like every other output.
        try ReportDigestFile.write(digest, to: baseline)
        return baseline
    }

    /// Logs why the run cannot go on, prints the summary line and exits 1.
    private func fail(_ logger: RunLogger, _ runID: String?, _ message: String) -> Never {
        logger.log(.error, "claimtrack: " + message)
        var result = RunSummary(status: "failed", exitCode: 1, message: message)
        result.run = runID
        summary(result)
        Foundation.exit(1)
    }

    /// The one-line summary on standard output, the last line a cron mail or journal shows.
    private func summary(_ s: RunSummary) {
        switch logFormat {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(s) { writeOut(Array(data) + [0x0A]) }
        case .text:
            let line: String
            if s.exitCode == 0 {
                line = "claimtrack: run \(s.run ?? "?") completed: \(s.documents ?? 0) documents (\(s.quarantined ?? 0) quarantined, "
                    + "\(s.reused ?? 0) reused), \(s.claims ?? 0) claims, \(s.facts ?? 0) facts (\(s.conflicts ?? 0) conflicts), "
                    + "\(s.checks ?? 0) checks in \(String(format: "%.2f", s.seconds ?? 0)) s → \(s.outputs ?? outputs)/"
            } else {
                line = "claimtrack: run \(s.run ?? "not started") \(s.status) (exit \(s.exitCode)): \(s.message ?? "")"
            }
            writeOut(Array((line + "\n").utf8))
        }
    }
}

/// The summary line's fields; in JSON mode it is printed as is.
struct RunSummary: Encodable {
    /// Always `summary`, so log readers can tell it from log lines.
    var event = "summary"
    /// `completed`, `failed` or `config-error`.
    var status: String
    /// The process exit status.
    var exitCode: Int
    /// Why the run did not complete.
    var message: String?
    var run: String?
    var documents: Int?
    var quarantined: Int?
    var reused: Int?
    var claims: Int?
    var facts: Int?
    var conflicts: Int?
    var checks: Int?
    var seconds: Double?
    var outputs: String?

    init(status: String, exitCode: Int, message: String?) {
        self.status = status; self.exitCode = exitCode; self.message = message
    }
}
