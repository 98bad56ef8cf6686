import ClaimModel
import Foundation
import Testing
@testable import Report

@Suite("human formatting of values")
struct FormattingTests {
    static func d(_ iso: String) -> CalendarDay { Fixture.day(iso) }

    @Test("money, percent, counts, multipliers, ordinals and intervals", arguments: [
        (ClaimValue.exact(63_000_000_000, .money, unit: "USD"), "$63 billion"),
        (ClaimValue.exact(Decimal(string: "68700000000") ?? 0, .money, unit: "USD"), "$68.7 billion"),
        (ClaimValue.exact(Decimal(string: "1250000000000") ?? 0, .money, unit: "INR"), "₹1.25 trillion"),
        (ClaimValue.exact(12_500, .money, unit: "USD"), "$12,500"),
        (ClaimValue.exact(5_000_000, .money, unit: "CHF"), "CHF 5 million"),
        (ClaimValue.exact(36, .percent, unit: "%"), "36%"),
        (ClaimValue.exact(Decimal(string: "2.5") ?? 0, .percent, unit: "%"), "2.5%"),
        (ClaimValue.exact(12, .count, unit: "agreements"), "12 agreements"),
        (ClaimValue.exact(5, .multiplier, unit: "x"), "5×"),
        (ClaimValue.exact(23, .ordinal), "23rd"),
        (ClaimValue.exact(1_400_000_000, .number), "1.4 billion"),
        (ClaimValue.exact(1234567, .count), "1.235 million"),
        (ClaimValue(dimension: .money, unit: "USD", min: 65_000_000_000), "≥ $65 billion"),
        (ClaimValue(dimension: .percent, unit: "%", max: 40), "≤ 40%"),
        (ClaimValue(dimension: .money, unit: "USD", min: 60_000_000_000, max: 65_000_000_000), "$60–65 billion"),
        (ClaimValue(dimension: .percent, unit: "%", min: 30, max: 36), "30–36%"),
        (ClaimValue(dimension: .money, unit: "USD", min: 900_000_000, max: 1_200_000_000), "$900 million – $1.2 billion"),
        (ClaimValue(dimension: .money, unit: "USD"), "unknown"),
    ])
    func quantities(value: ClaimValue, expected: String) {
        #expect(HumanFormat.value(value) == expected)
    }

    @Test("dates and spans of days", arguments: [
        ("2025-12-04", "2025-12-04", "4 Dec 2025"),
        ("2025-12-04", "2025-12-05", "4–5 Dec 2025"),
        ("2025-11-28", "2025-12-05", "28 Nov – 5 Dec 2025"),
        ("2024-12-28", "2025-01-05", "28 Dec 2024 – 5 Jan 2025"),
        ("2025-12-01", "2025-12-31", "Dec 2025"),
        ("2025-01-01", "2025-03-31", "Jan–Mar 2025"),
        ("2025-01-01", "2025-12-31", "2025"),
        ("2015-01-01", "2020-12-31", "2015–2020"),
    ])
    func dates(start: String, end: String, expected: String) {
        #expect(HumanFormat.value(ClaimValue(dimension: .date, start: FormattingTests.d(start), end: FormattingTests.d(end))) == expected)
    }

    @Test("unresolved and open dates")
    func unresolved() {
        #expect(HumanFormat.value(ClaimValue(dimension: .date, unresolved: "--12-04/--12-05")) == "unresolved: --12-04/--12-05")
        #expect(HumanFormat.value(ClaimValue(dimension: .date, start: FormattingTests.d("2020-01-01"))) == "from 1 Jan 2020")
        #expect(HumanFormat.period(Period(start: nil, end: FormattingTests.d("2030-12-31"))) == "until 31 Dec 2030")
        #expect(HumanFormat.period(Period(start: nil, end: nil, text: "recent years")) == "recent years")
    }

    @Test("shares, ordinal suffixes and grouping")
    func small() {
        #expect(HumanFormat.share(0.855) == "86%")
        #expect(HumanFormat.share(.nan) == "n/a")
        #expect(HumanFormat.ordinalSuffix("11") == "th")
        #expect(HumanFormat.ordinalSuffix("112") == "th")
        #expect(HumanFormat.ordinalSuffix("22") == "nd")
        #expect(HumanFormat.grouped("-1234567.25") == "-1,234,567.25")
        #expect(HumanFormat.grouped("999") == "999")
    }

    @Test("quotes are split around the value's text for highlighting")
    func highlight() throws {
        let h = try #require(ReportIndex.highlight("Trade hit $63 billion last year", value: "$63 billion"))
        #expect(h.before == "Trade hit " && h.match == "$63 billion" && h.after == " last year")
        #expect(ReportIndex.highlight("no value here", value: "$5") == nil)
        #expect(ReportIndex.highlight("anything", value: "") == nil)
    }
}
