import ClaimModel
import Foundation
import Testing
@testable import Report

@Suite("report.md")
struct MarkdownTests {
    @Test("header names the run; sections in review order")
    func order() throws {
        let md = ReportWriter.markdown(Fixture.report, options: .defaults)
        #expect(md.hasPrefix("# claimtrack report\n"))
        #expect(md.contains("Run run-2025-12-07-a1b2 · as of 2025-12-07"))
        let headings = ["## Summary", "## Conflicts (1)", "## Inconsistent checks (1)", "## Superseded forecasts (1)",
                        "## Compatible (1)", "## Agreed (1)", "## Single source (2)", "## Consistent checks (1)",
                        "## Sources (3)", "## Documents (4, 1 quarantined)"]
        let positions = try headings.map { try #require(md.range(of: "\n\($0)")?.lowerBound, "missing '\($0)'") }
        #expect(positions == positions.sorted())
    }

    @Test("facts with human values and quotes with the value in bold")
    func content() {
        let md = ReportWriter.markdown(Fixture.report, options: .defaults)
        #expect(md.contains("**$63 billion** · confidence 55% · period Apr 2024 – Mar 2025"))
        #expect(md.contains("“Bilateral trade reached **$63 billion** in 2024-25, officials said.” — The Hindu, 6 Dec 2025, speaker: a commerce ministry official"))
        #expect(md.contains("[news/ani trade (1).txt](news/ani%20trade%20%281%29.txt)"))
        #expect(md.contains("- [broken/page.html](broken/page.html): ingest: not valid UTF-8 at byte 12"))
        #expect(md.contains("| Aaj Tak | 50% | 1 | ANI |"))
        #expect(md.contains("replaced by “Bilateral trade"))
    }

    @Test("input text cannot open markup in Markdown")
    func escaping() {
        var batch = Fixture.batch
        batch.claims[0].quote = "<script>alert(1)</script> [x](javascript:alert(1)) | # *"
        batch.facts[0].explanation = "line one\n# not a heading"
        let md = ReportWriter.markdown(ReportWriter.makeReport(batch, context: Fixture.context()), options: .defaults)
        #expect(!md.contains("<script>"))
        #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
        // Brackets are escaped, so the would-be link stays text.
        #expect(md.contains("\\[x\\](javascript:alert(1))"))
        #expect(md.components(separatedBy: "](javascript").count == md.components(separatedBy: "\\](javascript").count)
        #expect(!md.contains("\n# not a heading"))
    }
}
