import Foundation
public import ClaimModel

/// Anchors a `DateNode` to a reference day. Past-biased: an expression missing its year or week is
/// read as the latest one on or before the reference unless the text is in the future tense.
struct DateResolver: Sendable {
    var reference: CalendarDay
    var future: Bool

    func resolve(_ node: DateNode) -> DateSpan? {
        switch node {
        case let .day(y, m, d):
            if let y {
                guard let day = CalendarDay(year: y, month: m, day: d) else { return nil }
                return DateSpan(first: day, last: day, shape: .day)
            }
            guard let day = nearestDay(month: m, day: d) else { return nil }
            return DateSpan(first: day, last: day, shape: .day)
        case let .dayOfMonth(d, wd):
            if let wd, let day = CalendarDay(year: reference.year, month: reference.month, day: d), day.weekday == wd {
                return DateSpan(first: day, last: day, shape: .day)
            }
            var y = reference.year, m = reference.month
            for _ in 0..<(wd == nil ? 2 : 28) {
                if let day = CalendarDay(year: y, month: m, day: d), future ? day >= reference : day <= reference,
                   wd == nil || day.weekday == wd {
                    return DateSpan(first: day, last: day, shape: .day)
                }
                if future { m += 1; if m == 13 { m = 1; y += 1 } } else { m -= 1; if m == 0 { m = 12; y -= 1 } }
            }
            return nil
        case let .month(y, m):
            let year = y ?? nearestMonthYear(m)
            guard let f = CalendarDay(year: year, month: m, day: 1) else { return nil }
            return DateSpan(first: f, last: f.lastOfMonth, shape: .period)
        case let .year(y):
            return yearSpan(y, years: 1)
        case let .decade(y, twoDigit):
            var start = y
            if twoDigit { start = 1900 + y % 100 }
            return yearSpan(start, years: 10)
        case let .century(c):
            return yearSpan((c - 1) * 100, years: 100)
        case let .weekday(wd, q):
            let day = weekdayDay(wd, q)
            return DateSpan(first: day, last: day, shape: .day)
        case let .weekdayOfWeek(wd, off):
            let day = mondayOf(reference).adding(days: 7 * off + wd - 1)
            return DateSpan(first: day, last: day, shape: .day)
        case let .relativeDay(n):
            let d = reference.adding(days: n)
            return DateSpan(first: d, last: d, shape: .day)
        case let .shifted(u, n):
            let d = shift(reference, u, n)
            return DateSpan(first: d, last: d, shape: .day)
        case let .relativePeriod(u, n):
            return period(u, containing: reference, offset: n)
        case let .trailing(u, n, fut, within):
            if u == .decade {
                let thisDecade = reference.year / 10 * 10
                if fut { return yearSpanRange(thisDecade + 10, thisDecade + 10 * n + 9) }
                return yearSpanRange(thisDecade - 10 * n, thisDecade - 1)
            }
            if u == .quarter {
                // Whole quarters before (after) the current one.
                guard let cur = period(.quarter, containing: reference, offset: 0)?.first else { return nil }
                if fut {
                    let s = shift(cur, .month, 3)
                    return DateSpan(first: s, last: shift(s, .month, 3 * n).adding(days: -1), shape: .period)
                }
                return DateSpan(first: shift(cur, .month, -3 * n), last: cur.adding(days: -1), shape: .period)
            }
            if fut {
                let s = within ? reference : reference.adding(days: 1)
                let e = shift(s, u, n)
                return DateSpan(first: s, last: e.adding(days: -1), shape: .period)
            }
            let s = shift(reference, u, -n)
            return DateSpan(first: s, last: reference.adding(days: -1), shape: .period)
        case let .yearPart(y, size, index):
            var year = y ?? reference.year
            if y == nil, future, (index - 1) * size + 1 < reference.month - size + 1 { year += 0 }
            // Past or present tense (headlines report results in the present: "Q4 results: net profit rises", published in
            // April): a quarter or half that lies after the reference is the previous year's.
            if y == nil, !future, (index - 1) * size + 1 > reference.month { year -= 1 }
            guard let f = CalendarDay(year: year, month: (index - 1) * size + 1, day: 1) else { return nil }
            let l = CalendarDay(year: year, month: index * size, day: 1)?.lastOfMonth
            return DateSpan(first: f, last: l, shape: .period)
        case let .relativeQuarter(n):
            let q = (reference.month - 1) / 3
            var idx = q + n
            var year = reference.year
            while idx < 0 { idx += 4; year -= 1 }
            while idx > 3 { idx -= 4; year += 1 }
            return resolve(.yearPart(year: year, size: 3, index: idx + 1))
        case let .isoWeek(y, w):
            let year = y ?? reference.year
            guard let jan4 = CalendarDay(year: year, month: 1, day: 4) else { return nil }
            let start = mondayOf(jan4).adding(days: 7 * (w - 1))
            return DateSpan(first: start, last: start.adding(days: 6), shape: .period)
        case let .nthWeek(n, base):
            guard let b = resolve(base), let f = b.first, let l = b.last else { return nil }
            // Week k of a month or year: the k-th Monday-to-Sunday week whose Thursday falls inside it.
            var monday = mondayOf(f)
            if monday.adding(days: 3) < f { monday = monday.adding(days: 7) }
            if n > 0 {
                let s = monday.adding(days: 7 * (n - 1))
                return DateSpan(first: s, last: s.adding(days: 6), shape: .period)
            }
            var lastMonday = mondayOf(l)
            if lastMonday.adding(days: 3) > l { lastMonday = lastMonday.adding(days: -7) }
            return DateSpan(first: lastMonday, last: lastMonday.adding(days: 6), shape: .period)
        case let .weekOf(base):
            guard let b = resolve(base), let f = b.first else { return nil }
            let m = mondayOf(f)
            return DateSpan(first: m, last: m.adding(days: 6), shape: .period)
        case let .part(p, base, earlier, later):
            guard let b = resolve(base), let f = b.first, let l = b.last else { return nil }
            var (s, e) = partOf(p, first: f, last: l)
            if later, reference > s, reference <= e { s = reference }
            if earlier, reference >= s, reference <= e, p == .early {
                // "earlier this year": from the start up to the reference.
                if l.dayNumber - f.dayNumber > 40 { e = reference.adding(days: -1) }
            }
            return DateSpan(first: s, last: e, shape: .period)
        case let .range(a, b):
            if future, let years = DateResolver.withoutYear(a) {
                // Future tense: the first year in which the range has not yet ended.
                for y in (reference.year - 1)...(reference.year + 1) {
                    if let r = DateResolver(reference: reference, future: false).resolve(.range(years(y), b)), let l = r.last, l >= reference {
                        return r
                    }
                }
            }
            let past = DateResolver(reference: reference, future: false)
            guard let ra = past.resolve(a), let start = ra.first else { return nil }
            var rb: DateSpan?
            switch b {
            case let .day(nil, m, d):
                for y in [start.year, start.year + 1] {
                    if let day = CalendarDay(year: y, month: m, day: d), day >= start { rb = DateSpan(first: day, last: day, shape: .day); break }
                }
            case let .month(nil, m):
                let y = m >= start.month ? start.year : start.year + 1
                rb = resolve(.month(year: y, month: m))
            case let .weekday(wd, .bare):
                var d = start
                while d.weekday != wd { d = d.adding(days: 1) }
                rb = DateSpan(first: d, last: d, shape: .day)
            default:
                rb = resolve(b)
            }
            guard let rb else { return nil }
            return DateSpan(first: ra.first, last: rb.last, shape: .range, namedEndStart: rb.first)
        case let .bound(kind, base):
            guard let r = resolve(base) else { return nil }
            var s: DateSpan
            switch kind {
            case .before: s = DateSpan(first: nil, last: r.first?.adding(days: -1), shape: .open)
            case .after: s = DateSpan(first: r.last?.adding(days: 1), last: nil, shape: .open)
            case .since: s = DateSpan(first: r.first, last: nil, shape: .open)
            case .by, .until: s = DateSpan(first: nil, last: r.last, shape: .open)
            }
            s.bound = kind
            s.boundOnDay = r.shape == .day
            return s
        case .vague:
            return nil
        case let .rest(u):
            guard let p = period(u, containing: reference, offset: 0) else { return nil }
            return DateSpan(first: reference, last: u == .week ? p.last?.adding(days: -0) : p.last, shape: .restOf)
        case let .durationFrom(base, u, n):
            guard let b = resolve(base), let f = b.first else { return nil }
            let e = shift(f, u, n)
            return DateSpan(first: f, last: e.adding(days: -1), shape: .range, namedEndStart: e)
        case let .isoWeekRelative(w, off):
            return resolve(.isoWeek(year: reference.year + off, week: w))
        case let .yearThird(base, last):
            guard let b = resolve(base), let f = b.first, let l = b.last else { return nil }
            if last, let s = CalendarDay(year: l.year, month: 9, day: 1) { return DateSpan(first: s, last: l, shape: .period) }
            if let e = CalendarDay(year: f.year, month: 4, day: 30) { return DateSpan(first: f, last: e, shape: .period) }
            return nil
        case let .monthDayInYear(m, d, off):
            let y = reference.year + off
            if let d {
                guard let day = CalendarDay(year: y, month: m, day: d) else { return nil }
                return DateSpan(first: day, last: day, shape: .day)
            }
            return resolve(.month(year: y, month: m))
        case let .weekdayInWeekOf(wd, base):
            guard let b = resolve(base), let f = b.first else { return nil }
            let day = mondayOf(f).adding(days: wd - 1)
            return DateSpan(first: day, last: day, shape: .day)
        case let .nthWeekday(n, wd, base):
            let month: DateSpan?
            if let base { month = resolve(base) } else { month = period(.month, containing: reference, offset: 0) }
            guard let f = month?.first, let l = month?.last else { return nil }
            var d = f
            while d.weekday != wd { d = d.adding(days: 1) }
            d = d.adding(days: 7 * (n - 1))
            guard d <= l else { return nil }
            return DateSpan(first: d, last: d, shape: .day)
        case let .dayOfRelativeMonth(d, off):
            guard let f = period(.month, containing: reference, offset: off)?.first,
                  let day = CalendarDay(year: f.year, month: f.month, day: d) else { return nil }
            return DateSpan(first: day, last: day, shape: .day)
        case let .easter(y, off):
            var year = y ?? reference.year
            if y == nil, let e = DateResolver.easter(year) {
                // Bare: nearest by tense; "last": the latest before the reference; "next": the first after it.
                switch off ?? 0 {
                case ..<0: if e >= reference { year -= 1 }
                case 1...: if e <= reference { year += 1 }
                default: if off == nil, e > reference, !future { year -= 1 }
                }
            }
            guard let e = DateResolver.easter(year) else { return nil }
            return DateSpan(first: e, last: e, shape: .day)
        case let .offset(base, u, n):
            // A day without a year that something is counted from lies ahead ("2 weeks before Christmas").
            var baseResolver = self
            if case .day(nil, _, _) = base { baseResolver.future = true }
            guard let b = baseResolver.resolve(base), let f = b.first else { return nil }
            let d = shift(f, u, n)
            return DateSpan(first: d, last: d, shape: .day)
        case let .fiscal(q, y, off, endMonth):
            return fiscal(quarter: q, endYear: y, offset: off, endMonth: endMonth)
        case .yearToDate:
            guard let f = CalendarDay(year: reference.year, month: 1, day: 1) else { return nil }
            return DateSpan(first: f, last: reference.adding(days: -1), shape: .period)
        }
    }

    /// First month of a fiscal year whose end the text does not name (India's April-March). Normalize re-anchors
    /// the mention's `TemporalExpression` with the configured month; this is only the recognizer's own reading.
    static let fiscalYearStartMonth = 4

    /// A fiscal year or quarter; see `DateNode.fiscal`. Same reading as Normalize's `FiscalCalendar`.
    func fiscal(quarter q: Int?, endYear y: Int?, offset off: Int?, endMonth: Int?) -> DateSpan? {
        let start = endMonth.map { $0 % 12 + 1 } ?? DateResolver.fiscalYearStartMonth
        let (index, length) = q.map { ($0 - 1, 3) } ?? (0, 12)
        func part(_ year: Int) -> DateSpan? {
            guard let s = CalendarDay(year: start == 1 ? year : year - 1, month: start, day: 1) else { return nil }
            let f = shift(s, .month, 3 * index)
            return DateSpan(first: f, last: shift(f, .month, length).adding(days: -1), shape: .period)
        }
        if let y { return part(y) }
        let current = start == 1 || reference.month < start ? reference.year : reference.year + 1
        if let off { return part(current + off) }
        for year in future ? Array(current - 1...current + 2) : Array((current - 2...current).reversed()) {
            guard let p = part(year), let f = p.first, let l = p.last else { continue }
            if future ? l >= reference : (q == nil ? l <= reference : f <= reference) { return p }
        }
        return nil
    }

    /// For a day or month without a year: a function giving it a year.
    static func withoutYear(_ n: DateNode) -> ((Int) -> DateNode)? {
        switch n {
        case let .day(nil, m, d): return { .day(year: $0, month: m, day: d) }
        case let .month(nil, m): return { .month(year: $0, month: m) }
        default: return nil
        }
    }

    /// Easter Sunday (Gregorian computus).
    static func easter(_ y: Int) -> CalendarDay? {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDay(year: y, month: month, day: day)
    }

    func yearSpan(_ y: Int, years: Int) -> DateSpan? {
        yearSpanRange(y, y + years - 1)
    }

    func yearSpanRange(_ a: Int, _ b: Int) -> DateSpan? {
        guard let f = CalendarDay(year: a, month: 1, day: 1), let l = CalendarDay(year: b, month: 12, day: 31) else { return nil }
        return DateSpan(first: f, last: l, shape: .period)
    }

    func nearestDay(month m: Int, day d: Int) -> CalendarDay? {
        // Latest occurrence on or before the reference (future: earliest on or after); skips Feb 29 in common years.
        for k in 0..<9 {
            let y = future ? reference.year + k : reference.year - k
            if let day = CalendarDay(year: y, month: m, day: d), future ? day >= reference : day <= reference { return day }
        }
        return nil
    }

    func nearestMonthYear(_ m: Int) -> Int {
        if future { return m >= reference.month ? reference.year : reference.year + 1 }
        return m <= reference.month ? reference.year : reference.year - 1
    }

    func mondayOf(_ d: CalendarDay) -> CalendarDay { d.adding(days: 1 - d.weekday) }

    func weekdayDay(_ wd: Int, _ q: WeekdayQualifier) -> CalendarDay {
        let monday = mondayOf(reference)
        switch q {
        case .this: return monday.adding(days: wd - 1)
        case .next: return monday.adding(days: 7 + wd - 1)
        case .last: return monday.adding(days: -7 + wd - 1)
        case .past:
            var d = reference.adding(days: -1)
            while d.weekday != wd { d = d.adding(days: -1) }
            return d
        case .coming:
            var d = reference.adding(days: 1)
            while d.weekday != wd { d = d.adding(days: 1) }
            return d
        case .bare:
            var d = reference
            if future {
                while d.weekday != wd { d = d.adding(days: 1) }
            } else {
                while d.weekday != wd { d = d.adding(days: -1) }
            }
            return d
        }
    }

    func shift(_ d: CalendarDay, _ u: DateUnit, _ n: Int) -> CalendarDay {
        switch u {
        case .subDay: return d
        case .day: return d.adding(days: n)
        case .week, .weekend: return d.adding(days: 7 * n)
        case .fortnight: return d.adding(days: 14 * n)
        case .month, .quarter:
            let months = u == .quarter ? 3 * n : n
            var total = d.year * 12 + (d.month - 1) + months
            if total < 0 { total = 0 }
            let y = total / 12, m = total % 12 + 1
            let day = min(d.day, CalendarDay.daysIn(month: m, year: y))
            return CalendarDay(year: y, month: m, day: day) ?? d
        case .year, .decade, .century:
            let years = u == .year ? n : (u == .decade ? 10 * n : 100 * n)
            let y = d.year + years
            return CalendarDay(year: y, month: d.month, day: min(d.day, CalendarDay.daysIn(month: d.month, year: y))) ?? d
        }
    }

    func period(_ u: DateUnit, containing d: CalendarDay, offset n: Int) -> DateSpan? {
        switch u {
        case .day, .subDay:
            let x = d.adding(days: n)
            return DateSpan(first: x, last: x, shape: .day)
        case .week, .fortnight:
            let m = mondayOf(d).adding(days: 7 * n)
            return DateSpan(first: m, last: m.adding(days: 6), shape: .period)
        case .weekend:
            let s = mondayOf(d).adding(days: 7 * n + 5)
            return DateSpan(first: s, last: s.adding(days: 1), shape: .period)
        case .month:
            let f = shift(d.firstOfMonth, .month, n)
            return DateSpan(first: f, last: f.lastOfMonth, shape: .period)
        case .quarter:
            return resolve(.relativeQuarter(n))
        case .year:
            return yearSpan(d.year + n, years: 1)
        case .decade:
            return yearSpan(d.year / 10 * 10 + 10 * n, years: 10)
        case .century:
            return yearSpan(d.year / 100 * 100 + 100 * n, years: 100)
        }
    }

    /// Early/mid/late cut-offs as the vectors use them: halves of a year, days 1-15/16-end of a month,
    /// Monday-Wednesday/Thursday-Sunday of a week; "mid" is May-August or days 10-20.
    func partOf(_ p: TemporalExpression.Part, first f: CalendarDay, last l: CalendarDay) -> (CalendarDay, CalendarDay) {
        let days = l.dayNumber - f.dayNumber + 1
        if days >= 365 && days <= 366 {
            switch p {
            case .early: return (f, CalendarDay(year: f.year, month: 6, day: 30) ?? l)
            case .mid: return (CalendarDay(year: f.year, month: 5, day: 1) ?? f, CalendarDay(year: f.year, month: 8, day: 31) ?? l)
            case .late: return (CalendarDay(year: f.year, month: 7, day: 1) ?? f, l)
            }
        }
        if days >= 28 && days <= 31 {
            switch p {
            case .early: return (f, f.adding(days: 14))
            case .mid: return (f.adding(days: 9), f.adding(days: 19))
            case .late: return (f.adding(days: 15), l)
            }
        }
        if days == 7 {
            switch p {
            case .early: return (f, f.adding(days: 2))
            case .mid: return (f.adding(days: 2), f.adding(days: 4))
            case .late: return (f.adding(days: 3), l)
            }
        }
        let third = max(1, days / 3)
        switch p {
        case .early: return (f, f.adding(days: third - 1))
        case .mid: return (f.adding(days: third), f.adding(days: 2 * third - 1))
        case .late: return (f.adding(days: 2 * third), l)
        }
    }
}
