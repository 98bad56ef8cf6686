public import ClaimModel
import Foundation

/// Runs the configured stages in order over one batch.
public struct Runner: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// Runs every stage; a stage that throws ends the run (per-document failures are quarantined inside stages).
    public func run(context: StageContext, initial: Batch = Batch()) async throws -> Batch {
        var batch = initial
        let total = config.stages.count
        for (index, stage) in config.stages.enumerated() {
            let clock = ContinuousClock.now
            context.log(.info, "[\(index + 1)/\(total)] \(stage.id) (\(stage.type))")
            do {
                batch = try await stage.run(batch, in: context)
            } catch {
                throw StageFailure(stage: stage.id, underlying: error)
            }
            let elapsed = ContinuousClock.now - clock
            context.log(.info, "[\(index + 1)/\(total)] \(stage.id) done: \(batch.documents.count) documents, \(batch.claims.count) claims, \(batch.facts.count) facts in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
        }
        return batch
    }
}

/// A stage that could not complete, so the run cannot either.
public struct StageFailure: Error, CustomStringConvertible {
    public let stage: String
    public let underlying: any Error
    public var description: String { "stage '\(stage)' failed: \(underlying)" }
}
