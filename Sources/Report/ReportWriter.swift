public import ClaimModel
public import Foundation
public import Pipeline

/// Builds the run's report and writes it as JSON, Markdown, HTML and JSON Lines.
public enum ReportWriter {
    /// The report of a batch with default options: every referenced claim, run facts from the context.
    public static func makeReport(_ batch: Batch, context: StageContext) -> Report {
        makeReport(batch, context: context, options: .defaults)
    }

    /// The report of a batch: all documents, facts, checks and sources, and the claims facts and checks reference
    /// (every claim when `options.includeAllClaims`), in batch order so the same batch gives the same report.
    public static func makeReport(_ batch: Batch, context: StageContext, options: ReportOptions) -> Report {
        // A pinned run derives startedAt from its as-of date; finishing at the same instant keeps snapshots stable.
        let run = RunInfo(id: context.runID, asOf: context.asOf, startedAt: context.startedAt, finishedAt: context.startedAt,
                          documents: batch.documents.count, claims: batch.claims.count,
                          quarantined: batch.documents.filter { $0.status == .quarantined }.count)
        let claims: [Claim]
        if options.includeAllClaims {
            claims = batch.claims
        } else {
            var referenced = Set<String>()
            for fact in batch.facts {
                referenced.formUnion(fact.supporting)
                referenced.formUnion(fact.dissenting)
                referenced.formUnion(fact.superseded)
                referenced.formUnion(fact.supersededBy.values)
                referenced.formUnion(fact.rejected ?? [])
            }
            for check in batch.checks { referenced.formUnion(check.claims) }
            // A rejected claim whose fact has no other claim is listed only by its review.
            for review in batch.reviews ?? [] { if let id = review.claim { referenced.insert(id) } }
            claims = batch.claims.filter { referenced.contains($0.id) }
        }
        var report = Report(run: run, documents: batch.documents.map(DocumentEntry.init), claims: claims, facts: batch.facts,
                            checks: batch.checks, sources: batch.sources)
        report.reviews = batch.reviews
        return report
    }

    /// `report.json`: pretty-printed with sorted keys and a trailing newline, byte-for-byte stable for the same report.
    public static func json(_ report: Report) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(report))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// `report.md`: summary, then conflicts, inconsistent checks, superseded forecasts, compatible, agreed, single-source,
    /// consistent checks, sources and documents.
    ///
    /// `history` holds facts' values on earlier nights (see `RunStore.factHistory`) for the timelines over nights.
    public static func markdown(_ report: Report, options: ReportOptions, history: [String: [PastFactValue]] = [:]) -> String {
        var out = ""
        MarkdownWriter(index: ReportIndex(report, options: options, history: history)).write { out += $0 }
        return out
    }

    /// `report.html`: the same order as `report.md` in one self-contained page with a strict Content-Security-Policy.
    ///
    /// `history` holds facts' values on earlier nights (see `RunStore.factHistory`) for the timelines over nights.
    public static func html(_ report: Report, options: ReportOptions, history: [String: [PastFactValue]] = [:]) -> String {
        var out = ""
        HTMLWriter(index: ReportIndex(report, options: options, history: history)).write { out += $0 }
        return out
    }

    /// `claims.jsonl`: one compact claim object per line (sorted keys), each with a `"run"` field when `runID` is given.
    public static func claimsJSONL(_ claims: [Claim], runID: String? = nil) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try claimLines(claims, runID: runID) { bytes += $0 }
        return bytes
    }

    /// Writes `bytes` to `url` atomically: a temporary file in the same folder, fsync, then rename; the previous file stays intact until the rename.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let file = try AtomicFile(url)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes what `produce` emits to `url` atomically, piece by piece, so a large output never sits whole in memory;
    /// if `produce` throws, the previous file stays as it was and no temporary file remains.
    public static func writeAtomically(to url: URL, _ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        let file = try AtomicFile(url)
        var pending = ""
        // Batching small pieces keeps system calls few without holding the whole output.
        try produce { piece in
            pending += piece
            if pending.utf8.count >= 1 << 16 {
                try file.write(pending)
                pending = ""
            }
        }
        try file.write(pending)
        try file.commit()
    }

    /// Encodes claims one line at a time, handing each chunk of lines to `emit`.
    static func claimLines(_ claims: [Claim], runID: String?, chunkSize: Int = 1024,
                           _ emit: ([UInt8]) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var chunk: [UInt8] = []
        var start = 0
        while start < claims.count {
            chunk.removeAll(keepingCapacity: true)
            for claim in claims[start..<min(start + chunkSize, claims.count)] {
                chunk += try encoder.encode(ClaimLine(claim: claim, run: runID))
                chunk.append(UInt8(ascii: "\n"))
            }
            try emit(chunk)
            start += chunkSize
        }
    }
}

/// A claim as a `claims.jsonl` line: the claim's own fields plus the run id.
struct ClaimLine: Encodable {
    let claim: Claim
    let run: String?

    private enum RunKey: String, CodingKey { case run }

    func encode(to encoder: any Encoder) throws {
        try claim.encode(to: encoder)
        if let run {
            // A second keyed container on the same encoder adds to the object the claim just wrote.
            var c = encoder.container(keyedBy: RunKey.self)
            try c.encode(run, forKey: .run)
        }
    }
}
