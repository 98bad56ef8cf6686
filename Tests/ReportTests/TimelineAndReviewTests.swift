import ClaimModel
import Foundation
import Testing
@testable import Report

/// Per-fact timelines and reviewer decisions as the HTML and Markdown reports show them.
@Suite("timelines and reviews in the reports")
struct TimelineAndReviewTests {
    /// A fact of `subject`'s trade in one calendar year.
    static func yearFact(_ year: Int, billions: Decimal, subject: String = "India–US", id: String? = nil,
                         status: FactStatus = .singleSource) -> Fact {
        Fact(id: id ?? "f-trade-\(year)", label: "\(subject) trade (\(year))", subject: subject, metric: "trade",
             period: Period(start: Fixture.day("\(year)-01-01"), end: Fixture.day("\(year)-12-31"), text: "\(year)"),
             status: status, value: .exact(billions * 1_000_000_000, .money, unit: "USD"), confidence: 0.5,
             supporting: [], dissenting: [], superseded: [], explanation: "")
    }

    func html(_ batch: Batch) -> String {
        ReportWriter.html(ReportWriter.makeReport(batch, context: Fixture.context()), options: .defaults)
    }

    @Test("a metric with values over several periods gets one timeline per fact, marking that fact")
    func timelineOverPeriods() throws {
        var batch = Fixture.batch
        batch.facts = [Self.yearFact(2023, billions: 60), Self.yearFact(2024, billions: 65), Self.yearFact(2025, billions: 70, status: .conflict)]
        let page = html(batch)
        #expect(page.components(separatedBy: "<figure class=\"timeline\">").count == 4)
        let first = try #require(between(page, "id=\"f-trade-2023\"", "</article>"))
        let svg = try #require(between(first, "<svg", "</svg>"))
        // Three marks linking to their facts, this one marked, in time order left to right.
        #expect(svg.components(separatedBy: "<circle").count == 4)
        #expect(svg.contains("class=\"point single-source now\""))
        #expect(svg.contains("href=\"#f-trade-2025\""))
        let xs = svg.components(separatedBy: "<circle cx=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(xs == xs.sorted() && xs.count == 3)
        // The higher value sits higher (smaller y).
        let ys = svg.components(separatedBy: "cy=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(ys.count == 3 && ys[0] > ys[1] && ys[1] > ys[2])
        #expect(svg.contains("$70 billion"))
        #expect(first.contains("<figcaption>2023: $60 billion (this fact) · 2024: $65 billion · 2025: $70 billion</figcaption>"))

        let markdown = ReportWriter.markdown(ReportWriter.makeReport(batch, context: Fixture.context()), options: .defaults)
        #expect(markdown.contains("Timeline: 2023: $60 billion (this fact) · 2024: $65 billion · 2025: $70 billion"))
    }

    @Test("no timeline for a single period, for other subjects, or for dates")
    func noTimeline() {
        var batch = Fixture.batch
        batch.facts = [Self.yearFact(2024, billions: 65), Self.yearFact(2025, billions: 70, subject: "India–UK")]
        #expect(!html(batch).contains("<figure class=\"timeline\">"))
        batch.facts = [Self.yearFact(2024, billions: 65), Self.yearFact(2024, billions: 66, id: "f-other")]
        #expect(!html(batch).contains("<svg"))
    }

    @Test("a timeline escapes every input text and stays inside the page's policy: no style attributes, no script")
    func timelineEscapes() throws {
        let hostile = "<script>alert(1)</script>\"'&"
        var batch = Fixture.batch
        batch.facts = [Self.yearFact(2024, billions: 65, subject: hostile), Self.yearFact(2025, billions: 70, subject: hostile)]
        batch.facts[0].period?.text = hostile
        let page = html(batch)
        let svg = try #require(between(page, "<svg", "</svg>"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
        #expect(!svg.contains("style="))
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test("reviewed facts, rejected claims and the reviews section show who, when and why, stale ones flagged")
    func reviewsRendered() throws {
        var batch = Fixture.batch
        batch.facts[0].review = FactReview(by: "ana", at: "2025-12-20T09:00:00Z", why: "ministry <b>release</b>",
                                           value: Fixture.usd63, stale: true, note: "the fact changed since this decision: new claim c-x")
        batch.claims[1].rejected = ClaimRejection(by: "bo", at: "2025-12-20T10:00:00Z", why: "misread", stale: false, note: nil)
        batch.facts[0].rejected = [batch.claims[1].id]
        batch.facts[0].dissenting.removeAll { $0 == batch.claims[1].id }
        let accept = ReviewDecision(action: .accept, fact: batch.facts[0].id, value: Fixture.usd63, by: "ana",
                                    at: "2025-12-20T09:00:00Z", why: "ministry <b>release</b>")
        let pin = ReviewDecision(action: .pin, sources: ["Gone Outlet"], reliability: 0.3, by: "bo", at: "2025-12-20T10:05:00Z")
        batch.reviews = [ReviewOutcome(accept, fact: nil, state: .stale, note: "the fact changed since this decision: new claim c-x"),
                         ReviewOutcome(pin, fact: nil, state: .missing, note: "no source 'Gone Outlet' in this run")]
        let report = ReportWriter.makeReport(batch, context: Fixture.context())
        #expect(report.claims.contains { $0.id == batch.claims[1].id }, "a rejected claim stays in report.json")
        let page = ReportWriter.html(report, options: .defaults)
        let fact = try #require(between(page, "id=\"\(batch.facts[0].id)\"", "</article>"))
        #expect(fact.contains("<span class=\"badge reviewed stale\">review stale</span>"))
        #expect(fact.contains("accepted by ana at 2025-12-20T09:00:00Z: ministry &lt;b&gt;release&lt;/b&gt;"))
        #expect(fact.contains("Look again: the fact changed since this decision: new claim c-x"))
        #expect(fact.contains("<span class=\"role\">rejected</span>"))
        #expect(fact.contains("rejected by bo at 2025-12-20T10:00:00Z: misread"))
        let section = try #require(between(page, "<section id=\"reviews\">", "</section>"))
        #expect(section.contains("Reviews <span class=\"count\">(2)</span>"))
        // Stale first, then missing.
        let stale = try #require(section.range(of: "badge stale")), missing = try #require(section.range(of: "badge missing"))
        #expect(stale.lowerBound < missing.lowerBound)
        #expect(section.contains("no source &#39;Gone Outlet&#39; in this run"))
        #expect(page.contains("<a href=\"#reviews\">Reviews</a>"))
        #expect(page.contains("review decisions</th><td>2</td>"))

        let markdown = ReportWriter.markdown(report, options: .defaults)
        #expect(markdown.contains("> **review stale** reviewed:"))
        #expect(markdown.contains("rejected by bo at 2025-12-20T10:00:00Z: misread"))
        #expect(markdown.contains("## Reviews (2)"))
        #expect(markdown.contains("- **missing** pin source"))
    }

    @Test("a report without a reviews file has no reviews section, rows or link")
    func noReviews() {
        let page = html(Fixture.batch)
        #expect(!page.contains("id=\"reviews\"") && !page.contains("#reviews") && !page.contains("review decisions"))
    }
}
