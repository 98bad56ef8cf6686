import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Report

/// Timelines over nights: a fact whose value changed since earlier runs shows its value night by night.
@Suite("timelines over nights in the reports")
struct NightTimelineTests {
    static let trade = Fixture.facts[0].id  // $63 billion tonight (2025-12-07), a conflict.

    static func night(_ day: String, _ value: ClaimValue, _ status: FactStatus = .singleSource) -> PastFactValue {
        PastFactValue(asOf: Fixture.day(day), runID: "run-\(day)", status: status, value: value)
    }

    static func billions(_ n: Decimal) -> ClaimValue { .exact(n * 1_000_000_000, .money, unit: "USD") }

    @Test("a fact whose value changed over earlier nights gets a night-by-night SVG and a Markdown line, tonight marked")
    func changedValue() throws {
        let history = [Self.trade: [Self.night("2025-12-05", Self.billions(68)), Self.night("2025-12-06", Self.billions(70), .conflict)]]
        let report = Fixture.report
        let page = ReportWriter.html(report, options: .defaults, history: history)
        #expect(page.components(separatedBy: "<figure class=\"timeline nights\">").count == 2, "one fact changed, one figure")
        let article = try #require(between(page, "id=\"\(Self.trade)\"", "</article>"))
        let figure = try #require(between(article, "<figure class=\"timeline nights\">", "</figure>"))
        #expect(figure.contains("aria-label=\"India–US trade over 3 nights\""))
        let svg = try #require(between(figure, "<svg", "</svg>"))
        #expect(svg.components(separatedBy: "<circle").count == 4)
        // Nights left to right; tonight is the last mark and the only one marked.
        let xs = svg.components(separatedBy: "<circle cx=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(xs.count == 3 && xs == xs.sorted() && Set(xs).count == 3)
        #expect(svg.components(separatedBy: " now\"").count == 2)
        #expect(svg.contains("class=\"point conflict\""), "the night of 2025-12-06 keeps that night's status")
        #expect(svg.contains("<title>2025-12-07: $63 billion (conflict), tonight</title>"))
        // $63 billion tonight sits lower than $70 billion the night before.
        let ys = svg.components(separatedBy: "cy=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(ys.count == 3 && ys[2] > ys[1])
        let caption = "Over nights: 2025-12-05: $68 billion · 2025-12-06: $70 billion · 2025-12-07: $63 billion (tonight)"
        #expect(figure.contains("<figcaption>\(caption)</figcaption>"))
        #expect(!figure.contains("style=") && !figure.contains("<script"))

        let markdown = ReportWriter.markdown(report, options: .defaults, history: history)
        #expect(markdown.contains(caption + "\n"))
        #expect(markdown.components(separatedBy: "Over nights:").count == 2)
    }

    @Test("no night timeline when every night had tonight's value, without history, for dates, or across units")
    func unchangedOrIncomparable() {
        let report = Fixture.report
        let same = [Self.trade: [Self.night("2025-12-05", Fixture.usd63), Self.night("2025-12-06", Fixture.usd63, .conflict)]]
        let summit = Fixture.facts[2]
        let dates = [summit.id: [Self.night("2025-12-06", ClaimValue(dimension: .date, start: Fixture.day("2025-12-01"),
                                                                     end: Fixture.day("2025-12-02")))]]
        let otherUnit = [Self.trade: [Self.night("2025-12-06", .exact(63, .money, unit: "EUR"))]]
        // A night on or after tonight is not an earlier night.
        let later = [Self.trade: [Self.night("2025-12-07", Self.billions(70)), Self.night("2025-12-09", Self.billions(71))]]
        for history in [[:], same, dates, otherUnit, later] {
            #expect(!ReportWriter.html(report, options: .defaults, history: history).contains("timeline nights"))
            #expect(!ReportWriter.markdown(report, options: .defaults, history: history).contains("Over nights"))
        }
    }

    @Test("the night timeline escapes input text like the period timeline")
    func escapes() throws {
        let hostile = "<script>alert(1)</script>\"'&"
        var batch = Fixture.batch
        batch.facts[0].subject = hostile
        let report = ReportWriter.makeReport(batch, context: Fixture.context())
        let page = ReportWriter.html(report, options: .defaults, history: [Self.trade: [Self.night("2025-12-06", Self.billions(70))]])
        let figure = try #require(between(page, "<figure class=\"timeline nights\">", "</figure>"))
        #expect(figure.contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp; trade over 2 nights\""))
        #expect(!figure.contains("<script"))
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test("the report stage asks the run history for its facts' ids; a history that fails costs only those timelines")
    func stageReadsHistory() async throws {
        let out = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let asked = Asked()
        var context = Fixture.context(outputs: out)
        context.factHistory = { ids in
            asked.set(ids)
            return [NightTimelineTests.trade: [NightTimelineTests.night("2025-12-06", NightTimelineTests.billions(70))]]
        }
        let stage = try ReportStage(options: .defaults)
        _ = try await stage.run(Fixture.batch, in: context)
        #expect(asked.ids == Fixture.facts.map(\.id))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<figcaption>Over nights: 2025-12-06: $70 billion · 2025-12-07: $63 billion (tonight)</figcaption>"))
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("Over nights: 2025-12-06: $70 billion · 2025-12-07: $63 billion (tonight)"))

        struct Broken: Error {}
        context.factHistory = { _ in throw Broken() }
        _ = try await stage.run(Fixture.batch, in: context)
        let again = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!again.contains("timeline nights") && again.contains("id=\"\(Self.trade)\""))
    }
}

/// The ids a history closure was asked for.
private final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var ids: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ ids: [String]) { lock.lock(); stored = ids; lock.unlock() }
}
