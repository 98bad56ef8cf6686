import Foundation
import Testing

@Suite("claims --explain")
struct ClaimsExplainTests {
    @Test("claims --explain adds the rules that fired to every claim line; without the flag there are none")
    func explainFlag() throws {
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let sample = repoRoot.appendingPathComponent("inputs/003_0f56a6cc67651ace.txt").path
        let plain = try runBinary(["claims", sample], timeout: 120)
        let explained = try runBinary(["claims", "--explain", sample], timeout: 120)
        #expect(plain.status == 0 && explained.status == 0, "\(explained.stderr.suffix(500))")
        let plainLines = plain.stdout.split(separator: "\n")
        let lines = explained.stdout.split(separator: "\n")
        #expect(lines.count == plainLines.count && !lines.isEmpty)
        for (line, before) in zip(lines, plainLines) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let rules = try #require(object["explain"] as? [String], "no explain list in \(line.prefix(200))")
            #expect(rules.contains { $0.hasPrefix("value: ") })
            #expect(rules.contains { $0.hasPrefix("metric: ") })
            #expect(rules.contains { $0.hasPrefix("speaker: ") })
            let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
            #expect(plainObject["explain"] == nil)
            #expect(plainObject["id"] as? String == object["id"] as? String)
        }
        #expect(explained.stdout.contains("lexicon entry 'trade'") || explained.stdout.contains("lexicon entry 'bilateral trade'"))
    }
}
