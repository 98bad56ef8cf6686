internal import ClaimModel
internal import Pipeline

/// Look-ups and the review order shared by the Markdown and HTML writers, built once per report.
struct ReportIndex {
    let report: Report
    let options: ReportOptions
    let claims: ClaimLookup
    let documents: [String: DocumentEntry]
    /// The source (outlet) each document is counted under.
    let sourceOfDocument: [String: String]

    /// Facts of one subject and metric over several periods, by fact id (see `Timeline`).
    let timelines: [String: Timeline]
    /// Facts whose value changed over the nights of the run history, by fact id (see `Timeline.nights`).
    let nightTimelines: [String: Timeline]

    /// `history` holds the values facts had on earlier nights, by fact id (empty without a run history).
    init(_ report: Report, options: ReportOptions, history: [String: [PastFactValue]] = [:]) {
        self.report = report
        self.options = options
        claims = ClaimLookup(report.claims)
        documents = Dictionary(report.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var owner: [String: String] = [:]
        for source in report.sources {
            for doc in source.documents where owner[doc] == nil { owner[doc] = source.name }
        }
        sourceOfDocument = owner
        timelines = Timeline.all(report.facts)
        var nights: [String: Timeline] = [:]
        for fact in report.facts {
            guard let past = history[fact.id], !past.isEmpty,
                  let line = Timeline.nights(fact, tonight: report.run.asOf, history: past) else { continue }
            nights[fact.id] = line
        }
        nightTimelines = nights
    }

    /// Sources whose reliability a reviewer pinned in this run.
    var pinnedSources: Set<String> {
        Set((report.reviews ?? []).filter { $0.action == .pin && $0.state != .missing }.compactMap { $0.sources?.first })
    }

    /// The status sections in review order: what most needs a human first.
    static let factSections: [(status: FactStatus, anchor: String, heading: String)] = [
        (.conflict, "conflicts", "Conflicts"),
        (.compatible, "compatible", "Compatible"),
        (.agreed, "agreed", "Agreed"),
        (.singleSource, "single-source", "Single source"),
    ]

    /// Facts of one status, in report order.
    func facts(_ status: FactStatus) -> [Fact] { report.facts.filter { $0.status == status } }

    /// Facts with at least one superseded claim.
    var factsWithSuperseded: [Fact] { report.facts.filter { !$0.superseded.isEmpty } }

    var inconsistentChecks: [Check] { report.checks.filter { $0.status == .inconsistent } }
    var consistentChecks: [Check] { report.checks.filter { $0.status == .consistent } }

    /// Documents in listing order: quarantined first (they need attention), then the rest, both in report order.
    var documentsForListing: [DocumentEntry] {
        report.documents.filter { $0.status == .quarantined } + report.documents.filter { $0.status != .quarantined }
    }

    /// The outlet a claim came from: its source, else the document's site, else its author.
    func outlet(of claim: Claim) -> String? {
        if let s = sourceOfDocument[claim.document] { return s }
        guard let d = documents[claim.document] else { return nil }
        return d.site ?? d.author
    }

    /// A fact's claims with their role, supporting first, capped at `maxClaimsPerFact`; also how many were left out.
    func listedClaims(of fact: Fact) -> (claims: [(role: String, claim: Claim)], omitted: Int) {
        let roles: [(String, [String])] = [("supports", fact.supporting), ("dissents", fact.dissenting),
                                           ("superseded", fact.superseded), ("rejected", fact.rejected ?? [])]
        var all: [(role: String, claim: Claim)] = []
        for (role, ids) in roles {
            for id in ids { if let c = claims[id] { all.append((role, c)) } }
        }
        let cap = max(0, options.maxClaimsPerFact)
        return (Array(all.prefix(cap)), max(0, all.count - cap))
    }

    /// A check's claims, capped like a fact's.
    func listedClaims(of check: Check) -> (claims: [Claim], omitted: Int) {
        let all = check.claims.compactMap { claims[$0] }
        let cap = max(0, options.maxClaimsPerFact)
        return (Array(all.prefix(cap)), max(0, all.count - cap))
    }

    /// Summary rows: label and count, in reading order.
    var summary: [(String, Int)] {
        let r = report
        var rows: [(String, Int)] = [("documents", r.run.documents), ("quarantined documents", r.run.quarantined),
                                     ("claims", r.run.claims), ("facts", r.facts.count)]
        for (status, _, heading) in ReportIndex.factSections {
            rows.append(("– " + heading.lowercased(), r.facts.filter { $0.status == status }.count))
        }
        rows.append(("superseded claims", r.facts.reduce(0) { $0 + $1.superseded.count }))
        rows.append(("checks", r.checks.count))
        rows.append(("– inconsistent", inconsistentChecks.count))
        rows.append(("sources", r.sources.count))
        if let reviews = r.reviews {
            // Only a run that read a reviews file has these rows.
            rows.append(("review decisions", reviews.count))
            rows.append(("– stale (look again)", reviews.filter { $0.state == .stale }.count))
            rows.append(("– naming what is gone", reviews.filter { $0.state == .missing }.count))
        }
        return rows
    }

    /// Splits a quote around the first occurrence of the value's text so writers can highlight it;
    /// nil when the value's text is not in the quote (then the quote is shown plain).
    static func highlight(_ quote: String, value text: String) -> (before: Substring, match: Substring, after: Substring)? {
        guard !text.isEmpty, let r = quote.range(of: text) else { return nil }
        return (quote[..<r.lowerBound], quote[r], quote[r.upperBound...])
    }
}

/// The report's claims by id, kept as positions in the report's own list (the first claim of an id wins: duplicate ids
/// would trap in `Dictionary(uniqueKeysWithValues:)`). A map of the claims themselves held a second copy of every
/// claim through the writing of both pages, and a third while it was built (800,000 claims at 100,000 documents).
struct ClaimLookup {
    private let claims: [Claim]
    private let position: [String: Int]

    init(_ claims: [Claim]) {
        self.claims = claims
        var position: [String: Int] = [:]
        position.reserveCapacity(claims.count)
        for (i, claim) in claims.enumerated() where position[claim.id] == nil { position[claim.id] = i }
        self.position = position
    }

    subscript(id: String) -> Claim? { position[id].map { claims[$0] } }
}
