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
    ///
    /// The same bytes as `JSONEncoder` gives for the whole report (see `plainJSON`), made without holding the encoder's
    /// tree of the whole report: the report is encoded with its long lists empty, and each list's elements, encoded a
    /// slice at a time (in parallel) and indented to their depth, are put in their place. Claims, the longest list, are
    /// written at their depth by `ClaimJSON` in the encoder's layout, without the encoder. At 100,000 documents the
    /// report is about a gigabyte of JSON, and the encoder's tree of it took more memory than the JSON itself.
    public static func json(_ report: Report) throws -> [UInt8] {
        var out: [UInt8] = []
        try json(report) { out.append(contentsOf: $0) }
        return out
    }

    /// `report.json` handed to `emit` piece by piece, in order, so the whole report never sits in memory as bytes.
    public static func json(_ report: Report, emit: ([UInt8]) throws -> Void) throws {
        var skeleton = report
        skeleton.documents = []; skeleton.claims = []; skeleton.facts = []; skeleton.checks = []
        let encoder = jsonEncoder()
        var bytes = Array(try encoder.encode(skeleton))
        // Top-level keys are the only ones at a two-space indent; sorted keys put the lists in this order.
        // Claims, the longest list, are written by `ClaimJSON` at their depth; the others are encoded and indented.
        var lists: [(key: String, elements: Int, append: @Sendable (Int, JSONEncoder, inout [UInt8]) throws -> Void)] = [
            ("checks", report.checks.count, { try appendIndented($1.encode(report.checks[$0]), to: &$2) }),
            ("claims", report.claims.count, { i, _, chunk in ClaimJSON.appendPretty(report.claims[i], depth: 2, to: &chunk) }),
            ("documents", report.documents.count, { try appendIndented($1.encode(report.documents[$0]), to: &$2) }),
            ("facts", report.facts.count, { try appendIndented($1.encode(report.facts[$0]), to: &$2) }),
        ]
        lists.removeAll { $0.elements == 0 }
        guard !lists.isEmpty else { bytes.append(UInt8(ascii: "\n")); try emit(bytes); return }
        // Where each list goes in the skeleton, found before anything is emitted, so a skeleton that does not look
        // as expected falls back to one encoder pass without having written a part.
        var places: [(open: Int, close: Int)] = []
        var from = 0
        for list in lists {
            let marker = Array("\n  \"\(list.key)\" : [".utf8)
            guard let at = find(marker, in: bytes, from: from) else { try emit(try plainJSON(report)); return }
            var close = at + marker.count
            while close < bytes.count, bytes[close] == UInt8(ascii: " ") || bytes[close] == UInt8(ascii: "\n") { close += 1 }
            guard close < bytes.count, bytes[close] == UInt8(ascii: "]") else { try emit(try plainJSON(report)); return }
            places.append((at + marker.count, close))
            from = close + 1
        }
        from = 0
        for (list, place) in zip(lists, places) {
            try emit(Array(bytes[from..<place.open]))
            try emitElements(count: list.elements, append: list.append, emit: emit)
            try emit(Array("\n  ]".utf8))
            from = place.close + 1
        }
        var tail = Array(bytes[from...])
        tail.append(UInt8(ascii: "\n"))
        try emit(tail)
    }

    /// `report.json` as one `JSONEncoder` call over the whole report: what `json` must equal.
    public static func plainJSON(_ report: Report) throws -> [UInt8] {
        var bytes = Array(try jsonEncoder().encode(report))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Elements of a top-level list as the pretty printer writes them: each on new lines, indented four spaces.
    /// `append` adds one element as it stands at that depth.
    private static func emitElements(count: Int, append: @Sendable (Int, JSONEncoder, inout [UInt8]) throws -> Void,
                                     emit: ([UInt8]) throws -> Void) throws {
        try ParallelEncoding.chunks(count: count, makeEncoder: jsonEncoder, encode: { i, encoder, chunk in
            chunk.append(contentsOf: i == 0 ? Array("\n    ".utf8) : Array(",\n    ".utf8))
            try append(i, encoder, &chunk)
        }, emit: emit)
    }

    /// A value the pretty encoder wrote at the top level, appended as an element of a top-level list (four spaces
    /// deeper).
    private static func appendIndented(_ encoded: Data, to chunk: inout [UInt8]) {
        // Pretty JSON escapes newlines inside strings, so every raw newline starts a line to indent; the empty
        // line inside an empty list or object stays empty, as the printer leaves it.
        encoded.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            // Copied a line at a time, with the indent put after each newline that a non-empty line follows.
            var from = 0
            while from < bytes.count {
                let rest = UnsafeBufferPointer(rebasing: bytes[from...])
                let newline = rest.firstIndex(of: UInt8(ascii: "\n")).map { from + $0 } ?? bytes.count - 1
                chunk.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...newline]))
                from = newline + 1
                if from < bytes.count, bytes[from] != UInt8(ascii: "\n") { chunk.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
            }
        }
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

    /// Encodes claims one line each, in parallel slices, handing the lines to `emit` in order.
    ///
    /// Each line is what `JSONEncoder` (sorted keys, slashes not escaped) gives for the claim with its `"run"`, written
    /// by `ClaimJSON` without the encoder.
    static func claimLines(_ claims: [Claim], runID: String?, slice: Int = 8192, _ emit: ([UInt8]) throws -> Void) throws {
        try ParallelEncoding.chunks(count: claims.count, slice: slice, makeEncoder: { () }, encode: { i, _, chunk in
            ClaimJSON.appendLine(claims[i], run: runID, to: &chunk)
            chunk.append(UInt8(ascii: "\n"))
        }, emit: emit)
    }
}

/// Encoding a long list on every core while writing it in order: the list is taken a slice at a time, each slice is
/// split into parts encoded concurrently (each part with its own encoder), and the parts are emitted in order before
/// the next slice starts, so memory holds one slice's bytes whatever the list's length.
enum ParallelEncoding {
    static func chunks<Encoder>(count: Int, slice: Int = 8192, parts: Int = 16, makeEncoder: @Sendable () -> Encoder,
                                encode: @Sendable (Int, Encoder, inout [UInt8]) throws -> Void,
                                emit: ([UInt8]) throws -> Void) throws {
        var start = 0
        while start < count {
            let first = start, end = min(count, start + slice)
            var chunks = [Result<[UInt8], any Error>?](repeating: nil, count: parts)
            chunks.withUnsafeMutableBufferPointer { buffer in
                // Each part writes its own slot.
                nonisolated(unsafe) let results = buffer
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let encoder = makeEncoder()
                    let lo = first + (end - first) * part / parts, hi = first + (end - first) * (part + 1) / parts
                    results[part] = Result {
                        var chunk: [UInt8] = []
                        for i in lo..<hi { try encode(i, encoder, &chunk) }
                        return chunk
                    }
                }
            }
            for chunk in chunks { if let chunk { let bytes = try chunk.get(); if !bytes.isEmpty { try emit(bytes) } } }
            start = end
        }
    }
}
