import ClaimModel
import Foundation
@testable import Pipeline
@testable import Report
import Testing

@Suite("the digest the next run compares with")
struct DigestTests {
    @Test("changes against a digest equal changes against the whole previous report")
    func digestEqualsReport() {
        var previous = Fixture.report
        previous.run.id = "run-before"
        previous.facts[0].status = .agreed
        previous.facts.removeLast()
        previous.documents.removeFirst()
        let current = Fixture.report
        let whole = Changes.between(previous: previous, current: current)
        #expect(whole == Changes.between(previousDigest: ReportDigest(previous), current: current))
        #expect(!whole.isEmpty && whole.previousRun == "run-before")
    }

    @Test("a report.json decoded as a digest gives the digest of the report")
    func decodedFromJSON() throws {
        let bytes = try ReportWriter.json(Fixture.report)
        #expect(try ReportDigest(reportJSON: Data(bytes)) == ReportDigest(Fixture.report))
        #expect(ReportDigestFile.runID(inTail: bytes) == Fixture.report.run.id)
        // Only the end of a large report is read for its run id.
        #expect(ReportDigestFile.runID(inTail: Array(bytes.suffix(bytes.count / 3))) == Fixture.report.run.id)
        #expect(ReportDigestFile.runID(inTail: Array("{\n  \"facts\" : [\n\n  ]\n}".utf8)) == nil)
    }

    @Test("the digest file counts only beside a report.json of its own run; otherwise report.json is read")
    func digestMustMatchReport() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ReportDigestFile.current(in: folder) == nil)
        let report = Fixture.report
        try ReportWriter.writeAtomically(try ReportWriter.json(report), to: folder.appendingPathComponent("report.json"))
        // No digest file: decoded from report.json.
        #expect(ReportDigestFile.current(in: folder) == ReportDigest(report))
        // A digest of another run (a run stopped between the digest and report.json) is not used.
        var other = ReportDigest(report)
        other.run = "run-stopped"
        other.facts = []
        try ReportDigestFile.write(other, to: folder.appendingPathComponent(ReportDigestFile.name))
        #expect(ReportDigestFile.current(in: folder) == ReportDigest(report))
        // The digest of the report's own run is used as it is (here it lists no facts, so it is told apart).
        other.run = report.run.id
        try ReportDigestFile.write(other, to: folder.appendingPathComponent(ReportDigestFile.name))
        #expect(ReportDigestFile.current(in: folder) == other)
    }
}
