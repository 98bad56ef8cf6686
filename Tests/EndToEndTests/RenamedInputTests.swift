import ClaimModel
import ClaimtrackCLI
import Foundation
import Testing

@Suite("a renamed input on the next night", .serialized)
struct RenamedInputTests {
    /// A claim feed; read as text (no HTML in it to sniff), the same bytes make other claims.
    static let feed = "object\tattribute\tvalue\tsource\tdate\n"
        + "India-Russia\tbilateral trade\t68.7 billion USD\tExample Feed\t2025-12-01\n"
        + "India-Russia\ttrade target\t100 billion USD\tExample Feed\t2025-12-01\n"

    @Test("the same bytes renamed from .tsv to .txt are read as text the next night, with the claims a clean run makes")
    func extensionChangeExtractsAgain() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-rename-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        func run(_ out: URL) async throws -> Report {
            var command = try RunCommand.parse(["--config", repoRoot.appendingPathComponent("pipeline.json").path,
                                                "--inputs", inputs.path, "--outputs", out.path, "--as-of", "2025-12-20", "--quiet"])
            try await command.run()
            return try loadReport(out)
        }
        let nightly = root.appendingPathComponent("nightly")
        try Data(Self.feed.utf8).write(to: inputs.appendingPathComponent("trade.tsv"))
        let asFeed = try await run(nightly)
        try FileManager.default.moveItem(at: inputs.appendingPathComponent("trade.tsv"), to: inputs.appendingPathComponent("trade.txt"))
        let renamed = try await run(nightly)
        let clean = try await run(root.appendingPathComponent("clean"))

        #expect(!clean.claims.isEmpty)
        // Feed rows and a text article make different claims of the same bytes.
        #expect(asFeed.claims.map(\.id) != clean.claims.map(\.id), "the bytes parse the same either way; the test shows nothing")
        #expect(renamed.claims == clean.claims)
        #expect(renamed.documents.map(\.path) == ["trade.txt"])
        #expect(renamed.documents.map(\.title) == clean.documents.map(\.title))
    }
}
