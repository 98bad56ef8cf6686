public import ClaimModel
import Foundation

/// Options of the value recognizers.
public struct RecognizerOptions: Sendable, Equatable, Codable {
    /// Kinds to report; nil reports every kind.
    public var kinds: Set<MentionKind>?
    /// Whether numbers followed by a plural noun are reported as counts (otherwise as numbers).
    public var counts: Bool
    /// Whether bare four-digit numbers (1000-2999) in a year position are read as years.
    public var bareYears: Bool
    /// Whether the Units pack runs (physical quantities and prices). On by default, as in the pipeline; off only to
    /// measure what the pack costs. Filtering `.quantity` out of `kinds` is not the same: the pack still runs and its
    /// spans still keep counts away.
    public var units: Bool

    /// Creates options; every parameter defaults to the shipped value.
    public init(kinds: Set<MentionKind>? = nil, counts: Bool = true, bareYears: Bool = true, units: Bool = true) {
        self.kinds = kinds; self.counts = counts; self.bareYears = bareYears; self.units = units
    }

    /// Decodes options; `units` may be absent (older encodings) and then defaults to on.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kinds = try c.decodeIfPresent(Set<MentionKind>.self, forKey: .kinds)
        counts = try c.decode(Bool.self, forKey: .counts)
        bareYears = try c.decode(Bool.self, forKey: .bareYears)
        units = try c.decodeIfPresent(Bool.self, forKey: .units) ?? true
    }

    /// The shipped options: every kind, counts on, bare years on.
    public static let defaults = RecognizerOptions()
}

/// A date mention anchored to a reference day, with the end in both conventions.
public struct AnchoredDate: Sendable, Hashable {
    /// The mention (value filled with inclusive start/end and resolution).
    public var mention: Mention
    /// First day, inclusive (nil when open).
    public var first: CalendarDay?
    /// Last day, inclusive (nil when open).
    public var last: CalendarDay?
    /// End in the half-open convention: the day after an implied period, the start of an explicitly named end.
    public var exclusiveEnd: CalendarDay?
    /// Whether the expression names a single day.
    public var isDay: Bool
}

/// Finds every value in a text: money, percent, count, multiplier, number, ordinal, date and date range.
public struct Recognizer: Sendable {
    /// The options in force.
    public let options: RecognizerOptions

    /// Creates a recognizer.
    public init(options: RecognizerOptions = .defaults) { self.options = options }

    /// Every value in `text`. Offsets are Unicode code points, end exclusive; overlaps are resolved
    /// (longest, then most specific wins), so "$63 billion" is one money mention, not also a number.
    public func recognize(_ text: String) -> [Mention] {
        let a = Analysis(text, options: options)
        return a.mentions(reference: nil).map(\.mention)
    }

    /// Like `recognize(_:)`, with date values anchored to `reference` (the publication date).
    public func recognize(_ text: String, reference: CalendarDay?) -> [Mention] {
        let a = Analysis(text, options: options)
        return a.mentions(reference: reference).map(\.mention)
    }

    /// Date mentions anchored to `reference`, with both end conventions.
    public func anchoredDates(_ text: String, reference: CalendarDay) -> [AnchoredDate] {
        let a = Analysis(text, options: options)
        return a.mentions(reference: reference).compactMap { m, span in
            guard m.kind == .date || m.kind == .daterange, let span else { return nil }
            var exclusive: CalendarDay?
            var first = span.first
            switch span.shape {
            case .day: exclusive = span.last?.adding(days: 1)
            case .period: exclusive = span.last?.adding(days: 1)
            case .range: exclusive = span.namedEndStart
            case .open:
                exclusive = span.last?.adding(days: 1)
                // The vectors' convention names the bounding day itself for day bounds ("after January 1").
                if span.boundOnDay, span.bound == .after { first = first?.adding(days: -1) }
                if span.boundOnDay, span.bound == .by || span.bound == .until { exclusive = span.last }
            case .restOf: exclusive = span.last
            }
            return AnchoredDate(mention: m, first: first, last: span.last, exclusiveEnd: exclusive, isDay: span.shape == .day)
        }
    }

    /// The numbers layer only, for callers that want every number (including ones inside dates and money).
    public func numbers(_ text: String, ordinals: Bool) -> [Mention] {
        let a = Analysis(text, options: options)
        return a.numbers.compactMap { n in
            guard n.isOrdinal == ordinals else { return nil }
            if !ordinals, a.isPronounOne(n) || a.isTrailingGlued(n) { return nil }
            if ordinals, a.isFalseOrdinal(n) { return nil }
            return a.mention(kind: ordinals ? .ordinal : .number, first: n.first, next: n.next,
                             value: .exact(n.value, ordinals ? .ordinal : .number))
        }
    }
}
