// Measures writing claims the way the report stage does, per claim on one thread: the hand-written `ClaimJSON` beside
// `JSONEncoder` (what the report used before) for a `claims.jsonl` line and for a claim in `report.json` (the
// encoder's pretty output indented by four spaces, as the report spliced it), and the byte-level `claims.csv` row
// beside the row built from strings as before, in the same run, in interleaved rounds. The claims are real: the sample
// articles run through the ingest, extract and normalize stages with default options, repeated until about `--claims`
// claims are written per round. Every way must give the same bytes, or the benchmark stops.
//
// Usage: ClaimWriteBenchmark [INPUTS_FOLDER...] [--claims N] [--rounds N] [--only NAME]   (pin it: taskset -c 0 …)
// Prints one line per measure, the ratios, and ends with a `key=value` line for scripts.
import BenchmarkSupport
import ClaimModel
import Extract
import Foundation
import Ingest
import Normalize
import Pipeline
import Report

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/ClaimWriteBenchmark
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() // the repository
let arguments = ClaimArguments(Array(CommandLine.arguments.dropFirst()),
                               defaultFolder: repository.appendingPathComponent("inputs"))
let targetClaims = arguments.targetClaims, rounds = arguments.rounds, only = arguments.only, folders = arguments.folders

/// The claims the per-document stages make of one folder.
@MainActor func extract(_ folder: URL) async throws -> [Claim] {
    let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10)!, runID: "bench", startedAt: "2025-12-10T00:00:00Z",
                               inputs: folder, outputs: FileManager.default.temporaryDirectory, projectDirectory: repository)
    var batch = try await IngestStage(options: .defaults).run(Batch(), in: context)
    batch = try await ExtractStage(options: .defaults).run(batch, in: context)
    return try await NormalizeStage(options: .defaults).run(batch, in: context).claims
}

/// A claim with the `"run"` key, as the report encoded `claims.jsonl` lines with `JSONEncoder`.
struct EncodedClaimLine: Encodable {
    let claim: Claim
    let run: String?
    private enum RunKey: String, CodingKey { case run }
    func encode(to encoder: any Encoder) throws {
        try claim.encode(to: encoder)
        if let run {
            var c = encoder.container(keyedBy: RunKey.self)
            try c.encode(run, forKey: .run)
        }
    }
}

/// The pretty encoder's output for one claim, indented four spaces as an element of `report.json`'s claims list, the
/// way the report spliced it: a line at a time, the indent put after each newline that a non-empty line follows.
func indented(_ data: Data, to out: inout [UInt8]) {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        var from = 0
        while from < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[from...])
            let newline = rest.firstIndex(of: 0x0A).map { from + $0 } ?? bytes.count - 1
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...newline]))
            from = newline + 1
            if from < bytes.count, bytes[from] != 0x0A { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
        }
    }
}

/// A `claims.csv` row built from strings, as the report built it before: cells, each quoted into a new string, joined.
func stringRow(_ c: Claim, runID: String) -> String {
    func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil { s = "'" + s }
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return s
        }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            quoted.append(b)
            if b == UInt8(ascii: "\"") { quoted.append(b) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }
    let cells: [String] = [
        c.id, c.document, c.subject ?? "", c.metric, c.value.dimension.rawValue, c.value.unit ?? "",
        c.value.min.map { "\($0)" } ?? "", c.value.max.map { "\($0)" } ?? "", c.value.start?.iso ?? "", c.value.end?.iso ?? "",
        c.approximation.rawValue, c.modality.rawValue, c.period?.start?.iso ?? "", c.period?.end?.iso ?? "",
        c.speaker ?? "", c.text, c.quote, c.span.first.map(String.init) ?? "", c.span.last.map(String.init) ?? "", runID,
    ]
    return cells.map(field).joined(separator: ",") + "\r\n"
}

@MainActor func benchmark() async throws {
    var sample: [Claim] = []
    for folder in folders { sample += try await extract(folder) }
    guard !sample.isEmpty else { fail("no claims in \(folders.map(\.path))") }
    let repeats = max(1, targetClaims / sample.count)
    let claims = Array((0..<repeats).map { _ in sample }.joined())
    let runID = "run-2026-03-01-bench"
    let lineEncoder = JSONEncoder()
    lineEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let prettyEncoder = JSONEncoder()
    prettyEncoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    // Each way must give the same bytes as its peer before anything is timed.
    for claim in sample {
        var line: [UInt8] = [], pretty: [UInt8] = [], encodedPretty: [UInt8] = [], row: [UInt8] = []
        ClaimJSON.appendLine(claim, run: runID, to: &line)
        ClaimJSON.appendPretty(claim, depth: 2, to: &pretty)
        indented(try prettyEncoder.encode(claim), to: &encodedPretty)
        ClaimsCSV.appendRow(claim, runID: runID, to: &row)
        guard line == Array(try lineEncoder.encode(EncodedClaimLine(claim: claim, run: runID))), pretty == encodedPretty,
              row == Array(stringRow(claim, runID: runID).utf8) else {
            fail("claim \(claim.id) is written differently by the two ways")
        }
    }
    print("claims: \(sample.count) from \(folders.map(\.lastPathComponent)) (with canonical value "
        + "\(sample.filter { $0.value.canonical != nil }.count), period \(sample.filter { $0.period != nil }.count)), "
        + "each written \(repeats) times per round = \(claims.count) claims")

    var sink = 0
    /// Runs `write` over every claim into output chunks of 512 claims each, as the report's parallel slices fill them
    /// (8,192 claims a slice, 16 parts), each chunk a new array.
    func chunked(_ write: (Claim, inout [UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        for (i, claim) in claims.enumerated() {
            if i % 512 == 0 { sink &+= out.count; out = [] }
            try write(claim, &out)
        }
        sink &+= out.count
    }
    let allVariants: [(name: String, pass: () throws -> Void)] = [
        ("jsonl JSONEncoder", {
            try chunked { claim, out in
                out += try lineEncoder.encode(EncodedClaimLine(claim: claim, run: runID))
                out.append(0x0A)
            }
        }),
        ("jsonl ClaimJSON", {
            chunked { claim, out in
                ClaimJSON.appendLine(claim, run: runID, to: &out)
                out.append(0x0A)
            }
        }),
        ("report.json JSONEncoder", { try chunked { claim, out in indented(try prettyEncoder.encode(claim), to: &out) } }),
        ("report.json ClaimJSON", { chunked { claim, out in ClaimJSON.appendPretty(claim, depth: 2, to: &out) } }),
        ("csv strings", { chunked { claim, out in out.append(contentsOf: stringRow(claim, runID: runID).utf8) } }),
        ("csv bytes", { chunked { claim, out in ClaimsCSV.appendRow(claim, runID: runID, to: &out) } }),
    ]
    var rate: [String: Double] = [:]
    for (name, c, w) in try medians(allVariants, only: only, rounds: rounds) {
        rate[name] = Double(claims.count) / c
        print("\(name): median of \(rounds): \(String(format: "%.3f", c)) s CPU (\(String(format: "%.3f", w)) s wall) = "
            + "\(Int(Double(claims.count) / c)) claims per CPU-second")
    }
    guard only == nil else { return }
    let jsonl = rate["jsonl ClaimJSON"]! / rate["jsonl JSONEncoder"]!
    let pretty = rate["report.json ClaimJSON"]! / rate["report.json JSONEncoder"]!
    let csv = rate["csv bytes"]! / rate["csv strings"]!
    print("ClaimJSON is \(String(format: "%.1f", jsonl))x JSONEncoder for claims.jsonl lines, \(String(format: "%.1f", pretty))x for "
        + "report.json claims; the byte CSV row is \(String(format: "%.1f", csv))x the string-built one")
    print("jsonl_encoder_claims_per_cpu_s=\(Int(rate["jsonl JSONEncoder"]!)) jsonl_hand_claims_per_cpu_s=\(Int(rate["jsonl ClaimJSON"]!)) "
        + "jsonl_ratio=\(String(format: "%.2f", jsonl)) pretty_encoder_claims_per_cpu_s=\(Int(rate["report.json JSONEncoder"]!)) "
        + "pretty_hand_claims_per_cpu_s=\(Int(rate["report.json ClaimJSON"]!)) pretty_ratio=\(String(format: "%.2f", pretty)) "
        + "csv_strings_claims_per_cpu_s=\(Int(rate["csv strings"]!)) csv_bytes_claims_per_cpu_s=\(Int(rate["csv bytes"]!)) "
        + "csv_ratio=\(String(format: "%.2f", csv)) sink=\(sink % 10)")
}

do {
    try await benchmark()
} catch {
    fail("\(error)")
}
