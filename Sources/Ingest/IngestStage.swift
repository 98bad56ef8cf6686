public import ClaimModel
public import Pipeline
import Foundation

/// The first stage: every input file under `context.inputs` becomes a `Document`.
public struct IngestStage: Stage {
    /// The key of this stage in `pipeline.json`.
    public static let type = "ingest"
    /// The options this stage was created with.
    public let options: IngestOptions

    /// Creates the stage, rejecting a non-positive size limit or an unknown feed extension.
    public init(options: IngestOptions) throws(ConfigError) {
        let issues = options.issues(at: "$.options")
        if !issues.isEmpty { throw ConfigError(issues) }
        self.options = options
    }

    /// Walks the inputs folder and reads every document in it concurrently, then fetches the configured `sources`;
    /// the result is sorted by path (a fetched document's path is its URL).
    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        // The fetch cache is never read as plain inputs, even when configured inside the inputs folder.
        let fetchCache = options.sources.isEmpty ? [] : [SourceFetcher.cacheFolder(options.fetch, projectDirectory: context.projectDirectory)]
        let walk = InputWalker(root: context.inputs, followSymlinksInsideRoot: options.followSymlinksInsideInputs,
                               excluded: fetchCache).walk()
        let files = walk.files
        for skipped in walk.skipped {
            context.log(.debug, "skipped '\(skipped.path)': \(skipped.reason)")
        }
        let options = self.options
        var documents = [Document?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, Document).self) { group in
            var next = 0
            func submit() {
                guard next < files.count else { return }
                let index = next
                let file = files[index]
                next += 1
                group.addTask {
                    // Incremental runs (owned by the run-history work in Pipeline/Store): a file unchanged since the
                    // last run comes back parsed from the store without being read.
                    if let cached = context.cache?.cachedDocument(at: file.url, relativePath: file.relativePath) {
                        return (index, cached)
                    }
                    // The run's per-document time limit also covers parsing, so one pathological file cannot stall the batch.
                    let read = await context.withTimeLimit(stage: IngestStage.type, path: file.relativePath) {
                        DocumentReader.read(fileAt: file.url, relativePath: file.relativePath, options: options)
                    }
                    switch read {
                    case .success(let document): return (index, document)
                    case .failure(let error):
                        let id = Document.id(forContent: Array(("unread:" + file.relativePath).utf8))
                        return (index, .quarantined(path: file.relativePath, id: id,
                                                    format: DocumentReader.guessFormat(relativePath: file.relativePath, options: options),
                                                    reason: "ingest: \(error)"))
                    }
                }
            }
            // Twice the workers' number submitted, so each worker finds its next file queued when it finishes one.
            for _ in 0..<min(2 * context.concurrency, files.count) { submit() }
            var done = 0
            while let (index, document) = await group.next() {
                documents[index] = document
                done += 1
                context.documentFinished(stage: IngestStage.type, done: done, total: files.count)
                if document.status == .quarantined {
                    context.log(.warning, "quarantined '\(document.path)': \(document.error ?? "no reason")")
                }
                submit()
            }
        }
        let fetched = await SourceFetcher.documents(for: options, in: context)
        var output = input
        output.documents = (input.documents + documents.compactMap { $0 } + fetched).sorted { $0.path < $1.path }
        return output
    }
}
