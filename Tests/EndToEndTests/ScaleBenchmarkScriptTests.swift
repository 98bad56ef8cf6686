import Foundation
import Testing

/// `scripts/bench-scale.sh`, the scale benchmark of docs/performance.md, run end to end at a size small enough for a
/// test: corpora made by `make_corpus.py`, a cold and an incremental run of the real binary, the table printed.
@Suite("scale benchmark script")
struct ScaleBenchmarkScriptTests {
    @Test("bench-scale.sh makes a corpus, runs it cold and with 1 % changed, and prints a row of figures for each")
    func smallScaleRun() throws {
        let shared = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let maker = shared.appendingPathComponent("tools/make_corpus.py")
        guard FileManager.default.fileExists(atPath: maker.path) else {
            print("SKIP: \(maker.path) is absent (the shared tools and data sit beside the repository)")
            return
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            print("SKIP: /usr/bin/time (GNU time, Debian package 'time') is not installed; the script reads peak RSS from it")
            return
        }
        guard let binary = claimtrackBinary else { print("SKIP: \(BinaryMissing())"); return }
        let corpora = try temporaryFolder("scale")
        defer { try? FileManager.default.removeItem(at: corpora) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repoRoot.appendingPathComponent("scripts/bench-scale.sh").path,
                             "--sizes", "120", "--corpora", corpora.path, "--binary", binary.path]
        process.currentDirectoryURL = repoRoot
        let out = corpora.appendingPathComponent("stdout.txt"), err = corpora.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let printed = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "bench-scale.sh exited \(process.terminationStatus): \(errors.suffix(2000))")

        let lines = printed.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("| N | run |") }, "no table in: \(printed)")
        for column in ["docs/s", "MB/s", "claims/s", "peak RSS MB", "ingest wall/CPU s", "report wall/CPU s"] {
            #expect(header.contains("| \(column) |"), "no '\(column)' column: \(header)")
        }
        let columns = header.split(separator: "|").count
        for run in ["cold", "incremental"] {
            let row = try #require(lines.first { $0.hasPrefix("| 120 | \(run)") }, "no \(run) row in: \(printed)")
            #expect(row.split(separator: "|").count == columns, "the \(run) row has other columns than the header: \(row)")
            // Documents per second and peak RSS are measured figures, not blanks.
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Double(cells[5]).map { $0 > 0 } == true, "documents/s of the \(run) run: \(row)")
            #expect(Double(cells[10]).map { $0 > 0 } == true, "peak RSS of the \(run) run: \(row)")
        }
        // The incremental run reused the unchanged documents.
        #expect(lines.contains { $0.hasPrefix("| 120 | incremental (") && $0.contains(" reused)") })
    }
}
