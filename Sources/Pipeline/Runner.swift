public import ClaimModel
import Foundation

/// Runs the configured stages in order over one batch.
public struct Runner: Sendable {
    public let config: PipelineConfig
    /// How many leading stages work document by document (ingest, extract, normalize): their results per document
    /// are what the incremental cache keeps, and after them claims are put in document order.
    public let perDocumentStages: Int

    /// Creates a runner; `perDocumentStages` 0 turns the per-document bookkeeping off.
    public init(config: PipelineConfig, perDocumentStages: Int = 0) {
        self.config = config
        self.perDocumentStages = min(perDocumentStages, config.stages.count)
    }

    /// Runs every stage; a stage that throws ends the run (per-document failures are quarantined inside stages).
    ///
    /// With a cache in the context, documents the store already holds skip the per-document stages after the first,
    /// and their stored claims rejoin the batch before the whole-batch stages (reconcile, report) run over everything.
    public func run(context: StageContext, initial: Batch = Batch()) async throws -> Batch {
        var batch = initial
        var context = context
        var restored: [String: [Claim]] = [:]
        let total = config.stages.count
        for (index, stage) in config.stages.enumerated() {
            let clock = ContinuousClock.now
            let cpu = ProcessCPU.seconds()
            CrashPoint.reached("before:\(stage.id)")
            context.log(.info, "[\(index + 1)/\(total)] \(stage.id) (\(stage.type))")
            context.progress?(.stageStarted(index: index + 1, total: total, id: stage.id))
            // A stage may drop document text it has read when no stage after it reads text.
            context.documentTextNeededLater = config.stages[(index + 1)...].contains { $0.readsDocumentText }
            do {
                // Handed over: the runner keeps no reference, so a stage may change claims without copying them.
                let input = batch
                batch = Batch()
                batch = try await stage.run(consume input, in: context)
            } catch {
                throw StageFailure(stage: stage.id, underlying: error)
            }
            if index == 0, perDocumentStages > 1, let cache = context.cache {
                restored = cache.reusable(batch.documents)
                context.skippedDocuments = Set(restored.keys)
                let unread = cache.skippedParses
                context.log(.info, "incremental: \(restored.count) documents reused from the store (\(unread) not read again), "
                    + "\(batch.documents.count - restored.count) processed")
            }
            if index == perDocumentStages - 1 {
                if !restored.isEmpty {
                    // One copy of the stored claims per document entry, as a clean run lists them.
                    for document in batch.documents where document.status == .ok {
                        if let claims = restored[document.id] { batch.claims.append(contentsOf: claims) }
                    }
                }
                batch.claims = Runner.inDocumentOrder(batch.claims, documents: batch.documents)
                // The cache keeps uncapped results, so a restored document is capped (and warned about) like a fresh one.
                context.cache?.recordFresh(batch)
                batch = Runner.capClaims(batch, at: config.run.maxClaimsPerDocument, log: context.log)
                context.skippedDocuments = []
            }
            let elapsed = ContinuousClock.now - clock
            // Wall and CPU time (user + system, all threads) of the stage: CPU above wall means several cores were busy.
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            // What the stage freed goes back to the system before the next one allocates (heap holes left by freed
            // parse trees and transient copies otherwise stay resident and add to the peak).
            ProcessMemory.releaseFreePages()
            let stageCPU = ProcessCPU.seconds() - cpu
            // Resident memory after the stage and the peak so far: which stage sets the run's peak.
            let memory = ProcessMemory.megabytes().map { String(format: ", rss %.0f MB, peak %.0f MB", $0.current, $0.peak) } ?? ""
            context.log(.info, "[\(index + 1)/\(total)] \(stage.id) done: \(batch.documents.count) documents, \(batch.claims.count) claims, \(batch.facts.count) facts in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))"
                + " (wall \(String(format: "%.3f", wall)) s, cpu \(String(format: "%.3f", stageCPU)) s\(memory))")
            CrashPoint.reached("after:\(stage.id)")
        }
        return batch
    }

    /// Keeps at most `limit` claims per document entry (the first ones, in text order); the document carries a warning
    /// saying how many were dropped, so the report tells the reviewer.
    public static func capClaims(_ batch: Batch, at limit: Int, log: @Sendable (LogLevel, String) -> Void) -> Batch {
        var counts: [String: Int] = [:]
        for claim in batch.claims { counts[claim.document, default: 0] += 1 }
        var copies: [String: Int] = [:]
        for document in batch.documents where document.status == .ok { copies[document.id, default: 0] += 1 }
        // Identical copies under several paths share an id, so the cap applies per copy.
        let over = counts.filter { $0.value > limit * max(1, copies[$0.key] ?? 1) }
        guard !over.isEmpty else { return batch }
        var out = batch
        var kept: [String: Int] = [:]
        out.claims = batch.claims.filter { claim in
            guard over[claim.document] != nil else { return true }
            kept[claim.document, default: 0] += 1
            return kept[claim.document, default: 0] <= limit * max(1, copies[claim.document] ?? 1)
        }
        for i in out.documents.indices {
            guard let total = over[out.documents[i].id] else { continue }
            let perCopy = total / max(1, copies[out.documents[i].id] ?? 1)
            let message = "kept the first \(limit) of \(perCopy) claims (run.maxClaimsPerDocument)"
            out.documents[i].warnings.append(message)
            log(.warning, "'\(out.documents[i].path)': \(message)")
        }
        return out
    }

    /// Claims grouped by their document's position in the batch, keeping their order within a document, so a run that
    /// restores some claims from the store lists them exactly as a run that extracts everything.
    public static func inDocumentOrder(_ claims: [Claim], documents: [Document]) -> [Claim] {
        var position: [String: Int] = [:]
        for (i, document) in documents.enumerated() where position[document.id] == nil { position[document.id] = i }
        // Each claim's place looked up once, not at every comparison of the sort.
        let places = claims.map { position[$0.document] ?? Int.max }
        let order = claims.indices.sorted { (places[$0], $0) < (places[$1], $1) }
        return order.map { claims[$0] }
    }
}

/// A stage that could not complete, so the run cannot either.
public struct StageFailure: Error, CustomStringConvertible {
    public let stage: String
    public let underlying: any Error
    public var description: String { "stage '\(stage)' failed: \(underlying)" }
}
