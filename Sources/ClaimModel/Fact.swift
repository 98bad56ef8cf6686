/// The reconciliation outcome of a fact.
public enum FactStatus: String, Codable, Sendable, CaseIterable {
    case agreed, compatible, conflict
    case singleSource = "single-source"
}

/// Claims about the same subject, metric and period, with the value they support.
public struct Fact: Hashable, Codable, Sendable {
    /// `f-` and 16 hex digits of SHA-256 over the grouping key: stable while the key is.
    public var id: String
    public var label: String
    public var subject: String?
    public var metric: String
    public var period: Period?
    public var status: FactStatus
    public var value: ClaimValue
    public var confidence: Double
    public var supporting: [String]
    public var dissenting: [String]
    public var superseded: [String]
    /// For each superseded claim, the claim that replaced it.
    public var supersededBy: [String: String]
    public var explanation: String
    /// The reviewer's decision on this fact, when there is one.
    public var review: FactReview?
    /// Claims of this fact a reviewer rejected: listed, but left out of its value and status (nil when none).
    public var rejected: [String]?

    public init(id: String, label: String, subject: String?, metric: String, period: Period?, status: FactStatus,
                value: ClaimValue, confidence: Double, supporting: [String], dissenting: [String], superseded: [String],
                supersededBy: [String: String] = [:], explanation: String) {
        self.id = id; self.label = label; self.subject = subject; self.metric = metric; self.period = period
        self.status = status; self.value = value; self.confidence = confidence; self.supporting = supporting
        self.dissenting = dissenting; self.superseded = superseded; self.supersededBy = supersededBy
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey {
        case id, label, subject, metric, period, status, value, confidence, supporting, dissenting, superseded, supersededBy, explanation
        case review, rejected
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(subject, forKey: .subject)
        try c.encode(metric, forKey: .metric)
        try c.encode(period, forKey: .period)
        try c.encode(status, forKey: .status)
        try c.encode(value, forKey: .value)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(supporting, forKey: .supporting)
        try c.encode(dissenting, forKey: .dissenting)
        try c.encode(superseded, forKey: .superseded)
        try c.encode(supersededBy, forKey: .supersededBy)
        try c.encode(explanation, forKey: .explanation)
        try c.encodeIfPresent(review, forKey: .review)
        try c.encodeIfPresent(rejected, forKey: .rejected)
    }
}

/// The outcome of a consistency check.
public enum CheckStatus: String, Codable, Sendable {
    case consistent, inconsistent
}

/// A consistency check over claims: parts vs total, stated multiplier vs the two values, counts vs itemised lists.
public struct Check: Hashable, Codable, Sendable {
    /// `sum`, `ratio` or `count`.
    public var kind: String
    public var status: CheckStatus
    public var claims: [String]
    public var explanation: String
    public init(kind: String, status: CheckStatus, claims: [String], explanation: String) {
        self.kind = kind; self.status = status; self.claims = claims; self.explanation = explanation
    }
}

/// A source (outlet or feed source) with its estimated reliability and who it copies.
public struct Source: Hashable, Codable, Sendable {
    public var name: String
    public var documents: [String]
    public var reliability: Double
    public var copiesFrom: [String]
    public init(name: String, documents: [String], reliability: Double, copiesFrom: [String]) {
        self.name = name; self.documents = documents; self.reliability = reliability; self.copiesFrom = copiesFrom
    }
}
