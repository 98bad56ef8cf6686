import Foundation
public import ClaimModel

/// How a weekday is qualified: "Friday", "this Friday", "next Friday", "last Friday", "past Friday", "coming Friday".
enum WeekdayQualifier: Sendable { case bare, this, next, last, past, coming }

/// A parsed date expression, before anchoring. Richer than `TemporalExpression` (weeks, quarters,
/// decades, shifted days), and mapped onto it for mentions.
indirect enum DateNode: Sendable {
    /// A calendar day; the year may be unknown.
    case day(year: Int?, month: Int, day: Int)
    /// A day of an unnamed month ("the 27th", "Monday 21"), with an optional weekday.
    case dayOfMonth(day: Int, weekday: Int?)
    /// A month; the year may be unknown.
    case month(year: Int?, month: Int)
    case year(Int)
    /// A decade by its first year; `twoDigit` when written "the 70s" (century unknown).
    case decade(Int, twoDigit: Bool)
    case century(Int)
    case weekday(Int, WeekdayQualifier)
    /// A weekday in a relative week ("Friday next week").
    case weekdayOfWeek(Int, weekOffset: Int)
    /// A day relative to the reference ("tomorrow" = 1).
    case relativeDay(Int)
    /// The reference shifted by `n` units ("in two years", "a month ago").
    case shifted(DateUnit, Int)
    /// The calendar period containing the reference, shifted ("next month" = +1).
    case relativePeriod(DateUnit, Int)
    /// `n` units before or after the reference ("the past four years", "next 3 days").
    case trailing(DateUnit, Int, future: Bool, within: Bool)
    /// A quarter or half of a year (`size` 3 or 6 months, `index` 1-based).
    case yearPart(year: Int?, size: Int, index: Int)
    /// A relative quarter ("last quarter").
    case relativeQuarter(Int)
    case isoWeek(year: Int?, week: Int)
    /// The `n`-th week (-1 = last) of a month or year.
    case nthWeek(Int, of: DateNode)
    /// The week that contains a day.
    case weekOf(DateNode)
    case part(TemporalExpression.Part, DateNode, earlier: Bool, later: Bool)
    /// An explicit range; the end is named.
    case range(DateNode, DateNode)
    case bound(TemporalExpression.Bound, DateNode)
    /// A period whose bounds the text does not give ("recent years").
    case vague
    /// From the reference to the end of a period ("rest of the month"); RT writes the last day as end.
    case rest(DateUnit)
    /// Year to date.
    case yearToDate
    /// A day `n` units after (negative: before) another expression ("3 days after January 12th").
    case offset(DateNode, DateUnit, Int)
    /// A month (and day) in the reference's year shifted by `yearOffset` ("this September", "last sept", "next 5/12").
    case monthDayInYear(month: Int, day: Int?, yearOffset: Int)
    /// A weekday in the Monday-to-Sunday week of another day ("Monday two weeks from now").
    case weekdayInWeekOf(Int, DateNode)
    /// The `n`-th weekday of a month ("the first Friday of July"); nil month = the reference's.
    case nthWeekday(Int, weekday: Int, of: DateNode?)
    /// A day of a month relative to the reference's ("20th of next month").
    case dayOfRelativeMonth(day: Int, offset: Int)
    /// ISO week of the reference's year shifted by `yearOffset` ("week 27 of last year").
    case isoWeekRelative(week: Int, yearOffset: Int)
    /// The first or last third of a year ("the beginning of 2000", "the end of 1989").
    case yearThird(DateNode, last: Bool)
    /// A stretch of `n` units starting with a day ("for 3 days from today", "a week starting tomorrow").
    case durationFrom(DateNode, DateUnit, Int)
    /// Easter Sunday of a year (nil = nearest), shifted by `yearOffset` when relative.
    case easter(year: Int?, yearOffset: Int?)
    /// A fiscal year (`quarter` nil) or one of its quarters: named by the calendar year it ends in ("FY25" = 2025),
    /// or `offset` from the one containing the reference ("last fiscal" = -1), or neither (the nearest for the
    /// tense); `endMonth` when the text names it ("the fiscal year ended March").
    case fiscal(quarter: Int?, endYear: Int?, offset: Int?, endMonth: Int?)
}

/// A resolved span: inclusive days plus the shape that decides the half-open output convention.
struct DateSpan: Sendable, Equatable {
    /// How the span was named.
    enum Shape: Sendable { case day, period, range, open, restOf }
    var first: CalendarDay?
    var last: CalendarDay?
    var shape: Shape
    /// For explicit ranges: the first day of the named end (the half-open end in the vectors' convention).
    var namedEndStart: CalendarDay?
    /// For open bounds: which side, and whether the bound was a single day ("after January 1, 2007").
    var bound: TemporalExpression.Bound?
    var boundOnDay = false
}
