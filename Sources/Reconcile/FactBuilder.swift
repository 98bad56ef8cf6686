import ClaimModel
import Foundation

/// Who stands behind each claim: source name, witness class (copies share one), publication date.
struct Witnesses {
    var sourceOfDocument: [String: String]
    var classOfSource: [String: String]
    var publishedOfDocument: [String: CalendarDay]
    /// Source pairs (sorted) a reviewer marked as dependent.
    var reviewedDependent: Set<[String]> = []

    func source(_ c: Claim) -> String { source(ofDocument: c.document) }
    func witness(_ c: Claim) -> String { witness(ofDocument: c.document) }
    func source(ofDocument d: String) -> String { sourceOfDocument[d] ?? d }
    func witness(ofDocument d: String) -> String { classOfSource[source(ofDocument: d)] ?? source(ofDocument: d) }
    func published(_ c: Claim) -> CalendarDay? { publishedOfDocument[c.document] }
}

/// Claims that may describe one fact, with how they were placed there.
struct FactGroup {
    var key: String
    var subject: String?
    var metric: String
    var period: Period?
    var claims: [Claim]
    /// Claims without a stated period placed here by their document's date.
    var placedByDate: [String] = []
    /// Claims whose year was taken from this fact.
    var inferred: [String] = []
    /// For a component's fact: the whole its document names.
    var componentOf: Claim?
    /// Claims of other documents placed here because they match the stated component (claim id -> component claim id).
    var matchedComponent: [String: String] = [:]
    /// For a whole's fact: the components stated as parts of it.
    var components: [Claim] = []

    var id: String { "f-" + String(SHA256.hex(key).prefix(16)) }
}

/// Turns a group of claims into a fact: supersession, the best-supported value, status and explanation.
struct FactBuilder {
    let options: ReconcileOptions
    let witnesses: Witnesses
    let reliability: [String: Double]
    /// Claims a reviewer rejected: listed with their fact, left out of its value and status.
    var rejected: Set<String> = []
    /// Fact id → the value a reviewer accepted; it wins when a counted claim states it.
    var accepted: [String: ClaimValue] = [:]

    /// Firmness of a modality for supersession: a hedged or forecast early report gives way to firmer later ones.
    static func firmness(_ m: Modality) -> Int {
        switch m {
        case .reported: return 2
        case .forecast, .target: return 1
        case .hedged: return 0
        }
    }

    /// For each superseded claim, the claim that replaced it: a forecast or hedged claim gives way to the earliest
    /// later claim that is at least as firm and not hedged; a source's figure gives way to its own later revision.
    func supersessions(_ claims: [Claim]) -> [String: Claim] {
        var out = revisions(claims)
        for x in claims where (x.modality == .forecast || x.modality == .hedged) && out[x.id] == nil {
            guard let dx = witnesses.published(x) else { continue }
            let later = claims.filter { y in
                guard y.id != x.id, y.modality != .hedged, let dy = witnesses.published(y), dy > dx else { return false }
                let fx = FactBuilder.firmness(x.modality), fy = FactBuilder.firmness(y.modality)
                // A later forecast that repeats the same figure confirms it; only a firmer report or a different figure
                // replaces it.
                if fy == fx, x.modality != .hedged, Compare.agree(x, y, options: options) { return false }
                return fy >= fx
            }
            if let first = later.min(by: { (witnesses.published($0) ?? $0.value.start ?? CalendarDay(dayNumber: 0), $0.id)
                < (witnesses.published($1) ?? $1.value.start ?? CalendarDay(dayNumber: 0), $1.id) }) {
                out[x.id] = first
            }
        }
        return out
    }

    /// For each claim a source later revised, the revision: the same source's earliest later-published claim of the fact
    /// with a different value and at least the same firmness.
    ///
    /// Why: a source that changes its own figure withdraws the old one; counting both would set the source against itself.
    func revisions(_ claims: [Claim]) -> [String: Claim] {
        var out: [String: Claim] = [:]
        for x in claims {
            guard let dx = witnesses.published(x) else { continue }
            let later = claims.filter { y in
                guard y.id != x.id, y.document != x.document, witnesses.source(y) == witnesses.source(x),
                      let dy = witnesses.published(y), dy > dx else { return false }
                return FactBuilder.firmness(y.modality) >= FactBuilder.firmness(x.modality) && !Compare.agree(x, y, options: options)
                    && !(x.value.isDate ? false : x.value.min == y.value.min && x.value.max == y.value.max)
            }
            if let first = later.min(by: { (witnesses.published($0)?.dayNumber ?? 0, $0.id) < (witnesses.published($1)?.dayNumber ?? 0, $1.id) }) {
                out[x.id] = first
            }
        }
        return out
    }

    /// Support of a candidate claim: per witness class, its most reliable compatible claim's weight.
    func support(of candidate: Claim, among claims: [Claim]) -> Double {
        var best: [String: Double] = [:]
        for c in claims where Compare.compatible(candidate, c, options: options) {
            let w = (reliability[witnesses.source(c)] ?? options.defaultPrior) * Compare.precision(c)
            let k = witnesses.witness(c)
            if w > (best[k] ?? 0) { best[k] = w }
        }
        return best.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
    }

    /// Whether every two of these claims are compatible with each other (checked over their distinct values).
    func isCoherent(_ claims: [Claim]) -> Bool {
        var distinct: [Claim] = []
        for c in claims where !distinct.contains(where: { $0.value == c.value && $0.approximation == c.approximation }) {
            distinct.append(c)
        }
        for i in distinct.indices {
            for j in distinct.indices where j > i {
                if !Compare.compatible(distinct[i], distinct[j], options: options) { return false }
            }
        }
        return true
    }

    /// Whether the group has a claim no reviewer rejected (a group without one makes no fact).
    func counts(_ group: FactGroup) -> Bool { group.claims.contains { !rejected.contains($0.id) } }

    /// The facts of groups that `count`, in the groups' order, built on every core (`onEveryCore`): a fact reads only
    /// its own claims and the builder's settings, so facts are independent of each other.
    ///
    /// The facts come without their explanation; `Reasons.explain()` writes it. Reliability rounds build every fact
    /// several times and only the last round's explanations are read, so they are written once, for that round.
    ///
    /// `prepared` holds what earlier rounds (or `prepareAll`) worked out for groups by key; a group whose claims are
    /// not the ones its entry was made from is prepared again, and every group's preparation comes back in `prepared`
    /// for the next round.
    static func buildAll(_ groups: [FactGroup], with builder: FactBuilder, prepared: inout [String: Prepared])
        -> [(fact: Fact, reasons: Reasons)] {
        let known = prepared
        let built = onEveryCore(groups) { g -> (decided: (fact: Fact, reasons: Reasons), prepared: Prepared) in
            let p = builder.preparation(of: g, reusing: known)
            return (builder.decide(g, prepared: p), p)
        }
        for (g, b) in zip(groups, built) { prepared[g.key] = b.prepared }
        return built.map(\.decided)
    }

    /// `prepare` for every group, on every core, by group key (the first group of a key when keys repeat).
    static func prepareAll(_ groups: [FactGroup], with builder: FactBuilder) -> [String: Prepared] {
        let all = onEveryCore(groups) { builder.prepare($0) }
        var byKey: [String: Prepared] = [:]
        for (g, p) in zip(groups, all) where byKey[g.key] == nil { byKey[g.key] = p }
        return byKey
    }

    /// `work` for each group, in the groups' order, on every core. Groups are handed out in parts of a few each, the
    /// largest spread by striding, so both cores stay busy to the end; a group reads only its own claims.
    private static func onEveryCore<T>(_ groups: [FactGroup], _ work: @Sendable (FactGroup) -> T) -> [T] {
        var out = [T?](repeating: nil, count: groups.count)
        let parts = min(groups.count, 64)
        out.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by one part only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for i in stride(from: part, to: groups.count, by: parts) { slots[i] = work(groups[i]) }
            }
        }
        return out.map { $0! }
    }

    /// The group's preparation from `known` when it still fits the group's claims, else a new one.
    func preparation(of group: FactGroup, reusing known: [String: Prepared]) -> Prepared {
        known[group.key].flatMap { $0.fits(group) ? $0 : nil } ?? prepare(group)
    }

    /// What deciding a fact reads that no reliability changes: the counted claims, their value signatures and the
    /// supersessions among them. Reliability rounds decide every fact again with new reliabilities, so this is worked
    /// out once per group and reused while the group's claims stay the same (a round that binds a year to undated
    /// claims adds claims to a date fact, which is then prepared again).
    ///
    /// It reads the claims, the reviewer's rejections, and each claim's source and publication date; not witness
    /// classes or reliabilities, so it can be made before copy detection has settled the classes.
    struct Prepared {
        /// The ids of the group's claims it was made from, in order.
        let claimIDs: [String]
        let counted: [Claim]
        let signatures: ValueSignatures
        let superseding: [String: Claim]
        /// The claims weighed: those not superseded (all counted ones when every one is), in id order.
        let pool: [Claim]

        /// The values of the claims whose year was bound from a fact, in group order.
        let boundValues: [ClaimValue]

        /// Whether this was made from exactly these claims. A claim whose year was bound from a fact keeps its id while
        /// its value follows the fact's value, which may change from one reliability round to the next, so bound
        /// claims must also have the values they had.
        func fits(_ group: FactGroup) -> Bool {
            group.claims.count == claimIDs.count && zip(group.claims, claimIDs).allSatisfy { $0.id == $1 }
                && FactBuilder.boundValues(group) == boundValues
        }
    }

    /// The values of a group's claims whose year was bound from a fact, in group order.
    static func boundValues(_ group: FactGroup) -> [ClaimValue] {
        guard !group.inferred.isEmpty else { return [] }
        let bound = Set(group.inferred)
        return group.claims.filter { bound.contains($0.id) }.map(\.value)
    }

    /// The reliability-free part of deciding a group's fact (`Prepared`).
    func prepare(_ group: FactGroup) -> Prepared {
        let counted = group.claims.filter { !rejected.contains($0.id) }
        // Comparisons are made once per distinct value (FactScoring.swift), so a fact of many near-copies stays cheap.
        var signatures = ValueSignatures(counted, options: options)
        let superseding = fastSupersessions(counted, signatures: &signatures)
        let active = counted.filter { superseding[$0.id] == nil }.sortedByID()
        let pool = active.isEmpty ? counted.sortedByID() : active
        return Prepared(claimIDs: group.claims.map(\.id), counted: counted, signatures: signatures, superseding: superseding,
                        pool: pool, boundValues: FactBuilder.boundValues(group))
    }

    /// What a fact's explanation is made of, kept so the explanation can be written after the reliability rounds.
    struct Reasons {
        let builder: FactBuilder
        let group: FactGroup
        let status: FactStatus
        let best: Claim
        let supporting: [Claim]
        let dissenting: [Claim]
        let superseding: [String: Claim]
        let label: String

        /// The fact's explanation (`FactBuilder.explain`).
        func explain() -> String {
            builder.explain(group: group, status: status, best: best, supporting: supporting, dissenting: dissenting,
                            superseding: superseding, label: label)
        }
    }

    /// Builds the fact for a group that `counts`, with its explanation.
    func build(_ group: FactGroup) -> Fact {
        var (fact, reasons) = decide(group, prepared: prepare(group))
        fact.explanation = reasons.explain()
        return fact
    }

    /// The fact for a group that `counts`, without its explanation, and what the explanation is made of; `prepared`
    /// is the group's `prepare` (made by a builder with the same rejections, sources and dates).
    func decide(_ group: FactGroup, prepared: Prepared) -> (fact: Fact, reasons: Reasons) {
        let counted = prepared.counted
        var signatures = prepared.signatures
        let superseding = prepared.superseding
        let pool = prepared.pool
        // A value a reviewer accepted wins among the claims that state it; the rest are weighed against it as usual.
        let stating = accepted[group.id].map { v in pool.filter { $0.value.sameStatedValue(as: v) } } ?? []
        let candidates = stating.isEmpty ? pool : stating
        // The candidate with most support wins; ties go to the more precise, then more recent, then by id.
        // A candidate whose supporters disagree among themselves (a bound compatible with both sides of a dispute)
        // would hide the dispute, so coherent candidates come first.
        var scores = PoolScores(pool: pool, signatures: signatures,
                                weight: { (reliability[witnesses.source($0)] ?? options.defaultPrior) * Compare.precision($0) },
                                witness: { witnesses.witness($0) })
        var best = candidates[0]
        var bestScore = -1.0
        var bestCoherent = false
        for c in candidates {
            let s = scores.support(of: c)
            let coherent = scores.coherent(c)
            if coherent != bestCoherent {
                if coherent { best = c; bestScore = s; bestCoherent = true }
                continue
            }
            let key = (s, Compare.precision(c), witnesses.published(c)?.dayNumber ?? Int.min)
            let bestKey = (bestScore, Compare.precision(best), witnesses.published(best)?.dayNumber ?? Int.min)
            if key.0 > bestKey.0 + 1e-9
                || (abs(key.0 - bestKey.0) <= 1e-9 && (key.1 > bestKey.1 || (key.1 == bestKey.1 && (key.2 > bestKey.2 || (key.2 == bestKey.2 && c.id < best.id))))) {
                best = c; bestScore = s
            }
        }
        let supporting = pool.filter { scores.compatible(best, $0) }
        let dissenting = pool.filter { !scores.compatible(best, $0) }
        let supportClasses = Set(supporting.map { witnesses.witness($0) })
        let status: FactStatus
        if !dissenting.isEmpty {
            status = .conflict
        } else if supportClasses.count < 2 {
            status = .singleSource
        } else if supporting.allSatisfy({ signatures.agree(signatures.of[best.id]!, signatures.of[$0.id]!) }) {
            status = .agreed
        } else {
            status = .compatible
        }
        // Every claim compatible with `best` is in `supporting`, so this is `support(of: best, among: supporting)`.
        let totalSupport = scores.support(of: best)
        var allClasses: [String: Double] = [:]
        for c in pool {
            let w = (reliability[witnesses.source(c)] ?? options.defaultPrior) * Compare.precision(c)
            allClasses[witnesses.witness(c)] = max(allClasses[witnesses.witness(c)] ?? 0, w)
        }
        // Sums and products in class order: a dictionary's or set's order differs between instances (per-instance
        // hash seeds), and with it the last bit of the result, which can turn the rounded confidence.
        let share = totalSupport / max(1e-9, allClasses.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value })
        var doubt = 1.0
        var classReliability: [String: Double] = [:]
        for c in supporting {
            let r = reliability[witnesses.source(c)] ?? options.defaultPrior
            classReliability[witnesses.witness(c)] = max(classReliability[witnesses.witness(c)] ?? r, r)
        }
        for k in supportClasses.sorted() { doubt *= 1 - (classReliability[k] ?? options.defaultPrior) }
        let confidence = min(1, max(0, share * (1 - doubt)))
        var value = best.value
        value.inferredFrom = best.value.inferredFrom
        let superseded = counted.filter { superseding[$0.id] != nil }.map(\.id).sorted()
        var supersededBy: [String: String] = [:]
        for (k, v) in superseding { supersededBy[k] = v.id }
        let label = [group.subject, group.metric].compactMap { $0 }.joined(separator: " ")
            + (group.period.map { " (" + FactBuilder.describe($0) + ")" } ?? "")
            + (group.componentOf.map { " (component of \($0.metric))" } ?? "")
        var fact = Fact(id: group.id, label: label, subject: group.subject, metric: group.metric, period: group.period,
                        status: status, value: value, confidence: (confidence * 1000).rounded() / 1000,
                        supporting: supporting.map(\.id).sorted(), dissenting: dissenting.map(\.id).sorted(),
                        superseded: superseded, supersededBy: supersededBy, explanation: "")
        let rejectedHere = group.claims.map(\.id).filter { rejected.contains($0) }.sorted()
        if !rejectedHere.isEmpty { fact.rejected = rejectedHere }
        return (fact, Reasons(builder: self, group: group, status: status, best: best, supporting: supporting,
                              dissenting: dissenting, superseding: superseding, label: label))
    }

    /// A period as text: its own words, else its bounds.
    static func describe(_ p: Period) -> String {
        if let t = p.text, !t.isEmpty { return t }
        return "\(p.start?.iso ?? "…")–\(p.end?.iso ?? "…")"
    }

    /// "'source' ('text', 2025-12-02)".
    func cite(_ c: Claim) -> String {
        let date = witnesses.published(c).map { ", \($0.iso)" } ?? ", undated"
        return "'\(witnesses.source(c))' ('\(c.text)'\(date))"
    }

    /// One paragraph a reviewer reads in seconds: verdict, value, who says what, and why.
    func explain(group: FactGroup, status: FactStatus, best: Claim, supporting: [Claim], dissenting: [Claim],
                 superseding: [String: Claim], label: String) -> String {
        var parts: [String] = []
        let classes = Set(supporting.map { witnesses.witness($0) }).count
        switch status {
        case .agreed:
            parts.append("\(label): \(classes) independent sources agree on '\(best.text)'")
        case .compatible:
            parts.append("\(label): \(classes) independent sources are compatible with '\(best.text)' once bounds and hedges are allowed for (±\(Compare.text(Decimal(options.approximateTolerance * 100), places: 1))%)")
        case .conflict:
            parts.append("\(label): sources conflict; the best-supported value is '\(best.text)'")
        case .singleSource:
            parts.append("\(label): only one independent source, giving '\(best.text)'")
        }
        parts.append("supporting: " + supporting.sorted { $0.id < $1.id }.map(cite).joined(separator: "; "))
        if !dissenting.isEmpty {
            parts.append("dissenting: " + dissenting.sorted { $0.id < $1.id }.map(cite).joined(separator: "; ")
                         + " (outside ±\(Compare.text(Decimal(options.tolerance * 100), places: 1))% of the value)")
        }
        let claimByID = Dictionary(group.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (old, new) in superseding.sorted(by: { $0.key < $1.key }) {
            guard let c = claimByID[old] else { continue }
            if witnesses.source(c) == witnesses.source(new) && (c.modality == new.modality || c.modality == .reported) {
                parts.append("superseded: \(cite(c)) was revised by the same source to '\(new.text)' (\(witnesses.published(new)?.iso ?? "undated"))")
            } else {
                parts.append("superseded: the \(c.modality.rawValue) \(cite(c)) was replaced by the later \(cite(new))")
            }
        }
        let copied = Dictionary(grouping: supporting + dissenting, by: { witnesses.witness($0) })
            .values.map { Set($0.map { witnesses.source($0) }) }.filter { $0.count > 1 }
        for names in copied.map({ $0.sorted() }).sorted(by: { $0[0] < $1[0] }) {
            let reviewed = witnesses.reviewedDependent.contains { $0.allSatisfy(names.contains) }
            parts.append((reviewed ? "counted once as they copy one another or a reviewer marked them dependent: "
                                   : "counted once as they copy one another: ") + names.map { "'\($0)'" }.joined(separator: ", "))
        }
        let rejectedHere = group.claims.filter { rejected.contains($0.id) }.sorted { $0.id < $1.id }
        if !rejectedHere.isEmpty {
            parts.append("left out as a reviewer rejected " + (rejectedHere.count == 1 ? "it" : "them") + ": "
                         + rejectedHere.map(cite).joined(separator: "; "))
        }
        if let whole = group.componentOf {
            parts.append("a component of \(cite(whole)), as its own document says")
        }
        for (id, partID) in group.matchedComponent.sorted(by: { $0.key < $1.key }) {
            if let c = claimByID[id], let part = claimByID[partID] {
                parts.append("\(cite(c)) matches the component \(cite(part)), not the whole, so it is read as that component")
            }
        }
        for part in group.components.sorted(by: { $0.id < $1.id }) {
            parts.append("component: \(cite(part)) is a part of this value, not a rival to it")
        }
        if !group.placedByDate.isEmpty {
            parts.append("\(group.placedByDate.count) claim(s) without a stated period were placed here by their document's date")
        }
        if !group.inferred.isEmpty {
            let inferred = Set(group.inferred)
            let cites = group.claims.filter { inferred.contains($0.id) }.sorted { $0.id < $1.id }.map(cite)
            parts.append("the year was inferred from this fact for " + cites.joined(separator: "; "))
        }
        // Units hook: mixed currencies or units, the rates used, and claims left uncompared (UnitComparison.swift).
        parts.append(contentsOf: UnitComparison.notes(for: group.claims))
        return parts.joined(separator: ". ") + "."
    }
}
