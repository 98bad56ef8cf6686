public import ClaimModel

/// Resolves date expressions against a document's publication date. Never uses the clock.
///
/// News is past-biased: with past or present tense a weekday, month or day without a year is the latest one
/// on or before the publication date; with future tense the earliest one on or after it.
public enum DateAnchor {
    /// Resolves an expression against the publication date (nil = unknown). Returns a date `ClaimValue` with
    /// inclusive start/end and `resolution` text ("explicit", "anchored to publication date 2025-12-03"), or,
    /// when it cannot be anchored, start/end nil and `unresolved` set to the known parts ("--12-04/--12-05").
    ///
    /// `fiscalYearStartMonth` (1-12) is the first month of a fiscal year where the text does not name its end
    /// ("FY25" with 4 = April 2024 to March 2025, India's convention).
    public static func resolve(_ expression: TemporalExpression, reference: CalendarDay?,
                               fiscalYearStartMonth: Int = 4) -> ClaimValue {
        var value = ClaimValue(dimension: .date)
        let explicit = isExplicit(expression)
        guard let span = span(expression, reference: reference, fiscalYearStartMonth: fiscalYearStartMonth) else {
            value.unresolved = unresolvedText(expression)
            return value
        }
        var (first, last) = span
        if let part = expression.part, let f = first, let l = last { (first, last) = DayMath.part(part, first: f, last: l) }
        if let bound = expression.bound {
            switch bound {
            case .before: (first, last) = (nil, first?.adding(days: -1))
            case .after: (first, last) = (last?.adding(days: 1), nil)
            case .since: last = nil
            case .by, .until: first = nil
            }
        }
        value.start = first
        value.end = last
        if explicit {
            value.resolution = "explicit"
        } else if let reference {
            value.resolution = "anchored to publication date \(reference.iso)"
        }
        return value
    }

    /// Whether the expression names its days without a reference (every calendar part has a year).
    static func isExplicit(_ x: TemporalExpression) -> Bool {
        if x.kind == .fiscalYear || x.kind == .quarter && x.fiscal == true { return x.fiscalYear != nil }
        if x.kind == .quarter || x.kind == .isoWeek { return x.start?.year != nil }
        guard x.kind == .calendar, let s = x.start, s.year != nil else { return false }
        if s.day != nil, s.month == nil { return false }
        if let e = x.end { return e.year != nil || (e.month != nil || e.day != nil) && s.year != nil }
        return true
    }

    /// The known parts of an expression that could not be anchored.
    static func unresolvedText(_ x: TemporalExpression) -> String {
        switch x.kind {
        case .calendar:
            let s = x.start?.text ?? "?"
            if let e = x.end { return s + "/" + e.text }
            return s
        case .weekday: return "weekday \(x.weekday.map(String.init) ?? "?")" + (x.offset.map { " offset \($0)" } ?? "")
        case .relativeDay: return "day offset \(x.offset ?? 0)"
        case .relativeMonth: return "month offset \(x.offset ?? 0)"
        case .relativeYear: return "year offset \(x.offset ?? 0)"
        case .trailingYears: return "past \(x.count ?? 0) years"
        case .relativeWeek: return "week offset \(x.offset ?? 0)"
        case .trailingWeeks: return "past \(x.count ?? 0) weeks"
        case .isoWeek: return "week \(x.count ?? 0)" + (x.start?.year.map { " of \($0)" } ?? "")
        case .vague: return "vague"
        case .fiscalYear:
            if let y = x.fiscalYear { return "fiscal year ending \(y)" + (x.fiscalEndMonth.map { "-\(pad2($0))" } ?? "") }
            if let m = x.fiscalEndMonth { return "fiscal year ending --\(pad2(m))" }
            return "fiscal year offset \(x.offset ?? 0)"
        case .quarter:
            let q = "Q\(x.quarter ?? 0)"
            if x.fiscal == true {
                if let y = x.fiscalYear { return "\(q) of fiscal year ending \(y)" }
                return x.offset.map { "\(q) of fiscal year offset \($0)" } ?? "fiscal \(q)"
            }
            return x.start?.year.map { "\(q) \($0)" } ?? q
        case .relativeQuarter: return "quarter offset \(x.offset ?? 0)"
        }
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// Inclusive first and last day before parts and bounds, or nil when it cannot be known.
    static func span(_ x: TemporalExpression, reference: CalendarDay?, fiscalYearStartMonth: Int = 4) -> (CalendarDay?, CalendarDay?)? {
        let future = x.tense == .future
        switch x.kind {
        case .fiscalYear, .quarter, .relativeQuarter:
            return FiscalCalendar(x, defaultStartMonth: fiscalYearStartMonth).span(reference: reference, future: future)
        case .calendar:
            guard let s = x.start else { return nil }
            if isExplicit(x) {
                guard let a = DayMath.span(s), let b = x.end.flatMap({ DayMath.span(completed($0, from: s)) }) ?? Optional(a) else { return nil }
                return (a.0, b.1)
            }
            guard let reference else { return nil }
            guard let start = DayMath.complete(s, reference: reference, future: future), let a = DayMath.span(start) else { return nil }
            guard let e = x.end else { return (a.0, a.1) }
            var end = completed(e, from: start)
            if let bm = end.month, let sm = start.month, bm < sm, e.year == nil, let y = end.year { end.year = y + 1 }
            guard let b = DayMath.span(end) else { return nil }
            return (a.0, b.1)
        case .weekday:
            guard let reference, let wd = x.weekday, (1...7).contains(wd) else { return nil }
            let day: CalendarDay
            if let off = x.offset, off != 0 {
                day = reference.adding(days: 1 - reference.weekday + 7 * off + wd - 1)
            } else {
                var d = reference
                while d.weekday != wd { d = d.adding(days: future ? 1 : -1) }
                day = d
            }
            return (day, day)
        case .relativeDay:
            guard let reference else { return nil }
            let d = reference.adding(days: x.offset ?? 0)
            return (d, d)
        case .relativeMonth:
            guard let reference else { return nil }
            let f = DayMath.addMonths(reference.firstOfMonth, x.offset ?? 0)
            return (f, f.lastOfMonth)
        case .relativeYear:
            guard let reference, let f = CalendarDay(year: reference.year + (x.offset ?? 0), month: 1, day: 1),
                  let l = CalendarDay(year: reference.year + (x.offset ?? 0), month: 12, day: 31) else { return nil }
            return (f, l)
        case .trailingYears:
            guard let reference, let n = x.count else { return nil }
            return (DayMath.addMonths(reference, -12 * n), reference)
        case .relativeWeek:
            guard let reference else { return nil }
            let monday = reference.adding(days: 1 - reference.weekday + 7 * (x.offset ?? 0))
            return (monday, monday.adding(days: 6))
        case .trailingWeeks:
            guard let reference, let n = x.count else { return nil }
            return (reference.adding(days: -7 * n), reference)
        case .isoWeek:
            guard let w = x.count, (1...53).contains(w) else { return nil }
            if let y = x.start?.year { return isoWeek(w, of: y) }
            // Without a year: the week of the reference's year, or of the year before (past) or after (future) when that
            // one lies on the wrong side of the reference.
            guard let reference, let this = isoWeek(w, of: reference.year) else { return nil }
            if !future, let s = this.0, s > reference { return isoWeek(w, of: reference.year - 1) }
            if future, let e = this.1, e < reference { return isoWeek(w, of: reference.year + 1) }
            return this
        case .vague:
            return nil
        }
    }

    /// ISO 8601 week `w` of week-year `y`: weeks run Monday to Sunday and week 1 holds 4 January. Nil for a week 53 the
    /// year does not have.
    static func isoWeek(_ w: Int, of y: Int) -> (CalendarDay?, CalendarDay?)? {
        guard let jan4 = CalendarDay(year: y, month: 1, day: 4) else { return nil }
        let monday = jan4.adding(days: 1 - jan4.weekday + 7 * (w - 1))
        // Week 53 exists only when the next year's week 1 starts after it.
        if w == 53, let next = CalendarDay(year: y + 1, month: 1, day: 4), monday >= next.adding(days: 1 - next.weekday) { return nil }
        return (monday, monday.adding(days: 6))
    }

    /// An end's missing parts taken from the start ("December 4-5": the 5th has the start's month and year).
    static func completed(_ e: PartialDate, from s: PartialDate) -> PartialDate {
        var e = e
        if e.year == nil { e.year = s.year }
        if e.month == nil, e.day != nil { e.month = s.month }
        return e
    }
}

/// Fiscal years and quarters. A fiscal year is named by the calendar year it ends in, so with an April start
/// "FY25" is April 2024 to March 2025, and with a January start it is calendar 2025.
struct FiscalCalendar {
    /// First month of the year: the month after a named end month, else the configured one; calendar quarters use 1.
    let startMonth: Int
    let x: TemporalExpression

    init(_ x: TemporalExpression, defaultStartMonth: Int) {
        self.x = x
        if x.kind == .quarter && x.fiscal != true || x.kind == .relativeQuarter {
            startMonth = 1
        } else if let m = x.fiscalEndMonth, (1...12).contains(m) {
            startMonth = m % 12 + 1
        } else {
            startMonth = (1...12).contains(defaultStartMonth) ? defaultStartMonth : 4
        }
    }

    /// First day of the fiscal year ending in `year`.
    func yearStart(endingIn year: Int) -> CalendarDay? {
        CalendarDay(year: startMonth == 1 ? year : year - 1, month: startMonth, day: 1)
    }

    /// The year the fiscal year containing `day` ends in.
    func endYear(containing day: CalendarDay) -> Int {
        startMonth == 1 || day.month < startMonth ? day.year : day.year + 1
    }

    /// `months` months from `first`, as an inclusive span.
    func months(_ first: CalendarDay, _ months: Int) -> (CalendarDay?, CalendarDay?) {
        (first, DayMath.addMonths(first, months).adding(days: -1))
    }

    /// Inclusive span, or nil when it needs a reference that is missing.
    func span(reference: CalendarDay?, future: Bool) -> (CalendarDay?, CalendarDay?)? {
        // Quarter index within the year (0-based) and its length; a whole year is one 12-month part.
        let (index, length) = x.kind == .fiscalYear ? (0, 12) : ((x.quarter ?? 1) - 1, 3)
        guard (0...3).contains(index) else { return nil }
        func part(ofYearEndingIn year: Int) -> (CalendarDay?, CalendarDay?)? {
            guard let s = yearStart(endingIn: year) else { return nil }
            return months(DayMath.addMonths(s, 3 * index), length)
        }
        if x.kind == .relativeQuarter {
            guard let r = reference, let f = CalendarDay(year: r.year, month: (r.month - 1) / 3 * 3 + 1, day: 1) else { return nil }
            return months(DayMath.addMonths(f, 3 * (x.offset ?? 0)), 3)
        }
        // A named year: the fiscal year ending in it, or a calendar quarter of it.
        if let y = x.kind == .quarter && x.fiscal != true ? x.start?.year : x.fiscalYear { return part(ofYearEndingIn: y) }
        guard let r = reference else { return nil }
        if let off = x.offset { return part(ofYearEndingIn: endYear(containing: r) + off) }
        // No year: the nearest one for the tense. A year (with its end named) is the latest that has ended, a quarter
        // the latest that has begun; in future tense the first that has not ended.
        let current = endYear(containing: r)
        for y in future ? Array(current - 1...current + 2) : Array((current - 2...current).reversed()) {
            guard let p = part(ofYearEndingIn: y), let f = p.0, let l = p.1 else { continue }
            if future ? l >= r : (x.kind == .fiscalYear ? l <= r : f <= r) { return p }
        }
        return nil
    }
}

/// Calendar arithmetic on `CalendarDay` used by anchoring.
enum DayMath {
    /// The inclusive days a complete partial date covers (a day, a month or a year).
    static func span(_ p: PartialDate) -> (CalendarDay, CalendarDay)? {
        guard let y = p.year else { return nil }
        switch (p.month, p.day) {
        case let (m?, d?):
            guard let day = CalendarDay(year: y, month: m, day: d) else { return nil }
            return (day, day)
        case let (m?, nil):
            guard let f = CalendarDay(year: y, month: m, day: 1) else { return nil }
            return (f, f.lastOfMonth)
        case (nil, nil):
            guard let f = CalendarDay(year: y, month: 1, day: 1), let l = CalendarDay(year: y, month: 12, day: 31) else { return nil }
            return (f, l)
        case (nil, _?):
            return nil
        }
    }

    /// Fills a partial date's missing year (and month) from the reference, past- or future-biased.
    static func complete(_ p: PartialDate, reference r: CalendarDay, future: Bool) -> PartialDate? {
        var p = p
        if p.year != nil, p.month == nil, p.day != nil { return nil }
        if p.year != nil { return p }
        if p.month == nil {
            guard let d = p.day else { return nil }
            // A bare day of the month: this month, or the one before (after) when that day has not come yet.
            var y = r.year, m = r.month
            for _ in 0..<3 {
                if let c = CalendarDay(year: y, month: m, day: d), future ? c >= r : c <= r {
                    return PartialDate(year: y, month: m, day: d)
                }
                if future { m += 1; if m == 13 { m = 1; y += 1 } } else { m -= 1; if m == 0 { m = 12; y -= 1 } }
            }
            return nil
        }
        guard let m = p.month else { return nil }
        for k in 0..<9 {
            let y = future ? r.year + k : r.year - k
            let first = CalendarDay(year: y, month: m, day: p.day ?? 1)
            let last = p.day == nil ? CalendarDay(year: y, month: m, day: 1)?.lastOfMonth : first
            guard let first, let last else { continue }
            // Past: the month (or day) has begun by the reference; future: it has not ended before it.
            if future ? last >= r : first <= r {
                p.year = y
                return p
            }
        }
        return nil
    }

    /// The day `n` months later, clamped to the month's length.
    static func addMonths(_ d: CalendarDay, _ n: Int) -> CalendarDay {
        let total = d.year * 12 + d.month - 1 + n
        let y = total / 12, m = total % 12 + 1
        return CalendarDay(year: y, month: m, day: min(d.day, CalendarDay.daysIn(month: m, year: y))) ?? d
    }

    /// Early/mid/late of a span: halves of a year (mid = May-August), days 1-15/10-20/16-end of a month,
    /// thirds otherwise.
    static func part(_ p: TemporalExpression.Part, first f: CalendarDay, last l: CalendarDay) -> (CalendarDay?, CalendarDay?) {
        let days = l.dayNumber - f.dayNumber + 1
        if days >= 365, days <= 366 {
            switch p {
            case .early: return (f, CalendarDay(year: f.year, month: 6, day: 30))
            case .mid: return (CalendarDay(year: f.year, month: 5, day: 1), CalendarDay(year: f.year, month: 8, day: 31))
            case .late: return (CalendarDay(year: f.year, month: 7, day: 1), l)
            }
        }
        if days >= 28, days <= 31 {
            switch p {
            case .early: return (f, f.adding(days: 14))
            case .mid: return (f.adding(days: 9), f.adding(days: 19))
            case .late: return (f.adding(days: 15), l)
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
