import ClaimModel
import Foundation
import Pipeline
@testable import Report

/// Hand-made batches and contexts for the report tests.
enum Fixture {
    static func day(_ iso: String) -> CalendarDay {
        guard let d = CalendarDay(iso: iso) else { fatalError("bad fixture day '\(iso)'") }
        return d
    }

    static func context(outputs: URL = URL(fileURLWithPath: "/tmp/claimtrack-report-tests/outputs"),
                        inputs: URL = URL(fileURLWithPath: "/tmp/claimtrack-report-tests/inputs")) -> StageContext {
        StageContext(asOf: day("2025-12-07"), runID: "run-2025-12-07-a1b2", startedAt: "2025-12-07T00:00:00Z",
                     inputs: inputs, outputs: outputs, projectDirectory: inputs.deletingLastPathComponent(), concurrency: 1)
    }

    static let documents: [Document] = [
        Document(id: "d-0000000000000001", path: "news/hindu-trade.html", format: .html, title: "India–US trade at a record",
                 published: day("2025-12-06"), publishedSource: "meta article:published_time", author: "Staff",
                 site: "The Hindu", attributions: [], text: "…"),
        Document(id: "d-0000000000000002", path: "news/ani trade (1).txt", format: .text, title: "Trade figures",
                 published: day("2025-12-05"), site: "ANI", attributions: ["Based On ANI Report"], text: "…",
                 warnings: ["decoded as windows-1252"]),
        Document(id: "d-0000000000000003", path: "news/undated.txt", format: .text, title: "Summit dates", text: "…"),
        Document.quarantined(path: "broken/page.html", id: "d-0000000000000004", format: .html,
                             reason: "ingest: not valid UTF-8 at byte 12"),
    ]

    static func claim(_ n: Int, doc: Int, quote: String, text: String, metric: String, value: ClaimValue,
                      approximation: Approximation = .exact, modality: Modality = .reported, speaker: String? = nil,
                      period: Period? = nil) -> Claim {
        let document = documents[doc - 1].id
        let start = max(0, quote.distance(from: quote.startIndex, to: quote.range(of: text)?.lowerBound ?? quote.startIndex))
        return Claim(id: Claim.id(document: document, start: start + n * 1000, end: start + n * 1000 + text.count),
                     document: document, quote: quote, span: [start + n * 1000, start + n * 1000 + text.count],
                     subject: "India–US", metric: metric, value: value, approximation: approximation, modality: modality,
                     period: period, speaker: speaker, text: text)
    }

    static let usd63 = ClaimValue.exact(63_000_000_000, .money, unit: "USD")
    static let usd68 = ClaimValue.exact(Decimal(string: "68700000000") ?? 0, .money, unit: "USD")

    static let claims: [Claim] = [
        claim(1, doc: 1, quote: "Bilateral trade reached $63 billion in 2024-25, officials said.", text: "$63 billion",
              metric: "trade", value: usd63, speaker: "a commerce ministry official",
              period: Period(start: day("2024-04-01"), end: day("2025-03-31"), text: "2024-25")),
        claim(2, doc: 2, quote: "Trade between the two countries stood at $68.7 billion.", text: "$68.7 billion",
              metric: "trade", value: usd68),
        claim(3, doc: 1, quote: "Exports rose 36% over the period.", text: "36%", metric: "export growth",
              value: .exact(36, .percent, unit: "%")),
        claim(4, doc: 3, quote: "The summit will be held on December 4-5.", text: "December 4-5", metric: "summit date",
              value: ClaimValue(dimension: .date, start: day("2025-12-04"), end: day("2025-12-05"),
                                inferredFrom: "f-0000000000000003", resolution: "inferred from fact f-0000000000000003")),
        claim(5, doc: 1, quote: "Leaders meet on 4-5 December 2025 in New Delhi.", text: "4-5 December 2025",
              metric: "summit date", value: ClaimValue(dimension: .date, start: day("2025-12-04"), end: day("2025-12-05"),
                                                       resolution: "explicit")),
        claim(6, doc: 2, quote: "Trade is expected to touch $60 billion this year.", text: "$60 billion", metric: "trade",
              value: .exact(60_000_000_000, .money, unit: "USD"), approximation: .approximate, modality: .forecast),
        claim(7, doc: 2, quote: "Investment crossed $65 billion.", text: "crossed $65 billion", metric: "investment",
              value: ClaimValue(dimension: .money, unit: "USD", min: 65_000_000_000), approximation: .atLeast),
        claim(8, doc: 1, quote: "The two sides signed 12 agreements.", text: "12 agreements", metric: "agreements",
              value: .exact(12, .count, unit: "agreements")),
        claim(9, doc: 3, quote: "A meeting on December 9 was unconfirmed.", text: "December 9", metric: "meeting date",
              value: ClaimValue(dimension: .date, unresolved: "--12-09")),
        claim(10, doc: 3, quote: "Talks ran December 4-5 in an undated note.", text: "December 4-5", metric: "talks date",
              value: ClaimValue(dimension: .date, unresolved: "--12-04/--12-05")),
    ]

    static func id(_ n: Int) -> String { claims[n - 1].id }

    static let facts: [Fact] = [
        Fact(id: "f-0000000000000001", label: "India–US trade, 2024-25", subject: "India–US", metric: "trade",
             period: Period(start: day("2024-04-01"), end: day("2025-03-31")), status: .conflict, value: usd63,
             confidence: 0.55, supporting: [id(1)], dissenting: [id(2)], superseded: [id(6)], supersededBy: [id(6): id(1)],
             explanation: "The Hindu reports $63 billion; ANI reports $68.7 billion, outside tolerance."),
        Fact(id: "f-0000000000000002", label: "India–US investment", subject: "India–US", metric: "investment", period: nil,
             status: .compatible, value: ClaimValue(dimension: .money, unit: "USD", min: 65_000_000_000), confidence: 0.7,
             supporting: [id(7)], dissenting: [], superseded: [], explanation: "A lower bound only."),
        Fact(id: "f-0000000000000003", label: "Summit dates", subject: "India–US", metric: "summit date", period: nil,
             status: .agreed, value: ClaimValue(dimension: .date, start: day("2025-12-04"), end: day("2025-12-05")),
             confidence: 0.9, supporting: [id(5), id(4)], dissenting: [], superseded: [],
             explanation: "Both sources give 4-5 December; the undated one takes its year from this fact."),
        Fact(id: "f-0000000000000004", label: "Export growth", subject: "India–US", metric: "export growth", period: nil,
             status: .singleSource, value: .exact(36, .percent, unit: "%"), confidence: 0.5, supporting: [id(3)],
             dissenting: [], superseded: [], explanation: "Only The Hindu reports it."),
        Fact(id: "f-0000000000000005", label: "Talks dates", subject: "India–US", metric: "talks date", period: nil,
             status: .singleSource, value: ClaimValue(dimension: .date, unresolved: "--12-04/--12-05"), confidence: 0.3,
             supporting: [id(10)], dissenting: [], superseded: [], explanation: "No year could be found."),
    ]

    static let checks: [Check] = [
        Check(kind: "sum", status: .inconsistent, claims: [id(8), id(3)], explanation: "The parts add to 40, not 36."),
        Check(kind: "count", status: .consistent, claims: [id(8)], explanation: "12 agreements are itemised."),
    ]

    static let sources: [Source] = [
        Source(name: "The Hindu", documents: [documents[0].id], reliability: 0.9, copiesFrom: []),
        Source(name: "ANI", documents: [documents[1].id], reliability: 0.75, copiesFrom: []),
        Source(name: "Aaj Tak", documents: [documents[2].id], reliability: 0.5, copiesFrom: ["ANI"]),
    ]

    static var batch: Batch {
        Batch(documents: documents, claims: claims, facts: facts, checks: checks, sources: sources)
    }

    static var report: Report { ReportWriter.makeReport(batch, context: context()) }

    /// A unique empty folder under the system temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("claimtrack-report-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
