import ArgumentParser
import ClaimModel
import ClaimtrackCLI
import Foundation
import Testing

/// A project folder of its own: pipeline.json (so reviews.json lands beside it), a copy of inputs/, and outputs/.
struct ReviewProject {
    let root: URL
    var config: URL { root.appendingPathComponent("pipeline.json") }
    var inputs: URL { root.appendingPathComponent("inputs") }
    var outputs: URL { root.appendingPathComponent("outputs") }
    var reportJSON: URL { outputs.appendingPathComponent("report.json") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("inputs"), to: inputs)
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("pipeline.json"), to: config)
    }

    /// `claimtrack run` as cron would call it, pinned to one as-of date.
    func run() async throws -> Report {
        var command = try RunCommand.parse(["--config", config.path, "--inputs", inputs.path, "--outputs", outputs.path,
                                            "--as-of", "2025-12-20", "--quiet"])
        try await command.run()
        return try loadReport(outputs)
    }

    /// `claimtrack review ARGS…` through the real argument parsing, naming this project's config and report.
    func review(_ arguments: [String]) throws {
        let withReport = ["accept", "reject"].contains(arguments.first ?? "") ? ["--report", reportJSON.path] : []
        var command = try ReviewCommand.parseAsRoot(arguments + ["--config", config.path, "--by", "tester"] + withReport)
        try command.run()
    }

    func text(_ name: String) throws -> String { try String(contentsOf: outputs.appendingPathComponent(name), encoding: .utf8) }
}

/// Validates a report.json with Python's jsonschema; nil when valid or when the validator is not installed.
func schemaErrors(_ file: URL) throws -> String? {
    let script = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        sys.exit(0)
    schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    for e in errors[:10]: print("INVALID", list(e.absolute_path), e.message[:300])
    sys.exit(1 if errors else 0)
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, repoRoot.appendingPathComponent("docs/report.schema.json").path, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return process.terminationStatus == 0 ? nil : output
}

@Suite("the review loop: decisions recorded with 'claimtrack review' are applied by the next run", .serialized)
struct ReviewLoopTests {
    @Test("reject, accept, pin and a decision on a missing source, applied; then flagged stale when an input changes")
    func decisionsAreAppliedAndFlaggedWhenTheirFactChanges() async throws {
        let project = try ReviewProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let first = try await project.run()
        #expect(first.reviews == nil, "no reviews file yet, so no reviews section")
        let claims = Dictionary(first.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let billion = Decimal(1_000_000_000)
        // The trade conflict: $63 billion against $68 billion.
        let trade = try #require(first.facts.first { f in
            f.status == .conflict && (f.supporting + f.dissenting).compactMap { claims[$0]?.value.min }.contains(63 * billion)
        })
        let sixtyThree = try #require((trade.supporting + trade.dissenting).first { claims[$0]?.value.min == 63 * billion })
        let other = try #require((trade.supporting + trade.dissenting).first { $0 != sixtyThree })
        let source = try #require(first.sources.first)

        try project.review(["reject", sixtyThree, "--why", "the 2024 figure, not this year's"])
        try project.review(["accept", trade.id, "--claim", other, "--why", "matches the ministry release"])
        try project.review(["pin", source.name, "0.42", "--why", "often early"])
        try project.review(["pin", "no-such-outlet", "0.5"])
        // The reviews file sits beside pipeline.json, where the next run looks for it.
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("reviews.json").path))

        let second = try await project.run()
        let reviews = try #require(second.reviews)
        #expect(reviews.map(\.state) == [.applied, .applied, .applied, .missing], "\(reviews)")
        #expect(reviews.last?.note?.contains("no-such-outlet") == true)
        let fact = try #require(second.facts.first { $0.id == trade.id })
        #expect(fact.rejected == [sixtyThree])
        #expect(!fact.supporting.contains(sixtyThree) && !fact.dissenting.contains(sixtyThree))
        let review = try #require(fact.review)
        #expect(review.by == "tester" && review.why == "matches the ministry release" && !review.stale)
        #expect(review.value.sameStatedValue(as: try #require(claims[other]).value))
        #expect(fact.value.sameStatedValue(as: review.value))
        let rejected = try #require(second.claims.first { $0.id == sixtyThree }?.rejected)
        #expect(rejected.by == "tester" && rejected.why == "the 2024 figure, not this year's" && !rejected.stale)
        #expect(second.sources.first { $0.name == source.name }?.reliability == 0.42)
        #expect(try schemaErrors(project.reportJSON) == nil)

        let html = try project.text("report.html")
        #expect(html.contains("id=\"reviews\""))
        #expect(html.contains("rejected by tester"))
        #expect(html.contains("accepted by tester"))
        let markdown = try project.text("report.md")
        #expect(markdown.contains("## Reviews (4)"))
        #expect(markdown.contains("rejected by tester"))

        // Another document of the fact changes: its claims get new ids, so the fact is no longer what the reviewer saw.
        let changedClaim = try #require(fact.supporting.compactMap { claims[$0] }.first { $0.document != claims[sixtyThree]?.document })
        let path = try #require(first.documents.first { $0.id == changedClaim.document }?.path)
        let file = project.inputs.appendingPathComponent(path)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n\nThe ministry will publish revised figures next month.\n".utf8))
        try handle.close()

        let third = try await project.run()
        let staleFact = try #require(third.facts.first { $0.id == trade.id })
        let staleReview = try #require(staleFact.review)
        #expect(staleReview.stale)
        #expect(staleReview.note?.contains("gone") == true, "\(staleReview.note ?? "")")
        #expect(third.reviews?.first { $0.action == .accept }?.state == .stale)
        #expect(third.reviews?.first { $0.action == .reject }?.state == .stale)
        #expect(try schemaErrors(project.reportJSON) == nil)
        #expect(try project.text("report.md").contains("**review stale**"))
        #expect(try project.text("report.html").contains("class=\"review stale\""))
    }

    @Test("dependent sources count as one witness in the next run")
    func dependentSourcesMerge() async throws {
        let project = try ReviewProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let first = try await project.run()
        let claims = Dictionary(first.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let outletOfDocument = Dictionary(first.sources.flatMap { s in s.documents.map { ($0, s.name) } },
                                          uniquingKeysWith: { a, _ in a })
        // An agreed fact backed by exactly two outlets becomes single-source once they are marked dependent.
        let agreed = try #require(first.facts.first { f in
            f.status == .agreed && Set(f.supporting.compactMap { claims[$0].flatMap { outletOfDocument[$0.document] } }).count == 2
        })
        let outlets = Set(agreed.supporting.compactMap { claims[$0].flatMap { outletOfDocument[$0.document] } }).sorted()
        try project.review(["dependent", outlets[0], outlets[1], "--why", "one reprints the other"])
        let second = try await project.run()
        #expect(second.reviews?.map(\.state) == [.applied])
        let fact = try #require(second.facts.first { $0.id == agreed.id })
        #expect(fact.status == .singleSource)
        #expect(fact.explanation.contains("a reviewer marked them dependent"))
    }

    @Test("a reviews file that is not JSON makes the run exit 1 with a message naming it; reviews: null ignores it")
    func brokenReviewsFile() async throws {
        // A failed run exits the process, so this runs the built binary.
        guard claimtrackBinary != nil else { print("SKIP: \(BinaryMissing())"); return }
        let project = try ReviewProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Data("not json".utf8).write(to: project.root.appendingPathComponent("reviews.json"))
        let arguments = ["run", "--config", project.config.path, "--inputs", project.inputs.path, "--outputs", project.outputs.path,
                         "--as-of", "2025-12-20", "--quiet"]
        let broken = try runBinary(arguments)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("reviews.json"), "\(broken.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project.reportJSON.path))
        // Turned off in pipeline.json, the same file is not read.
        var config = try String(contentsOf: project.config, encoding: .utf8)
        config = config.replacingOccurrences(of: #""approximateTolerance": 0.05 }"#, with: #""approximateTolerance": 0.05, "reviews": null }"#)
        try config.write(to: project.config, atomically: true, encoding: .utf8)
        #expect(try runBinary(arguments).status == 0)
        #expect(try loadReport(project.outputs).reviews == nil)
    }
}

/// Text between the first `open` and the next `close`.
func between(_ text: String, _ open: String, _ close: String) -> String? {
    guard let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) else { return nil }
    return String(text[a.upperBound..<b.lowerBound])
}
