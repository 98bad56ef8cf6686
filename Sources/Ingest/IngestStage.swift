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

    /// Walks the inputs folder and reads every document in it concurrently; the result is sorted by path.
    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        let walk = InputWalker(root: context.inputs, followSymlinksInsideRoot: options.followSymlinksInsideInputs).walk()
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
                group.addTask { (index, DocumentReader.read(fileAt: file.url, relativePath: file.relativePath, options: options)) }
            }
            for _ in 0..<min(context.concurrency, files.count) { submit() }
            while let (index, document) = await group.next() {
                documents[index] = document
                if document.status == .quarantined {
                    context.log(.warning, "quarantined '\(document.path)': \(document.error ?? "no reason")")
                }
                submit()
            }
        }
        var output = input
        output.documents = (input.documents + documents.compactMap { $0 }).sorted { $0.path < $1.path }
        return output
    }
}
