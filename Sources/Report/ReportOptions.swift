public import Pipeline

/// Options of the `report` stage, as written under `options` in `pipeline.json`.
///
/// Every key may be left out; a missing key takes its value from `defaults`, so `{}` decodes to `defaults`.
public struct ReportOptions: StageOptions {
    /// Claims listed per fact (and per check) in `report.html` and `report.md`; `report.json` keeps every claim
    /// that facts and checks reference, so capping here only shortens what a reviewer scrolls through.
    public var maxClaimsPerFact: Int
    /// The heading of `report.html` and `report.md`.
    public var title: String
    /// Facts listed per section (conflicts, compatible, …) in `report.html` and `report.md`; the rest are
    /// counted there and left to `report.json`, so a run with a million facts still gives a readable page.
    public var maxFactsPerSection: Int
    /// Documents listed in `report.html` and `report.md`, quarantined ones first; the rest are in `report.json`.
    public var maxDocumentsListed: Int
    /// Whether `report.json` lists every claim of the batch rather than only those facts and checks reference;
    /// `claims.jsonl` always holds them all.
    public var includeAllClaims: Bool
    /// How links in the reports reach input files: a prefix put before a document's relative path
    /// (for example `"../inputs/"`); null computes it from the outputs and inputs folders of the run.
    public var inputsLink: String?

    /// The values used for keys `pipeline.json` leaves out.
    public static let defaults = ReportOptions(maxClaimsPerFact: 50, title: "claimtrack report", maxFactsPerSection: 500,
                                               maxDocumentsListed: 1000, includeAllClaims: false, inputsLink: nil)

    /// Creates options from explicit values.
    public init(maxClaimsPerFact: Int, title: String, maxFactsPerSection: Int, maxDocumentsListed: Int,
                includeAllClaims: Bool, inputsLink: String?) {
        self.maxClaimsPerFact = maxClaimsPerFact
        self.title = title
        self.maxFactsPerSection = maxFactsPerSection
        self.maxDocumentsListed = maxDocumentsListed
        self.includeAllClaims = includeAllClaims
        self.inputsLink = inputsLink
    }

    // CaseIterable lets the strict config decoder name unknown keys with a suggestion.
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case maxClaimsPerFact, title, maxFactsPerSection, maxDocumentsListed, includeAllClaims, inputsLink
    }

    /// Decodes the keys present and takes the rest from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ReportOptions.defaults
        maxClaimsPerFact = try c.decodeIfPresent(Int.self, forKey: .maxClaimsPerFact) ?? d.maxClaimsPerFact
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? d.title
        maxFactsPerSection = try c.decodeIfPresent(Int.self, forKey: .maxFactsPerSection) ?? d.maxFactsPerSection
        maxDocumentsListed = try c.decodeIfPresent(Int.self, forKey: .maxDocumentsListed) ?? d.maxDocumentsListed
        includeAllClaims = try c.decodeIfPresent(Bool.self, forKey: .includeAllClaims) ?? d.includeAllClaims
        inputsLink = try c.decodeIfPresent(String.self, forKey: .inputsLink) ?? d.inputsLink
    }

    /// Encodes every key (null included), so a written config shows the values in force and the key list is complete.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxClaimsPerFact, forKey: .maxClaimsPerFact)
        try c.encode(title, forKey: .title)
        try c.encode(maxFactsPerSection, forKey: .maxFactsPerSection)
        try c.encode(maxDocumentsListed, forKey: .maxDocumentsListed)
        try c.encode(includeAllClaims, forKey: .includeAllClaims)
        try c.encode(inputsLink, forKey: .inputsLink)
    }

    /// Every value that decodes but cannot work, with its JSON path below `path`.
    func issues(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        let limits: [(String, Int)] = [("maxClaimsPerFact", maxClaimsPerFact), ("maxFactsPerSection", maxFactsPerSection),
                                       ("maxDocumentsListed", maxDocumentsListed)]
        for (key, value) in limits where value < 0 {
            found.append(ConfigIssue(path: "\(path).\(key)", found: String(value), expected: "a count of 0 or more"))
        }
        if title.allSatisfy(\.isWhitespace) {
            found.append(ConfigIssue(path: "\(path).title", found: "'\(title)'", expected: "a non-empty heading"))
        }
        if let link = inputsLink, !Links.isSafeRelativePrefix(link) {
            found.append(ConfigIssue(path: "\(path).inputsLink", found: "'\(link)'",
                                     expected: "a relative folder path such as '../inputs/', or an http(s) URL"))
        }
        return found
    }
}
