import ClaimModel
import Foundation
import Pipeline
import Testing

/// The built `claimtrack` executable beside this test bundle (any scratch folder), or nil when it is not built.
let claimtrackBinary: URL? = {
    var candidates: [URL] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner may sit inside a `.xctest` bundle folder.
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("claimtrack"))
            folder = folder.deletingLastPathComponent()
        }
    }
    candidates.append(repoRoot.appendingPathComponent(".build/debug/claimtrack"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What a run of the binary printed and how it ended.
struct BinaryRun {
    var status: Int32
    var signalled: Bool
    var stdout: String
    var stderr: String
    /// The last non-empty line of standard output.
    var summary: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }
}

/// Runs the real binary with arguments, extra environment and, when given, a file as standard input, waiting at most
/// `timeout` seconds.
func runBinary(_ arguments: [String], environment: [String: String] = [:], stdin: URL? = nil, timeout: Double = 120) throws -> BinaryRun {
    guard let binary = claimtrackBinary else { throw BinaryMissing() }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let folder = try temporaryFolder("io")
    let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        Issue.record("claimtrack \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
    }
    return BinaryRun(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                     stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}

struct BinaryMissing: Error, CustomStringConvertible {
    var description: String { "the claimtrack executable is not built beside the tests" }
}

/// A fresh folder under the system temporary folder.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A copy of the sample inputs in a temporary folder.
func copiedInputs() throws -> URL {
    let folder = try temporaryFolder("inputs")
    for name in try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("inputs").path) where !name.hasPrefix(".") {
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("inputs/\(name)"), to: folder.appendingPathComponent(name))
    }
    return folder
}

/// The JSON summary line of a `--log-format json` run.
func summaryObject(_ run: BinaryRun) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.summary.utf8)) as? [String: Any]
    return try #require(object, "the summary line is not a JSON object: \(run.summary)")
}

/// Arguments of `claimtrack run` over `inputs` into `outputs`.
func runArguments(_ inputs: URL, _ outputs: URL, config: URL? = nil, asOf: String = "2025-12-20", _ extra: [String] = []) -> [String] {
    ["run", "--config", (config ?? repoRoot.appendingPathComponent("pipeline.json")).path, "--inputs", inputs.path,
     "--outputs", outputs.path, "--as-of", asOf, "--log-format", "json"] + extra
}

/// `pipeline.json` with the top-level additions and replaced stage options, written to a temporary file.
func writeConfig(extractOptions: String = "{}", run: String = "{}") throws -> URL {
    let text = """
    {"version": 1, "run": \(run), "stages": [
      {"id": "ingest", "type": "ingest"}, {"id": "extract", "type": "extract", "options": \(extractOptions)},
      {"id": "normalize", "type": "normalize"}, {"id": "reconcile", "type": "reconcile"}, {"id": "report", "type": "report"}]}
    """
    let url = try temporaryFolder("config").appendingPathComponent("pipeline.json")
    try Data(text.utf8).write(to: url)
    return url
}

/// Checks that the run history's claims of the latest completed run are the run's `claims.jsonl`: ids, subjects,
/// metrics, texts and values.
///
/// The store carries a document's claims over from the night before while its content and the cache key stay the same
/// (the per-document stages make the same claims, as the extraction cache assumes too), and compares every night only
/// the values of dates written without a year, which reconcile binds. A later stage changing anything else in a claim
/// would leave the store behind the reports; this finds it.
func expectHistoryMatchesClaimsFile(_ out: URL, _ comment: Comment) throws {
    struct Row: Hashable { var id: String; var subject: String?; var metric: String; var text: String; var value: ClaimValue }
    let decoder = JSONDecoder()
    let lines = try String(contentsOf: out.appendingPathComponent("claims.jsonl"), encoding: .utf8).split(separator: "\n")
    let written = try Set(lines.map { line in
        let c = try decoder.decode(Claim.self, from: Data(line.utf8))
        return Row(id: c.id, subject: c.subject, metric: c.metric, text: c.text, value: c.value)
    })
    let store = try RunStore(url: out.appendingPathComponent("claimtrack.sqlite"))
    let stored = try Set(store.query("""
        SELECT c.id, c.subject, c.metric, c.text, c.value_json FROM run_claims l JOIN claims c ON c.id = l.claim_id
        WHERE l.run_id = (SELECT run_id FROM run_order ORDER BY seq DESC LIMIT 1)
        """).map { row in
        Row(id: row[0] ?? "", subject: row[1], metric: row[2] ?? "", text: row[3] ?? "",
            value: try decoder.decode(ClaimValue.self, from: Data((row[4] ?? "").utf8)))
    })
    #expect(!written.isEmpty, comment)
    #expect(stored == written, comment)
}

@Suite("nightly operations through the real binary", .serialized)
struct OperationsTests {
    @Test("a second run over unchanged inputs reuses every document and writes the same report; edits and option changes re-extract")
    func incremental() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let inputs = try copiedInputs()
        let out = try temporaryFolder("out")
        let config = try writeConfig()
        let first = try runBinary(runArguments(inputs, out, config: config))
        #expect(first.status == 0, "\(first.stderr)")
        let firstReport = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let documents = try #require(try summaryObject(first)["documents"] as? Int)
        #expect(try summaryObject(first)["reused"] as? Int == 0)

        let second = try runBinary(runArguments(inputs, out, config: config))
        #expect(second.status == 0)
        #expect(try summaryObject(second)["reused"] as? Int == documents)
        #expect(second.stderr.contains("incremental: \(documents) documents reused from the store (\(documents) not read again)"))
        #expect(try Data(contentsOf: out.appendingPathComponent("report.json")) == firstReport)
        let store = try RunStore(url: out.appendingPathComponent("claimtrack.sqlite"))
        #expect(try store.query("SELECT parsed, reused FROM runs WHERE status = 'completed'") == [["0", "\(documents)"]])
        try expectHistoryMatchesClaimsFile(out, "every document reused")

        // An edited file is read and extracted again; the others still come from the store.
        let edited = try #require(try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted().first)
        let handle = try FileHandle(forWritingTo: inputs.appendingPathComponent(edited))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\nOfficials said imports rose to $30 billion in 2024.\n".utf8))
        try handle.close()
        let third = try runBinary(runArguments(inputs, out, config: config))
        #expect(try summaryObject(third)["reused"] as? Int == documents - 1)
        try expectHistoryMatchesClaimsFile(out, "one document edited")

        // That document's state visit moves a year: the dates without a year in two reused documents, which reconcile
        // binds to it, move with it, and the store's values follow though those documents are unchanged.
        let anchor = inputs.appendingPathComponent(edited)
        let text = try String(contentsOf: anchor, encoding: .utf8)
        #expect(text.contains("4-5 December 2025"))
        try Data(text.replacingOccurrences(of: "4-5 December 2025", with: "4-5 December 2024").utf8).write(to: anchor)
        let rebound = try runBinary(runArguments(inputs, out, config: config))
        #expect(try summaryObject(rebound)["reused"] as? Int == documents - 1)
        #expect(try store.query("""
            SELECT count(*) FROM claims WHERE instr(value_json, '"inferredFrom":"f-') > 0 AND instr(value_json, '"start":"2024-12-04"') > 0
            """) == [["2"]])
        try expectHistoryMatchesClaimsFile(out, "dates without a year bound to another year")

        // A changed extract option invalidates every cached extraction; so does --full.
        let changed = try writeConfig(extractOptions: #"{"maxSentenceLength": 4000}"#)
        let fourth = try runBinary(runArguments(inputs, out, config: changed))
        #expect(try summaryObject(fourth)["reused"] as? Int == 0)
        try expectHistoryMatchesClaimsFile(out, "another cache key")
        let full = try runBinary(runArguments(inputs, out, config: changed, ["--full"]))
        #expect(try summaryObject(full)["reused"] as? Int == 0)
        let fullReport = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let cached = try runBinary(runArguments(inputs, out, config: changed))
        #expect(try summaryObject(cached)["reused"] as? Int == documents)
        #expect(try Data(contentsOf: out.appendingPathComponent("report.json")) == fullReport)
        try expectHistoryMatchesClaimsFile(out, "after --full, from the cache")
    }

    @Test("a second run while one holds the lock exits 1 naming the holder; a dead holder's lock is taken over")
    func lock() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let out = try temporaryFolder("out")
        let inputs = repoRoot.appendingPathComponent("inputs")
        var holder: RunLock? = try RunLock(path: out.appendingPathComponent("claimtrack.lock").path)
        let refused = try runBinary(runArguments(inputs, out, ["--log-format", "text"]))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another run (pid \(getpid())) holds the lock"))
        #expect(refused.summary.hasPrefix("claimtrack: run not started failed (exit 1)"))
        #expect(holder != nil)
        holder = nil
        // A pid that surely is dead: a child that already exited.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        try Data("\(child.processIdentifier)\n".utf8).write(to: out.appendingPathComponent("claimtrack.lock"))
        let taken = try runBinary(runArguments(inputs, out, ["--log-format", "text"]))
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stderr.contains("took over the lock"))
        #expect(taken.stderr.contains("pid \(child.processIdentifier)"))
    }

    @Test("a document past the time limit is quarantined, listed in the report, the run exits 0 and it is retried next night")
    func timeLimit() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let inputs = try copiedInputs()
        let out = try temporaryFolder("out")
        let config = try writeConfig(run: #"{"documentTimeLimitSeconds": 1}"#)
        let slow = try #require(try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted().last)
        let started = Date()
        let hung = try runBinary(runArguments(inputs, out, config: config), environment: ["CLAIMTRACK_HANG_AT": "extract:\(slow)"])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(hung.status == 0, "\(hung.stderr)")
        #expect(try summaryObject(hung)["quarantined"] as? Int == 1)
        let report = try loadReport(out)
        let document = try #require(report.documents.first { $0.path == slow })
        #expect(document.status == .quarantined)
        #expect(document.error == "extract: timed out after 1s; expected each document to finish within run.documentTimeLimitSeconds")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains(slow))
        let next = try runBinary(runArguments(inputs, out, config: config))
        #expect(try summaryObject(next)["quarantined"] as? Int == 0)
        #expect(try loadReport(out).documents.first { $0.path == slow }?.status == .ok)
    }

    @Test("exit codes: 2 for a config error, 1 when the run cannot complete, 0 otherwise")
    func exitCodes() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let out = try temporaryFolder("out")
        let inputs = repoRoot.appendingPathComponent("inputs")
        let bad = try temporaryFolder("config").appendingPathComponent("pipeline.json")
        try Data(#"{"version": 1, "stages": [], "runn": {}}"#.utf8).write(to: bad)
        let config = try runBinary(runArguments(inputs, out, config: bad))
        #expect(config.status == 2)
        #expect(config.stderr.contains("$.runn: found unknown key 'runn'"))
        #expect(try summaryObject(config)["status"] as? String == "config-error")
        #expect(try runBinary(runArguments(inputs, out, asOf: "2025-13-40")).status == 2)
        let missing = try runBinary(runArguments(out.appendingPathComponent("nope"), out))
        #expect(missing.status == 1)
        #expect(try summaryObject(missing)["status"] as? String == "failed")
        // Outputs that cannot be written: a file where the outputs folder should be.
        let blocked = out.appendingPathComponent("blocked")
        try Data().write(to: blocked)
        #expect(try runBinary(runArguments(inputs, blocked)).status == 1)
    }

    @Test("--log-format json writes one JSON object a line and ends with the summary object")
    func jsonLogs() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let run = try runBinary(runArguments(repoRoot.appendingPathComponent("inputs"), try temporaryFolder("out"), ["--verbose"]))
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count > 5)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String && object?["level"] is String && object?["time"] is String, "not a log object: \(line)")
        }
        let summary = try summaryObject(run)
        #expect(summary["event"] as? String == "summary")
        #expect(summary["status"] as? String == "completed")
        #expect(summary["exitCode"] as? Int == 0)
        #expect(summary["documents"] as? Int == 5)
        let quiet = try runBinary(runArguments(repoRoot.appendingPathComponent("inputs"), try temporaryFolder("out"), ["--quiet", "--log-format", "text"]))
        #expect(quiet.stderr.isEmpty)
        #expect(quiet.stdout.split(separator: "\n").count == 1)
        #expect(quiet.summary.contains("completed: 5 documents (0 quarantined, 0 reused)"))
    }

    @Test("killed with SIGKILL at a few named points, the previous outputs stay whole and a rerun equals a clean run")
    func killPoints() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let inputs = try copiedInputs()
        let names = ["claims.jsonl", "claims.csv", "changes.md", "report.md", "report.html", "report.json"]
        let clean = try temporaryFolder("clean")
        _ = try runBinary(runArguments(inputs, clean, asOf: "2025-12-19"))
        let previous = try names.map { try Data(contentsOf: clean.appendingPathComponent($0)) }
        #expect(try runBinary(runArguments(inputs, clean)).status == 0)
        let expected = try names.map { try Data(contentsOf: clean.appendingPathComponent($0)) }
        // Night 2 reuses every document (same inputs), so the kill points are ones every run reaches.
        for point in ["ingest:2", "after:reconcile", "write:report.json", "store:claims", "store:committed"] {
            let out = try temporaryFolder("kill")
            #expect(try runBinary(runArguments(inputs, out, asOf: "2025-12-19")).status == 0)
            let killed = try runBinary(runArguments(inputs, out), environment: ["CLAIMTRACK_CRASH_AT": point])
            #expect(killed.signalled && killed.status == SIGKILL, "'\(point)' was not reached")
            for (i, name) in names.enumerated() {
                let now = try Data(contentsOf: out.appendingPathComponent(name))
                #expect(now == previous[i] || now == expected[i], "\(name) is torn after a kill at '\(point)'")
            }
            // The run history: a kill before the commit leaves the first night's as it was.
            let history = "SELECT r.as_of, count(*) FROM run_claims c JOIN runs r ON r.id = c.run_id GROUP BY r.as_of ORDER BY 1"
            let first = try RunStore(url: out.appendingPathComponent("claimtrack.sqlite")).query(history)
            #expect(first.count == (point == "store:committed" ? 2 : 1), "the history after a kill at '\(point)': \(first)")
            #expect(try runBinary(runArguments(inputs, out)).status == 0)
            for (i, name) in names.enumerated() {
                #expect(try Data(contentsOf: out.appendingPathComponent(name)) == expected[i], "\(name) differs from a clean run after '\(point)'")
            }
            let both = try RunStore(url: out.appendingPathComponent("claimtrack.sqlite")).query(history)
            #expect(both.count == 2 && both[0][1] == both[1][1] && both[0][0] == "2025-12-19", "the history after the rerun: \(both)")
        }
    }
}
