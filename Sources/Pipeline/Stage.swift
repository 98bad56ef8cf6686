public import ClaimModel
public import Foundation

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
    /// Whether the stage reads the documents' full `text`. When no later stage does, a stage may drop it once read
    /// (`StageContext.documentTextNeededLater`); the text is most of a document's memory.
    static var readsDocumentText: Bool { get }
}

extension Stage {
    /// Stages read document text unless they say otherwise.
    public static var readsDocumentText: Bool { true }
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
    /// The threads per-document work runs on under `documentTimeLimit`; one pool per process unless a test names its own.
    public var workers: DocumentWorkers = .shared
    /// Whether a stage after the current one reads the documents' `text` (`Stage.readsDocumentText`); when not, the
    /// current stage may drop it once it has read it. The runner sets it before each stage.
    public var documentTextNeededLater = true

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
            // Twice the workers' number submitted, so each worker finds its next document queued when it finishes one.
            for _ in 0..<min(2 * width, work.count) { submit() }
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

    /// Runs one document's work under `documentTimeLimit`, on one of `workers`' threads (at most `concurrency` of them
    /// at once), so a runaway body cannot starve the concurrency pool.
    ///
    /// Swift cannot stop a thread, so a body past the limit is abandoned, not killed: it keeps its worker thread, CPU
    /// and memory until it returns or the process exits, while the batch goes on without it (see `DocumentWorkers`).
    /// A process per document would reclaim them but costs a spawn and a serialisation per document; the time limit is
    /// meant for rare pathological inputs.
    public func withTimeLimit<T: Sendable>(stage: String, path: String,
                                           _ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        let hang = TestHooks.hangs(stage: stage, path: path)
        guard let limit = documentTimeLimit else {
            if hang { return .failure(DocumentTimeLimitExceeded(seconds: 0)) }
            return Result { try body() }
        }
        return await workers.run(limit: limit, width: concurrency, hang: hang, body)
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
