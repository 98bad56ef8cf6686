import ClaimModel
import CLibXML2
import Foundation

/// Reads an HTML page into a document: encoding, main text and metadata with where each came from.
enum HTMLArticleReader {
    /// Parses the page bytes; quarantines a page with no article text.
    static func read(bytes: [UInt8], relativePath: String, id: String, transportCharset: String? = nil) -> Document {
        var doc = Document(id: id, path: relativePath, format: .html)
        let input = HTMLEncoding.prepare(bytes, transportCharset: transportCharset)
        doc.warnings += input.warnings.map { $0.replacingOccurrences(of: "%PATH%", with: relativePath) }
        guard let (root, sources) = HTMLTreeBuilder.build(bytes: input.bytes, encoding: input.encoding) else {
            return .quarantined(path: relativePath, id: id, format: .html,
                                reason: "ingest: '\(relativePath)' could not be parsed as html; expected an html page")
        }
        let blocks = ContentExtractor.extract(root: root)
        let metadata = HTMLMetadata(sources: sources, leadingBlocks: Array(blocks.prefix(6)))
        doc.title = metadata.title
        doc.published = metadata.published?.day
        doc.publishedSource = metadata.published?.source
        doc.author = metadata.author
        doc.site = metadata.site
        doc.text = join(blocks)
        if doc.text.isEmpty {
            return .quarantined(path: relativePath, id: id, format: .html,
                                reason: "ingest: '\(relativePath)' has no article text; expected an html page with paragraphs")
        }
        return doc
    }

    /// Blocks as paragraphs: "\n\n" between blocks, "\n" between items of one list.
    ///
    /// The text is kept for the whole run, so it is allocated at its final size (appending alone grows it by
    /// doubling, about half again as much storage as text).
    static func join(_ blocks: [TextBlock]) -> String {
        func separator(before i: Int) -> String {
            (blocks[i].tag == "li" && blocks[i - 1].tag == "li") ? "\n" : "\n\n"
        }
        var size = 0
        for i in blocks.indices { size += (i > 0 ? separator(before: i).utf8.count : 0) + blocks[i].text.utf8.count }
        var out = ""
        out.reserveCapacity(size)
        for i in blocks.indices {
            if i > 0 { out += separator(before: i) }
            out += blocks[i].text
        }
        return out
    }
}

/// Picks the encoding to hand libxml2, so it never guesses on its own.
enum HTMLEncoding {
    /// Bytes to parse, the libxml2 encoding name for them, and warnings (with `%PATH%` for the file).
    ///
    /// A BOM decides; then valid UTF-8; then the charset the transport named (`Content-Type`), then `<meta charset>`.
    static func prepare(_ bytes: [UInt8], transportCharset: String? = nil) -> (bytes: [UInt8], encoding: String, warnings: [String]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes.dropFirst(3)), "UTF-8", []) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (Array(bytes.dropFirst(2)), "UTF-16LE", []) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (Array(bytes.dropFirst(2)), "UTF-16BE", []) }
        let invalidAt = TextDecoding.firstInvalidUTF8Offset(bytes)
        // Valid UTF-8 wins over a declaration: pages re-saved as UTF-8 often keep a stale charset.
        if invalidAt == nil { return (bytes, "UTF-8", []) }
        let usableTransport = transportCharset.flatMap { ["utf-8", "utf8"].contains($0) || !hasLibxmlHandler($0) ? nil : $0 }
        let declared = usableTransport ?? declaredCharset(bytes)
        if let declared, !["utf-8", "utf8"].contains(declared), hasLibxmlHandler(declared) {
            return (bytes, declared, [])
        }
        // Unknown or wrong: decode as UTF-8, replacing the broken bytes, and say so.
        let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
        var label = declared.map { "declared charset '\($0)'" } ?? "no declared charset"
        if let transportCharset { label += " (content-type charset '\(transportCharset)')" }
        return (repaired, "UTF-8", ["'%PATH%' is not valid utf-8 (first bad byte at offset \(invalidAt ?? 0)) and has \(label); invalid bytes were replaced"])
    }

    /// The charset named by `<meta charset>` or `<meta http-equiv content="…; charset=…">` in the first 4 KB.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        var value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        value = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
        return value.isEmpty ? nil : String(value)
    }

    /// Whether libxml2 (through iconv) can convert from this charset.
    static func hasLibxmlHandler(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
