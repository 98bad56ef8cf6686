import ClaimModel
import Foundation

/// A positive corpus example: the expected span is marked «inside» the text.
struct CorpusPositive: Sendable {
    var marked: String
    var kind: MentionKind
    var min: Decimal?
    var max: Decimal?
    var unit: String?
    var approximation: Approximation
    /// Inclusive ISO start and end for dates, anchored to the corpus reference.
    var start: String?
    var end: String?

    /// A quantity example; `max` defaults to `min` (exact).
    init(_ marked: String, _ kind: MentionKind, _ min: Decimal?, max: Decimal?? = .none, unit: String? = nil,
         approximation: Approximation = .exact) {
        self.marked = marked; self.kind = kind; self.min = min; self.unit = unit; self.approximation = approximation
        switch max {
        case .none: self.max = min
        case .some(let v): self.max = v
        }
        // Open bounds: "over X" has no upper end, "up to X" no lower end.
        if approximation == .atLeast { self.max = nil }
        if approximation == .atMost { self.min = nil }
    }

    /// A date example with its inclusive anchored days (nil for an open side).
    init(_ marked: String, _ kind: MentionKind, start: String?, end: String?, approximation: Approximation = .exact) {
        self.marked = marked; self.kind = kind; self.start = start; self.end = end; self.approximation = approximation
    }

    /// The text without marks and the expected code-point span.
    var unmarked: (text: String, start: Int, end: Int) {
        var out = String.UnicodeScalarView()
        var s = 0, e = 0, n = 0
        for u in marked.unicodeScalars {
            if u == "«" { s = n; continue }
            if u == "»" { e = n; continue }
            out.append(u)
            n += 1
        }
        return (String(out), s, e)
    }
}

/// A negative example: none of `forbidden` may be found anywhere in the text.
struct CorpusNegative: Sendable {
    var text: String
    var forbidden: Set<MentionKind>
    init(_ text: String, forbidden: Set<MentionKind> = [.number, .count, .money, .percent, .multiplier, .date, .daterange]) {
        self.text = text; self.forbidden = forbidden
    }
}

/// A rule pack's example corpus with its fixed reference date.
struct RecognizerCorpus: Sendable {
    var pack: String
    var reference: CalendarDay
    var positives: [CorpusPositive]
    var negatives: [CorpusNegative]
}

/// Every pack's corpus, for the parameterised corpus test.
enum RecognizerCorpora {
    static let all: [RecognizerCorpus] = [
        NumeralCorpus.corpus, MoneyCorpus.corpus, PercentCorpus.corpus, CountCorpus.corpus, HedgeCorpus.corpus,
        DateCorpus.corpus, DateRangeCorpus.corpus, FiscalPeriodCorpus.corpus, UnitsCorpus.corpus,
    ]

    /// 2025-12-03, the publication date of the sample articles' summit coverage.
    static let reference = CalendarDay(year: 2025, month: 12, day: 3) ?? CalendarDay(dayNumber: 0)
}
