import ClaimModel
import Foundation
import Testing
@testable import Extract

/// Relative and ISO weeks, and quarters without a year: anchored to the publication date, unresolved without one.
@Suite("Recognizer: weeks and bare quarters")
struct RecognizerWeeksQuartersTests {
    let recognizer = Recognizer()

    /// The only date or period mention in `text`.
    func period(_ text: String, reference: CalendarDay?) -> Mention? {
        let dates = recognizer.recognize(text, reference: reference).filter { $0.kind == .date || $0.kind == .daterange }
        #expect(dates.count == 1, "date mentions in '\(text)': \(dates.map(\.text))")
        return dates.first
    }

    func day(_ iso: String) -> CalendarDay? { CalendarDay(iso: iso) }

    @Test("relative weeks are Monday-to-Sunday weeks around the publication date", arguments: [
        // 2025-12-03 is a Wednesday; 2026-01-01 a Thursday (the week crosses the year).
        ("Exports fell last week, officials said.", "2025-12-03", "last week", "2025-11-24", "2025-11-30"),
        ("The talks resume next week.", "2025-12-03", "next week", "2025-12-08", "2025-12-14"),
        ("Prices rose this week.", "2025-12-03", "this week", "2025-12-01", "2025-12-07"),
        ("Prices rose this week.", "2026-01-01", "this week", "2025-12-29", "2026-01-04"),
        ("The rupee fell over the past two weeks.", "2025-12-03", "the past two weeks", "2025-11-19", "2025-12-02"),
        ("Orders were slow in the last three weeks.", "2025-12-03", "the last three weeks", "2025-11-12", "2025-12-02"),
    ])
    func relativeWeeks(_ c: (String, String, String, String, String)) {
        guard let m = period(c.0, reference: day(c.1)) else { return }
        #expect(m.text == c.2)
        #expect(m.value.start?.iso == c.3, "start of '\(m.text)'")
        #expect(m.value.end?.iso == c.4, "end of '\(m.text)'")
        #expect(m.value.resolution == "anchored to publication date \(c.1)")
    }

    @Test("ISO weeks, written as words or with a W, with the year before or after", arguments: [
        ("Container traffic peaked in week 49 of 2025.", "week 49 of 2025", "2025-12-01", "2025-12-07"),
        ("Spot cargoes for W49, traders said.", "W49", "2025-12-01", "2025-12-07"),
        ("Spot cargoes for W49 2025 are sold.", "W49 2025", "2025-12-01", "2025-12-07"),
        ("Steel output in 2025-W48 was flat.", "2025-W48", "2025-11-24", "2025-11-30"),
        ("Steel output in 2025W48 was flat.", "2025W48", "2025-11-24", "2025-11-30"),
        // ISO week 1 of 2026 starts in December 2025; 2020 had a week 53.
        ("Bookings for W01 of 2026 are full.", "W01 of 2026", "2025-12-29", "2026-01-04"),
        ("Sales in W53 of 2020 fell.", "W53 of 2020", "2020-12-28", "2021-01-03"),
    ])
    func isoWeeks(_ c: (String, String, String, String)) {
        guard let m = period(c.0, reference: day("2025-12-03")) else { return }
        #expect(m.text == c.1)
        #expect(m.value.start?.iso == c.2, "start of '\(m.text)'")
        #expect(m.value.end?.iso == c.3, "end of '\(m.text)'")
    }

    @Test("a W and digits that name a thing are not weeks", arguments: [
        "The W12 engine powers the sedan.", "The W3C standard was revised.", "Mercedes W124 models are rare.",
        "Call W49-1234 for the route W49A timetable.", "Gate W4 is closed.",
    ])
    func notWeeks(_ text: String) {
        let dates = recognizer.recognize(text, reference: day("2025-12-03")).filter { $0.kind == .date || $0.kind == .daterange }
        #expect(dates.isEmpty, "found \(dates.map(\.text)) in '\(text)'")
    }

    @Test("without a publication date, weeks and bare quarters stay unresolved with their known parts", arguments: [
        ("Exports fell last week.", "week offset -1"),
        ("The talks resume next week.", "week offset 1"),
        ("The rupee fell over the past two weeks.", "past 2 weeks"),
        ("Spot cargoes for W49 sold out.", "week 49"),
        ("Revenue rose in Q4.", "Q4"),
        ("Revenue rose in the fourth quarter.", "Q4"),
    ])
    func unanchored(_ c: (String, String)) {
        guard let m = period(c.0, reference: nil) else { return }
        #expect(m.value.start == nil && m.value.end == nil)
        #expect(m.value.unresolved == c.1)
    }

    @Test("with its year, an ISO week needs no anchor")
    func explicitWeek() {
        guard let m = period("Container traffic peaked in week 49 of 2025.", reference: nil) else { return }
        #expect(m.value.start?.iso == "2025-12-01" && m.value.end?.iso == "2025-12-07")
        #expect(m.value.resolution == "explicit")
    }

    @Test("a bare quarter is the reference year's, or the year before when it lies after the publication date", arguments: [
        // Published in December: Q4 is under way, so this year's.
        ("Revenue rose in Q4.", "2025-12-03", "2025-10-01", "2025-12-31"),
        // Published in June, past tense: the fourth quarter has not begun, so last year's.
        ("Revenue rose in the fourth quarter.", "2025-06-03", "2024-10-01", "2024-12-31"),
        ("The fourth-quarter profit rose 12%.", "2025-06-03", "2024-10-01", "2024-12-31"),
        // Published in June, a quarter already begun or past: this year's.
        ("Exports slowed in the second quarter.", "2025-06-03", "2025-04-01", "2025-06-30"),
        ("Exports slowed in Q1.", "2025-06-03", "2025-01-01", "2025-03-31"),
        // Future tense: the coming one.
        ("Revenue will rise in Q4.", "2025-06-03", "2025-10-01", "2025-12-31"),
        // Headlines report results in the present tense: read like the past (the news is already out).
        ("ICICI Bank Q4 results: net profit rises 18%", "2025-04-19", "2024-10-01", "2024-12-31"),
    ])
    func bareQuarters(_ c: (String, String, String, String)) {
        guard let m = period(c.0, reference: day(c.1)) else { return }
        #expect(m.value.start?.iso == c.2, "start of '\(m.text)' in '\(c.0)'")
        #expect(m.value.end?.iso == c.3, "end of '\(m.text)' in '\(c.0)'")
        #expect(m.temporal?.kind == .quarter)
    }

    @Test("a past-tense quarter never begins after the publication date", arguments: Array(1...12))
    func pastQuarterNotAfterReference(month: Int) {
        guard let reference = CalendarDay(year: 2025, month: month, day: 15) else { return }
        for q in 1...4 {
            guard let m = period("Sales fell in Q\(q), the company said.", reference: reference), let start = m.value.start else {
                Issue.record("Q\(q) not resolved for \(reference.iso)")
                continue
            }
            #expect(start <= reference, "Q\(q) read as starting \(start.iso), after \(reference.iso)")
            #expect(start.year == 2025 || start.year == 2024)
        }
    }
}
