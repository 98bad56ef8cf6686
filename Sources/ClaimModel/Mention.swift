/// The kinds of value a recognizer finds in text.
public enum MentionKind: String, Codable, Sendable, CaseIterable {
    case number, ordinal, percent, money, count, multiplier, date, daterange
    /// A physical quantity with a unit ("1.2 GW", "5.6 lakh barrels per day", "40 degrees Celsius"); added by the Units pack.
    case quantity
}

/// A value recognized in a piece of text, with its span in Unicode code points (end exclusive).
public struct Mention: Hashable, Codable, Sendable {
    public var kind: MentionKind
    /// The matched text, `text[start..<end]` in code points.
    public var text: String
    public var start: Int
    public var end: Int
    /// The value as far as recognition can tell; dates are filled once anchored.
    public var value: ClaimValue
    public var approximation: Approximation
    /// The hedge or bound word that set `approximation` ("nearly", "over", "surpassing").
    public var hedge: String?
    /// For dates and periods: the expression before anchoring.
    public var temporal: TemporalExpression?
    /// For counts: the noun counted ("agreements", "telephone conversations", "times").
    public var counted: String?

    public init(kind: MentionKind, text: String, start: Int, end: Int, value: ClaimValue,
                approximation: Approximation = .exact, hedge: String? = nil,
                temporal: TemporalExpression? = nil, counted: String? = nil) {
        self.kind = kind; self.text = text; self.start = start; self.end = end; self.value = value
        self.approximation = approximation; self.hedge = hedge; self.temporal = temporal; self.counted = counted
    }
}
