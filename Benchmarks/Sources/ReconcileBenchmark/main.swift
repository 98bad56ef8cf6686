// Measures two parts of the reconcile stage beside the ways they were done before, in one process on the same
// documents and claims, and prints the ratios:
//
// - copy detection: the posting table looked up on both cores (`CopyDetection.nearDuplicates`) against the index as
//   first written (`CopyDetection.plainNearDuplicates`: dictionaries of posting arrays, one core);
// - reliability rounds: facts prepared once and reused from round to round (`FactBuilder.Prepared`) against every
//   round preparing each fact again.
//
// The documents and claims come from a corpus folder through the ingest, extract and normalize stages with default
// options (a `make_corpus.py` corpus as scripts/bench-scale.sh makes them, or any inputs folder). Each round runs the
// whole reconciliation three ways, in turn (the default, plain copy detection, preparation in each round), and the
// results of the three must be the same (facts, checks, sources, claims) or the benchmark stops. Figures are medians
// over the rounds; both ways run on every core, as in a nightly run.
//
// Usage: ReconcileBenchmark CORPUS [--rounds N]      e.g. ReconcileBenchmark /tmp/claimtrack-scale/c10000
// Ends with a `key=value` line for scripts.
import BenchmarkSupport
import ClaimModel
import Extract
import Foundation
import Ingest
import Normalize
import Pipeline
@_spi(Benchmarks) import Reconcile

let (rounds, paths) = roundsAndPaths(Array(CommandLine.arguments.dropFirst()), rounds: 3)
guard paths.count == 1 else { fail("usage: ReconcileBenchmark CORPUS [--rounds N]") }
let folder = URL(fileURLWithPath: paths[0], isDirectory: true)

// As `claimtrack run` does at start.
ProcessMemory.limitArenas()

/// The documents and claims the per-document stages make of the folder.
func extract(_ folder: URL) async throws -> Batch {
    let scratch = FileManager.default.temporaryDirectory
    let context = StageContext(asOf: CalendarDay(year: 2026, month: 3, day: 1)!, runID: "bench", startedAt: "",
                               inputs: folder, outputs: scratch, projectDirectory: scratch,
                               documentTimeLimit: RunSettings.defaults.documentTimeLimitSeconds)
    var batch = try await IngestStage(options: .defaults).run(Batch(), in: context)
    batch = try await ExtractStage(options: .defaults).run(batch, in: context)
    return try await NormalizeStage(options: .defaults).run(batch, in: context)
}

let batch: Batch
do { batch = try await extract(folder) } catch { fail("extracting '\(folder.path)' failed: \(error)") }
guard !batch.claims.isEmpty else { fail("no claims in '\(folder.path)'") }
ProcessMemory.releaseFreePages()
let stage: ReconcileStage
do { stage = try ReconcileStage(options: .defaults) } catch { fail("\(error)") }

let ways: [(name: String, peers: ReconcilePeers)] = [
    ("default", ReconcilePeers()),
    ("plain copy detection", ReconcilePeers(plainCopyDetection: true)),
    ("preparation in each round", ReconcilePeers(preparationEachRound: true)),
]
var seconds = [[String: [Double]]](repeating: [:], count: ways.count)
var reference: Reconciliation?
for _ in 0..<rounds {
    for (k, way) in ways.enumerated() {
        let result = stage.reconcile(documents: batch.documents, claims: batch.claims, peers: way.peers)
        ProcessMemory.releaseFreePages()
        for part in result.seconds { seconds[k][part.part, default: []].append(part.seconds) }
        if let reference {
            guard result.facts == reference.facts, result.checks == reference.checks, result.sources == reference.sources,
                  result.claims == reference.claims
            else { fail("'\(way.name)' reconciled differently from '\(ways[0].name)'") }
        } else {
            reference = result
        }
    }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
@MainActor func part(_ way: Int, _ name: String) -> Double {
    guard let values = seconds[way][name], !values.isEmpty else { fail("no time for '\(name)'") }
    return median(values)
}
let documents = batch.documents.filter { $0.status == .ok }.count
print("reconcile over \(documents) documents and \(batch.claims.count) claims (\(folder.path)), median of \(rounds) rounds, "
    + "\(ProcessInfo.processInfo.activeProcessorCount) cores; the three ways gave the same facts, checks, sources and claims")
let copy = part(0, "copy detection"), plainCopy = part(1, "copy detection")
let rounds0 = part(0, "reliability rounds") + part(0, "preparing facts")
let rounds2 = part(2, "reliability rounds") + part(2, "preparing facts")
print(String(format: "copy detection: posting table %.2f s, plain dictionaries (peer) %.2f s: %.2fx", copy, plainCopy, plainCopy / copy))
print(String(format: "preparing facts and reliability rounds: prepared once %.2f s (%.2f + %.2f), prepared in each round (peer) %.2f s: %.2fx",
             rounds0, part(0, "preparing facts"), part(0, "reliability rounds"), rounds2, rounds2 / rounds0))
print("documents=\(documents) claims=\(batch.claims.count) "
    + String(format: "copy_s=%.3f plain_copy_s=%.3f copy_ratio=%.2f rounds_s=%.3f rounds_each_round_s=%.3f rounds_ratio=%.2f",
             copy, plainCopy, plainCopy / copy, rounds0, rounds2, rounds2 / rounds0))
