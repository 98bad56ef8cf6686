import ClaimModel
import Pipeline
import Testing
@testable import Normalize

@Suite("Fiscal years and quarters")
struct FiscalAnchorTests {
    /// 2025-12-03.
    let published = CalendarDay(year: 2025, month: 12, day: 3)

    func day(_ s: String) -> CalendarDay? { CalendarDay(iso: s) }

    @Test("a fiscal year is named by the year it ends in, from the configured start month", arguments: [
        (4, "2024-04-01", "2025-03-31"), (1, "2025-01-01", "2025-12-31"), (10, "2024-10-01", "2025-09-30"), (7, "2024-07-01", "2025-06-30"),
    ])
    func fiscalYear(_ startMonth: Int, _ start: String, _ end: String) {
        let v = DateAnchor.resolve(TemporalExpression(kind: .fiscalYear, fiscalYear: 2025), reference: nil, fiscalYearStartMonth: startMonth)
        #expect(v.start == day(start) && v.end == day(end))
        #expect(v.resolution == "explicit")
    }

    @Test("a named end month overrides the setting; without a year the latest ended one is taken")
    func namedEnd() {
        let x = TemporalExpression(kind: .fiscalYear, tense: .past, fiscalEndMonth: 6)
        let v = DateAnchor.resolve(x, reference: published, fiscalYearStartMonth: 1)
        #expect(v.start == day("2024-07-01") && v.end == day("2025-06-30"))
        let unanchored = DateAnchor.resolve(x, reference: nil)
        #expect(unanchored.start == nil && unanchored.unresolved == "fiscal year ending --06")
    }

    @Test("relative fiscal years and fiscal quarters")
    func relative() {
        let current = DateAnchor.resolve(TemporalExpression(kind: .fiscalYear, offset: 0), reference: published)
        #expect(current.start == day("2025-04-01") && current.end == day("2026-03-31"))
        let q3 = DateAnchor.resolve(TemporalExpression(kind: .quarter, quarter: 3, fiscal: true, fiscalYear: 2026), reference: nil)
        #expect(q3.start == day("2025-10-01") && q3.end == day("2025-12-31"))
        let lastQuarter = DateAnchor.resolve(TemporalExpression(kind: .relativeQuarter, offset: -1), reference: published)
        #expect(lastQuarter.start == day("2025-07-01") && lastQuarter.end == day("2025-09-30"))
        let bareQ4 = DateAnchor.resolve(TemporalExpression(kind: .quarter, tense: .past, quarter: 4), reference: day("2025-04-19"))
        #expect(bareQ4.start == day("2024-10-01") && bareQ4.end == day("2024-12-31"))
        let calendarQ2 = DateAnchor.resolve(TemporalExpression(kind: .quarter, start: PartialDate(year: 2016), quarter: 2), reference: nil)
        #expect(calendarQ2.start == day("2016-04-01") && calendarQ2.end == day("2016-06-30"))
        #expect(DateAnchor.resolve(TemporalExpression(kind: .quarter, quarter: 2), reference: nil).unresolved == "Q2")
    }

    @Test("a past-tense fiscal quarter without a year has begun by the publication date", arguments: 1...4)
    func pastQuarterProperty(_ q: Int) {
        var d = CalendarDay(year: 2020, month: 1, day: 1) ?? CalendarDay(dayNumber: 0)
        for _ in 0..<(3 * 365) {
            for start in 1...12 {
                let v = DateAnchor.resolve(TemporalExpression(kind: .quarter, tense: .past, quarter: q, fiscal: true), reference: d,
                                           fiscalYearStartMonth: start)
                guard let s = v.start, let e = v.end else { Issue.record("unresolved Q\(q) on \(d)"); return }
                #expect(s <= d && d.dayNumber - s.dayNumber < 366 && e.dayNumber - s.dayNumber < 93)
            }
            d = d.adding(days: 1)
        }
    }

    @Test("fiscalYearStartMonth decodes with a default of April and rejects months outside 1-12")
    func option() throws {
        #expect(NormalizeOptions.defaults.fiscalYearStartMonth == 4)
        #expect(NormalizeOptions.CodingKeys.allCases.contains(.fiscalYearStartMonth))
        #expect(throws: ConfigError.self) { try NormalizeStage(options: NormalizeOptions(pastTenseByDefault: true, fiscalYearStartMonth: 13)) }
        #expect(throws: ConfigError.self) { try NormalizeStage(options: NormalizeOptions(pastTenseByDefault: true, fiscalYearStartMonth: 0)) }
        _ = try NormalizeStage(options: NormalizeOptions(pastTenseByDefault: true, fiscalYearStartMonth: 1))
    }
}
