// Measures the ingest stage as a nightly run does it (walk the inputs folder, read and parse every file on the worker
// threads under the run's time limit, keep every document until the stage ends) over a small and a large corpus made
// by ../shared/tools/make_corpus.py (the same mix of HTML pages and text articles), and prints the time per document
// of each and their ratio. A ratio near 1.00 means ingest time grows in step with the number of documents.
//
// Usage: IngestScaleBenchmark SMALL_CORPUS LARGE_CORPUS [--rounds N]
//   e.g. IngestScaleBenchmark /tmp/claimtrack-scale/c1000 /tmp/claimtrack-scale/c10000   (scripts/bench-scale.sh makes them)
// Each round reads the small corpus, then the large one; each figure is the fastest round. CPU is the whole
// process's (all threads), so CPU above wall means several cores were busy. Ends with a `key=value` line.
import BenchmarkSupport
import ClaimModel
import Foundation
import Ingest
import Pipeline

let (rounds, paths) = roundsAndPaths(Array(CommandLine.arguments.dropFirst()), rounds: 3)
let folders = paths.map { URL(fileURLWithPath: $0, isDirectory: true) }
guard folders.count == 2 else { fail("usage: IngestScaleBenchmark SMALL_CORPUS LARGE_CORPUS [--rounds N]") }

// As `claimtrack run` does at start.
ProcessMemory.limitArenas()

/// One ingest of a whole folder: documents read, wall and process CPU seconds.
func ingest(_ folder: URL) async -> (documents: Int, wall: Double, cpu: Double) {
    let scratch = FileManager.default.temporaryDirectory
    // The run's defaults: a 60 s limit per document and one worker per core.
    let context = StageContext(asOf: CalendarDay(year: 2026, month: 3, day: 1)!, runID: "bench", startedAt: "",
                               inputs: folder, outputs: scratch, projectDirectory: scratch,
                               documentTimeLimit: RunSettings.defaults.documentTimeLimitSeconds)
    let stage: IngestStage
    do { stage = try IngestStage(options: .defaults) } catch { fail("\(error)") }
    let wall = now(), cpu = ProcessCPU.seconds()
    let count: Int
    do { count = try await stage.run(Batch(), in: context).documents.count } catch { fail("ingest failed: \(error)") }
    let result = (count, now() - wall, ProcessCPU.seconds() - cpu)
    // What the runner does after each stage, so the next round starts from the same heap.
    ProcessMemory.releaseFreePages()
    return result
}

var best = [(documents: Int, wall: Double, cpu: Double)](repeating: (0, .infinity, .infinity), count: 2)
for _ in 0..<rounds {
    for (index, folder) in folders.enumerated() {
        let round = await ingest(folder)
        guard round.documents > 0 else { fail("no documents in '\(folder.path)'") }
        best[index] = (round.documents, min(best[index].wall, round.wall), min(best[index].cpu, round.cpu))
    }
}

func perDocument(_ seconds: Double, _ documents: Int) -> Double { seconds / Double(documents) * 1000 }
let names = ["small", "large"]
print("ingest stage, best of \(rounds) rounds (small corpus first in each round), \(ProcessInfo.processInfo.activeProcessorCount) cores")
for index in 0..<2 {
    let figure = best[index]
    print("\(names[index]): \(figure.documents) documents, "
        + String(format: "%.3f ms/doc wall, %.3f ms/doc CPU, CPU/wall %.2f",
                 perDocument(figure.wall, figure.documents), perDocument(figure.cpu, figure.documents),
                 figure.cpu / figure.wall) + " (\(folders[index].path))")
}
let wallRatio = perDocument(best[1].wall, best[1].documents) / perDocument(best[0].wall, best[0].documents)
let cpuRatio = perDocument(best[1].cpu, best[1].documents) / perDocument(best[0].cpu, best[0].documents)
print(String(format: "time per document, large / small: wall %.2f, CPU %.2f", wallRatio, cpuRatio))
print("small_docs=\(best[0].documents) large_docs=\(best[1].documents) "
    + String(format: "small_ms_per_doc=%.3f large_ms_per_doc=%.3f small_cpu_ms_per_doc=%.3f large_cpu_ms_per_doc=%.3f wall_ratio=%.2f cpu_ratio=%.2f",
             perDocument(best[0].wall, best[0].documents), perDocument(best[1].wall, best[1].documents),
             perDocument(best[0].cpu, best[0].documents), perDocument(best[1].cpu, best[1].documents), wallRatio, cpuRatio))
