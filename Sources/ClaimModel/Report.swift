/// Facts about one run.
public struct RunInfo: Hashable, Codable, Sendable {
    public var id: String
    public var asOf: CalendarDay
    /// ISO 8601 timestamps; with a fixed `--as-of` they are derived from it so snapshots are stable.
    public var startedAt: String
    public var finishedAt: String
    public var documents: Int
    public var claims: Int
    public var quarantined: Int
    public init(id: String, asOf: CalendarDay, startedAt: String, finishedAt: String, documents: Int, claims: Int, quarantined: Int) {
        self.id = id; self.asOf = asOf; self.startedAt = startedAt; self.finishedAt = finishedAt
        self.documents = documents; self.claims = claims; self.quarantined = quarantined
    }
}

/// A document as `report.json` lists it (its text stays out of the report).
public struct DocumentEntry: Hashable, Codable, Sendable {
    public var id: String
    public var path: String
    public var title: String?
    public var published: CalendarDay?
    public var publishedSource: String?
    public var author: String?
    public var site: String?
    public var attributions: [String]
    public var status: DocumentStatus
    public var error: String?
    public var warnings: [String]

    public init(_ d: Document) {
        id = d.id; path = d.path; title = d.title; published = d.published; publishedSource = d.publishedSource
        author = d.author; site = d.site; attributions = d.attributions; status = d.status; error = d.error
        warnings = d.warnings
    }

    enum CodingKeys: String, CodingKey {
        case id, path, title, published, publishedSource, author, site, attributions, status, error, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
        try c.encode(publishedSource, forKey: .publishedSource)
        try c.encode(author, forKey: .author)
        try c.encode(site, forKey: .site)
        try c.encode(attributions, forKey: .attributions)
        try c.encode(status, forKey: .status)
        try c.encode(error, forKey: .error)
        try c.encode(warnings, forKey: .warnings)
    }
}

/// The whole of `report.json`, schemaVersion 1.
public struct Report: Hashable, Codable, Sendable {
    public var schemaVersion: Int
    public var run: RunInfo
    public var documents: [DocumentEntry]
    public var claims: [Claim]
    public var facts: [Fact]
    public var checks: [Check]
    public var sources: [Source]
    /// What changed since the previous run (absent when the report was built without looking back).
    public var changes: Changes?
    /// Reviewer decisions in force and what became of each: applied, stale or missing (absent without a reviews file).
    public var reviews: [ReviewOutcome]?
    public init(run: RunInfo, documents: [DocumentEntry], claims: [Claim], facts: [Fact], checks: [Check], sources: [Source],
                changes: Changes? = nil) {
        self.schemaVersion = 1; self.run = run; self.documents = documents; self.claims = claims
        self.facts = facts; self.checks = checks; self.sources = sources; self.changes = changes
    }
}
