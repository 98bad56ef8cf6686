public import ClaimModel
internal import Foundation

/// `changes.md`: what changed since the previous run, for the morning review.
enum ChangesWriter {
    static func markdown(_ report: Report, _ changes: Changes, title: String) -> String {
        let labels = Dictionary(report.facts.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let documents = Dictionary(report.documents.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        func fact(_ id: String) -> String { "\(Escape.markdown(labels[id] ?? id)) (`\(id)`)" }
        var out = "# \(Escape.markdown(title)): changes\n\n"
        out += "Run \(report.run.id) · as of \(report.run.asOf.iso) · "
        out += changes.previousRun.map { "compared with run \($0)" } ?? "first run: no previous report to compare with"
        out += "\n\n"
        if changes.isEmpty {
            out += "Nothing changed since the previous run.\n"
            return out
        }
        func section(_ heading: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            out += "## \(heading) (\(items.count))\n\n" + items.map { "- \($0)\n" }.joined() + "\n"
        }
        section("New conflicts", changes.newConflicts.map(fact))
        section("Resolved conflicts", changes.resolvedConflicts.map { labels[$0] != nil ? fact($0) : "`\($0)` (no longer a fact)" })
        section("Changed facts", changes.changedFacts.map { c in
            "\(fact(c.fact)): \(c.statusBefore.rawValue) → \(c.statusAfter.rawValue), "
                + "\(Escape.markdown(HumanFormat.value(c.valueBefore))) → \(Escape.markdown(HumanFormat.value(c.valueAfter)))"
        })
        section("New facts", changes.newFacts.map(fact))
        section("Removed facts", changes.removedFacts.map { "`\($0)`" })
        section("New documents", changes.newDocuments.map { "\(Escape.markdown(documents[$0] ?? $0)) (`\($0)`)" })
        section("Removed documents", changes.removedDocuments.map { "`\($0)`" })
        return out
    }
}

/// `claims.csv`: every claim as one spreadsheet row (RFC 4180 quoting).
///
/// Rows are written as bytes straight into the output, field by field: at 805,000 claims, building each row as
/// strings (an array of cells, each quoted into a new string, then joined) cost about as much as its JSON line did.
public enum ClaimsCSV {
    static let header = ["id", "document", "subject", "metric", "dimension", "unit", "min", "max", "start", "end",
                         "approximation", "modality", "period_start", "period_end", "speaker", "text", "quote", "span_start", "span_end", "run"]

    /// A field quoted when it holds a comma, quote, or line break; formula-like leading characters are neutralised so a
    /// spreadsheet never evaluates input text.
    static func field(_ raw: String) -> String {
        var bytes: [UInt8] = []
        appendField(raw, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `field(raw)`'s bytes appended to `bytes`.
    static func appendField(_ raw: String, to bytes: inout [UInt8]) {
        var text = raw
        // Native strings are contiguous UTF-8 already, so this copies nothing.
        text.withUTF8 { utf8 in
            // Byte checks: the characters are ASCII, and a UTF-8 byte below 0x80 is never part of another character
            // (a "\r\n" pair is one Character but its bytes are still found). A number ("-5") is no formula.
            let formula = (utf8.first.map(isFormulaStart) ?? false) && Double(raw) == nil
            guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
                if formula { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            if formula { bytes.append(UInt8(ascii: "'")) }
            var run = 0
            for i in 0..<utf8.count where utf8[i] == UInt8(ascii: "\"") {
                // The quote goes out with the run before it, then once more.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...i]))
                bytes.append(UInt8(ascii: "\""))
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The first characters that make a spreadsheet read a cell as a formula: `= + - @`, tab and carriage return.
    private static func isFormulaStart(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09 || b == 0x0D
    }

    /// One claim's row, ending in CRLF.
    static func row(_ c: Claim, runID: String) -> String {
        var bytes: [UInt8] = []
        appendRow(c, runID: runID, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `row(c, runID:)`'s bytes appended to `bytes`: id, document, subject, metric, dimension, unit, min, max, start,
    /// end, approximation, modality, period start and end, speaker, text, quote, span start and end, run.
    public static func appendRow(_ c: Claim, runID: String, to bytes: inout [UInt8]) {
        func cell(_ text: String) {
            appendField(text, to: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
        let value = c.value, period = c.period, span = c.span
        cell(c.id); cell(c.document); cell(c.subject ?? ""); cell(c.metric); cell(value.dimension.rawValue); cell(value.unit ?? "")
        // Numbers as `description` writes them (the maximum is mostly the minimum again: its text is reused); days as
        // `iso`.
        let min = value.min?.description
        if let low = value.min, let high = value.max, ClaimJSON.sameBits(low, high) {
            cell(min ?? ""); cell(min ?? "")
        } else {
            cell(min ?? ""); cell(value.max?.description ?? "")
        }
        cell(value.start?.iso ?? ""); cell(value.end?.iso ?? "")
        cell(c.approximation.rawValue); cell(c.modality.rawValue)
        cell(period?.start?.iso ?? ""); cell(period?.end?.iso ?? "")
        cell(c.speaker ?? ""); cell(c.text); cell(c.quote)
        cell(span.first.map(String.init) ?? ""); cell(span.last.map(String.init) ?? "")
        appendField(runID, to: &bytes)
        bytes.append(0x0D); bytes.append(0x0A)
    }
}
