internal import ClaimModel
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
enum ClaimsCSV {
    static let header = ["id", "document", "subject", "metric", "dimension", "unit", "min", "max", "start", "end",
                         "approximation", "modality", "period_start", "period_end", "speaker", "text", "quote", "span_start", "span_end", "run"]

    /// A field quoted when it holds a comma, quote, or line break; formula-like leading characters are neutralised so a
    /// spreadsheet never evaluates input text.
    static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil { s = "'" + s }
        // Byte checks: the four characters are ASCII, and a UTF-8 byte below 0x80 is never part of another character
        // (a "\r\n" pair is one Character but its bytes are still found).
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

    static func row(_ c: Claim, runID: String) -> String {
        let cells: [String] = [
            c.id, c.document, c.subject ?? "", c.metric, c.value.dimension.rawValue, c.value.unit ?? "",
            c.value.min.map { "\($0)" } ?? "", c.value.max.map { "\($0)" } ?? "", c.value.start?.iso ?? "", c.value.end?.iso ?? "",
            c.approximation.rawValue, c.modality.rawValue, c.period?.start?.iso ?? "", c.period?.end?.iso ?? "",
            c.speaker ?? "", c.text, c.quote, c.span.first.map(String.init) ?? "", c.span.last.map(String.init) ?? "", runID,
        ]
        return cells.map(field).joined(separator: ",") + "\r\n"
    }
}
