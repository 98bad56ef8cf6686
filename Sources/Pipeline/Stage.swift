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
    /// Runs the stage over the whole batch.
    func run(_ input: Batch, in context: StageContext) async throws -> Batch
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

    public init(asOf: CalendarDay, runID: String, startedAt: String, inputs: URL, outputs: URL, projectDirectory: URL,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: @escaping @Sendable (LogLevel, String) -> Void = { _, _ in }) {
        self.asOf = asOf; self.runID = runID; self.startedAt = startedAt; self.inputs = inputs; self.outputs = outputs
        self.projectDirectory = projectDirectory; self.concurrency = max(1, concurrency); self.log = log
    }
}

extension StageContext {
    /// Runs `body` over every `ok` document concurrently, keeping input order.
    ///
    /// A document whose body throws is quarantined with the stage name and the error; the batch goes on.
    public func forEachDocument<T: Sendable>(
        _ documents: [Document], stage: String,
        _ body: @escaping @Sendable (Document) throws -> T
    ) async -> (documents: [Document], results: [T?]) {
        var docs = documents
        var results = [T?](repeating: nil, count: documents.count)
        let work = documents.enumerated().filter { $0.element.status == .ok }.map(\.offset)
        let width = concurrency
        await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            var next = 0
            func submit() {
                guard next < work.count else { return }
                let index = work[next]
                let doc = documents[index]
                next += 1
                group.addTask { (index, Result { try body(doc) }) }
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
                submit()
            }
        }
        return (docs, results)
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
