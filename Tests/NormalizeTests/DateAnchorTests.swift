import ClaimModel
import Testing
@testable import Normalize

@Suite("DateAnchor")
struct DateAnchorTests {
    /// 2025-12-03, a Wednesday.
    let published = CalendarDay(year: 2025, month: 12, day: 3)

    func day(_ s: String) -> CalendarDay? { CalendarDay(iso: s) }

    @Test("a past-tense weekday is the one on or before the publication date")
    func pastWeekday() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .weekday, weekday: 2, tense: .past), reference: published)
        #expect(v.start == day("2025-12-02"))
        #expect(v.end == day("2025-12-02"))
        #expect(v.resolution == "anchored to publication date 2025-12-03")
        let same = DateAnchor.resolve(TemporalExpression(kind: .weekday, weekday: 3, tense: .past), reference: published)
        #expect(same.start == published)
    }

    @Test("a future-tense weekday is the one on or after the publication date")
    func futureWeekday() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .weekday, weekday: 5, tense: .future), reference: published)
        #expect(v.start == day("2025-12-05"))
    }

    @Test("a day range without a year takes the nearest year for the tense")
    func dayRange() {
        let x = TemporalExpression(kind: .calendar, start: PartialDate(month: 12, day: 4), end: PartialDate(month: 12, day: 5), tense: .future)
        let v = DateAnchor.resolve(x, reference: published)
        #expect(v.start == day("2025-12-04"))
        #expect(v.end == day("2025-12-05"))
        let explicit = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(year: 2025, month: 12, day: 4),
                                                             end: PartialDate(day: 5)), reference: nil)
        #expect(explicit.end == day("2025-12-05"))
        #expect(explicit.resolution == "explicit")
    }

    @Test("early, mid and late parts of a month", arguments: [
        (TemporalExpression.Part.early, "2025-12-01", "2025-12-15"),
        (.mid, "2025-12-10", "2025-12-20"),
        (.late, "2025-12-16", "2025-12-31"),
    ])
    func monthParts(_ part: TemporalExpression.Part, _ start: String, _ end: String) {
        let x = TemporalExpression(kind: .calendar, start: PartialDate(year: 2025, month: 12), part: part)
        let v = DateAnchor.resolve(x, reference: nil)
        #expect(v.start == day(start))
        #expect(v.end == day(end))
    }

    @Test("weeks: relative weeks run Monday to Sunday around the publication date, trailing weeks end at it")
    func weeks() {
        // 2025-12-03 is a Wednesday: its week is Monday 1 to Sunday 7 December.
        let this = DateAnchor.resolve(TemporalExpression(kind: .relativeWeek, offset: 0), reference: published)
        #expect(this.start == day("2025-12-01") && this.end == day("2025-12-07"))
        let last = DateAnchor.resolve(TemporalExpression(kind: .relativeWeek, offset: -1), reference: published)
        #expect(last.start == day("2025-11-24") && last.end == day("2025-11-30"))
        let next = DateAnchor.resolve(TemporalExpression(kind: .relativeWeek, offset: 1), reference: published)
        #expect(next.start == day("2025-12-08") && next.end == day("2025-12-14"))
        let past2 = DateAnchor.resolve(TemporalExpression(kind: .trailingWeeks, count: 2), reference: published)
        #expect(past2.start == day("2025-11-19") && past2.end == published)
        // Without a date they stay visibly unresolved with what is known.
        #expect(DateAnchor.resolve(TemporalExpression(kind: .relativeWeek, offset: -1), reference: nil).unresolved == "week offset -1")
        #expect(DateAnchor.resolve(TemporalExpression(kind: .trailingWeeks, count: 2), reference: nil).unresolved == "past 2 weeks")
    }

    @Test("ISO weeks: week 1 holds 4 January; without a year, the nearest week for the tense")
    func isoWeeks() {
        // ISO 2025-W49 is 1-7 December 2025; 2026-W01 starts on Monday 29 December 2025; 2020 has a week 53.
        let w49 = DateAnchor.resolve(TemporalExpression(kind: .isoWeek, start: PartialDate(year: 2025), count: 49), reference: nil)
        #expect(w49.start == day("2025-12-01") && w49.end == day("2025-12-07"))
        #expect(w49.resolution == "explicit")
        let w1 = DateAnchor.resolve(TemporalExpression(kind: .isoWeek, start: PartialDate(year: 2026), count: 1), reference: nil)
        #expect(w1.start == day("2025-12-29"))
        let w53 = DateAnchor.resolve(TemporalExpression(kind: .isoWeek, start: PartialDate(year: 2020), count: 53), reference: nil)
        #expect(w53.start == day("2020-12-28") && w53.end == day("2021-01-03"))
        #expect(DateAnchor.resolve(TemporalExpression(kind: .isoWeek, start: PartialDate(year: 2025), count: 53), reference: nil).start == nil)
        // A bare week 50 read in the past, on 3 December 2025, is the one of 2024; in the future, of 2025.
        let past = DateAnchor.resolve(TemporalExpression(kind: .isoWeek, count: 50, tense: .past), reference: published)
        #expect(past.start == day("2024-12-09"))
        let future = DateAnchor.resolve(TemporalExpression(kind: .isoWeek, count: 50, tense: .future), reference: published)
        #expect(future.start == day("2025-12-08"))
        #expect(DateAnchor.resolve(TemporalExpression(kind: .isoWeek, count: 50), reference: nil).unresolved == "week 50")
    }

    @Test("trailing years end at the publication date")
    func trailingYears() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .trailingYears, count: 4, tense: .past), reference: published)
        #expect(v.start == day("2021-12-03"))
        #expect(v.end == published)
    }

    @Test("'by 2030' is open at the start and ends with 2030")
    func byYear() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(year: 2030), bound: .by), reference: nil)
        #expect(v.start == nil)
        #expect(v.end == day("2030-12-31"))
        #expect(v.resolution == "explicit")
        let before = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(year: 2014), bound: .before), reference: nil)
        #expect(before.end == day("2013-12-31"))
    }

    @Test("year ranges include the named end")
    func yearRange() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(year: 2015), end: PartialDate(year: 2020)), reference: nil)
        #expect(v.start == day("2015-01-01"))
        #expect(v.end == day("2020-12-31"))
    }

    @Test("without a reference the known parts stay unresolved")
    func unresolved() {
        let x = TemporalExpression(kind: .calendar, start: PartialDate(month: 12, day: 4), end: PartialDate(month: 12, day: 5))
        let v = DateAnchor.resolve(x, reference: nil)
        #expect(v.start == nil && v.end == nil)
        #expect(v.unresolved == "--12-04/--12-05")
        #expect(v.resolution == nil)
        let w = DateAnchor.resolve(TemporalExpression(kind: .weekday, weekday: 2), reference: nil)
        #expect(w.start == nil && w.unresolved != nil)
        let vague = DateAnchor.resolve(TemporalExpression(kind: .vague), reference: published)
        #expect(vague.start == nil && vague.unresolved == "vague")
    }

    @Test("a month without a year in past tense is the latest that has begun")
    func bareMonth() {
        let v = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(month: 5), tense: .past), reference: published)
        #expect(v.start == day("2025-05-01"))
        #expect(v.end == day("2025-05-31"))
        let f = DateAnchor.resolve(TemporalExpression(kind: .calendar, start: PartialDate(month: 5), tense: .future), reference: published)
        #expect(f.start == day("2026-05-01"))
    }

    @Test("a past-tense weekday never lands after the publication date")
    func pastWeekdayProperty() {
        // Every publication day over eight years and every weekday, with and without a week offset of -1.
        var d = CalendarDay(year: 2020, month: 1, day: 1) ?? CalendarDay(dayNumber: 0)
        for _ in 0..<(8 * 365) {
            for wd in 1...7 {
                for off in [nil, -1] as [Int?] {
                    let v = DateAnchor.resolve(TemporalExpression(kind: .weekday, offset: off, weekday: wd, tense: .past), reference: d)
                    guard let s = v.start else { Issue.record("unresolved weekday \(wd) on \(d)"); return }
                    #expect(s <= d)
                    #expect(s.weekday == wd)
                    #expect(d.dayNumber - s.dayNumber < (off == nil ? 7 : 14))
                }
            }
            d = d.adding(days: 1)
        }
    }
}
