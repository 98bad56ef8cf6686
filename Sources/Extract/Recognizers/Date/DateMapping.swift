import Foundation
public import ClaimModel

/// Maps parsed date expressions onto the model's `TemporalExpression`.
///
/// Forms the model has no kind for (weeks, quarters of a relative year, shifted days) keep their calendar
/// parts when known and are otherwise `vague`; `DateResolver` still anchors them for the caller that has a
/// reference.
enum DateMapping {
    static func temporal(_ node: DateNode) -> TemporalExpression {
        switch node {
        case let .day(y, m, d): return TemporalExpression(kind: .calendar, start: PartialDate(year: y, month: m, day: d))
        case let .dayOfMonth(d, wd): return TemporalExpression(kind: .calendar, start: PartialDate(day: d), weekday: wd)
        case let .month(y, m): return TemporalExpression(kind: .calendar, start: PartialDate(year: y, month: m))
        case let .year(y): return TemporalExpression(kind: .calendar, start: PartialDate(year: y))
        case let .decade(y, two):
            if two { return TemporalExpression(kind: .vague) }
            return TemporalExpression(kind: .calendar, start: PartialDate(year: y), end: PartialDate(year: y + 9))
        case let .century(c):
            return TemporalExpression(kind: .calendar, start: PartialDate(year: (c - 1) * 100), end: PartialDate(year: c * 100 - 1))
        case let .weekday(wd, q):
            let off: Int? = q == .next ? 1 : (q == .last ? -1 : nil)
            return TemporalExpression(kind: .weekday, offset: off, weekday: wd)
        case let .weekdayOfWeek(wd, off): return TemporalExpression(kind: .weekday, offset: off, weekday: wd)
        case let .relativeDay(n): return TemporalExpression(kind: .relativeDay, offset: n)
        case let .shifted(u, n):
            if u == .day { return TemporalExpression(kind: .relativeDay, offset: n) }
            if u == .week { return TemporalExpression(kind: .relativeDay, offset: 7 * n) }
            return TemporalExpression(kind: .vague)
        case let .offset(base, u, n):
            if case let .relativeDay(b) = base, u == .day || u == .week {
                return TemporalExpression(kind: .relativeDay, offset: b + (u == .week ? 7 * n : n))
            }
            return TemporalExpression(kind: .vague)
        case let .relativePeriod(u, n):
            switch u {
            case .month: return TemporalExpression(kind: .relativeMonth, offset: n)
            case .year: return TemporalExpression(kind: .relativeYear, offset: n)
            case .week: return TemporalExpression(kind: .relativeWeek, offset: n)
            default: return TemporalExpression(kind: .vague)
            }
        case let .trailing(u, n, fut, _):
            if u == .year, !fut { return TemporalExpression(kind: .trailingYears, count: n) }
            if u == .week, !fut { return TemporalExpression(kind: .trailingWeeks, count: n) }
            return TemporalExpression(kind: .vague, count: n)
        case let .fiscal(q, y, off, endMonth):
            return TemporalExpression(kind: q == nil ? .fiscalYear : .quarter, offset: off, quarter: q, fiscal: q == nil ? nil : true,
                                      fiscalYear: y, fiscalEndMonth: endMonth)
        case let .relativeQuarter(n):
            return TemporalExpression(kind: .relativeQuarter, offset: n)
        case let .yearPart(y, size, index):
            guard let y else {
                return size == 3 ? TemporalExpression(kind: .quarter, quarter: index) : TemporalExpression(kind: .vague)
            }
            return TemporalExpression(kind: .calendar, start: PartialDate(year: y, month: (index - 1) * size + 1),
                                      end: PartialDate(year: y, month: index * size))
        case let .part(p, base, _, _):
            var x = temporal(base)
            x.part = p
            return x
        case let .range(a, b):
            let ta = temporal(a), tb = temporal(b)
            if ta.kind == .calendar, tb.kind == .calendar {
                return TemporalExpression(kind: .calendar, start: ta.start, end: tb.end ?? tb.start)
            }
            return TemporalExpression(kind: .vague)
        case let .bound(b, base):
            var x = temporal(base)
            x.bound = b
            return x
        case let .monthDayInYear(m, d, off):
            return TemporalExpression(kind: .calendar, start: PartialDate(month: m, day: d), offset: off)
        case let .dayOfRelativeMonth(d, off):
            return TemporalExpression(kind: .calendar, start: PartialDate(day: d), offset: off)
        case let .easter(y?, _):
            guard let e = DateResolver.easter(y) else { return TemporalExpression(kind: .vague) }
            return TemporalExpression(kind: .calendar, start: PartialDate(year: y, month: e.month, day: e.day))
        case let .yearThird(base, last):
            var x = temporal(base)
            x.part = last ? .late : .early
            return x
        case let .isoWeek(y, w):
            return TemporalExpression(kind: .isoWeek, start: y.map { PartialDate(year: $0) }, count: w)
        case .durationFrom, .isoWeekRelative, .nthWeek, .weekOf, .vague, .rest, .yearToDate, .weekdayInWeekOf, .nthWeekday, .easter:
            return TemporalExpression(kind: .vague)
        }
    }

    /// Whether the expression names its days without needing the reference.
    static func isAbsolute(_ node: DateNode) -> Bool {
        switch node {
        case let .day(y, _, _): return y != nil
        case let .month(y, _): return y != nil
        case .year, .century: return true
        case let .decade(_, two): return !two
        case let .yearPart(y, _, _): return y != nil
        case let .isoWeek(y, _): return y != nil
        case let .nthWeek(_, b), let .weekOf(b), let .bound(_, b): return isAbsolute(b)
        case let .part(_, b, earlier, later): return !earlier && !later && isAbsolute(b)
        case let .range(a, b): return isAbsolute(a) && isAbsolute(b)
        case let .offset(b, _, _): return isAbsolute(b)
        case let .easter(y, _): return y != nil
        case let .fiscal(_, y, _, _): return y != nil
        case let .yearThird(b, _): return isAbsolute(b)
        case let .nthWeekday(_, _, b?): return isAbsolute(b)
        default: return false
        }
    }

    /// The known parts of a week that could not be anchored ("week 49", "week offset -1", "past 2 weeks"), which the
    /// model's `TemporalExpression` has no kind for; nil for other expressions.
    static func weekText(_ node: DateNode) -> String? {
        switch node {
        case let .isoWeek(nil, w): return "week \(w)"
        case let .relativePeriod(.week, n): return "week offset \(n)"
        case let .trailing(.week, n, future, _): return (future ? "next " : "past ") + "\(n) week" + (n == 1 ? "" : "s")
        default: return nil
        }
    }

    /// The known parts of an expression that could not be anchored: `--12-04`, `--12-04/--12-05`.
    static func partsText(_ x: TemporalExpression) -> String {
        switch (x.start, x.end) {
        case let (s?, e?): return s.text + "/" + e.text
        case let (s?, nil): return s.text
        default:
            if let wd = x.weekday { return "weekday \(wd)" }
            if let q = x.quarter { return (x.fiscal == true ? "fiscal Q" : "Q") + "\(q)" + (x.offset.map { " offset \($0)" } ?? "") }
            if x.kind == .fiscalYear { return "fiscal year" + (x.fiscalEndMonth.map { " ending month \($0)" } ?? "") + (x.offset.map { " offset \($0)" } ?? "") }
            return x.kind.rawValue
        }
    }
}
