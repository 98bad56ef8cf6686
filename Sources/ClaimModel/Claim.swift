/// A value in a document together with what it measures, when it holds, how firmly, and who said it.
public struct Claim: Hashable, Codable, Sendable {
    /// `c-` and 16 hex digits of SHA-256 over document id and span: stable for the same document and span.
    public var id: String
    /// Document id.
    public var document: String
    /// The sentence the value was found in.
    public var quote: String
    /// The value's text in the document's `text`, code points, end exclusive.
    public var span: [Int]
    public var subject: String?
    public var metric: String
    public var value: ClaimValue
    public var approximation: Approximation
    public var modality: Modality
    public var period: Period?
    public var speaker: String?
    /// The value as written ("$63 billion").
    public var text: String
    /// The hedge word, when any.
    public var hedge: String?
    /// For dates: the expression before anchoring.
    public var temporal: TemporalExpression?
    /// Role in a derived pair: `from`/`to` of a change, or `component` of a total.
    public var role: String?
    /// A reviewer's rejection of this claim (it then counts towards no fact's value): who, when, why.
    public var rejected: ClaimRejection?
    /// True when the text denies the statement ("did not exceed 5%", "no agreement was signed"); nil otherwise.
    public var negated: Bool?

    public init(id: String, document: String, quote: String, span: [Int], subject: String?, metric: String,
                value: ClaimValue, approximation: Approximation, modality: Modality, period: Period?,
                speaker: String?, text: String, hedge: String? = nil, temporal: TemporalExpression? = nil,
                role: String? = nil) {
        self.id = id; self.document = document; self.quote = quote; self.span = span; self.subject = subject
        self.metric = metric; self.value = value; self.approximation = approximation; self.modality = modality
        self.period = period; self.speaker = speaker; self.text = text; self.hedge = hedge
        self.temporal = temporal; self.role = role
    }

    /// The id a claim at this span of this document gets.
    public static func id(document: String, start: Int, end: Int) -> String {
        "c-" + String(SHA256.hex("\(document)#\(start)-\(end)").prefix(16))
    }

    enum CodingKeys: String, CodingKey {
        case id, document, quote, span, subject, metric, value, approximation, modality, period, speaker, text, hedge, temporal, role
        case rejected, negated
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(document, forKey: .document)
        try c.encode(quote, forKey: .quote)
        try c.encode(span, forKey: .span)
        try c.encode(subject, forKey: .subject)
        try c.encode(metric, forKey: .metric)
        try c.encode(value, forKey: .value)
        try c.encode(approximation, forKey: .approximation)
        try c.encode(modality, forKey: .modality)
        try c.encode(period, forKey: .period)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(hedge, forKey: .hedge)
        try c.encodeIfPresent(temporal, forKey: .temporal)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encodeIfPresent(rejected, forKey: .rejected)
        try c.encodeIfPresent(negated, forKey: .negated)
    }
}
