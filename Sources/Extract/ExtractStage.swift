public import ClaimModel
public import Pipeline

/// The extract stage: claims from every document's text (structured feed rows are turned into claims by the normalize stage).
public struct ExtractStage: Stage {
    public static let type = "extract"
    let builder: ClaimBuilder

    public init(options: ExtractOptions) throws(ConfigError) {
        if options.maxSentenceLength < 1 {
            throw ConfigError(path: "maxSentenceLength", found: "\(options.maxSentenceLength)", expected: "a positive integer")
        }
        builder = ClaimBuilder(options: options)
    }

    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        let builder = self.builder
        let (documents, results) = await context.forEachDocument(input.documents, stage: Self.type) { document in
            document.format == .feed ? [] : builder.claims(for: document)
        }
        var batch = input
        batch.documents = documents
        batch.claims = input.claims + results.compactMap { $0 }.flatMap { $0 }
        context.log(.info, "extract: \(batch.claims.count) claims from \(documents.count) documents")
        return batch
    }
}
