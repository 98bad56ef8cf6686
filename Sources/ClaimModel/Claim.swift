/// A value in a document together with what it measures, when it holds, how firmly, and who said it.
public struct Claim: Hashable, Codable, Sendable {
    /// The fields live in one shared heap object, copied only when a shared claim is changed (copy-on-write): the
    /// pipeline holds the same claims in several arrays and dictionaries at once (in document order, grouped into
    /// facts, by id), and a copy of a claim then costs a reference instead of the whole claim (about 1 KB).
    private var storage: Storage

    /// A claim's fields. The large optional parts that most claims lack (period, temporal expression, rejection) are
    /// boxed, so a claim without them does not reserve their space.
    private struct Fields: Sendable {
        var id: String
        var document: String
        var quote: String
        var span: [Int]
        var subject: String?
        var metric: String
        var value: ClaimValue
        var approximation: Approximation
        var modality: Modality
        var period: ValueBox<Period>?
        var speaker: String?
        var text: String
        var hedge: String?
        var temporal: ValueBox<TemporalExpression>?
        var role: String?
        var rejected: ValueBox<ClaimRejection>?
        var negated: Bool?
    }

    private final class Storage: @unchecked Sendable {
        // Mutated only through a claim holding the sole reference (`fields(_:)`).
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }


    /// Changes a field, first copying the storage when another claim shares it.
    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }

    /// `c-` and 16 hex digits of SHA-256 over document id and span: stable for the same document and span.
    public var id: String {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }
    /// Document id.
    public var document: String {
        get { storage.fields.document }
        set { update { $0.document = newValue } }
    }
    /// The sentence the value was found in.
    public var quote: String {
        get { storage.fields.quote }
        set { update { $0.quote = newValue } }
    }
    /// The value's text in the document's `text`, code points, end exclusive.
    public var span: [Int] {
        get { storage.fields.span }
        set { update { $0.span = newValue } }
    }
    public var subject: String? {
        get { storage.fields.subject }
        set { update { $0.subject = newValue } }
    }
    public var metric: String {
        get { storage.fields.metric }
        set { update { $0.metric = newValue } }
    }
    public var value: ClaimValue {
        get { storage.fields.value }
        set { update { $0.value = newValue } }
    }
    /// Whether the value is a date with parts left unresolved (`value.unresolved`), read in place: the run history asks
    /// this of every claim each night, and `value` would copy the whole value first.
    public var hasUnresolvedValue: Bool { storage.fields.value.unresolved != nil }
    public var approximation: Approximation {
        get { storage.fields.approximation }
        set { update { $0.approximation = newValue } }
    }
    public var modality: Modality {
        get { storage.fields.modality }
        set { update { $0.modality = newValue } }
    }
    public var period: Period? {
        get { storage.fields.period?.value }
        set { update { $0.period = newValue.map(ValueBox.init) } }
    }
    public var speaker: String? {
        get { storage.fields.speaker }
        set { update { $0.speaker = newValue } }
    }
    /// The value as written ("$63 billion").
    public var text: String {
        get { storage.fields.text }
        set { update { $0.text = newValue } }
    }
    /// The hedge word, when any.
    public var hedge: String? {
        get { storage.fields.hedge }
        set { update { $0.hedge = newValue } }
    }
    /// For dates: the expression before anchoring.
    public var temporal: TemporalExpression? {
        get { storage.fields.temporal?.value }
        set { update { $0.temporal = newValue.map(ValueBox.init) } }
    }
    /// Role in a derived pair: `from`/`to` of a change, or `component` of a total.
    public var role: String? {
        get { storage.fields.role }
        set { update { $0.role = newValue } }
    }
    /// A reviewer's rejection of this claim (it then counts towards no fact's value): who, when, why.
    public var rejected: ClaimRejection? {
        get { storage.fields.rejected?.value }
        set { update { $0.rejected = newValue.map(ValueBox.init) } }
    }
    /// True when the text denies the statement ("did not exceed 5%", "no agreement was signed"); nil otherwise.
    public var negated: Bool? {
        get { storage.fields.negated }
        set { update { $0.negated = newValue } }
    }

    public init(id: String, document: String, quote: String, span: [Int], subject: String?, metric: String,
                value: ClaimValue, approximation: Approximation, modality: Modality, period: Period?,
                speaker: String?, text: String, hedge: String? = nil, temporal: TemporalExpression? = nil,
                role: String? = nil) {
        storage = Storage(Fields(id: id, document: document, quote: quote, span: span, subject: subject, metric: metric,
                                 value: value, approximation: approximation, modality: modality,
                                 period: period.map(ValueBox.init), speaker: speaker, text: text, hedge: hedge,
                                 temporal: temporal.map(ValueBox.init), role: role, rejected: nil, negated: nil))
    }

    public static func == (a: Claim, b: Claim) -> Bool {
        if a.storage === b.storage { return true }
        return a.id == b.id && a.document == b.document && a.quote == b.quote && a.span == b.span
            && a.subject == b.subject && a.metric == b.metric && a.value == b.value && a.approximation == b.approximation
            && a.modality == b.modality && a.period == b.period && a.speaker == b.speaker && a.text == b.text
            && a.hedge == b.hedge && a.temporal == b.temporal && a.role == b.role && a.rejected == b.rejected
            && a.negated == b.negated
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id); hasher.combine(document); hasher.combine(quote); hasher.combine(span)
        hasher.combine(subject); hasher.combine(metric); hasher.combine(value); hasher.combine(approximation)
        hasher.combine(modality); hasher.combine(period); hasher.combine(speaker); hasher.combine(text)
        hasher.combine(hedge); hasher.combine(temporal); hasher.combine(role); hasher.combine(rejected)
        hasher.combine(negated)
    }

    /// The id a claim at this span of this document gets.
    public static func id(document: String, start: Int, end: Int) -> String {
        "c-" + String(SHA256.hex("\(document)#\(start)-\(end)").prefix(16))
    }

    enum CodingKeys: String, CodingKey {
        case id, document, quote, span, subject, metric, value, approximation, modality, period, speaker, text, hedge, temporal, role
        case rejected, negated
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  document: try c.decode(String.self, forKey: .document),
                  quote: try c.decode(String.self, forKey: .quote),
                  span: try c.decode([Int].self, forKey: .span),
                  subject: try c.decodeIfPresent(String.self, forKey: .subject),
                  metric: try c.decode(String.self, forKey: .metric),
                  value: try c.decode(ClaimValue.self, forKey: .value),
                  approximation: try c.decode(Approximation.self, forKey: .approximation),
                  modality: try c.decode(Modality.self, forKey: .modality),
                  period: try c.decodeIfPresent(Period.self, forKey: .period),
                  speaker: try c.decodeIfPresent(String.self, forKey: .speaker),
                  text: try c.decode(String.self, forKey: .text),
                  hedge: try c.decodeIfPresent(String.self, forKey: .hedge),
                  temporal: try c.decodeIfPresent(TemporalExpression.self, forKey: .temporal),
                  role: try c.decodeIfPresent(String.self, forKey: .role))
        let rejected = try c.decodeIfPresent(ClaimRejection.self, forKey: .rejected)
        let negated = try c.decodeIfPresent(Bool.self, forKey: .negated)
        if rejected != nil || negated != nil {
            update { $0.rejected = rejected.map(ValueBox.init); $0.negated = negated }
        }
    }

    /// `ClaimJSON` writes these keys (and those of the value, period, temporal expression and rejection) by hand for
    /// `claims.jsonl` and `report.json`: a key added here needs a line there too; the report tests compare the two
    /// byte for byte.
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
