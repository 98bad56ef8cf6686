/// What a reviewer decided about a fact, a claim or sources.
public enum ReviewAction: String, Codable, Sendable, CaseIterable {
    /// Accept a fact's value (the one it had when decided, or one the reviewer gives).
    case accept
    /// Reject a claim: it no longer counts towards any fact.
    case reject
    /// Mark two sources as dependent: they count as one witness.
    case dependent
    /// Pin a source's reliability.
    case pin
}

/// One reviewer decision, keyed by stable ids, as kept in `reviews.json`.
public struct ReviewDecision: Hashable, Codable, Sendable {
    public var action: ReviewAction
    /// Fact id (accept).
    public var fact: String?
    /// Claim id (reject).
    public var claim: String?
    /// Source names (dependent: two; pin: one).
    public var sources: [String]?
    /// Pinned reliability, 0…1 (pin).
    public var reliability: Double?
    /// The accepted value; nil accepts the fact's value at decision time.
    public var value: ClaimValue?
    /// The fact's status and value when the decision was made, so a later change can be flagged.
    public var factStatusWhenDecided: FactStatus?
    public var factValueWhenDecided: ClaimValue?
    /// `Fact.evidenceFingerprint` of the fact as the reviewer saw it (accept: the fact; reject: the fact holding the
    /// claim); a run whose fact has another fingerprint flags the decision as stale.
    public var factFingerprint: String?
    /// The claim ids of that fact when decided, so a stale decision can say which claims came or went.
    public var factClaimsWhenDecided: [String]?
    /// Who decided, when (ISO 8601), and why.
    public var by: String
    public var at: String
    public var why: String?

    public init(action: ReviewAction, fact: String? = nil, claim: String? = nil, sources: [String]? = nil,
                reliability: Double? = nil, value: ClaimValue? = nil, factStatusWhenDecided: FactStatus? = nil,
                factValueWhenDecided: ClaimValue? = nil, factFingerprint: String? = nil, factClaimsWhenDecided: [String]? = nil,
                by: String, at: String, why: String? = nil) {
        self.action = action; self.fact = fact; self.claim = claim; self.sources = sources; self.reliability = reliability
        self.value = value; self.factStatusWhenDecided = factStatusWhenDecided; self.factValueWhenDecided = factValueWhenDecided
        self.factFingerprint = factFingerprint; self.factClaimsWhenDecided = factClaimsWhenDecided
        self.by = by; self.at = at; self.why = why
    }
}

/// `reviews.json`: every decision, in the order made; a later decision on the same target replaces an earlier one.
public struct ReviewFile: Hashable, Codable, Sendable {
    public var version: Int
    public var decisions: [ReviewDecision]
    public init(version: Int = 1, decisions: [ReviewDecision] = []) { self.version = version; self.decisions = decisions }

    /// The decision in force for each target (the last one made).
    public var effective: [ReviewDecision] {
        var latest: [String: ReviewDecision] = [:]
        var order: [String] = []
        for d in decisions {
            let key: String
            switch d.action {
            case .accept: key = "fact:\(d.fact ?? "")"
            case .reject: key = "claim:\(d.claim ?? "")"
            case .dependent: key = "dependent:" + (d.sources ?? []).sorted().joined(separator: "|")
            case .pin: key = "pin:\(d.sources?.first ?? "")"
            }
            if latest[key] == nil { order.append(key) }
            latest[key] = d
        }
        return order.compactMap { latest[$0] }
    }
}

/// How a fact was reviewed, as the report shows it.
public struct FactReview: Hashable, Codable, Sendable {
    public var by: String
    public var at: String
    public var why: String?
    /// The accepted value.
    public var value: ClaimValue
    /// True when the fact's status or value changed since the decision: the reviewer should look again.
    public var stale: Bool
    /// What changed, for a stale decision.
    public var note: String?
    public init(by: String, at: String, why: String?, value: ClaimValue, stale: Bool, note: String?) {
        self.by = by; self.at = at; self.why = why; self.value = value; self.stale = stale; self.note = note
    }
}

/// How a reviewer's rejection of a claim shows on the claim: who, when, why, and whether its fact changed since.
public struct ClaimRejection: Hashable, Codable, Sendable {
    public var by: String
    public var at: String
    public var why: String?
    /// True when the claim's fact changed since the decision: the reviewer should look again.
    public var stale: Bool
    /// What changed, for a stale decision.
    public var note: String?
    public init(by: String, at: String, why: String?, stale: Bool, note: String?) {
        self.by = by; self.at = at; self.why = why; self.stale = stale; self.note = note
    }
}

/// What became of a decision in a run.
public enum ReviewState: String, Codable, Sendable, CaseIterable {
    /// Applied; its fact is as the reviewer saw it.
    case applied
    /// Applied, but its fact changed since the decision (new, gone or changed claims): look again.
    case stale
    /// Not applied: the fact, claim or source it names is not in this run.
    case missing
}

/// One decision in force as a run's report lists it (`reviews` in report.json).
public struct ReviewOutcome: Hashable, Codable, Sendable {
    /// What was decided.
    public var action: ReviewAction
    /// The fact accepted, or the fact group holding the rejected claim in this run.
    public var fact: String?
    /// The rejected claim.
    public var claim: String?
    /// The sources pinned or marked dependent.
    public var sources: [String]?
    /// The pinned reliability.
    public var reliability: Double?
    /// The accepted value (accept).
    public var value: ClaimValue?
    /// Who decided, when (ISO 8601) and why.
    public var by: String
    public var at: String
    public var why: String?
    /// Applied, stale or missing.
    public var state: ReviewState
    /// What changed (stale) or what is missing (missing).
    public var note: String?

    /// The outcome of `decision`, with `fact` the fact it concerns in this run when known.
    public init(_ decision: ReviewDecision, fact: String?, state: ReviewState, note: String?) {
        action = decision.action; self.fact = fact ?? decision.fact; claim = decision.claim; sources = decision.sources
        reliability = decision.reliability; value = decision.value; by = decision.by; at = decision.at; why = decision.why
        self.state = state; self.note = note
    }
}

extension Fact {
    /// Every claim id the fact lists: supporting, dissenting, superseded and rejected, sorted.
    public var allClaimIDs: [String] {
        Array(Set(supporting + dissenting + superseded + (rejected ?? []))).sorted()
    }

    /// A digest of the fact's evidence: each claim's id, value, firmness, modality and period.
    ///
    /// Why the claims and not the verdict: the verdict moves with the reviewer's own decisions (a rejected claim
    /// turns a conflict into agreement), while new, removed or re-read claims are what a reviewer has not seen.
    public func evidenceFingerprint(claims: [String: Claim]) -> String {
        Fact.evidenceFingerprint(claimIDs: allClaimIDs, claims: claims)
    }

    /// The evidence digest of a fact made of these claims (see `evidenceFingerprint(claims:)`).
    public static func evidenceFingerprint(claimIDs: [String], claims: [String: Claim]) -> String {
        var lines: [String] = []
        for id in Set(claimIDs).sorted() {
            guard let c = claims[id] else { lines.append(id); continue }
            let v = c.value
            let parts: [String] = [
                id, v.dimension.rawValue, v.unit ?? "-", v.min.map { "\($0)" } ?? "-", v.max.map { "\($0)" } ?? "-",
                v.start?.iso ?? "-", v.end?.iso ?? "-", v.unresolved ?? "-", c.approximation.rawValue, c.modality.rawValue,
                c.period?.start?.iso ?? "-", c.period?.end?.iso ?? "-",
            ]
            lines.append(parts.joined(separator: "|"))
        }
        return String(SHA256.hex(lines.joined(separator: "\n")).prefix(16))
    }
}

extension ClaimValue {
    /// Whether two values state the same quantity or days (unit, bounds), whatever their conversion notes.
    public func sameStatedValue(as other: ClaimValue) -> Bool {
        dimension == other.dimension && unit == other.unit && min == other.min && max == other.max
            && start == other.start && end == other.end && unresolved == other.unresolved
    }
}
