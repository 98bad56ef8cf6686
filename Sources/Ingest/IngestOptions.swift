public import Pipeline

/// Options of the `ingest` stage, as written under `options` in `pipeline.json`.
///
/// Every key may be left out; a missing key takes its value from `defaults`, so `{}` decodes to `defaults`.
public struct IngestOptions: StageOptions {
    /// Files larger than this many bytes are quarantined unread, so one huge input cannot exhaust memory.
    public var maxFileBytes: Int
    /// Whether symbolic links whose target stays inside the inputs folder are read; links leaving it never are.
    public var followSymlinksInsideInputs: Bool
    /// Lower-case file extensions (without the dot) read as structured claim feeds; the delimiter follows
    /// the extension: `tsv` tab, `csv` comma (RFC 4180 quoting), `jsonl` one JSON object per line.
    public var feedExtensions: [String]
    /// URLs fetched over HTTP at the start of each run (pages, or feeds whose items are fetched); none by default.
    public var sources: [FetchSource]
    /// Limits and cache folder of that fetch.
    public var fetch: FetchOptions

    /// The values used for keys `pipeline.json` leaves out.
    public static let defaults = IngestOptions(maxFileBytes: 50 * 1024 * 1024, followSymlinksInsideInputs: false,
                                               feedExtensions: ["tsv", "csv", "jsonl"], sources: [],
                                               fetch: .defaults)

    /// The feed extensions this reader understands; `init(options:)` of the stage rejects any other.
    public static let supportedFeedExtensions: Set<String> = ["tsv", "csv", "jsonl"]

    /// Creates options from explicit values.
    public init(maxFileBytes: Int, followSymlinksInsideInputs: Bool, feedExtensions: [String], sources: [FetchSource] = [],
                fetch: FetchOptions = .defaults) {
        self.maxFileBytes = maxFileBytes
        self.followSymlinksInsideInputs = followSymlinksInsideInputs
        self.feedExtensions = feedExtensions
        self.sources = sources
        self.fetch = fetch
    }

    // CaseIterable lets the strict config decoder name unknown keys with a suggestion.
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case maxFileBytes, followSymlinksInsideInputs, feedExtensions, sources, fetch
    }

    /// Decodes the keys present and takes the rest from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = IngestOptions.defaults
        maxFileBytes = try c.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? d.maxFileBytes
        followSymlinksInsideInputs = try c.decodeIfPresent(Bool.self, forKey: .followSymlinksInsideInputs)
            ?? d.followSymlinksInsideInputs
        feedExtensions = try c.decodeIfPresent([String].self, forKey: .feedExtensions) ?? d.feedExtensions
        sources = try c.decodeIfPresent([FetchSource].self, forKey: .sources) ?? d.sources
        fetch = try c.decodeIfPresent(FetchOptions.self, forKey: .fetch) ?? d.fetch
    }

    /// Encodes every key, so a written config shows the values in force.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxFileBytes, forKey: .maxFileBytes)
        try c.encode(followSymlinksInsideInputs, forKey: .followSymlinksInsideInputs)
        try c.encode(feedExtensions, forKey: .feedExtensions)
        try c.encode(sources, forKey: .sources)
        try c.encode(fetch, forKey: .fetch)
    }

    /// Every value that decodes but cannot work, with its JSON path below `path`.
    func issues(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        if maxFileBytes <= 0 {
            found.append(ConfigIssue(path: path + ".maxFileBytes", found: String(maxFileBytes),
                                     expected: "a positive number of bytes"))
        }
        for (i, ext) in feedExtensions.enumerated() where !IngestOptions.supportedFeedExtensions.contains(ext) {
            found.append(ConfigIssue(path: path + ".feedExtensions[\(i)]", found: "'\(ext)'",
                                     expected: "one of 'csv', 'jsonl', 'tsv'"))
        }
        for (i, source) in sources.enumerated() { found += source.issues(at: path + ".sources[\(i)]") }
        found += fetch.issues(at: path + ".fetch")
        return found
    }
}
