import ClaimModel
import Foundation

/// The three feed syntaxes.
enum FeedKind: Sendable {
    case tsv, csv, jsonl

    /// The kind a lower-case file extension names.
    init?(extension ext: String) {
        switch ext {
        case "tsv": self = .tsv
        case "csv": self = .csv
        case "jsonl": self = .jsonl
        default: return nil
        }
    }
}

/// Reads structured claim feeds with columns `object, attribute, value, source` and an optional `date`.
///
/// The header decides whether the file is a feed at all (a wrong header quarantines it); a bad row is
/// skipped with a warning naming its line, and the rest of the feed is kept.
enum FeedParser {
    /// The columns every feed must have.
    static let requiredColumns = ["object", "attribute", "value", "source"]
    /// What a reason says was expected.
    static let expectedColumns = "'object, attribute, value, source' and optionally 'date'"

    /// Parses a feed file's bytes.
    static func parse(bytes: [UInt8], kind: FeedKind, relativePath: String, id: String) -> Document {
        func quarantine(_ reason: String) -> Document {
            .quarantined(path: relativePath, id: id, format: .feed, reason: "ingest: " + reason)
        }
        let text: String
        switch TextDecoding.decodeStrictUTF8(bytes) {
        case .failure(let problem): return quarantine("'\(relativePath)' \(problem.description); expected a utf-8 feed")
        case .success(let decoded): text = decoded
        }
        var doc = Document(id: id, path: relativePath, format: .feed)
        switch kind {
        case .jsonl:
            if let reason = parseJSONLines(text, into: &doc) { return quarantine(reason) }
        case .tsv, .csv:
            let records = kind == .tsv ? tabRecords(text) : CSVReader.records(text)
            if let reason = parseDelimited(records, kind: kind, into: &doc) { return quarantine(reason) }
        }
        if doc.feedRows.isEmpty { doc.warnings.append("feed '\(relativePath)' has a header but no usable rows; expected at least one row") }
        return doc
    }

    /// Lines split on tabs, with their 1-based line numbers; blank lines are dropped.
    static func tabRecords(_ text: String) -> [CSVReader.Record] {
        var records: [CSVReader.Record] = []
        // "\r\n" is a single Character, so lines are split on the newline property, not on "\n" alone.
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            records.append(CSVReader.Record(line: i + 1, fields: line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        return records
    }

    /// Fills rows from header + records; returns a quarantine reason when the header is wrong.
    static func parseDelimited(_ records: [CSVReader.Record], kind: FeedKind, into doc: inout Document) -> String? {
        guard let header = records.first else {
            return "'\(doc.path)' has no header; expected columns \(expectedColumns)"
        }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        guard let columns = columnIndex(names) else {
            let found = header.fields.joined(separator: kind == .tsv ? "\\t" : ",")
            return "feed header '\(found)' in '\(doc.path)' is not a claim feed header; expected columns \(expectedColumns)"
        }
        for record in records.dropFirst() {
            if let problem = record.problem {
                doc.warnings.append("skipped line \(record.line) of '\(doc.path)': \(problem)")
                continue
            }
            guard record.fields.count == names.count else {
                doc.warnings.append("skipped line \(record.line) of '\(doc.path)': found \(record.fields.count) fields, expected \(names.count)")
                continue
            }
            let value: (String) -> String? = { key in columns[key].map { record.fields[$0].trimmingWhitespace() } }
            addRow(object: value("object"), attribute: value("attribute"), value: value("value"), source: value("source"),
                   date: value("date"), line: record.line, into: &doc)
        }
        return nil
    }

    /// Column positions by name, or nil unless the names are the required ones plus at most `date`, once each.
    static func columnIndex(_ names: [String]) -> [String: Int]? {
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            guard requiredColumns.contains(name) || name == "date", index[name] == nil else { return nil }
            index[name] = i
        }
        return requiredColumns.allSatisfy { index[$0] != nil } ? index : nil
    }

    /// Fills rows from JSON lines; the first object plays the header's part.
    static func parseJSONLines(_ text: String, into doc: inout Document) -> String? {
        var sawObject = false
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = i + 1
            let line = raw.trimmingWhitespace()
            if line.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                if !sawObject {
                    return "line \(lineNumber) of '\(doc.path)' is not a json object; expected one object per line with keys \(expectedColumns)"
                }
                doc.warnings.append("skipped line \(lineNumber) of '\(doc.path)': not a json object")
                continue
            }
            if !sawObject {
                sawObject = true
                let keys = Set(object.keys)
                guard requiredColumns.allSatisfy(keys.contains) else {
                    let found = object.keys.sorted().joined(separator: ", ")
                    return "feed keys '\(found)' in '\(doc.path)' are not claim feed keys; expected keys \(expectedColumns)"
                }
            }
            func field(_ key: String) -> String? {
                switch object[key] {
                case let s as String: return s.trimmingWhitespace()
                case let n as NSNumber: return n.stringValue
                default: return nil
                }
            }
            addRow(object: field("object"), attribute: field("attribute"), value: field("value"), source: field("source"),
                   date: field("date"), line: lineNumber, into: &doc)
        }
        return sawObject ? nil : "'\(doc.path)' holds no json objects; expected one object per line with keys \(expectedColumns)"
    }

    /// Appends a row, or a warning naming the line when a required field is missing or empty.
    static func addRow(object: String?, attribute: String?, value: String?, source: String?, date: String?, line: Int,
                       into doc: inout Document) {
        let fields = [("object", object), ("attribute", attribute), ("value", value), ("source", source)]
        if let empty = fields.first(where: { ($0.1 ?? "").isEmpty }) {
            doc.warnings.append("skipped line \(line) of '\(doc.path)': '\(empty.0)' is empty, expected a value")
            return
        }
        doc.feedRows.append(FeedRow(object: object ?? "", attribute: attribute ?? "", value: value ?? "", source: source ?? "",
                                    date: (date?.isEmpty ?? true) ? nil : date, line: line))
    }
}

/// RFC 4180 records: comma-separated, double-quoted fields may hold commas, quotes (`""`) and newlines.
enum CSVReader {
    /// One record with the line it starts on; `problem` is set when it could not be read cleanly.
    struct Record: Sendable {
        var line: Int
        var fields: [String]
        var problem: String? = nil
    }

    /// Every non-blank record of the text.
    static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quotedField = false
        var problem: String?
        var line = 1
        var recordLine = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].allSatisfy(\.isWhitespace)
            if !blank { records.append(Record(line: recordLine, fields: fields, problem: problem)) }
            fields.removeAll(keepingCapacity: true)
            problem = nil
            recordLine = line
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b); i += 2; continue
                    }
                    inQuotes = false
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: "\n"):
                line += 1
                if field.last == UInt8(ascii: "\r") { field.removeLast() }
                endRecord()
            case UInt8(ascii: "\""):
                if field.allSatisfy({ $0 == UInt8(ascii: " ") }) && !quotedField {
                    field.removeAll(); inQuotes = true; quotedField = true
                } else if problem == nil {
                    problem = "a stray '\"' inside an unquoted field, expected quotes around the whole field"
                }
            default:
                if quotedField, b != UInt8(ascii: " "), b != UInt8(ascii: "\r"), problem == nil {
                    problem = "text after a closing quote, expected ',' or the end of the line"
                }
                field.append(b)
            }
            i += 1
        }
        if inQuotes { problem = "a quoted field is not closed, expected a closing '\"'" }
        if !field.isEmpty || !fields.isEmpty || inQuotes { endRecord() }
        return records
    }
}
