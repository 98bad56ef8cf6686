import ClaimModel
import Foundation
import Testing
@testable import Report

@Suite("report.json and claims.jsonl")
struct JSONTests {
    @Test("same input gives the same bytes, pretty with sorted keys and a trailing newline")
    func deterministic() throws {
        let a = try ReportWriter.json(ReportWriter.makeReport(Fixture.batch, context: Fixture.context()))
        let b = try ReportWriter.json(ReportWriter.makeReport(Fixture.batch, context: Fixture.context()))
        #expect(a == b)
        #expect(a.last == UInt8(ascii: "\n"))
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains("\n  \"checks\""))
        // Sorted keys: top level alphabetically.
        let keys = ["checks", "claims", "documents", "facts", "run", "schemaVersion", "sources"]
        let positions = keys.compactMap { text.range(of: "\n  \"\($0)\"")?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test("report.json made list by list equals one JSONEncoder pass over the whole report")
    func splicedEqualsPlain() throws {
        let report = Fixture.report
        #expect(try ReportWriter.json(report) == ReportWriter.plainJSON(report))
        // More elements than one encoding slice (8,192), so slices and parts join; and lists left empty.
        var large = report
        large.claims = (0..<9000).map { i in
            var c = Fixture.claims[i % Fixture.claims.count]
            c.id = "c-\(i)"
            c.quote += " (\(i))\nline two"
            return c
        }
        large.documents = (0..<5000).map { i in DocumentEntry(Fixture.documents[i % Fixture.documents.count]) }
        let spliced = try ReportWriter.json(large)
        #expect(spliced == (try ReportWriter.plainJSON(large)))
        var empty = report
        empty.claims = []; empty.facts = []; empty.checks = []
        #expect(try ReportWriter.json(empty) == ReportWriter.plainJSON(empty))
        var none = report
        none.claims = []; none.facts = []; none.checks = []; none.documents = []
        #expect(try ReportWriter.json(none) == ReportWriter.plainJSON(none))
    }

    @Test("contract values: money in units, percent in points, dates as days, run facts")
    func contractValues() throws {
        let report = Fixture.report
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try ReportWriter.json(report))) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["id"] as? String == "run-2025-12-07-a1b2")
        #expect(run["asOf"] as? String == "2025-12-07")
        #expect(run["finishedAt"] as? String == run["startedAt"] as? String)
        #expect(run["documents"] as? Int == 4)
        #expect(run["quarantined"] as? Int == 1)
        #expect(run["claims"] as? Int == 10)
        let text = String(decoding: try ReportWriter.json(report), as: UTF8.self)
        #expect(text.contains("\"min\" : 63000000000"))
        #expect(text.contains("\"max\" : 36"))
        #expect(text.contains("\"start\" : \"2025-12-04\""))
        #expect(text.contains("\"unresolved\" : \"--12-04/--12-05\""))
        #expect(text.contains("\"status\" : \"single-source\""))
    }

    @Test("report.json keeps the claims facts and checks reference, and all of them on request")
    func referencedClaims() throws {
        let ids = Set(Fixture.report.claims.map(\.id))
        #expect(!ids.contains(Fixture.id(9)))
        for fact in Fixture.facts {
            for id in fact.supporting + fact.dissenting + fact.superseded { #expect(ids.contains(id)) }
        }
        for check in Fixture.checks { for id in check.claims { #expect(ids.contains(id)) } }
        var options = ReportOptions.defaults
        options.includeAllClaims = true
        #expect(ReportWriter.makeReport(Fixture.batch, context: Fixture.context(), options: options).claims.count == 10)
        // Batch order is kept, so the report does not depend on hashing.
        #expect(Fixture.report.claims.map(\.id) == Fixture.claims.map(\.id).filter { $0 != Fixture.id(9) })
    }

    @Test("report.json decodes back to the same report")
    func roundTrip() throws {
        let report = Fixture.report
        let decoded = try JSONDecoder().decode(Report.self, from: Data(try ReportWriter.json(report)))
        #expect(decoded == report)
    }

    @Test("claims.jsonl: one claim object per line, each naming the run")
    func claimsJSONL() throws {
        let bytes = try ReportWriter.claimsJSONL(Fixture.claims, runID: "run-x")
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Fixture.claims.count + 1)
        #expect(lines.last == "")
        for (line, claim) in zip(lines, Fixture.claims) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["run"] as? String == "run-x")
            #expect(object["id"] as? String == claim.id)
            #expect(object["quote"] as? String == claim.quote)
            #expect(object["value"] is [String: Any])
        }
        let plain = try ReportWriter.claimsJSONL(Array(Fixture.claims.prefix(1)))
        #expect(!String(decoding: plain, as: UTF8.self).contains("\"run\""))
    }

    @Test("claims.jsonl is the same whatever the slice size")
    func chunking() throws {
        var small: [UInt8] = []
        try ReportWriter.claimLines(Fixture.claims, runID: "r", slice: 3) { small += $0 }
        #expect(small == (try ReportWriter.claimsJSONL(Fixture.claims, runID: "r")))
    }
}
