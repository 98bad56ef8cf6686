/// The input format a document was read from.
public enum DocumentFormat: String, Codable, Sendable {
    case text, html, feed
}

/// Whether a document made it through the per-document stages.
public enum DocumentStatus: String, Codable, Sendable {
    case ok, quarantined
}

/// One row of a structured claim feed (TSV/CSV/JSONL): `object, attribute, value, source[, date]`.
public struct FeedRow: Hashable, Codable, Sendable {
    public var object: String
    public var attribute: String
    public var value: String
    public var source: String
    public var date: String?
    /// 1-based line (or record) number in the feed file.
    public var line: Int
    public init(object: String, attribute: String, value: String, source: String, date: String? = nil, line: Int) {
        self.object = object; self.attribute = attribute; self.value = value; self.source = source
        self.date = date; self.line = line
    }
}

/// An input read into main text and metadata.
public struct Document: Hashable, Codable, Sendable {
    /// `d-` and the first 16 hex digits of the SHA-256 of the file's bytes: stable for the same content.
    public var id: String
    /// Path relative to the inputs folder (or the URL it was fetched from).
    public var path: String
    public var format: DocumentFormat
    public var title: String?
    public var published: CalendarDay?
    /// Where `published` came from (`date line`, `meta article:published_time`, …).
    public var publishedSource: String?
    public var author: String?
    public var site: String?
    /// Sourcing lines: "Based On ANI Report", "Source: aajtak".
    public var attributions: [String]
    /// The main article text; claim spans index into it in code points.
    public var text: String
    public var status: DocumentStatus
    /// Why the document was quarantined, naming the stage.
    public var error: String?
    /// Problems that did not stop the document (encoding fallbacks, skipped feed rows).
    public var warnings: [String]
    /// Rows of a structured feed; empty for articles.
    public var feedRows: [FeedRow]

    public init(id: String, path: String, format: DocumentFormat, title: String? = nil, published: CalendarDay? = nil,
                publishedSource: String? = nil, author: String? = nil, site: String? = nil, attributions: [String] = [],
                text: String = "", status: DocumentStatus = .ok, error: String? = nil, warnings: [String] = [],
                feedRows: [FeedRow] = []) {
        self.id = id; self.path = path; self.format = format; self.title = title; self.published = published
        self.publishedSource = publishedSource; self.author = author; self.site = site
        self.attributions = attributions; self.text = text; self.status = status; self.error = error
        self.warnings = warnings; self.feedRows = feedRows
    }

    /// The id a document with these bytes gets.
    public static func id<Bytes: Collection>(forContent bytes: Bytes) -> String where Bytes.Element == UInt8 {
        "d-" + String(SHA256.hex(bytes).prefix(16))
    }

    /// A quarantined document carrying the reason.
    public static func quarantined(path: String, id: String, format: DocumentFormat, reason: String) -> Document {
        Document(id: id, path: path, format: format, status: .quarantined, error: reason)
    }
}
