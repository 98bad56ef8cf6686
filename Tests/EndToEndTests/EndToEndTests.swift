import ClaimModel
import ClaimtrackCLI
import Foundation
import Testing

/// The repository root, found from this file's path so tests run from any working directory.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `claimtrack run` over the sample inputs into a fresh folder and returns that folder.
func runSamples(asOf: String = "2025-12-20") async throws -> URL {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-e2e-\(UUID().uuidString)")
    var command = try RunCommand.parse([
        "--config", repoRoot.appendingPathComponent("pipeline.json").path,
        "--inputs", repoRoot.appendingPathComponent("inputs").path,
        "--outputs", out.path, "--as-of", asOf, "--quiet",
    ])
    try await command.run()
    return out
}

func loadReport(_ folder: URL) throws -> Report {
    try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
}

/// The document of a claim by the sample file it came from.
func documentPath(_ report: Report, _ claim: Claim) -> String {
    report.documents.first { $0.id == claim.document }?.path ?? "?"
}

@Suite("end to end over inputs/", .serialized)
struct EndToEndTests {
    @Test("a run writes every report file, naming its run id")
    func writesAllOutputs() async throws {
        let out = try await runSamples()
        let report = try loadReport(out)
        for name in ["report.json", "report.md", "report.html", "claims.jsonl"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains(report.run.id), "\(name) does not name the run id")
        }
        #expect(report.documents.count == 5)
        #expect(report.documents.allSatisfy { $0.status == .ok })
        #expect(report.run.asOf == CalendarDay(iso: "2025-12-20"))
    }

    @Test("the visit dates 4-5 December 2025 are agreed by the articles that state them")
    func visitDatesAgreed() async throws {
        let report = try loadReport(try await runSamples())
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let visit = report.facts.filter {
            $0.metric == "visit dates" && $0.value.start == CalendarDay(iso: "2025-12-04") && $0.value.end == CalendarDay(iso: "2025-12-05")
        }
        #expect(visit.count == 1)
        guard let fact = visit.first else { return }
        #expect(fact.status == .agreed)
        let sources = Set(fact.supporting.compactMap { claims[$0] }.map { documentPath(report, $0) })
        // 000 states "4-5 December 2025" with a date line; 001 and 004 state "December 4-5" without one.
        #expect(sources.contains("000_c2ad7f6feaff2f3a.txt"))
        #expect(sources.count >= 2)
        // The October forecast "likely around December 5-6" is superseded, not a conflict.
        let superseded = fact.superseded.compactMap { claims[$0] }
        #expect(superseded.contains { documentPath(report, $0) == "002_e9881d4b8377d38e.txt" && $0.text.contains("5-6") })
    }

    @Test("the $63 billion and $68 billion trade figures end up in one fact marked conflict")
    func tradeConflict() async throws {
        let report = try loadReport(try await runSamples())
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let billion = Decimal(1_000_000_000)
        let trade = report.facts.filter { fact in
            let values = (fact.supporting + fact.dissenting).compactMap { claims[$0]?.value.min }
            return values.contains(63 * billion) && values.contains(68 * billion)
        }
        #expect(trade.count == 1)
        #expect(trade.first?.status == .conflict)
        #expect(trade.first?.metric == "bilateral trade")
    }

    @Test("exports and imports are checked against the trade total")
    func partsVersusTotal() async throws {
        let report = try loadReport(try await runSamples())
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sums = report.checks.filter { $0.kind == "sum" }
        #expect(!sums.isEmpty)
        let metrics = Set(sums.flatMap(\.claims).compactMap { claims[$0]?.metric })
        #expect(metrics.isSuperset(of: ["exports", "imports", "bilateral trade"]))
    }

    @Test("report.json validates against docs/report.schema.json")
    func schemaValid() async throws {
        let out = try await runSamples()
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("SKIP: python3 module 'jsonschema' is not installed (.ci/run installs it)"); sys.exit(0)
        schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        for e in errors[:10]: print("INVALID", list(e.absolute_path), e.message[:300])
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, repoRoot.appendingPathComponent("docs/report.schema.json").path,
                             out.appendingPathComponent("report.json").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            print("SKIP: python3 is not available to validate the schema: \(error)")
            return
        }
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if output.hasPrefix("SKIP") { print(output); return }
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test("the same inputs and as-of date give byte-identical report files, equal to their snapshots")
    func snapshot() async throws {
        let first = try await runSamplesInCopy()
        let second = try await runSamplesInCopy()
        let names = ["report.json", "report.md", "report.html", "claims.jsonl", "claims.csv", "changes.md"]
        let record = ProcessInfo.processInfo.environment["CLAIMTRACK_RECORD_SNAPSHOTS"] == "1"
        let folder = repoRoot.appendingPathComponent("Tests/EndToEndTests/__Snapshots__")
        for name in names {
            let bytes = try Data(contentsOf: first.appendingPathComponent(name))
            #expect(bytes == (try Data(contentsOf: second.appendingPathComponent(name))), "\(name) differs between two runs")
            let snapshot = folder.appendingPathComponent(name)
            if record || !FileManager.default.fileExists(atPath: snapshot.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try bytes.write(to: snapshot)
                Issue.record("recorded a new snapshot at \(snapshot.path); review it and run the tests again")
                continue
            }
            #expect(bytes == (try Data(contentsOf: snapshot)),
                    "\(name) differs from its snapshot; if the change is intended, rerun with CLAIMTRACK_RECORD_SNAPSHOTS=1 and review the diff")
        }
    }
}

/// Runs over a copy of inputs/ beside a fresh outputs/ folder, so links between them ("../inputs/") do not depend on
/// where the repository is checked out.
func runSamplesInCopy(asOf: String = "2025-12-20", extra: [String: String] = [:]) async throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-copy-\(UUID().uuidString)")
    let inputs = root.appendingPathComponent("inputs")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("inputs"), to: inputs)
    for (name, text) in extra { try Data(text.utf8).write(to: inputs.appendingPathComponent(name)) }
    let out = root.appendingPathComponent("outputs")
    var command = try RunCommand.parse([
        "--config", repoRoot.appendingPathComponent("pipeline.json").path,
        "--inputs", inputs.path, "--outputs", out.path, "--as-of", asOf, "--quiet",
    ])
    try await command.run()
    return out
}
