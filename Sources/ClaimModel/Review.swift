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
    /// Who decided, when (ISO 8601), and why.
    public var by: String
    public var at: String
    public var why: String?

    public init(action: ReviewAction, fact: String? = nil, claim: String? = nil, sources: [String]? = nil,
                reliability: Double? = nil, value: ClaimValue? = nil, factStatusWhenDecided: FactStatus? = nil,
                factValueWhenDecided: ClaimValue? = nil, by: String, at: String, why: String? = nil) {
        self.action = action; self.fact = fact; self.claim = claim; self.sources = sources; self.reliability = reliability
        self.value = value; self.factStatusWhenDecided = factStatusWhenDecided; self.factValueWhenDecided = factValueWhenDecided
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
