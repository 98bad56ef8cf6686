// Measures reading back the incremental cache's rows: the binary `StoreCodec` blobs the store now keeps beside the
// JSON (`JSONDecoder`, the encoder settings the store used before) of the same documents and claims, in the same run,
// on one thread, in interleaved rounds. The claims are real: the sample articles run through the ingest, extract and
// normalize stages with default options, then every document's row is decoded over and over until about `--claims`
// claims were decoded per round (as a nightly run decodes one row per unchanged document).
//
// Usage: StoreCodecBenchmark [INPUTS_FOLDER...] [--claims N] [--rounds N] [--only NAME]   (pin it: taskset -c 0 …)
// Prints one line per measure, the ratios, and ends with a `key=value` line for scripts. `--only "binary claims"` times
// one measure and prints no ratios (for a profiler).
import ClaimModel
import Extract
import BenchmarkSupport
import Foundation
import Ingest
import Normalize
import Pipeline

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/StoreCodecBenchmark
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() // the repository
let arguments = ClaimArguments(Array(CommandLine.arguments.dropFirst()),
                               defaultFolder: repository.appendingPathComponent("inputs"))
let targetClaims = arguments.targetClaims, rounds = arguments.rounds, only = arguments.only, folders = arguments.folders

/// The documents and claims the per-document stages make of one folder.
@MainActor func extract(_ folder: URL) async throws -> Batch {
    let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10)!, runID: "bench", startedAt: "2025-12-10T00:00:00Z",
                               inputs: folder, outputs: FileManager.default.temporaryDirectory, projectDirectory: repository)
    var batch = try await IngestStage(options: .defaults).run(Batch(), in: context)
    batch = try await ExtractStage(options: .defaults).run(batch, in: context)
    return try await NormalizeStage(options: .defaults).run(batch, in: context)
}

/// One cached row: a document and its claims, in both encodings.
struct Row {
    var document: Document
    var claims: [Claim]
    var documentJSON: Data
    var claimsJSON: Data
    var documentBlob: Data
    var claimsBlob: Data
}

@MainActor func benchmark() async throws {
    var rows: [Row] = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]  // as the store wrote JSON rows
    for folder in folders {
        let batch = try await extract(folder)
        for document in batch.documents where document.status == .ok {
            let claims = batch.claims.filter { $0.document == document.id }
            guard !claims.isEmpty else { continue }
            rows.append(Row(document: document, claims: claims, documentJSON: try encoder.encode(document),
                            claimsJSON: try encoder.encode(claims), documentBlob: StoreCodec.encode(document),
                            claimsBlob: StoreCodec.encode(claims)))
        }
    }
    guard !rows.isEmpty else { fail("no claims in \(folders.map(\.path))") }
    // Both decoders must give back what was stored.
    for row in rows {
        guard try StoreCodec.decodeDocument(row.documentBlob) == row.document,
              try StoreCodec.decodeClaims(row.claimsBlob) == row.claims,
              try JSONDecoder().decode([Claim].self, from: row.claimsJSON) == row.claims else {
            fail("a row of \(row.document.path) does not round-trip")
        }
    }
    let claimsPerPass = rows.reduce(0) { $0 + $1.claims.count }
    let repeats = max(1, targetClaims / claimsPerPass)
    let claimCount = claimsPerPass * repeats
    let all = rows.flatMap(\.claims)
    func share(_ has: (Claim) -> Bool) -> String { "\(all.filter(has).count)" }
    print("rows: \(rows.count) documents, \(claimsPerPass) claims (with canonical value \(share { $0.value.canonical != nil }), "
        + "period \(share { $0.period != nil }), temporal expression \(share { $0.temporal != nil || $0.period?.expression != nil }), "
        + "date value \(share { $0.value.isDate })); each row decoded \(repeats) times per round = \(claimCount) claims")

    var sink = 0
    // What `RunStore.cachedExtraction` does per row, each way (a fresh JSONDecoder per row, as it did).
    let allVariants: [(name: String, pass: () throws -> Void)] = [
        ("json claims", {
            for _ in 0..<repeats { for row in rows { sink &+= try JSONDecoder().decode([Claim].self, from: row.claimsJSON).count } }
        }),
        ("binary claims", {
            for _ in 0..<repeats { for row in rows { sink &+= try StoreCodec.decodeClaims(row.claimsBlob).count } }
        }),
        ("json document", {
            for _ in 0..<repeats { for row in rows { sink &+= try JSONDecoder().decode(Document.self, from: row.documentJSON).text.utf8.count } }
        }),
        ("binary document", {
            for _ in 0..<repeats { for row in rows { sink &+= try StoreCodec.decodeDocument(row.documentBlob).text.utf8.count } }
        }),
        ("json encode claims", {
            for _ in 0..<repeats { for row in rows { sink &+= try encoder.encode(row.claims).count } }
        }),
        ("binary encode claims", {
            for _ in 0..<repeats { for row in rows { sink &+= StoreCodec.encode(row.claims).count } }
        }),
    ]
    var cpu: [String: Double] = [:]
    for (name, c, w) in try medians(allVariants, only: only, rounds: rounds) {
        cpu[name] = c
        let unit = name.hasSuffix("document") ? "documents" : "claims"
        let count = name.hasSuffix("document") ? rows.count * repeats : claimCount
        print("\(name): median of \(rounds): \(String(format: "%.3f", c)) s CPU (\(String(format: "%.3f", w)) s wall) = "
            + "\(Int(Double(count) / c)) \(unit) per CPU-second")
    }
    guard only == nil else { return }
    func bytes(_ key: KeyPath<Row, Data>) -> Int { rows.reduce(0) { $0 + $1[keyPath: key].count } }
    let jsonClaimBytes = Double(bytes(\.claimsJSON)) / Double(claimsPerPass)
    let binaryClaimBytes = Double(bytes(\.claimsBlob)) / Double(claimsPerPass)
    let jsonDocumentBytes = Double(bytes(\.documentJSON)) / Double(rows.count)
    let binaryDocumentBytes = Double(bytes(\.documentBlob)) / Double(rows.count)
    let claimsRatio = cpu["json claims"]! / cpu["binary claims"]!
    let documentRatio = cpu["json document"]! / cpu["binary document"]!
    let rowRatio = (cpu["json claims"]! + cpu["json document"]!) / (cpu["binary claims"]! + cpu["binary document"]!)
    let encodeRatio = cpu["json encode claims"]! / cpu["binary encode claims"]!
    print("decode claims: binary is \(String(format: "%.1f", claimsRatio))x JSON; document: \(String(format: "%.1f", documentRatio))x; "
        + "whole row (document + claims): \(String(format: "%.1f", rowRatio))x; encode claims: \(String(format: "%.1f", encodeRatio))x")
    print("bytes per claim: JSON \(String(format: "%.0f", jsonClaimBytes)), binary \(String(format: "%.0f", binaryClaimBytes)) "
        + "(\(String(format: "%.2f", binaryClaimBytes / jsonClaimBytes)) of JSON); bytes per document: JSON "
        + "\(String(format: "%.0f", jsonDocumentBytes)), binary \(String(format: "%.0f", binaryDocumentBytes))")
    print("json_claims_per_cpu_s=\(Int(Double(claimCount) / cpu["json claims"]!)) "
        + "binary_claims_per_cpu_s=\(Int(Double(claimCount) / cpu["binary claims"]!)) claims_ratio=\(String(format: "%.2f", claimsRatio)) "
        + "row_ratio=\(String(format: "%.2f", rowRatio)) json_bytes_per_claim=\(String(format: "%.1f", jsonClaimBytes)) "
        + "binary_bytes_per_claim=\(String(format: "%.1f", binaryClaimBytes)) sink=\(sink % 10)")
}

do {
    try await benchmark()
} catch {
    fail("\(error)")
}
