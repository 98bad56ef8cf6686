public import Foundation

/// What a value measures; open-ended so unit packs can add dimensions without touching the model.
public struct Dimension: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ raw: String) { self.rawValue = raw }

    /// An amount of a currency (unit: ISO 4217 code).
    public static let money = Dimension("money")
    /// Percentage points (unit: `%`).
    public static let percent = Dimension("percent")
    /// A count of things (unit: what is counted, when known).
    public static let count = Dimension("count")
    /// A ratio such as "fivefold" (unit: `x`).
    public static let multiplier = Dimension("multiplier")
    /// A bare number.
    public static let number = Dimension("number")
    /// An ordinal ("23rd").
    public static let ordinal = Dimension("ordinal")
    /// A day or an inclusive span of days.
    public static let date = Dimension("date")

    public var description: String { rawValue }
    public static func < (a: Dimension, b: Dimension) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// How firmly a value is stated.
public enum Approximation: String, Codable, Sendable, CaseIterable {
    case exact, approximate, atLeast, atMost, range
}

/// Whether the value is reported fact, expected, aimed at, or hedged.
public enum Modality: String, Codable, Sendable, CaseIterable {
    case reported, forecast, target, hedged
}

/// A date whose parts may be unknown ("December 4" without a year).
public struct PartialDate: Hashable, Codable, Sendable {
    public var year: Int?
    public var month: Int?
    public var day: Int?
    public init(year: Int? = nil, month: Int? = nil, day: Int? = nil) {
        self.year = year; self.month = month; self.day = day
    }
    /// ISO 8601 with unknown parts dashed out: `2025-12-04`, `--12-04`, `2025-12`, `2025`.
    public var text: String {
        func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch (year, month, day) {
        case let (y?, m?, d?): return "\(y)-\(pad2(m))-\(pad2(d))"
        case let (y?, m?, nil): return "\(y)-\(pad2(m))"
        case let (y?, nil, _): return "\(y)"
        case let (nil, m?, d?): return "--\(pad2(m))-\(pad2(d))"
        case let (nil, m?, nil): return "--\(pad2(m))"
        case let (nil, nil, d?): return "---\(pad2(d))"
        default: return "?"
        }
    }
}

/// A date or period expression as written, before it is anchored to a publication date.
///
/// Extract fills it from the text; Normalize resolves it against the document's date.
public struct TemporalExpression: Hashable, Codable, Sendable {
    /// The shape of the expression.
    public enum Kind: String, Codable, Sendable {
        /// Calendar parts are written ("4-5 December 2025", "December 4-5", "2015-2020", "December 2025").
        case calendar
        /// A weekday ("on Tuesday"), resolved to the nearest one consistent with the tense.
        case weekday
        /// A day relative to the reference ("yesterday" = -1, "today" = 0, "tomorrow" = 1).
        case relativeDay
        /// A calendar month relative to the reference ("last month" = -1).
        case relativeMonth
        /// A calendar year relative to the reference ("last year" = -1, "this year" = 0).
        case relativeYear
        /// The years up to the reference ("the past four years", "in the last three years").
        case trailingYears
        /// A period whose bounds cannot be known from the text ("recent years").
        case vague
    }
    /// Part of a period: "early", "mid", "late".
    public enum Part: String, Codable, Sendable { case early, mid, late }
    /// An open side: "before 2014", "since 2020", "by 2030", "until 2030".
    public enum Bound: String, Codable, Sendable { case before, after, since, by, until }
    /// The text's tense around the expression, used to choose past or future readings.
    public enum Tense: String, Codable, Sendable { case past, present, future }

    public var kind: Kind
    public var start: PartialDate?
    public var end: PartialDate?
    public var offset: Int?
    public var count: Int?
    public var weekday: Int?
    public var part: Part?
    public var bound: Bound?
    public var tense: Tense?

    public init(kind: Kind, start: PartialDate? = nil, end: PartialDate? = nil, offset: Int? = nil, count: Int? = nil,
                weekday: Int? = nil, part: Part? = nil, bound: Bound? = nil, tense: Tense? = nil) {
        self.kind = kind; self.start = start; self.end = end; self.offset = offset; self.count = count
        self.weekday = weekday; self.part = part; self.bound = bound; self.tense = tense
    }
}

/// A value as reports and reconciliation see it: an interval of quantity, or an inclusive span of days.
public struct ClaimValue: Hashable, Codable, Sendable {
    public var dimension: Dimension
    /// ISO 4217 for money, `%` for percentages, `x` for multipliers, the counted noun for counts.
    public var unit: String?
    /// Lower end of the quantity (`min == max` when exact; nil when open).
    public var min: Decimal?
    /// Upper end of the quantity (nil when open).
    public var max: Decimal?
    /// First day, inclusive (dates).
    public var start: CalendarDay?
    /// Last day, inclusive (dates).
    public var end: CalendarDay?
    /// Fact id a part of this value (such as the year) was taken from.
    public var inferredFrom: String?
    /// The known parts of a date that could not be anchored (`--12-04/--12-05`); nil when resolved.
    public var unresolved: String?
    /// How the date was resolved: `explicit`, `anchored to publication date YYYY-MM-DD`, `inferred from fact …`.
    public var resolution: String?

    public init(dimension: Dimension, unit: String? = nil, min: Decimal? = nil, max: Decimal? = nil,
                start: CalendarDay? = nil, end: CalendarDay? = nil, inferredFrom: String? = nil,
                unresolved: String? = nil, resolution: String? = nil) {
        self.dimension = dimension; self.unit = unit; self.min = min; self.max = max
        self.start = start; self.end = end; self.inferredFrom = inferredFrom
        self.unresolved = unresolved; self.resolution = resolution
    }

    /// An exact quantity.
    public static func exact(_ v: Decimal, _ dimension: Dimension, unit: String? = nil) -> ClaimValue {
        ClaimValue(dimension: dimension, unit: unit, min: v, max: v)
    }

    /// Whether this is a date value.
    public var isDate: Bool { dimension == .date }

    enum CodingKeys: String, CodingKey { case dimension, unit, min, max, start, end, inferredFrom, unresolved, resolution }

    public func encode(to encoder: any Encoder) throws {
        // Contract fields are always present (null when unknown); extensions only when set.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dimension, forKey: .dimension)
        try c.encode(unit, forKey: .unit)
        try c.encode(min, forKey: .min)
        try c.encode(max, forKey: .max)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(inferredFrom, forKey: .inferredFrom)
        try c.encodeIfPresent(unresolved, forKey: .unresolved)
        try c.encodeIfPresent(resolution, forKey: .resolution)
    }
}

/// The time a value holds for, inclusive; either side may be open.
public struct Period: Hashable, Codable, Sendable {
    public var start: CalendarDay?
    public var end: CalendarDay?
    /// The words that named the period ("over the past four years").
    public var text: String?
    /// The expression before anchoring; Normalize fills `start`/`end` from it.
    public var expression: TemporalExpression?
    /// The known parts when the period could not be anchored (no publication date).
    public var unresolved: String?
    public init(start: CalendarDay?, end: CalendarDay?, text: String? = nil, expression: TemporalExpression? = nil,
                unresolved: String? = nil) {
        self.start = start; self.end = end; self.text = text; self.expression = expression; self.unresolved = unresolved
    }
    enum CodingKeys: String, CodingKey { case start, end, text, expression, unresolved }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(expression, forKey: .expression)
        try c.encodeIfPresent(unresolved, forKey: .unresolved)
    }
}
