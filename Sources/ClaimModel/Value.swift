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
    /// Length (base unit `m`).
    public static let length = Dimension("length")
    /// Area (base unit `m2`).
    public static let area = Dimension("area")
    /// Volume (base unit `m3`).
    public static let volume = Dimension("volume")
    /// Mass (base unit `kg`).
    public static let mass = Dimension("mass")
    /// Speed (base unit `m/s`).
    public static let speed = Dimension("speed")
    /// Energy (base unit `J`).
    public static let energy = Dimension("energy")
    /// Power (base unit `W`).
    public static let power = Dimension("power")
    /// Amount of data (base unit `B`, byte).
    public static let data = Dimension("data")
    /// Temperature (base unit `K`).
    public static let temperature = Dimension("temperature")
    /// Plane angle (base unit `rad`).
    public static let angle = Dimension("angle")
    /// A flow: a quantity per unit of time ("2 million barrels per day"); the unit says of what.
    public static let rate = Dimension("rate")
    /// A price per unit of a quantity ("$80 a barrel"); the unit says which currency and quantity.
    public static let price = Dimension("price")

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
        /// A Monday-to-Sunday week relative to the one holding the reference ("last week" = -1, "this week" = 0).
        case relativeWeek
        /// The weeks up to the reference ("the past two weeks": `count` = 2).
        case trailingWeeks
        /// ISO 8601 week `count` (1-53) of the ISO week-year `start.year` ("W49 2025", "2025-W49"); without a year, the
        /// nearest such week for the tense.
        case isoWeek
        /// The years up to the reference ("the past four years", "in the last three years").
        case trailingYears
        /// A period whose bounds cannot be known from the text ("recent years").
        case vague
        /// A fiscal year ("FY25", "FY2024-25", "fiscal 2025"; `fiscalYear` = the calendar year it ends in), or one
        /// relative to the fiscal year containing the reference (`offset`: "last fiscal" = -1), or the latest one ending
        /// in `fiscalEndMonth` ("the fiscal year ended March").
        case fiscalYear
        /// Quarter `quarter` (1-4) of a calendar year (`start.year`) or, with `fiscal`, of a fiscal year
        /// (`fiscalYear`, or `offset` from the current one); without a year the nearest one for the tense.
        case quarter
        /// A calendar quarter relative to the one containing the reference ("last quarter" = -1).
        case relativeQuarter
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
    /// The quarter (1-4) of a `quarter` expression.
    public var quarter: Int?
    /// Whether a `quarter` is of a fiscal year ("Q3 FY26") rather than a calendar year.
    public var fiscal: Bool?
    /// The calendar year a fiscal year ends in ("FY2024-25" = 2025), for `fiscalYear` and fiscal quarters.
    public var fiscalYear: Int?
    /// The month a fiscal year ends in when the text names it ("the fiscal year ended March" = 3); otherwise the
    /// configured fiscal calendar applies.
    public var fiscalEndMonth: Int?

    public init(kind: Kind, start: PartialDate? = nil, end: PartialDate? = nil, offset: Int? = nil, count: Int? = nil,
                weekday: Int? = nil, part: Part? = nil, bound: Bound? = nil, tense: Tense? = nil, quarter: Int? = nil,
                fiscal: Bool? = nil, fiscalYear: Int? = nil, fiscalEndMonth: Int? = nil) {
        self.kind = kind; self.start = start; self.end = end; self.offset = offset; self.count = count
        self.weekday = weekday; self.part = part; self.bound = bound; self.tense = tense
        self.quarter = quarter; self.fiscal = fiscal; self.fiscalYear = fiscalYear; self.fiscalEndMonth = fiscalEndMonth
    }
}

/// ISO 4217-style currency codes inside unit symbols.
public enum CurrencyCode {
    /// Whether a symbol is a currency code: three upper-case ASCII letters ("USD", "INR").
    public static func isCode(_ symbol: some StringProtocol) -> Bool {
        symbol.count == 3 && symbol.allSatisfy { $0.isUppercase && $0.isASCII }
    }

    /// The currency of a money or price unit ("USD" → "USD", "EUR/bbl" → "EUR"); nil for physical units.
    public static func of(unit: String?) -> String? {
        guard let unit else { return nil }
        let code = unit.split(separator: "/", maxSplits: 1).first ?? Substring(unit)
        return isCode(code) ? String(code) : nil
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
    /// The value in its dimension's base unit (or, for money, the common comparison currency); set by Normalize.
    public var canonical: CanonicalValue? {
        get { canonicalBox?.value }
        set { canonicalBox = newValue.map(ValueBox.init) }
    }
    /// Boxed: a canonical value is about half a value's size, and many values (dates, counts, percentages) have none.
    private var canonicalBox: ValueBox<CanonicalValue>?


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

    enum CodingKeys: String, CodingKey { case dimension, unit, min, max, start, end, inferredFrom, unresolved, resolution, canonical }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(dimension: try c.decode(Dimension.self, forKey: .dimension),
                  unit: try c.decodeIfPresent(String.self, forKey: .unit),
                  min: try c.decodeIfPresent(Decimal.self, forKey: .min),
                  max: try c.decodeIfPresent(Decimal.self, forKey: .max),
                  start: try c.decodeIfPresent(CalendarDay.self, forKey: .start),
                  end: try c.decodeIfPresent(CalendarDay.self, forKey: .end),
                  inferredFrom: try c.decodeIfPresent(String.self, forKey: .inferredFrom),
                  unresolved: try c.decodeIfPresent(String.self, forKey: .unresolved),
                  resolution: try c.decodeIfPresent(String.self, forKey: .resolution))
        canonical = try c.decodeIfPresent(CanonicalValue.self, forKey: .canonical)
    }

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
        try c.encodeIfPresent(canonical, forKey: .canonical)
    }
}

/// A quantity converted for comparison: base unit of its dimension, or money in the comparison currency.
///
/// The claim keeps its own unit and value; this is what reconciliation compares. Without a conversion (no exchange
/// rate for that currency and month) `min`/`max` are nil and `note` says why.
public struct CanonicalValue: Hashable, Codable, Sendable {
    /// The base unit (`W`, `m3`, `m3/s`) or comparison currency (`USD`).
    public var unit: String
    /// Lower end in `unit` (nil when open or not convertible).
    public var min: Decimal?
    /// Upper end in `unit` (nil when open or not convertible).
    public var max: Decimal?
    /// For money: units of `unit` per one unit of the claim's currency.
    public var rate: Decimal?
    /// For money: the month or months the rate is the mean of (`2025-04`, `2024-04..2025-03`).
    public var rateDate: String?
    /// Relative uncertainty of the rate over that period (half the low-high spread over the mean), widening tolerance.
    public var spread: Decimal?
    /// Where the factor or rate comes from ("SI", "ECB euro reference rates", "pipeline.json").
    public var source: String?
    /// Why no conversion could be made, when `min` and `max` are both nil for that reason.
    public var note: String?

    /// Creates a converted value.
    public init(unit: String, min: Decimal?, max: Decimal?, rate: Decimal? = nil, rateDate: String? = nil,
                spread: Decimal? = nil, source: String? = nil, note: String? = nil) {
        self.unit = unit; self.min = min; self.max = max; self.rate = rate; self.rateDate = rateDate
        self.spread = spread; self.source = source; self.note = note
    }

    /// Whether a comparable number is present.
    public var isConverted: Bool { note == nil && (min != nil || max != nil) }
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

/// An immutable heap box for a large, often absent part of a value type, compared and hashed by what it holds: a nil
/// box costs 8 bytes where the part itself would reserve its whole size. Replaced, never changed in place, so values
/// may share a box.
final class ValueBox<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
    static func == (a: ValueBox, b: ValueBox) -> Bool { a === b || a.value == b.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
