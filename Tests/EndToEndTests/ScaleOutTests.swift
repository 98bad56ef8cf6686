@testable import ClaimtrackCLI
import Foundation
import Testing
import TestSupport

/// The sample inputs plus what a real folder also holds: a subfolder, an exact copy under a second path, an HTML page,
/// a claim feed, an empty file (quarantined) and an editor leftover (passed over).
func scaleOutInputs() throws -> URL {
    let inputs = try copiedInputs()
    let manager = FileManager.default
    for folder in ["copies", "wire", "feeds"] {
        try manager.createDirectory(at: inputs.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    try manager.copyItem(at: inputs.appendingPathComponent("000_c2ad7f6feaff2f3a.txt"),
                         to: inputs.appendingPathComponent("copies/000-again.txt"))
    let page = """
        <!doctype html><html><head><title>Trade talks resume</title>
        <meta property="article:published_time" content="2025-12-06T09:00:00Z">
        <meta property="og:site_name" content="Example Wire"></head>
        <body><article><h1>Trade talks resume</h1>
        <p>Bilateral trade reached $68.7 billion in 2024-25, officials said on Friday.</p>
        <p>The two countries aim to raise it to $100 billion by 2030, up from about $10 billion in 2020.</p>
        </article></body></html>
        """
    try Data(page.utf8).write(to: inputs.appendingPathComponent("wire/talks.html"))
    try Data("object\tattribute\tvalue\tsource\tdate\nIndia-Russia\tbilateral trade\t68.7 billion USD\tExample Feed\t2025-12-01\n".utf8)
        .write(to: inputs.appendingPathComponent("feeds/trade.tsv"))
    try Data().write(to: inputs.appendingPathComponent("empty.txt"))
    try Data("draft".utf8).write(to: inputs.appendingPathComponent("notes.txt~"))
    return inputs
}

/// The document lines of a folder as `examples/spark/make_documents.py` writes them (regular files, no dotfiles or
/// editor leftovers), `.txt` files as "text" and the rest as "base64", so both forms are exercised.
func documentLines(_ root: URL) throws -> [String] {
    var lines: [String] = []
    func walk(_ folder: URL, _ relative: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            if name.hasPrefix(".") || name.hasSuffix("~") { continue }
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue { try walk(url, path); continue }
            let bytes = try Data(contentsOf: url)
            var object: [String: String] = ["path": path]
            if name.hasSuffix(".txt"), let text = String(data: bytes, encoding: .utf8) {
                object["text"] = text
            } else {
                object["base64"] = bytes.base64EncodedString()
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
    }
    try walk(root, "")
    return lines
}

/// Writes lines (each ended by a newline) to a fresh file.
func writeLines(_ lines: [String], _ name: String) throws -> URL {
    let url = try temporaryFolder("lines").appendingPathComponent(name)
    try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: url)
    return url
}

/// The report files `run` writes (the run history store and lock left out), by name.
func reportFiles(_ outputs: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: outputs.path)
    where !name.hasPrefix("claimtrack.sqlite") && name != "claimtrack.lock" && !name.hasPrefix(".") {
        files[name] = try Data(contentsOf: outputs.appendingPathComponent(name))
    }
    return files
}

@Suite("scale-out: extract --jsonl and reconcile --claims", .serialized)
struct ScaleOutTests {
    @Test("extraction in 1 and in 3 shuffled partitions, then reconcile, writes the bytes a single run writes")
    func partitionedRunEqualsSingleRun() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let inputs = try scaleOutInputs()
        let config = repoRoot.appendingPathComponent("pipeline.json").path
        let single = try temporaryFolder("single")
        let run = try runBinary(runArguments(inputs, single))
        try #require(run.status == 0, "run failed: \(run.stderr)")

        let lines = try documentLines(inputs)
        #expect(lines.count == 9)
        // One partition: every line through one process.
        let whole = try runBinary(["extract", "--jsonl", "--config", config], stdin: try writeLines(lines, "documents.jsonl"))
        try #require(whole.status == 0, "extract failed: \(whole.stderr)")
        let records = whole.stdout.split(separator: "\n")
        #expect(records.count == lines.count, "one record per document line")
        #expect(!whole.stderr.contains("input line"), "no line was malformed: \(whole.stderr)")

        // Three partitions of a shuffled order, reconciled in yet another order.
        var generator = SeededGenerator(seed: 20251220)
        let shuffled = lines.shuffled(using: &generator)
        let parts = [Array(shuffled[0..<2]), Array(shuffled[2..<6]), Array(shuffled[6...])]
        var partFiles: [URL] = []
        for (i, part) in parts.enumerated() {
            let extracted = try runBinary(["extract", "--jsonl", "--config", config], stdin: try writeLines(part, "part-\(i).jsonl"))
            try #require(extracted.status == 0, "extract of part \(i) failed: \(extracted.stderr)")
            let file = try temporaryFolder("records").appendingPathComponent("part-\(i)")
            try Data(extracted.stdout.utf8).write(to: file)
            partFiles.append(file)
        }
        let wholeFile = try temporaryFolder("records").appendingPathComponent("part-all")
        try Data(whole.stdout.utf8).write(to: wholeFile)

        let expected = try reportFiles(single)
        for (label, files) in [("1 partition", [wholeFile]), ("3 partitions", [partFiles[2], partFiles[0], partFiles[1]])] {
            let out = try temporaryFolder("reconciled")
            let reconciled = try runBinary(["reconcile", "--claims"] + files.map(\.path)
                + ["--config", config, "--inputs", inputs.path, "--outputs", out.path, "--as-of", "2025-12-20", "--quiet"])
            try #require(reconciled.status == 0, "reconcile (\(label)) failed: \(reconciled.stderr)")
            #expect(reconciled.summary.contains("completed: 9 documents (1 quarantined)"), "\(reconciled.summary)")
            let actual = try reportFiles(out)
            #expect(Set(actual.keys) == Set(expected.keys), "\(label): files \(actual.keys.sorted()) vs \(expected.keys.sorted())")
            for (name, bytes) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(actual[name] == bytes, "\(label): \(name) differs from the single-machine run's")
            }
        }
        // The comparison is not between two empty reports.
        let report = try loadReport(single)
        #expect(report.documents.count == 9 && report.run.quarantined == 1)
        #expect(report.claims.count > 20 && report.facts.count > 5)
        #expect(report.documents.contains { $0.path == "wire/talks.html" && $0.status == .ok })
    }

    @Test("a bad line gives a quarantined record and a message naming it; the stream goes on, the same every time")
    func badLinesAreQuarantined() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let good = try documentLines(repoRoot.appendingPathComponent("inputs"))
        let input = try writeLines([
            good[0],
            "not json at all",
            #"{"text": "Trade reached $5 billion."}"#,
            #"{"path": "a.txt", "text": "Trade reached $5 billion.", "publishedAt": "2025-12-01"}"#,
            #"{"path": "b.html", "base64": "***"}"#,
            "",
            good[1],
        ], "mixed.jsonl")
        let config = repoRoot.appendingPathComponent("pipeline.json").path
        let first = try runBinary(["extract", "--jsonl", "--config", config], stdin: input)
        #expect(first.status == 0, "\(first.stderr)")
        let records = try first.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.count == 6, "one record per non-blank line")
        let documents = records.compactMap { $0["document"] as? [String: Any] }
        #expect(documents.map { $0["status"] as? String } == ["ok", "quarantined", "quarantined", "quarantined", "quarantined", "ok"])
        #expect(documents.map { $0["path"] as? String }[2...4] == ["(input line without a path)", "a.txt", "b.html"])
        #expect((documents[3]["error"] as? String)?.contains("unknown key 'publishedAt'") == true)
        #expect(((records[0]["claims"] as? [Any])?.count ?? 0) > 0)
        for expected in ["input line 2 is not JSON", "input line 3 has no 'path'", "input line 4 ('a.txt') has the unknown key",
                         "input line 5 ('b.html') has a 'base64' value that is not base64"] {
            #expect(first.stderr.contains(expected), "stderr lacks \(expected): \(first.stderr)")
        }
        let again = try runBinary(["extract", "--jsonl", "--config", config], stdin: input)
        #expect(again.stdout == first.stdout, "the same lines give the same bytes")

        // Reconcile lists the quarantined lines as it lists unreadable files.
        let part = try temporaryFolder("records").appendingPathComponent("part-0")
        try Data(first.stdout.utf8).write(to: part)
        let out = try temporaryFolder("reconciled")
        let reconciled = try runBinary(["reconcile", "--claims", part.path, "--config", config, "--outputs", out.path,
                                        "--as-of", "2025-12-20", "--quiet"])
        #expect(reconciled.status == 0, "\(reconciled.stderr)")
        let report = try loadReport(out)
        #expect(report.documents.filter { $0.status == .quarantined }.count == 4)
    }

    @Test("each record is written as soon as its document is done, while standard input is still open")
    func recordsStreamLineByLine() throws {
        guard let binary = claimtrackBinary else { print("SKIP: \(BinaryMissing())"); return }
        let line = try documentLines(repoRoot.appendingPathComponent("inputs"))[0]
        let process = Process()
        process.executableURL = binary
        process.arguments = ["extract", "--jsonl", "--config", repoRoot.appendingPathComponent("pipeline.json").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        // Read until the first newline, with the input left open.
        let reader = output.fileHandleForReading
        let got = ReadBox()
        let thread = Thread {
            var bytes = Data()
            while !bytes.contains(0x0A) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                bytes.append(chunk)
            }
            got.set(bytes)
        }
        thread.start()
        let deadline = Date().addingTimeInterval(60)
        while got.get() == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let first = got.get()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(first != nil, "no record arrived within 60 s while the input stayed open")
        if let first {
            let object = try JSONSerialization.jsonObject(with: first.prefix { $0 != 0x0A }) as? [String: Any]
            #expect((object?["document"] as? [String: Any])?["path"] as? String == "000_c2ad7f6feaff2f3a.txt")
        }
        #expect(process.terminationStatus == 0)
    }

    @Test("reconcile refuses files that are not records, and two different records for one path")
    func reconcileRefusesBadRecords() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let config = repoRoot.appendingPathComponent("pipeline.json").path
        let lines = try documentLines(repoRoot.appendingPathComponent("inputs"))
        let extracted = try runBinary(["extract", "--jsonl", "--config", config], stdin: try writeLines([lines[0]], "one.jsonl"))
        let record = String(extracted.stdout.split(separator: "\n")[0])
        let folder = try temporaryFolder("records")
        // A Spark output folder: parts plus _SUCCESS and checksum files, which are not read.
        try Data((record + "\n").utf8).write(to: folder.appendingPathComponent("part-00000"))
        try Data().write(to: folder.appendingPathComponent("_SUCCESS"))
        try Data("crc".utf8).write(to: folder.appendingPathComponent(".part-00000.crc"))
        let ok = try runBinary(["reconcile", "--claims", folder.path, "--config", config, "--outputs",
                                try temporaryFolder("out").path, "--as-of", "2025-12-20", "--quiet"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.summary.contains("1 documents"), "\(ok.summary)")

        let changed = record.replacingOccurrences(of: #""status":"ok""#, with: #""status":"quarantined""#)
        #expect(changed != record)
        try Data((changed + "\n").utf8).write(to: folder.appendingPathComponent("part-00001"))
        let twice = try runBinary(["reconcile", "--claims", folder.path, "--config", config, "--outputs",
                                   try temporaryFolder("out").path, "--as-of", "2025-12-20"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("'000_c2ad7f6feaff2f3a.txt' has two different records"), "\(twice.stderr)")

        let notRecords = try writeLines([#"{"id": "c-1", "document": "d-1"}"#], "claims.jsonl")
        let refused = try runBinary(["reconcile", "--claims", notRecords.path, "--config", config, "--outputs",
                                     try temporaryFolder("out").path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("claims.jsonl' line 1 is not a record of 'extract --jsonl'"), "\(refused.stderr)")
    }
}

@Suite("line reader")
struct LineReaderTests {
    /// The lines of `bytes` read through a file descriptor, `max` at a time, as text or as the length of an overlong line.
    func lines(_ bytes: [UInt8], limit: Int, max: Int = 100) throws -> [[String]] {
        let file = try temporaryFolder("lines").appendingPathComponent("input")
        try Data(bytes).write(to: file)
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let reader = LineReader(fd: handle.fileDescriptor, limit: limit)
        var calls: [[String]] = []
        while true {
            let got = try reader.next(max: max)
            if got.isEmpty { return calls }
            calls.append(got.map { line in
                switch line {
                case .bytes(let b): return String(decoding: b, as: UTF8.self)
                case .tooLong(let n): return "<\(n) bytes>"
                }
            })
        }
    }

    @Test("lines come out in order, a last line without a newline included, at most max per call")
    func splitsLines() throws {
        #expect(Array(try lines(Array("a\n\nbc\nlast".utf8), limit: 100).joined()) == ["a", "", "bc", "last"])
        #expect(try lines(Array("a\nb\nc\n".utf8), limit: 100, max: 2) == [["a", "b"], ["c"]])
        #expect(try lines([], limit: 100).isEmpty)
    }

    @Test("a line over the limit is passed over with its length, also when it spans many reads, and reading goes on")
    func passesOverLongLines() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        #expect(Array(try lines(Array("short\n".utf8) + long + Array("\nafter\n".utf8), limit: 1 << 20).joined())
                == ["short", "<\(3 << 20) bytes>", "after"])
        #expect(try lines(Array("ok\n".utf8) + long, limit: 1 << 20).joined().last == "<\(3 << 20) bytes>")
        #expect(try lines(Array("0123456789AB\nok\n".utf8), limit: 10) == [["<12 bytes>", "ok"]])
    }
}

/// A value handed from a reader thread to the test.
final class ReadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Data?
    func set(_ data: Data) { lock.lock(); value = data; lock.unlock() }
    func get() -> Data? { lock.lock(); defer { lock.unlock() }; return value }
}
