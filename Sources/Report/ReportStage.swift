public import ClaimModel
internal import Foundation
public import Pipeline

/// The last stage: writes `report.json`, `report.md`, `report.html`, `claims.jsonl`, `claims.csv` and `changes.md`
/// into the outputs folder.
public struct ReportStage: Stage {
    /// The key of this stage type in `pipeline.json`.
    public static let type = "report"
    /// The options in force.
    public let options: ReportOptions

    /// Creates the stage, rejecting negative limits, an empty title and an unsafe `inputsLink`.
    public init(options: ReportOptions) throws(ConfigError) {
        let issues = options.issues(at: "$.options")
        if !issues.isEmpty { throw ConfigError(issues) }
        self.options = options
    }

    /// The report lists documents by their metadata, never their text.
    public static var readsDocumentText: Bool { false }

    /// Writes the four outputs, each atomically, and returns the batch unchanged.
    ///
    /// `report.json` goes last: a reader that finds the new one knows the other files are from the same run.
    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        var options = self.options
        if options.inputsLink == nil { options.inputsLink = ReportStage.relativeLink(from: context.outputs, to: context.inputs) }
        var report = ReportWriter.makeReport(input, context: context, options: options)
        let folder = context.outputs
        // The previous run's report, while it is still in place, is what "changes" compares with (its digest: ids,
        // labels, statuses and values). With a run history, the runner names the digest it kept of the last completed
        // run instead: after a crash report.json may already be this run's (see `StageContext.previousReport`).
        let previous: ReportDigest?
        if let baseline = context.previousReport {
            previous = ReportDigestFile.read(baseline)
        } else {
            previous = ReportDigestFile.current(in: folder)
        }
        report.changes = Changes.between(previousDigest: previous, current: report)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError("cannot create the outputs folder '\(folder.path)': \(error.localizedDescription)")
        }
        let names = ["claims.jsonl", "claims.csv", "changes.md", "report.md", "report.html", ReportDigestFile.name, "report.json"]
        for name in names { AtomicFile.removeLeftovers(of: folder.appendingPathComponent(name)) }
        let runID = context.runID
        let claimsFile = try AtomicFile(folder.appendingPathComponent("claims.jsonl"))
        try ReportWriter.claimLines(input.claims, runID: runID) { try claimsFile.write($0) }
        try claimsFile.commit()
        let csvFile = try AtomicFile(folder.appendingPathComponent("claims.csv"))
        try csvFile.write(ClaimsCSV.header.joined(separator: ",") + "\r\n")
        let claims = input.claims
        try ParallelEncoding.chunks(count: claims.count, makeEncoder: { () }, encode: { i, _, chunk in
            ClaimsCSV.appendRow(claims[i], runID: runID, to: &chunk)
        }, emit: { try csvFile.write($0) })
        try csvFile.commit()
        if let changes = report.changes {
            try ReportWriter.writeAtomically(Array(ChangesWriter.markdown(report, changes, title: options.title).utf8),
                                             to: folder.appendingPathComponent("changes.md"))
        }
        // With a run history, facts whose value changed over the nights get a night-by-night timeline; a history that
        // cannot be read costs those timelines only.
        var history: [String: [PastFactValue]] = [:]
        if let read = context.factHistory {
            do {
                history = try read(report.facts.map(\.id))
            } catch {
                context.log(.warning, "report: no timelines over nights, the run history could not be read: \(error)")
            }
        }
        let index = ReportIndex(report, options: options, history: history)
        // The two pages are written at once, one per core: each writer is one pass over the facts.
        let (markdown, html): (Result<Void, any Error>, Result<Void, any Error>) = Concurrently.both({
            Result {
                try ReportWriter.writeAtomically(to: folder.appendingPathComponent("report.md")) { emit in
                    try MarkdownWriter(index: index).write(emit)
                }
            }
        }, {
            Result {
                try ReportWriter.writeAtomically(to: folder.appendingPathComponent("report.html")) { emit in
                    try HTMLWriter(index: index).write(emit)
                }
            }
        })
        try markdown.get()
        try html.get()
        // The digest first: it counts only beside a report.json of its own run (see `ReportDigestFile`).
        try ReportDigestFile.write(ReportDigest(report), to: folder.appendingPathComponent(ReportDigestFile.name))
        let reportFile = try AtomicFile(folder.appendingPathComponent("report.json"))
        try ReportWriter.json(report) { try reportFile.write($0) }
        try reportFile.commit()
        context.log(.info, "report: wrote \(report.facts.count) facts, \(report.claims.count) of \(input.claims.count) claims "
            + "to '\(folder.path)'")
        return input
    }

    /// The prefix that reaches `inputs` from a page in `outputs` ("../inputs/"), with a trailing slash.
    static func relativeLink(from outputs: URL, to inputs: URL) -> String {
        let from = outputs.standardizedFileURL.pathComponents
        let to = inputs.standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let parts = ups + to[common...]
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}
