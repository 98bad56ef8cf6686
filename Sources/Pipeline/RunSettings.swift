public import Foundation

/// The top-level `"store"` object of `pipeline.json`: where the run history lives.
public struct StoreSettings: StageOptions {
    /// The SQLite file; `null` means `claimtrack.sqlite` in the outputs folder, a relative path resolves against the
    /// folder of `pipeline.json`.
    public var path: String?

    /// The values used for keys `pipeline.json` leaves out (and when the `"store"` object is absent).
    public static let defaults = StoreSettings(path: nil)

    /// The file name used when `path` is null.
    public static let defaultFileName = "claimtrack.sqlite"

    /// Creates settings from explicit values.
    public init(path: String?) { self.path = path }

    /// The keys of the `"store"` object.
    public enum CodingKeys: String, CodingKey, CaseIterable { case path }

    /// Decodes the keys present and takes the rest from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decodeIfPresent(String.self, forKey: .path) ?? Self.defaults.path
    }

    /// Encodes every key, `null` included, so the defaults list `path`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
    }

    /// The store file for a run writing into `outputs` with its config in `projectDirectory`.
    public func resolvedURL(outputs: URL, projectDirectory: URL) -> URL {
        guard let path, !path.isEmpty else { return outputs.appendingPathComponent(Self.defaultFileName) }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return projectDirectory.appendingPathComponent(path)
    }

    /// Every value that decodes but cannot work.
    func issues(at path: String) -> [ConfigIssue] {
        if let value = self.path, value.isEmpty {
            return [ConfigIssue(path: path + ".path", found: "\"\"", expected: "a file path or null")]
        }
        return []
    }
}

/// The top-level `"run"` object of `pipeline.json`: how the nightly run treats each document.
public struct RunSettings: StageOptions {
    /// Seconds one document may spend in one per-document stage before it is quarantined as timed out.
    public var documentTimeLimitSeconds: Double
    /// Documents processed at once in per-document stages; `null` means one per processor core.
    public var concurrency: Int?
    /// Claims kept per document; a hostile or runaway document's excess is dropped with a warning, so the whole-batch
    /// stages (reconcile compares claims pairwise within a fact) stay bounded.
    public var maxClaimsPerDocument: Int

    /// The values used for keys `pipeline.json` leaves out (and when the `"run"` object is absent).
    public static let defaults = RunSettings(documentTimeLimitSeconds: 60, concurrency: nil, maxClaimsPerDocument: 500)

    /// Creates settings from explicit values.
    public init(documentTimeLimitSeconds: Double, concurrency: Int?, maxClaimsPerDocument: Int = 500) {
        self.documentTimeLimitSeconds = documentTimeLimitSeconds
        self.concurrency = concurrency
        self.maxClaimsPerDocument = maxClaimsPerDocument
    }

    /// The keys of the `"run"` object.
    public enum CodingKeys: String, CodingKey, CaseIterable { case documentTimeLimitSeconds, concurrency, maxClaimsPerDocument }

    /// Decodes the keys present and takes the rest from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.defaults
        documentTimeLimitSeconds = try c.decodeIfPresent(Double.self, forKey: .documentTimeLimitSeconds) ?? d.documentTimeLimitSeconds
        concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency) ?? d.concurrency
        maxClaimsPerDocument = try c.decodeIfPresent(Int.self, forKey: .maxClaimsPerDocument) ?? d.maxClaimsPerDocument
    }

    /// Encodes every key, `null` included, so the defaults list every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(documentTimeLimitSeconds, forKey: .documentTimeLimitSeconds)
        try c.encode(concurrency, forKey: .concurrency)
        try c.encode(maxClaimsPerDocument, forKey: .maxClaimsPerDocument)
    }

    /// Every value that decodes but cannot work.
    func issues(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        if !(documentTimeLimitSeconds > 0) || !documentTimeLimitSeconds.isFinite {
            found.append(ConfigIssue(path: path + ".documentTimeLimitSeconds", found: "\(documentTimeLimitSeconds)",
                                     expected: "a positive number of seconds"))
        }
        if maxClaimsPerDocument < 1 {
            found.append(ConfigIssue(path: path + ".maxClaimsPerDocument", found: "\(maxClaimsPerDocument)", expected: "a positive integer"))
        }
        if let concurrency, concurrency < 1 {
            found.append(ConfigIssue(path: path + ".concurrency", found: "\(concurrency)", expected: "a positive integer or null"))
        }
        return found
    }
}
