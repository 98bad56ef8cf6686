import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Report

@Suite("report stage and options")
struct StageTests {
    @Test("decoding {} gives the defaults; present keys override")
    func optionDefaults() throws {
        #expect(try JSONDecoder().decode(ReportOptions.self, from: Data("{}".utf8)) == ReportOptions.defaults)
        let some = try JSONDecoder().decode(ReportOptions.self, from: Data(#"{"maxClaimsPerFact": 3, "title": "nightly"}"#.utf8))
        #expect(some.maxClaimsPerFact == 3 && some.title == "nightly" && some.maxFactsPerSection == 500)
        let strict = ReportOptions.strictlyDecoded(from: try JSONParser.parse("{}"))
        #expect((try? strict.get()) == ReportOptions.defaults)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ReportOptions.defaults)) as? [String: Any]
        #expect(Set(encoded?.keys.map { $0 } ?? []) == ["maxClaimsPerFact", "title", "maxFactsPerSection",
                                                         "maxDocumentsListed", "includeAllClaims", "inputsLink"])
    }

    @Test("unknown keys are reported by the strict decoder")
    func unknownKey() throws {
        let result = ReportOptions.strictlyDecoded(from: try JSONParser.parse(#"{"maxClaimPerFact": 3}"#), path: "$.options")
        guard case .failure(let error) = result else {
            Issue.record("an unknown key was accepted")
            return
        }
        #expect(error.description.contains("maxClaimPerFact"))
    }

    @Test("values that decode but cannot work are rejected with their path")
    func invalidOptions() {
        var options = ReportOptions.defaults
        options.maxClaimsPerFact = -1
        options.title = "  "
        options.inputsLink = "javascript:alert(1)//"
        #expect {
            _ = try ReportStage(options: options)
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.issues.map(\.path) == ["$.options.maxClaimsPerFact", "$.options.title", "$.options.inputsLink"]
        }
        #expect((try? ReportStage(options: .defaults)) != nil)
    }

    @Test("the stage writes six files and the digest for the next run, naming the run, atomically; the batch is unchanged")
    func stageRun() async throws {
        let root = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let context = Fixture.context(outputs: root.appendingPathComponent("outputs"), inputs: root.appendingPathComponent("inputs"))
        let stage = try ReportStage(options: .defaults)
        let out = try await stage.run(Fixture.batch, in: context)
        #expect(out.claims == Fixture.batch.claims && out.facts == Fixture.batch.facts)
        let folder = context.outputs
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [ReportDigestFile.name, "changes.md", "claims.csv", "claims.jsonl", "report.html", "report.json", "report.md"])
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains(context.runID), "'\(name)' does not name the run")
        }
        let jsonl = try String(contentsOf: folder.appendingPathComponent("claims.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == Fixture.claims.count)
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html == ReportWriter.html(ReportWriter.makeReport(Fixture.batch, context: context),
                                          options: { var o = ReportOptions.defaults; o.inputsLink = "../inputs/"; return o }()))
        #expect(html.contains("href=\"../inputs/news/hindu-trade.html\""))
        let json = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        var expected = ReportWriter.makeReport(Fixture.batch, context: context)
        expected.changes = Changes.between(previous: nil, current: expected)
        #expect(Array(json) == (try ReportWriter.json(expected)))
    }

    @Test("links from outputs to inputs", arguments: [
        ("/p/outputs", "/p/inputs", "../inputs/"),
        ("/p/out/nightly", "/p/inputs", "../../inputs/"),
        ("/p", "/p/inputs", "inputs/"),
        ("/p/outputs", "/p/outputs", ""),
    ])
    func relativeLink(outputs: String, inputs: String, expected: String) {
        #expect(ReportStage.relativeLink(from: URL(fileURLWithPath: outputs), to: URL(fileURLWithPath: inputs)) == expected)
    }
}
