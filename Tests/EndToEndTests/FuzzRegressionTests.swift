import Foundation
import Testing

/// Inputs that once crashed or hung a fuzz target (see Fuzz/README.md), replayed through the real binary on every test run.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let folder = repoRoot.appendingPathComponent("Tests/EndToEndTests/FuzzRegressions")

    static func files(_ target: String) -> [String] {
        let dir = folder.appendingPathComponent(target)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test("the HTML reader survives every kept input", arguments: files("html"))
    func html(_ path: String) throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        // `parse` reads by extension; a copy named .html goes through the HTML reader whatever the finding was called.
        let copy = try temporaryFolder("fuzz").appendingPathComponent("finding.html")
        try FileManager.default.copyItem(atPath: path, toPath: copy.path)
        let run = try runBinary(["parse", copy.path], timeout: 60)
        #expect(!run.signalled && run.status == 0, "'\(path)' made 'claimtrack parse' end with \(run.status): \(run.stderr.suffix(500))")
    }

    @Test("the recognizers survive every kept input", arguments: files("recognizers"))
    func recognizers(_ path: String) throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var lines = ""
        for kind in ["number", "ordinal", "percent", "money", "date", "daterange"] {
            let object: [String: String] = ["id": kind, "kind": kind, "input": text, "reference": "2025-12-20"]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        let vectors = try temporaryFolder("fuzz").appendingPathComponent("vectors.jsonl")
        try Data(lines.utf8).write(to: vectors)
        let run = try runBinary(["recognize", "--vectors", vectors.path], timeout: 60)
        #expect(!run.signalled && run.status == 0, "'\(path)' made 'claimtrack recognize' end with \(run.status): \(run.stderr.suffix(500))")
    }
}
