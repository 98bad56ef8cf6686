public import ArgumentParser
import ClaimModel
import Extract
import Foundation
import Ingest
import Pipeline

/// `claimtrack claims FILE...`: the claims of documents, one JSON line each, as report.json lists them.
public struct ClaimsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Print the claims extracted from documents, one JSON line each (same shape as report.json claims)."
    )

    @Option(name: .long, help: "The pipeline config whose extract and normalize options apply.") var config = "pipeline.json"
    @Flag(name: .long, help: "Add to each claim an \"explain\" list: the rules that fired (recognizer, metric, period, modality, negation, subject, speaker, role).")
    var explain = false
    @Argument(help: "Documents to read.") var files: [String]

    public init() {}

    public func run() async throws {
        // Without a project config the shipped defaults apply, so the command works on any file anywhere.
        let stages: [ConfiguredStage]
        if FileManager.default.fileExists(atPath: config) {
            stages = try loadConfig(config).stages.filter { $0.type == "extract" || $0.type == "normalize" }
        } else {
            stages = try ["extract", "normalize"].map { type in
                guard let factory = StageRegistry.builtIn.first(where: { $0.type == type }) else { throw ExitCode(1) }
                switch PipelineConfig.validate(.object([("version", .number(1, "1")), ("stages", .array([.object([
                    ("id", .string(type)), ("type", .string(type))])]))]), factories: [factory]) {
                case .success(let c): return c.stages[0]
                case .failure(let e): printError("claimtrack: \(e)"); throw ExitCode(2)
                }
            }
        }
        let documents = files.map { path in
            DocumentReader.read(fileAt: URL(fileURLWithPath: path), relativePath: path)
        }
        for d in documents where d.status == .quarantined {
            printError("claimtrack: '\(d.path)': \(d.error ?? "unreadable")")
        }
        let context = StageContext(asOf: todayUTC(), runID: "claims", startedAt: timestamp(Date()),
                                   inputs: URL(fileURLWithPath: "."), outputs: URL(fileURLWithPath: "."),
                                   projectDirectory: URL(fileURLWithPath: "."))
        var batch = Batch(documents: documents)
        for stage in stages { batch = try await stage.run(batch, in: context) }
        // The rules are traced by a second pass of the same builder, so the normal path collects nothing; claim ids are
        // stable for a document and span, which joins the two.
        var rules: [String: [String]] = [:]
        if explain {
            let options = stages.first { $0.type == "extract" }?.options as? ExtractOptions ?? .defaults
            let builder = ClaimBuilder(options: options)
            for document in batch.documents where document.status != .quarantined && document.format != .feed {
                for (claim, fired) in builder.explainedClaims(for: document) { rules[claim.id] = fired }
            }
        }
        for claim in batch.claims {
            let line: [UInt8] = try jsonLine(claim)
            // The line is the claim's object and a newline: the rules go in as one more key before the closing brace.
            guard explain, line.count >= 2, line[line.count - 2] == UInt8(ascii: "}") else { writeOut(line); continue }
            let fired: [String] = rules[claim.id] ?? ["not built from text (a structured feed row)"]
            let quoted: [String] = fired.map { (rule: String) -> String in JSONValue.quote(rule) }
            var tail = ",\"explain\":["
            tail += quoted.joined(separator: ",")
            tail += "]}\n"
            writeOut(Array(line.dropLast(2)) + Array(tail.utf8))
        }
    }
}
