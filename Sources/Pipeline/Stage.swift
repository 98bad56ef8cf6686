public import ClaimModel
public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Options of a stage: decodable from `pipeline.json`, with every default in `defaults`.
///
/// `init(from:)` must fall back to `defaults` for each missing key, so decoding `{}` gives `defaults`.
public protocol StageOptions: Codable, Sendable, Equatable {
    /// The options used when `pipeline.json` leaves a key out.
    static var defaults: Self { get }
}

/// One step of the pipeline: a batch in, a batch out.
public protocol Stage: Sendable {
    associatedtype Options: StageOptions
    /// The key of this stage type in `pipeline.json`.
    static var type: String { get }
    /// Creates the stage; option values that decode but make no sense are rejected here.
    init(options: Options) throws(ConfigError)
    /// Runs the stage over the whole batch, which it owns: the caller keeps no copy.
    func run(_ input: consuming Batch, in context: StageContext) async throws -> Batch
}

/// A message severity for the run log.
public enum LogLevel: Int, Sendable, Comparable {
    case debug, info, warning, error
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Everything a stage may depend on besides its input, so a run is reproducible: no global state.
public struct StageContext: Sendable {
    /// The date the run reports as of (`--as-of`); never used to fill a missing publication date.
    public var asOf: CalendarDay
    /// The run id every output names.
    public var runID: String
    /// ISO 8601 time the run started (derived from `asOf` when the run is pinned for reproducibility).
    public var startedAt: String
    /// The folder of input documents.
    public var inputs: URL
    /// The folder outputs are written into.
    public var outputs: URL
    /// The folder of `pipeline.json`: relative paths in options resolve against it.
    public var projectDirectory: URL
    /// How many documents are processed at once in per-document stages.
    public var concurrency: Int
    /// A sink for log lines and progress.
    public var log: @Sendable (LogLevel, String) -> Void
    /// Seconds one document may spend in one per-document stage; nil runs bodies inline without a limit (unit tests).
    public var documentTimeLimit: Double?
    /// Ids of documents whose claims come from the run history: per-document stages after ingest pass them over.
    public var skippedDocuments: Set<String> = []
    /// The run history's cache of unchanged inputs; nil when the run has no store or runs `--full`.
    public var cache: IncrementalCache?
    /// Receives per-document progress (for the terminal display); nil when nobody watches.
    public var progress: (@Sendable (ProgressEvent) -> Void)?
    /// The digest of the last completed run's report (ids, statuses and values of its facts, its documents), which
    /// "changes since the last run" compares with; nil means the report in the outputs folder (a run without a history).
    public var previousReport: URL?
    /// Reads the run history: the values the given fact ids had on earlier nights (see `RunStore.factHistory`), for
    /// the report's night-by-night timelines; nil when the run keeps no history.
    public var factHistory: (@Sendable (_ factIDs: [String]) throws -> [String: [PastFactValue]])?

    public init(asOf: CalendarDay, runID: String, startedAt: String, inputs: URL, outputs: URL, projectDirectory: URL,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                documentTimeLimit: Double? = nil,
                log: @escaping @Sendable (LogLevel, String) -> Void = { _, _ in }) {
        self.asOf = asOf; self.runID = runID; self.startedAt = startedAt; self.inputs = inputs; self.outputs = outputs
        self.projectDirectory = projectDirectory; self.concurrency = max(1, concurrency); self.log = log
        self.documentTimeLimit = documentTimeLimit
    }
}

/// What the progress display is told: a stage began, or one more document of a stage is done.
public enum ProgressEvent: Sendable {
    /// Stage `index` (1-based) of `total` began.
    case stageStarted(index: Int, total: Int, id: String)
    /// `done` of `total` documents of the current per-document stage are finished.
    case documents(stage: String, done: Int, total: Int)
    /// The run is over; the display clears its line.
    case finished
}

extension StageContext {
    /// Runs `body` over every `ok` document concurrently, keeping input order.
    ///
    /// A document whose body throws, or runs past `documentTimeLimit`, is quarantined with the stage name and the
    /// reason; the batch goes on. Documents in `skippedDocuments` keep their status and get no result.
    public func forEachDocument<T: Sendable>(
        _ documents: [Document], stage: String,
        _ body: @escaping @Sendable (Document) throws -> T
    ) async -> (documents: [Document], results: [T?]) {
        var docs = documents
        var results = [T?](repeating: nil, count: documents.count)
        let skipped = skippedDocuments
        let work = documents.enumerated().filter { $0.element.status == .ok && !skipped.contains($0.element.id) }.map(\.offset)
        let width = concurrency
        var done = 0
        await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            var next = 0
            func submit() {
                guard next < work.count else { return }
                let index = work[next]
                let doc = documents[index]
                next += 1
                group.addTask { (index, await self.withTimeLimit(stage: stage, path: doc.path) { try body(doc) }) }
            }
            for _ in 0..<min(width, work.count) { submit() }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let value): results[index] = value
                case .failure(let error):
                    docs[index].status = .quarantined
                    docs[index].error = "\(stage): \(error)"
                    log(.warning, "quarantined '\(documents[index].path)': \(stage): \(error)")
                }
                done += 1
                documentFinished(stage: stage, done: done, total: work.count)
                submit()
            }
        }
        return (docs, results)
    }

    /// Runs one document's work under `documentTimeLimit`, on a thread of its own so a runaway body cannot starve
    /// the concurrency pool.
    ///
    /// Swift cannot stop a thread, so a body past the limit is abandoned, not killed: it keeps its CPU and memory until
    /// it returns or the process exits, while the batch goes on without it. A process per document would reclaim them
    /// but costs a spawn and a serialisation per document; the time limit is meant for rare pathological inputs.
    public func withTimeLimit<T: Sendable>(stage: String, path: String,
                                           _ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        let hang = TestHooks.hangs(stage: stage, path: path)
        guard let limit = documentTimeLimit else {
            if hang { return .failure(DocumentTimeLimitExceeded(seconds: 0)) }
            return Result { try body() }
        }
        return await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let thread = Thread {
                once.recordThread()
                if hang { Thread.sleep(forTimeInterval: limit * 4 + 5) }
                once.resume(Result { try body() })
            }
            // Parsers recurse; give them more stack than a secondary thread's default.
            thread.stackSize = 16 << 20
            thread.name = "claimtrack \(stage)"
            // The timer fires even when the body finished first; `ResumeOnce` makes that late call a no-op.
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
                if once.resume(.failure(DocumentTimeLimitExceeded(seconds: limit))) { once.demoteThread() }
            }
            thread.start()
        }
    }

    /// Tells the progress display one more document of `stage` is done, and kills the process at a test crash point.
    public func documentFinished(stage: String, done: Int, total: Int) {
        progress?(.documents(stage: stage, done: done, total: total))
        CrashPoint.reached("\(stage):\(done)")
    }
}

/// A document that ran past the per-document time limit.
public struct DocumentTimeLimitExceeded: Error, Sendable, CustomStringConvertible {
    /// The limit in force.
    public let seconds: Double
    /// `timed out after 30s; expected ...`.
    public var description: String {
        let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "timed out after \(shown)s; expected each document to finish within run.documentTimeLimitSeconds"
    }
}

/// Resumes a continuation from whichever of the worker and the timer comes first, exactly once.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<T, any Error>, Never>?

    init(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) { self.continuation = continuation }

    private var threadID: pid_t = 0

    /// Returns whether this call was the one that resumed.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: result)
        return pending != nil
    }

    /// Called on the worker thread: notes its kernel thread id, so an abandoned worker can be demoted.
    func recordThread() {
        #if os(Linux)
        // Glibc's gettid() is not visible to Swift; /proc/thread-self links to "<pid>/task/<tid>".
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        guard let id = link.split(separator: "/").last.flatMap({ pid_t($0) }) else { return }
        lock.lock()
        threadID = id
        lock.unlock()
        #endif
    }

    /// Lowers an abandoned worker to the lowest CPU priority (nice 19), so the rest of the batch keeps the cores
    /// while it runs on to its end.
    func demoteThread() {
        #if os(Linux)
        lock.lock()
        let id = threadID
        lock.unlock()
        if id > 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(id), 19) }
        #endif
    }
}

/// A problem in `pipeline.json`: where, what was found, what was expected.
public struct ConfigIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// JSON path such as `$.stages[1].options.tolerance`.
    public var path: String
    /// The offending value as JSON text, or `missing`.
    public var found: String
    /// What would have been accepted.
    public var expected: String
    public init(path: String, found: String, expected: String) {
        self.path = path; self.found = found; self.expected = expected
    }
    public var description: String { "\(path): found \(found), expected \(expected)" }
}

/// All problems found in a config, reported together.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]
    public init(_ issues: [ConfigIssue]) { self.issues = issues }
    public init(path: String, found: String, expected: String) {
        self.issues = [ConfigIssue(path: path, found: found, expected: expected)]
    }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
