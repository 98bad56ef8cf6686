public import ClaimModel
public import Pipeline
import Foundation

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

    /// Fills `facts`, `checks` and `sources` from the batch's documents and claims, applying the reviewer decisions
    /// of the reviews file (`options.reviews`) when there is one.
    ///
    /// When no later stage reads document text (`StageContext.documentTextNeededLater`), the documents come back
    /// without it: copy detection is the stage's only reader, and at 100,000 documents the text is about half a
    /// gigabyte that the report stage would otherwise hold through its own peak.
    public func run(_ input: consuming Batch, in context: StageContext) async throws -> Batch {
        var batch = input
        let reviews = try loadReviews(projectDirectory: context.projectDirectory)
        // Taken out of the batch, so reconcile holds the only reference and dropping the text frees it.
        var documents = batch.documents
        batch.documents = []
        let result = reconcile(documents: &documents, claims: batch.claims, reviews: reviews ?? ReviewFile(),
                               dropText: !context.documentTextNeededLater)
        batch.documents = documents
        batch.claims = result.claims
        batch.facts = result.facts
        batch.checks = result.checks
        batch.sources = result.sources
        batch.reviews = reviews == nil ? nil : result.reviews
        for note in result.notes { context.log(.info, "reconcile: " + note) }
        context.log(.info, "reconcile: \(result.facts.count) facts, \(result.checks.count) checks, \(result.sources.count) sources")
        if reviews != nil {
            let count = { (s: ReviewState) in result.reviews.filter { $0.state == s }.count }
            context.log(count(.stale) + count(.missing) > 0 ? .warning : .info,
                        "reconcile: \(result.reviews.count) review decisions: \(count(.applied)) applied, "
                        + "\(count(.stale)) stale (their fact changed), \(count(.missing)) naming what this run does not have")
        }
        return batch
    }

    /// The whole reconciliation without reviewer decisions: claims (with inferred parts filled), facts, checks, sources.
    public func reconcile(documents: [Document], claims: [Claim]) -> (claims: [Claim], facts: [Fact], checks: [Check], sources: [Source]) {
        let r = reconcile(documents: documents, claims: claims, reviews: ReviewFile())
        return (r.claims, r.facts, r.checks, r.sources)
    }

    /// The whole reconciliation with reviewer decisions applied, synchronous and pure.
    public func reconcile(documents: [Document], claims: [Claim], reviews: ReviewFile) -> Reconciliation {
        var documents = documents
        return reconcile(documents: &documents, claims: claims, reviews: reviews, dropText: false)
    }

    /// The whole reconciliation with some of its parts done as they were before a faster way replaced them (`peers`),
    /// for `ReconcileBenchmark`, which measures both ways in one process on the same claims. The result is the same
    /// either way; `Reconciliation.seconds` gives the time of each part.
    @_spi(Benchmarks)
    public func reconcile(documents: [Document], claims: [Claim], peers: ReconcilePeers) -> Reconciliation {
        var documents = documents
        return reconcile(documents: &documents, claims: claims, reviews: ReviewFile(), dropText: false, peers: peers)
    }

    /// `reconcile(documents:claims:reviews:)`; with `dropText`, each document's text is emptied once copy detection
    /// has read it, in `documents` too.
    func reconcile(documents: inout [Document], claims: [Claim], reviews: ReviewFile, dropText: Bool,
                   peers: ReconcilePeers = ReconcilePeers()) -> Reconciliation {
        var docs = documents.filter { $0.status == .ok }.sorted { $0.id < $1.id }
        var names: [String: String] = [:]
        var published: [String: CalendarDay] = [:]
        for d in docs {
            names[d.id] = SourceAnalysis.sourceName(for: d)
            if let p = d.published { published[d.id] = p }
        }
        let sourceNames = Set(names.values)
        let plan = ReviewPlan(reviews, sources: sourceNames, claims: claims)
        var notes: [String] = []
        // Where reconcile's time goes, for the run log only (and `ReconcileBenchmark`).
        var seconds: [(part: String, seconds: Double)] = []
        let copyStart = Date()
        // When no later stage reads the text, copy detection is its last reader: it gets the only references and frees
        // each text as its document is prepared, instead of holding all of it to the end of its matching (the plain
        // peer reads without letting go, and the texts are freed when `texts` is let go of below).
        var texts: CopyDetection.Texts?
        if dropText {
            texts = CopyDetection.Texts(docs.map(\.text), releasing: true)
            for i in docs.indices { docs[i].text = "" }
            for i in documents.indices { documents[i].text = "" }
        }
        let copies = SourceAnalysis.copies(documents: docs, names: names, overlap: options.copyOverlap,
                                           plain: peers.plainCopyDetection, texts: texts, stats: { stats in
            // Time and memory go to the log only (the outputs stay the same from run to run).
            let elapsed = String(format: "%.1f", Date().timeIntervalSince(copyStart))
            let rss = ProcessMemory.megabytes().map { String(format: ", peak rss %.0f MB", $0.peak) } ?? ""
            notes.append("copy detection over \(docs.count) documents in \(elapsed) s\(rss): \(stats)")
        })
        seconds.append(("copy detection", Date().timeIntervalSince(copyStart)))
        texts = nil
        // Copy detection's tables and the text were freed partly in the arena of its second thread, where the main
        // thread's grouping cannot reuse them: the free pages go back to the system before grouping allocates.
        ProcessMemory.releaseFreePages()
        var witnesses = Witnesses(sourceOfDocument: names, classOfSource: [:], publishedOfDocument: published)
        // Grouping, and the part of each fact's decision that reads no reliability (`FactBuilder.Prepared`), read each
        // claim's source and date but not the witness classes. (Running them beside copy detection, on the other
        // core, was tried: both are bound by memory access, and at 100,000 documents copy detection went from 40 to
        // 60 s and grouping from 13 to 27 s, with a higher peak.)
        let groupingStart = Date()
        var grouped = Grouping.group(claims, witnesses: witnesses, options: options)
        let groupingEnd = Date()
        var preparer = FactBuilder(options: options, witnesses: witnesses, reliability: [:])
        preparer.rejected = Set(plan.rejected.keys)
        // Grouping and preparation read no reliability, so they are done once for every round.
        var preparedByKey = FactBuilder.prepareAll(grouped.groups, with: preparer)
        seconds.append(("grouping", groupingEnd.timeIntervalSince(groupingStart)))
        seconds.append(("preparing facts", Date().timeIntervalSince(groupingEnd)))
        // Sources a reviewer marked as dependent join one witness class, as copies do; `copiesFrom` keeps only copying.
        witnesses.classOfSource = SourceAnalysis.witnessClasses(names: sourceNames, copies: plan.links(adding: copies))
        witnesses.reviewedDependent = plan.dependentPairs

        var reliability: [String: Double] = [:]
        for n in sourceNames { reliability[n] = plan.pinned[n] ?? options.sourcePriors[n] ?? options.defaultPrior }

        var outcome = factsAndClaims(claims, witnesses: witnesses, reliability: reliability, plan: plan, grouped: grouped,
                                     prepared: &preparedByKey)
        var rounds = 1
        // Each claim's document, for the reliability estimate of every round (binding a year changes no claim's document).
        var documentOf: [String: String] = [:]
        documentOf.reserveCapacity(claims.count)
        for c in claims where documentOf[c.id] == nil { documentOf[c.id] = c.document }
        let roundsStart = Date()
        for _ in 0..<options.iterations {
            var next = estimateReliability(outcome.facts, documentOf: documentOf, witnesses: witnesses)
            for (name, pin) in plan.pinned { next[name] = pin }
            if next == reliability { break }
            reliability = next
            if peers.preparationEachRound { preparedByKey = [:] }
            outcome = factsAndClaims(claims, witnesses: witnesses, reliability: reliability, plan: plan, grouped: grouped,
                                     prepared: &preparedByKey)
            rounds += 1
        }
        notes.append("facts built in \(rounds) reliability rounds (at most \(options.iterations + 1))")
        // What only the rounds read is let go before the last part allocates (each holds claims or their ids).
        grouped = ([], [])
        preparedByKey = [:]
        documentOf = [:]
        seconds.append(("reliability rounds", Date().timeIntervalSince(roundsStart)))
        let afterRounds = Date()
        var facts = outcome.facts
        // Explanations are written once, for the round that stands (in parallel: long facts cite every claim).
        let reasons = outcome.reasons
        facts.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by one iteration only.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: out.count) { i in
                if let why = reasons[out[i].id] { out[i].explanation = why.explain() }
            }
        }
        var reviewed = outcome.claims()
        // Without a decision nothing is reviewed (and the maps of every claim a review reads are not built).
        let outcomes = plan.decisions.isEmpty ? []
            : plan.outcomes(facts: &facts, claims: &reviewed, evidence: outcome.evidence(), sources: sourceNames)
        // The first claim of an id, as the input's order has them (built without a list of pairs as long as the claims).
        var byID: [String: Claim] = [:]
        byID.reserveCapacity(reviewed.count)
        for c in reviewed where byID[c.id] == nil { byID[c.id] = c }
        seconds.append(("explanations and reviews", Date().timeIntervalSince(afterRounds)))
        let checksStart = Date()
        // A rejected claim counts towards no check either.
        let counted = reviewed.contains { $0.rejected != nil } ? reviewed.filter { $0.rejected == nil } : reviewed
        let checks = Checker(options: options).checks(claims: counted, facts: facts, claimsByID: byID)
        seconds.append(("checks", Date().timeIntervalSince(checksStart)))
        var documentsOfSource: [String: [String]] = [:]
        for d in docs { documentsOfSource[names[d.id] ?? d.id, default: []].append(d.id) }
        let sources = documentsOfSource.keys.sorted().map { name in
            Source(name: name, documents: (documentsOfSource[name] ?? []).sorted(),
                   reliability: ((reliability[name] ?? options.defaultPrior) * 1000).rounded() / 1000,
                   copiesFrom: (copies[name] ?? []).sorted())
        }
        // Claims keep the input order; only values bound to a fact and rejections change. Without decisions `reviewed`
        // is that already (years are bound by claim id); a rejection is set on the first claim of an id, and every claim
        // of the id takes it.
        let updated = plan.decisions.isEmpty ? reviewed : claims.map { byID[$0.id] ?? $0 }
        var result = Reconciliation(claims: updated, facts: facts, checks: checks, sources: sources, reviews: outcomes)
        // Copy detection's time is in its own note already.
        result.notes = notes + ["times: " + seconds.dropFirst().map { $0.part + String(format: " %.1f s", $0.seconds) }
            .joined(separator: ", ")]
        result.seconds = seconds
        return result
    }

    /// Facts for the current reliabilities, with date claims lacking a year bound to the facts they match; `evidence`
    /// gives each fact group's claim ids, also of groups that make no fact because a reviewer rejected all their claims.
    ///
    /// `prepared` carries each group's reliability-free preparation from round to round (`FactBuilder.buildAll`).
    func factsAndClaims(_ claims: [Claim], witnesses: Witnesses, reliability: [String: Double],
                        plan: ReviewPlan? = nil, grouped: (groups: [FactGroup], unresolved: [Claim])? = nil,
                        prepared: inout [String: FactBuilder.Prepared])
        -> RoundOutcome {
        var builder = FactBuilder(options: options, witnesses: witnesses, reliability: reliability)
        if let plan { builder.rejected = Set(plan.rejected.keys); builder.accepted = plan.accepted }
        let (groups, unresolved) = grouped ?? Grouping.group(claims, witnesses: witnesses, options: options)
        var finalGroups: [FactGroup] = []
        var bound: [Claim] = []
        // Undated claims waiting for a year, by the key of the facts they may take it from.
        var waiting: [String: [Int]] = [:]
        for (i, u) in unresolved.enumerated() { waiting[Grouping.baseKey(u), default: []].append(i) }
        var taken = Set<Int>()
        for var g in groups {
            // Undated claims may take their year from this fact's dates.
            if let first = g.claims.first, g.claims.contains(where: { $0.value.isDate }),
               case let base = Grouping.baseKey(first), let candidates = waiting[base], !candidates.isEmpty, builder.counts(g) {
                let value = builder.decide(g, prepared: builder.preparation(of: g, reusing: prepared)).fact.value
                if value.isDate {
                    var keep: [Int] = []
                    for i in candidates {
                        if let b = Grouping.bind(unresolved[i], to: value, factID: g.id) {
                            g.claims.append(b); g.inferred.append(b.id); bound.append(b); taken.insert(i)
                        } else {
                            keep.append(i)
                        }
                    }
                    waiting[base] = keep
                }
            }
            finalGroups.append(g)
        }
        let leftover = unresolved.indices.filter { !taken.contains($0) }.map { unresolved[$0] }
        // A date that matches no anchored fact stays unresolved, in a fact of its own parts.
        var position: [String: Int] = [:]
        for (i, g) in finalGroups.enumerated() where position[g.key] == nil { position[g.key] = i }
        for u in leftover {
            let key = Grouping.baseKey(u) + "|unresolved " + (u.value.unresolved ?? "?")
            if let i = position[key] { finalGroups[i].claims.append(u); continue }
            position[key] = finalGroups.count
            finalGroups.append(FactGroup(key: key, subject: u.subject, metric: u.metric, period: nil, claims: [u]))
        }
        let built = FactBuilder.buildAll(finalGroups.filter(builder.counts), with: builder, prepared: &prepared)
        let facts = built.map(\.fact).sorted {
            ($0.subject ?? "", $0.metric, $0.period?.start?.iso ?? "", $0.id) < ($1.subject ?? "", $1.metric, $1.period?.start?.iso ?? "", $1.id)
        }
        let reasons = Dictionary(built.map { ($0.fact.id, $0.reasons) }, uniquingKeysWith: { a, _ in a })
        return RoundOutcome(facts: facts, reasons: reasons, groups: finalGroups, bound: bound, input: claims)
    }

    /// One reliability round's facts; the claims with bound years and each group's claim ids are worked out only for
    /// the round that stands (each is a pass over every claim).
    struct RoundOutcome {
        let facts: [Fact]
        let reasons: [String: FactBuilder.Reasons]
        let groups: [FactGroup]
        let bound: [Claim]
        let input: [Claim]

        /// Every claim, with years bound from facts; without bound dates the claims are returned as they came, sharing
        /// their storage instead of copying it.
        func claims() -> [Claim] {
            let boundByID = Dictionary(bound.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return boundByID.isEmpty ? input : input.map { boundByID[$0.id] ?? $0 }
        }

        /// Each fact group's claim ids, also of groups that make no fact because a reviewer rejected all their claims.
        func evidence() -> [String: [String]] {
            Dictionary(groups.map { ($0.id, $0.claims.map(\.id)) }, uniquingKeysWith: { a, b in a + b })
        }
    }

    /// Reliability per source: smoothed share of its claims that support their fact, over facts with two or more witnesses.
    ///
    /// Superseded claims are left out: an early forecast replaced later is not an error.
    ///
    /// Only each claim's document is read (`documentOf`, claim id → document id): a map of whole claims by id cost more
    /// memory than the claims.
    func estimateReliability(_ facts: [Fact], documentOf: [String: String], witnesses: Witnesses) -> [String: Double] {
        var hits: [String: Double] = [:]
        var seen: [String: Double] = [:]
        for f in facts {
            let involved = (f.supporting + f.dissenting).compactMap { documentOf[$0] }
            guard Set(involved.map { witnesses.witness(ofDocument: $0) }).count >= 2 else { continue }
            for id in f.supporting {
                if let d = documentOf[id] { hits[witnesses.source(ofDocument: d), default: 0] += 1; seen[witnesses.source(ofDocument: d), default: 0] += 1 }
            }
            for id in f.dissenting { if let d = documentOf[id] { seen[witnesses.source(ofDocument: d), default: 0] += 1 } }
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

/// What reconcile makes of a batch: claims (inferred parts and rejections filled), facts, checks, sources, and what
/// became of each reviewer decision.
public struct Reconciliation: Sendable {
    /// Every claim in input order, with years bound from facts and reviewers' rejections filled in.
    public var claims: [Claim]
    /// The facts, with accepted values and reviews applied.
    public var facts: [Fact]
    /// Consistency checks over the claims no reviewer rejected.
    public var checks: [Check]
    /// Sources with their reliability (pinned ones as pinned) and who they copy.
    public var sources: [Source]
    /// Each decision in force, in the order made: applied, stale or missing.
    public var reviews: [ReviewOutcome]
    /// How the work went (copy detection's comparisons, reliability rounds), for the run log.
    public var notes: [String] = []
    /// The time of each part of the reconciliation, in the order done (copy detection, grouping, preparing facts,
    /// reliability rounds, explanations and reviews, checks).
    @_spi(Benchmarks)
    public var seconds: [(part: String, seconds: Double)] = []
}

/// Ways of doing parts of the reconciliation that faster ones replaced, kept as the peers `ReconcileBenchmark`
/// measures them against (`ReconcileStage.reconcile(documents:claims:peers:)`). Runs use none of them.
@_spi(Benchmarks)
public struct ReconcilePeers: Sendable {
    /// Copy detection through `CopyDetection.plainNearDuplicates` (dictionaries of posting arrays, one core).
    public var plainCopyDetection: Bool
    /// Every reliability round prepares each fact again (`FactBuilder.Prepared`) instead of reusing the preparation.
    public var preparationEachRound: Bool

    public init(plainCopyDetection: Bool = false, preparationEachRound: Bool = false) {
        self.plainCopyDetection = plainCopyDetection
        self.preparationEachRound = preparationEachRound
    }
}
