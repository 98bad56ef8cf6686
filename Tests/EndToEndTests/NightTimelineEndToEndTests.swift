import ClaimModel
import ClaimtrackCLI
import Foundation
import Testing

@Suite("timelines over nights end to end", .serialized)
struct NightTimelineEndToEndTests {
    static func article(_ partner: String, _ figure: String) -> String {
        " date 2025-06-12 \n\nBilateral trade between India and \(partner) reached \(figure) in FY2024-25, officials said.\n"
    }

    @Test("two nights of `claimtrack run` over one folder: the figure that changed gets a night timeline, the steady one not")
    func changedFigureAcrossNights() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-nights-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("inputs"), out = root.appendingPathComponent("outputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let changing = inputs.appendingPathComponent("russia.txt")
        try Data(Self.article("Russia", "$66.2 billion").utf8).write(to: changing)
        try Data(Self.article("Japan", "$22.8 billion").utf8).write(to: inputs.appendingPathComponent("japan.txt"))
        func run(_ asOf: String) async throws -> Report {
            var command = try RunCommand.parse(["--config", repoRoot.appendingPathComponent("pipeline.json").path,
                                                "--inputs", inputs.path, "--outputs", out.path, "--as-of", asOf, "--quiet"])
            try await command.run()
            return try loadReport(out)
        }
        func text(_ name: String) throws -> String { try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }

        let first = try await run("2025-12-18")
        #expect(first.facts.count >= 2)
        #expect(!(try text("report.html")).contains("timeline nights"), "one night has no timeline over nights")
        #expect(!(try text("report.md")).contains("Over nights"))

        try Data(Self.article("Russia", "$68.5 billion").utf8).write(to: changing)
        let second = try await run("2025-12-20")
        let russia = try #require(second.facts.first { $0.subject?.contains("Russia") == true && $0.metric.contains("trade") },
                                  "no Russia trade fact: \(second.facts.map(\.label))")
        #expect(first.facts.contains { $0.id == russia.id }, "the fact keeps its id from night to night")
        let html = try text("report.html")
        let article = try #require(between(html, "id=\"\(russia.id)\"", "</article>"))
        let figure = try #require(between(article, "<figure class=\"timeline nights\">", "</figure>"))
        #expect(figure.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(figure.components(separatedBy: "<circle").count == 3)
        let line = "2025-12-18: $66.2 billion · 2025-12-20: $68.5 billion (tonight)"
        #expect(figure.contains("<figcaption>Over nights: \(line)</figcaption>"))
        #expect(html.components(separatedBy: "<figure class=\"timeline nights\">").count == 2, "the Japan figure did not change")
        #expect(try text("report.md").contains("Over nights: \(line)\n"))
        // The page's one script is still its own; the figure adds no external resource.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!figure.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
    }
}
