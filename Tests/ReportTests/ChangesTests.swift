import ClaimModel
import Foundation
import Pipeline
@testable import Report
import Testing

@Suite("changes since the previous run and claims.csv")
struct ChangesTests {
    @Test("a first run lists every fact and document as new and says there was nothing to compare with")
    func firstRun() throws {
        let report = Fixture.report
        let changes = Changes.between(previous: nil, current: report)
        #expect(changes.previousRun == nil)
        #expect(changes.newFacts == report.facts.map(\.id).sorted())
        #expect(changes.newDocuments.count == report.documents.count)
        #expect(changes.newConflicts == report.facts.filter { $0.status == .conflict }.map(\.id).sorted())
        #expect(ChangesWriter.markdown(report, changes, title: "t").contains("first run"))
    }

    @Test("a second run reports changed values and statuses, new and resolved conflicts, removed documents")
    func secondRun() async throws {
        let root = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let context = Fixture.context(outputs: root.appendingPathComponent("outputs"), inputs: root.appendingPathComponent("inputs"))
        let stage = try ReportStage(options: .defaults)
        _ = try await stage.run(Fixture.batch, in: context)

        var night2 = Fixture.batch
        let conflicted = try #require(night2.facts.firstIndex { $0.status == .conflict })
        night2.facts[conflicted].status = .agreed
        let agreed = try #require(night2.facts.firstIndex { $0.status != .conflict && $0.id != night2.facts[conflicted].id })
        night2.facts[agreed].status = .conflict
        night2.facts[agreed].value.min = 1
        let removed = night2.documents.removeLast()
        var context2 = context
        context2.runID = "run-2025-12-08-night2"
        _ = try await stage.run(night2, in: context2)

        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: context.outputs.appendingPathComponent("report.json")))
        let changes = try #require(report.changes)
        #expect(changes.previousRun == context.runID)
        #expect(changes.newFacts.isEmpty)
        #expect(changes.resolvedConflicts == [night2.facts[conflicted].id])
        #expect(changes.newConflicts == [night2.facts[agreed].id])
        #expect(Set(changes.changedFacts.map(\.fact)) == [night2.facts[conflicted].id, night2.facts[agreed].id])
        #expect(changes.removedDocuments == [removed.id])
        let md = try String(contentsOf: context.outputs.appendingPathComponent("changes.md"), encoding: .utf8)
        #expect(md.contains("compared with run \(context.runID)"))
        #expect(md.contains("## New conflicts (1)") && md.contains("## Resolved conflicts (1)"))
    }

    @Test("csv fields are quoted per RFC 4180 and never start a spreadsheet formula")
    func csvFields() {
        #expect(ClaimsCSV.field("plain") == "plain")
        #expect(ClaimsCSV.field("a, b") == "\"a, b\"")
        #expect(ClaimsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ClaimsCSV.field("line\nbreak") == "\"line\nbreak\"")
        // A CRLF pair is one Character, but still a line break inside the field.
        #expect(ClaimsCSV.field("line\r\nbreak") == "\"line\r\nbreak\"")
        #expect(ClaimsCSV.field("₹5.6 lakh, \"नमस्ते\"") == "\"₹5.6 lakh, \"\"नमस्ते\"\"\"")
        #expect(ClaimsCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ClaimsCSV.field("-5") == "-5")
        let row = ClaimsCSV.row(Fixture.claims[0], runID: "r1")
        #expect(row.hasSuffix(",r1\r\n"))
    }
}
