public import ClaimModel
public import Pipeline

/// The `reconcile` stage: groups claims into facts, runs consistency checks, and rates sources.
public struct ReconcileStage: Stage {
    /// The key of this stage in `pipeline.json`.
    public static let type = "reconcile"
    /// The options the stage was created with.
    public let options: ReconcileOptions

    /// Creates the stage, rejecting tolerances, priors or iteration counts out of range.
    public init(options: ReconcileOptions) throws(ConfigError) {
        let issues = options.issues(at: "$.options")
        guard issues.isEmpty else { throw ConfigError(issues) }
        self.options = options
    }

    /// The name a document is counted under (site, attribution outlet, author, or file name stem).
    public static func sourceName(for document: Document) -> String { SourceAnalysis.sourceName(for: document) }

    /// Fills `facts`, `checks` and `sources` from the batch's documents and claims.
    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        var batch = input
        let result = reconcile(documents: input.documents, claims: input.claims)
        batch.claims = result.claims
        batch.facts = result.facts
        batch.checks = result.checks
        batch.sources = result.sources
        context.log(.info, "reconcile: \(result.facts.count) facts, \(result.checks.count) checks, \(result.sources.count) sources")
        return batch
    }

    /// The whole reconciliation, synchronous and pure: claims (with inferred parts filled), facts, checks, sources.
    public func reconcile(documents: [Document], claims: [Claim]) -> (claims: [Claim], facts: [Fact], checks: [Check], sources: [Source]) {
        let docs = documents.filter { $0.status == .ok }.sorted { $0.id < $1.id }
        var names: [String: String] = [:]
        var published: [String: CalendarDay] = [:]
        for d in docs {
            names[d.id] = SourceAnalysis.sourceName(for: d)
            if let p = d.published { published[d.id] = p }
        }
        let copies = SourceAnalysis.copies(documents: docs, names: names, overlap: options.copyOverlap)
        let classes = SourceAnalysis.witnessClasses(names: Set(names.values), copies: copies)
        let witnesses = Witnesses(sourceOfDocument: names, classOfSource: classes, publishedOfDocument: published)

        var reliability: [String: Double] = [:]
        for n in Set(names.values) { reliability[n] = options.sourcePriors[n] ?? options.defaultPrior }

        var outcome = factsAndClaims(claims, witnesses: witnesses, reliability: reliability)
        for _ in 0..<options.iterations {
            let next = estimateReliability(outcome.facts, claims: outcome.claims, witnesses: witnesses)
            if next == reliability { break }
            reliability = next
            outcome = factsAndClaims(claims, witnesses: witnesses, reliability: reliability)
        }
        let byID = Dictionary(outcome.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let checks = Checker(options: options).checks(claims: outcome.claims, facts: outcome.facts, claimsByID: byID)
        var documentsOfSource: [String: [String]] = [:]
        for d in docs { documentsOfSource[names[d.id] ?? d.id, default: []].append(d.id) }
        let sources = documentsOfSource.keys.sorted().map { name in
            Source(name: name, documents: (documentsOfSource[name] ?? []).sorted(),
                   reliability: ((reliability[name] ?? options.defaultPrior) * 1000).rounded() / 1000,
                   copiesFrom: (copies[name] ?? []).sorted())
        }
        // Claims keep the input order; only values bound to a fact change.
        let updated = claims.map { byID[$0.id] ?? $0 }
        return (updated, outcome.facts, checks, sources)
    }

    /// Facts for the current reliabilities, with date claims lacking a year bound to the facts they match.
    func factsAndClaims(_ claims: [Claim], witnesses: Witnesses, reliability: [String: Double]) -> (facts: [Fact], claims: [Claim]) {
        let builder = FactBuilder(options: options, witnesses: witnesses, reliability: reliability)
        let (groups, unresolved) = Grouping.group(claims, witnesses: witnesses, options: options)
        var finalGroups: [FactGroup] = []
        var bound: [Claim] = []
        var leftover = unresolved
        for var g in groups {
            let fact = builder.build(g)
            if fact.value.isDate, !leftover.isEmpty {
                let base = g.claims.first.map(Grouping.baseKey)
                var keep: [Claim] = []
                for u in leftover {
                    if Grouping.baseKey(u) == base, let b = Grouping.bind(u, to: fact.value, factID: g.id) {
                        g.claims.append(b); g.inferred.append(b.id); bound.append(b)
                    } else {
                        keep.append(u)
                    }
                }
                leftover = keep
            }
            finalGroups.append(g)
        }
        // A date that matches no anchored fact stays unresolved, in a fact of its own parts.
        for u in leftover {
            let key = Grouping.baseKey(u) + "|unresolved " + (u.value.unresolved ?? "?")
            if let i = finalGroups.firstIndex(where: { $0.key == key }) { finalGroups[i].claims.append(u); continue }
            finalGroups.append(FactGroup(key: key, subject: u.subject, metric: u.metric, period: nil, claims: [u]))
        }
        let facts = finalGroups.map(builder.build).sorted {
            ($0.subject ?? "", $0.metric, $0.period?.start?.iso ?? "", $0.id) < ($1.subject ?? "", $1.metric, $1.period?.start?.iso ?? "", $1.id)
        }
        let boundByID = Dictionary(bound.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return (facts, claims.map { boundByID[$0.id] ?? $0 })
    }

    /// Reliability per source: smoothed share of its claims that support their fact, over facts with two or more witnesses.
    ///
    /// Superseded claims are left out: an early forecast replaced later is not an error.
    func estimateReliability(_ facts: [Fact], claims: [Claim], witnesses: Witnesses) -> [String: Double] {
        let byID = Dictionary(claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var hits: [String: Double] = [:]
        var seen: [String: Double] = [:]
        for f in facts {
            let involved = (f.supporting + f.dissenting).compactMap { byID[$0] }
            guard Set(involved.map { witnesses.witness($0) }).count >= 2 else { continue }
            for id in f.supporting { if let c = byID[id] { hits[witnesses.source(c), default: 0] += 1; seen[witnesses.source(c), default: 0] += 1 } }
            for id in f.dissenting { if let c = byID[id] { seen[witnesses.source(c), default: 0] += 1 } }
        }
        var out: [String: Double] = [:]
        let weight = 2.0  // pseudo-claims at the prior: a source judged on two facts moves only part way
        for name in Set(witnesses.sourceOfDocument.values) {
            let prior = options.sourcePriors[name] ?? options.defaultPrior
            let value = (prior * weight + (hits[name] ?? 0)) / (weight + (seen[name] ?? 0))
            out[name] = (value * 1_000_000).rounded() / 1_000_000
        }
        return out
    }
}
