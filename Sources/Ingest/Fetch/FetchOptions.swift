public import Pipeline
import Foundation

/// What a configured source URL points at.
public enum SourceKind: String, Codable, Sendable, CaseIterable, ConfigEnumeration {
    /// One page (or text, or feed file) that becomes one document.
    case page
    /// An RSS or Atom feed whose items' links are fetched as pages.
    case feed
}

/// One entry of `sources` in the ingest options: a URL to fetch each night.
public struct FetchSource: Codable, Sendable, Equatable {
    /// An absolute `http` or `https` URL.
    public var url: String
    /// Whether the URL is a page or a feed of pages.
    public var kind: SourceKind

    /// Creates a source from explicit values.
    public init(url: String, kind: SourceKind = .page) {
        self.url = url
        self.kind = kind
    }

    // CaseIterable lets the strict config decoder name unknown keys with a suggestion.
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case url, kind
    }

    /// Decodes `url` (required) and `kind` (default `page`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decode(String.self, forKey: .url)
        kind = try c.decodeIfPresent(SourceKind.self, forKey: .kind) ?? .page
    }

    /// Encodes both keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(kind, forKey: .kind)
    }
}

/// Limits and the cache location of the HTTP fetch, as written under `fetch` in the ingest options.
public struct FetchOptions: Codable, Sendable, Equatable {
    /// Responses larger than this many bytes are refused (checked against `Content-Length` and while reading).
    public var maxBytes: Int
    /// The longest one request (connection, headers and body) may take, in seconds.
    public var timeoutSeconds: Double
    /// Redirects followed per URL before it is given up.
    public var maxRedirects: Int
    /// Requests in flight to one host (host and port) at a time.
    public var perHostConcurrency: Int
    /// Items taken from each feed, newest first as the feed lists them.
    public var maxFeedItems: Int
    /// The cache folder; a relative path resolves against the folder of `pipeline.json`. Nothing is written outside it.
    public var cacheFolder: String

    /// The values used for keys `pipeline.json` leaves out.
    public static let defaults = FetchOptions(maxBytes: 10 * 1024 * 1024, timeoutSeconds: 30, maxRedirects: 5,
                                              perHostConcurrency: 2, maxFeedItems: 50, cacheFolder: "inputs/.cache")

    /// Creates options from explicit values.
    public init(maxBytes: Int, timeoutSeconds: Double, maxRedirects: Int, perHostConcurrency: Int, maxFeedItems: Int,
                cacheFolder: String) {
        self.maxBytes = maxBytes
        self.timeoutSeconds = timeoutSeconds
        self.maxRedirects = maxRedirects
        self.perHostConcurrency = perHostConcurrency
        self.maxFeedItems = maxFeedItems
        self.cacheFolder = cacheFolder
    }

    // CaseIterable lets the strict config decoder name unknown keys with a suggestion.
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case maxBytes, timeoutSeconds, maxRedirects, perHostConcurrency, maxFeedItems, cacheFolder
    }

    /// Decodes the keys present and takes the rest from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FetchOptions.defaults
        maxBytes = try c.decodeIfPresent(Int.self, forKey: .maxBytes) ?? d.maxBytes
        timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? d.timeoutSeconds
        maxRedirects = try c.decodeIfPresent(Int.self, forKey: .maxRedirects) ?? d.maxRedirects
        perHostConcurrency = try c.decodeIfPresent(Int.self, forKey: .perHostConcurrency) ?? d.perHostConcurrency
        maxFeedItems = try c.decodeIfPresent(Int.self, forKey: .maxFeedItems) ?? d.maxFeedItems
        cacheFolder = try c.decodeIfPresent(String.self, forKey: .cacheFolder) ?? d.cacheFolder
    }

    /// Encodes every key, so a written config shows the values in force.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxBytes, forKey: .maxBytes)
        try c.encode(timeoutSeconds, forKey: .timeoutSeconds)
        try c.encode(maxRedirects, forKey: .maxRedirects)
        try c.encode(perHostConcurrency, forKey: .perHostConcurrency)
        try c.encode(maxFeedItems, forKey: .maxFeedItems)
        try c.encode(cacheFolder, forKey: .cacheFolder)
    }

    /// Every value that decodes but cannot work, with its JSON path below `path`.
    func issues(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        if maxBytes <= 0 {
            found.append(ConfigIssue(path: path + ".maxBytes", found: String(maxBytes), expected: "a positive number of bytes"))
        }
        if !(timeoutSeconds > 0 && timeoutSeconds <= 3600) {
            found.append(ConfigIssue(path: path + ".timeoutSeconds", found: String(timeoutSeconds),
                                     expected: "a number of seconds above 0 and at most 3600"))
        }
        if !(0...20).contains(maxRedirects) {
            found.append(ConfigIssue(path: path + ".maxRedirects", found: String(maxRedirects), expected: "an integer from 0 to 20"))
        }
        if !(1...64).contains(perHostConcurrency) {
            found.append(ConfigIssue(path: path + ".perHostConcurrency", found: String(perHostConcurrency),
                                     expected: "an integer from 1 to 64"))
        }
        if !(1...10_000).contains(maxFeedItems) {
            found.append(ConfigIssue(path: path + ".maxFeedItems", found: String(maxFeedItems),
                                     expected: "an integer from 1 to 10000"))
        }
        if cacheFolder.isEmpty {
            found.append(ConfigIssue(path: path + ".cacheFolder", found: "''", expected: "a folder path"))
        }
        return found
    }
}

extension FetchSource {
    /// Problems with this entry (a URL that is not absolute `http`/`https`), with its JSON path below `path`.
    func issues(at path: String) -> [ConfigIssue] {
        switch FetchURL.check(url) {
        case .success: return []
        case .failure(let problem):
            return [ConfigIssue(path: path + ".url", found: "'\(url)'", expected: "an absolute http or https url (\(problem))")]
        }
    }
}

/// URL checks shared by the config, redirects and feed items.
enum FetchURL {
    /// The parsed URL when it is absolute `http`/`https` with a host; otherwise what is wrong with it.
    static func check(_ text: String) -> Result<URL, FetchFailure> {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return .failure(.badURL(text))
        }
        guard scheme == "http" || scheme == "https" else { return .failure(.badScheme(scheme)) }
        guard let host = url.host, !host.isEmpty else { return .failure(.badURL(text)) }
        return .success(url)
    }

    /// The key per-host limits count under: lower-case host and the effective port.
    static func hostKey(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "http"
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return (url.host ?? "").lowercased() + ":" + String(port)
    }
}
